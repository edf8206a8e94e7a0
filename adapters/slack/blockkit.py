"""Reply -> Block Kit: one block list per message, inside Slack's limits.

Slack rejects a message with more than 50 blocks (100 in a view), a section over
3,000 characters, more than 10 fields or a button label over 75. We split long text
into several sections, fields into groups of ten, and trim the tail with a "…more"
note: a reply always goes out, never an API error. Pictures are not blocks here:
the caller uploads them (see delivery) and may ask for a note where they stood.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from adapters.slack import mrkdwn, texts
from bot.messages import (
    Actions,
    Bullets,
    Button,
    Field,
    Fields,
    Heading,
    Image,
    Moment,
    Part,
    Quote,
    QuoteSource,
    Reply,
    Text,
    TextRequest,
    split_moments,
)

Block = dict[str, Any]

MESSAGE_BLOCKS = 50
VIEW_BLOCKS = 100
SECTION_CHARS = 3000
FIELD_CHARS = 2000
FIELDS_PER_SECTION = 10
HEADER_CHARS = 150
BUTTON_LABEL_CHARS = 75
BUTTON_VALUE_CHARS = 2000
BUTTONS_PER_BLOCK = 25
FALLBACK_CHARS = 3000
DATE_FORMAT = "{date_short_pretty} at {time}"
# A user group's id, as Slack writes it in `<!subteam^S…>`.
USER_GROUP_ID = re.compile(r"^S[A-Z0-9]{2,20}$")
RUN_ACTION = "studybot:run"
ASK_ACTION = "studybot:ask"
SHOWN_CHARS = 1500  # a form's context, leaving room in a button's 2,000-character value
SHARE_ACTION = "studybot:share"


@dataclass(frozen=True)
class SlackMessage:
    """What one chat.postMessage / response_url call sends, plus pictures to upload."""

    text: str
    blocks: tuple[Block, ...]
    images: tuple[Image, ...] = ()

    def payload(self) -> dict[str, Any]:
        body: dict[str, Any] = {"text": self.text}
        if self.blocks:
            body["blocks"] = list(self.blocks)
        return body


@dataclass
class _Ids:
    """Action ids must be unique within a message."""

    count: int = 0

    def next(self, prefix: str) -> str:
        self.count += 1
        return f"{prefix}:{self.count}"


@dataclass
class _Rendering:
    image_note: str | None
    ids: _Ids = field(default_factory=_Ids)
    images: list[Image] = field(default_factory=list)


def render(reply: Reply, *, max_blocks: int = MESSAGE_BLOCKS, share_id: str | None = None,
           image_note: str | None = None) -> SlackMessage:
    """Render a reply. `share_id` adds a "Share in channel" button; `image_note`, when
    given, marks where each picture stood (it is delivered separately)."""
    state = _Rendering(image_note=image_note)
    body = [block for part in reply.parts for block in _part(part, state)]
    tail = [share_block(share_id, state.ids)] if share_id else []
    call = group_call(reply)
    head = [{"type": "section", "text": md(call)}] if call else []
    blocks = head + fit(body, max_blocks - len(tail) - len(head)) + tail
    text = f"{call} {fallback_text(reply)}" if call else fallback_text(reply)
    return SlackMessage(text=text, blocks=tuple(blocks), images=tuple(state.images))


def group_call(reply: Reply) -> str:
    """The group's chosen user group as a live mention, the only one we ever write."""
    if reply.ping is None or reply.private or not USER_GROUP_ID.match(reply.ping.id):
        return ""
    return f"<!subteam^{reply.ping.id}>"


def fit(blocks: list[Block], limit: int) -> list[Block]:
    """At most `limit` blocks; when cut, the last one says so."""
    if len(blocks) <= limit:
        return blocks
    return [*blocks[: limit - 1], more_block()]


def fallback_text(reply: Reply) -> str:
    """The notification text: Slack parses it like mrkdwn, so it is escaped too."""
    text = " ".join((reply.summary or mrkdwn.unmarked(reply.plain_text())).split())
    # Slack refuses a message with neither text nor blocks; white space alone is no text.
    return mrkdwn.escape(mrkdwn.clip(text or "studybot", FALLBACK_CHARS))


def _part(part: Part, state: _Rendering) -> Iterator[Block]:
    match part:
        case Heading(text=text, from_user=user):
            yield header(text, from_user=user)
        case Text(text=text, from_user=user):
            yield from (rich_text_section(text) if user else mrkdwn_sections(text))
        case Bullets(items=items, from_user=user, numbered=numbered):
            yield from (rich_text_list(items, numbered) if user else bullet_sections(items, numbered))
        case Fields(items=items):
            yield from field_sections(items)
        case Quote(text=text, source=source, from_user=user):
            yield from quote_blocks(text, source, from_user=user)
        case Image() as image:
            state.images.append(image)
            if state.image_note is not None:
                yield context(f"🖼 {mrkdwn.escape(image.alt_text)} {mrkdwn.ours(state.image_note)}".strip())
        case Actions(buttons=buttons):
            yield from action_blocks(buttons, state.ids)


def header(text: str, *, from_user: bool = False) -> Block:
    shown = text if from_user else mrkdwn.unmarked(text)
    return {"type": "header", "text": plain(shown.strip() or "…", HEADER_CHARS)}


def plain(text: str, limit: int = SECTION_CHARS) -> dict[str, Any]:
    # Clipped after defusing: defusing a mention adds characters.
    return {"type": "plain_text", "text": mrkdwn.clip(mrkdwn.literal(text), limit) or " ", "emoji": True}


def md(text: str) -> dict[str, Any]:
    # verbatim: Slack must not auto-link names or parse mentions on its own.
    return {"type": "mrkdwn", "text": text, "verbatim": True}


def mrkdwn_sections(text: str) -> Iterator[Block]:
    for chunk in mrkdwn.split(mrkdwn.ours(text), SECTION_CHARS):
        yield {"type": "section", "text": md(chunk)}


def bullet_sections(items: tuple[str, ...], numbered: bool) -> Iterator[Block]:
    lines = [f"{f'{i}.' if numbered else '•'} {mrkdwn.ours(item)}" for i, item in enumerate(items, 1)]
    yield from (
        {"type": "section", "text": md(chunk)} for chunk in mrkdwn.split("\n".join(lines), SECTION_CHARS)
    )


def rich_text_section(text: str) -> Iterator[Block]:
    for chunk in mrkdwn.split(text, SECTION_CHARS):
        yield {"type": "rich_text", "elements": [
            {"type": "rich_text_section", "elements": _literal_elements(chunk)}]}


def rich_text_list(items: tuple[str, ...], numbered: bool) -> Iterator[Block]:
    style = "ordered" if numbered else "bullet"
    for offset, group in _groups_within(items, SECTION_CHARS):
        element: dict[str, Any] = {"type": "rich_text_list", "style": style, "elements": [
            {"type": "rich_text_section", "elements": _literal_elements(item)} for item in group]}
        if numbered and offset:
            element["offset"] = offset
        yield {"type": "rich_text", "elements": [element]}


def _literal_elements(text: str) -> list[dict[str, Any]]:
    """Text shown as typed, with each time the bot names as a date element (shown in the
    reader's zone, the group's clock as fallback)."""
    elements = [_date_element(piece) if isinstance(piece, Moment)
                else {"type": "text", "text": mrkdwn.literal(piece)}
                for piece in split_moments(text)]
    return [e for e in elements if e.get("text") != ""] or [{"type": "text", "text": " "}]


def _date_element(when: Moment) -> dict[str, Any]:
    return {"type": "date", "timestamp": when.unix, "format": DATE_FORMAT,
            "fallback": mrkdwn.literal(when.label)}


def _groups_within(items: tuple[str, ...], limit: int) -> Iterator[tuple[int, list[str]]]:
    """Consecutive items whose text adds up to at most `limit` (long items are clipped)."""
    group: list[str] = []
    size = start = 0
    for index, item in enumerate(items):
        item = mrkdwn.clip(item, limit)
        if group and size + len(item) > limit:
            yield start, group
            group, size, start = [], 0, index
        group.append(item)
        size += len(item)
    if group:
        yield start, group


def field_sections(items: tuple[Field, ...]) -> Iterator[Block]:
    for start in range(0, len(items), FIELDS_PER_SECTION):
        yield {"type": "section", "fields": [
            field_text(f) for f in items[start:start + FIELDS_PER_SECTION]]}


def field_text(item: Field) -> dict[str, Any]:
    if item.from_user:
        # The label is ours but the value is not: one plain_text keeps both literal.
        return plain(f"{mrkdwn.unmarked(item.label)}\n{item.value}", FIELD_CHARS)
    text = f"*{mrkdwn.escape(mrkdwn.unmarked(item.label))}*\n{mrkdwn.ours(item.value)}"
    return md(mrkdwn.clip(text, FIELD_CHARS))


def quote_blocks(text: str, source: QuoteSource, *, from_user: bool) -> Iterator[Block]:
    if from_user:
        for chunk in mrkdwn.split(text, SECTION_CHARS):
            yield {"type": "rich_text", "elements": [
                {"type": "rich_text_quote", "elements": _literal_elements(chunk)}]}
    else:
        quoted = "\n".join(f">{line}" for line in mrkdwn.ours(text).splitlines())
        # One character short: a chunk that starts mid-line gets its ">" back.
        for chunk in mrkdwn.split(quoted, SECTION_CHARS - 1):
            yield {"type": "section", "text": md(chunk if chunk.startswith(">") else f">{chunk}")}
    yield context(f"— {mrkdwn.escape(source.label(' · '))}")


def context(text: str) -> Block:
    return {"type": "context", "elements": [md(mrkdwn.clip(text, SECTION_CHARS))]}


def action_blocks(buttons: tuple[Button, ...], ids: _Ids) -> Iterator[Block]:
    for start in range(0, len(buttons), BUTTONS_PER_BLOCK):
        yield {"type": "actions", "elements": [
            button(b.label, b.command, ids.next(RUN_ACTION)) if b.asks is None
            else button(b.label, ask_value(b.label, b.asks), ids.next(ASK_ACTION))
            for b in buttons[start:start + BUTTONS_PER_BLOCK]]}


def ask_value(title: str, request: TextRequest) -> str:
    """What a click on a button that asks for text needs to open its form (forms.py)."""
    return json.dumps({"title": title, "prompt": request.prompt, "command": request.command,
                       "shown": request.shown[:SHOWN_CHARS]})


def button(label: str, value: str, action_id: str, *, style: str | None = None) -> dict[str, Any]:
    element: dict[str, Any] = {
        "type": "button", "action_id": action_id,
        "text": plain(mrkdwn.unmarked(label).strip() or "…", BUTTON_LABEL_CHARS),
        "value": value[:BUTTON_VALUE_CHARS],
    }
    if style:
        element["style"] = style
    return element


def share_block(share_id: str, ids: _Ids) -> Block:
    return {"type": "actions", "elements": [
        button("Share in channel", share_id, ids.next(SHARE_ACTION), style="primary")]}


def more_block() -> Block:
    return context(mrkdwn.ours(texts.answer_too_long()))
