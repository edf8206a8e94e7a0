"""Reply -> Discord messages: embeds, attachments and buttons, always within Discord's limits.

A short reply of plain text becomes an ordinary message. Anything with a heading,
fields or quotes becomes embeds: a heading starts an embed, text fills its description,
fields become embed fields. What does not fit in one message continues in the next;
past MAX_MESSAGES the rest is cut with "…more". Nothing here can make Discord answer
with a 400: every limit below is checked while the messages are built.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import discord

from adapters.discord.safe_text import MORE, safe, single_line, split_text, trim
from bot.messages import (
    Actions,
    Bullets,
    Button,
    Fields,
    Heading,
    Image,
    Quote,
    QuoteSource,
    Reply,
    Text,
)

MAX_CONTENT = 2000
MAX_TITLE = 256
MAX_DESCRIPTION = 4096
MAX_FIELD_NAME = 256
MAX_FIELD_VALUE = 1024
MAX_FIELDS = 25
MAX_EMBED_CHARS = 6000  # title + description + fields of all embeds in one message
MAX_EMBEDS = 10
MAX_FILES = 10
MAX_FILE_BYTES = 8 * 1024 * 1024  # the smallest upload limit a server can have
MAX_MESSAGES = 4  # a reply is never spread over more messages than this
# Each message keeps room for the "…more" marker, in case it turns out to be the last one,
# and for a scheduled post's footer marker (adapters/discord/markers.py).
MARKER_ROOM = 24
PACK_LIMIT = MAX_EMBED_CHARS - len(MORE) - 1 - MARKER_ROOM
COLOUR = 0x2E7D6B
INLINE_UP_TO = 40


@dataclass(frozen=True)
class Attachment:
    filename: str
    data: bytes
    description: str


@dataclass
class OutgoingMessage:
    """One Discord message. Files and views are made at send time: a discord.File is single-use."""

    content: str = ""
    embeds: list[discord.Embed] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    buttons: list[Button] = field(default_factory=list)
    # Button commands too long for a custom_id -> their stored reference (long_buttons.py).
    button_refs: dict[str, str] = field(default_factory=dict)
    # The group's chosen role (a facilitator's `group ping`): mentioned at the very start,
    # and the only mention the message is allowed to make (see sending.allowed_mentions).
    ping_role: int | None = None

    def wire_content(self) -> str:
        mention = f"<@&{self.ping_role}>" if self.ping_role is not None else ""
        return "\n".join(text for text in (mention, self.content) if text)


@dataclass
class _Section:
    title: str | None = None
    blocks: list[str] = field(default_factory=list)
    fields: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class _Parts:
    sections: list[_Section] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    buttons: list[Button] = field(default_factory=list)


def render(reply: Reply) -> list[OutgoingMessage]:
    parts = _collect(reply)
    role = _ping_role(reply)
    room = 0 if role is None else len(f"<@&{role}>\n")
    messages = _as_plain(parts, MAX_CONTENT - room) or _as_embeds(parts)
    messages[0].ping_role = role
    last = messages[-1]
    last.attachments = parts.attachments[:MAX_FILES]
    last.buttons = parts.buttons
    if not last.content.strip() and not last.embeds and not last.attachments:
        # Trimmed after defusing: each defused mention is a character longer.
        last.content = trim(safe(single_line(reply.summary) or "Done.", from_user=False), MAX_CONTENT)
    return messages


def _ping_role(reply: Reply) -> int | None:
    # A role id is a snowflake; anything else was never a Discord role.
    if reply.ping is None or reply.private or not reply.ping.id.isdigit():
        return None
    return int(reply.ping.id)


# ---- Reply parts -> sections ---------------------------------------------------------


def _collect(reply: Reply) -> _Parts:
    parts = _Parts()
    for part in reply.parts:
        match part:
            case Heading(text=text, from_user=user) if single_line(text):
                parts.sections.append(_Section(title=safe(single_line(text), from_user=user,
                                                          stamps=False)))
            case Text(text=text, from_user=user) if text.strip():
                _blocks(parts).append(safe(text, from_user=user))
            case Bullets(items=items, from_user=user, numbered=numbered) if items:
                _blocks(parts).append(_bullets(items, user, numbered))
            case Quote(text=text, source=source, from_user=user):
                _blocks(parts).append(_quote(text, source, user))
            case Fields(items=items):
                _current(parts).fields.extend(
                    (safe(single_line(f.label), from_user=f.from_user, stamps=False),
                     safe(f.value, from_user=f.from_user)) for f in items)
            case Image() as image:
                _attach(parts, image)
            case Actions(buttons=buttons):
                parts.buttons.extend(buttons)
    return parts


def _current(parts: _Parts) -> _Section:
    if not parts.sections:
        parts.sections.append(_Section())
    return parts.sections[-1]


def _blocks(parts: _Parts) -> list[str]:
    section = _current(parts)
    if section.fields:  # keep the order: text after fields goes below them
        section = _Section()
        parts.sections.append(section)
    return section.blocks


def _bullets(items: tuple[str, ...], from_user: bool, numbered: bool) -> str:
    marks = (f"{i}." if numbered else "•" for i in range(1, len(items) + 1))
    return "\n".join(f"{mark} {safe(item, from_user=from_user)}"
                     for mark, item in zip(marks, items, strict=True))


def _quote(text: str, source: QuoteSource, from_user: bool) -> str:
    lines = safe(text, from_user=from_user).splitlines() or [""]
    quoted = "\n".join(f"> {line}" for line in lines)
    return f"{quoted}\n— _{safe(source.label(), from_user=True)}_"


def _attach(parts: _Parts, image: Image) -> None:
    if len(image.png) > MAX_FILE_BYTES or len(parts.attachments) >= MAX_FILES:
        size = len(image.png) / 1024 / 1024
        _blocks(parts).append(f"_The picture {safe(image.filename, from_user=True)} ({size:.1f} MB) "
                              "is too large to attach here._")
        return
    parts.attachments.append(Attachment(filename=_filename(image.filename),
                                        data=image.png,
                                        description=trim(safe(image.alt_text, from_user=False), 1024)))


def _filename(name: str) -> str:
    cleaned = "".join(c if c.isalnum() or c in "-_." else "-" for c in name).strip(".-")
    cleaned = cleaned[:80] or "image"
    return cleaned if cleaned.lower().endswith(".png") else cleaned + ".png"


# ---- sections -> messages ------------------------------------------------------------


def _as_plain(parts: _Parts, limit: int) -> list[OutgoingMessage] | None:
    """A reply of text only that fits one message reads best as an ordinary message."""
    if any(s.title is not None or s.fields for s in parts.sections):
        return None
    text = "\n\n".join(block for s in parts.sections for block in s.blocks)
    if len(text) > limit:
        return None
    return [OutgoingMessage(content=text)]


def _as_embeds(parts: _Parts) -> list[OutgoingMessage]:
    embeds = [embed for section in parts.sections for embed in _section_embeds(section)
              if embed.title or embed.description or embed.fields]
    groups = list(_pack(embeds))
    if len(groups) > MAX_MESSAGES:
        groups = groups[:MAX_MESSAGES]
        _mark_more(groups[-1])
    return [OutgoingMessage(embeds=group) for group in groups] or [OutgoingMessage()]


def _section_embeds(section: _Section) -> list[discord.Embed]:
    descriptions = split_text("\n\n".join(section.blocks), MAX_DESCRIPTION) or [""]
    embeds = [discord.Embed(colour=COLOUR, description=text or None) for text in descriptions]
    if section.title:
        embeds[0].title = trim(section.title, MAX_TITLE)
    current = embeds[-1]
    for name, value in _field_pieces(section.fields):
        if len(current.fields) >= MAX_FIELDS or len(current) + len(name) + len(value) > PACK_LIMIT:
            current = discord.Embed(colour=COLOUR)
            embeds.append(current)
        inline = len(name) <= INLINE_UP_TO and len(value) <= INLINE_UP_TO
        current.add_field(name=name, value=value, inline=inline)
    return embeds


def _field_pieces(fields: list[tuple[str, str]]) -> Iterator[tuple[str, str]]:
    """Each field within the limits; a long value continues in fields of its own."""
    for label, value in fields:
        name = trim(label, MAX_FIELD_NAME) or "\u200b"
        pieces = split_text(value, MAX_FIELD_VALUE) or ["\u200b"]
        yield name, pieces[0]
        for piece in pieces[1:]:
            yield trim(f"{label} (continued)", MAX_FIELD_NAME), piece


def _pack(embeds: list[discord.Embed]) -> Iterator[list[discord.Embed]]:
    group: list[discord.Embed] = []
    size = 0
    for embed in embeds:
        if group and (len(group) >= MAX_EMBEDS or size + len(embed) > PACK_LIMIT):
            yield group
            group, size = [], 0
        group.append(embed)
        size += len(embed)
    if group:
        yield group


def _mark_more(group: list[discord.Embed]) -> None:
    """Say the reply goes on; packing left room for the marker in the message's total."""
    last = group[-1]
    description = last.description or ""
    ending = f"\n{MORE}" if description else MORE
    keep = MAX_DESCRIPTION - len(ending)
    last.description = description[:keep].rstrip() + ending
