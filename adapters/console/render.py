"""Reply -> terminal text. Plain, readable, and safe to paste anywhere."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable
from pathlib import Path

from bot.messages import (
    Actions,
    Bullets,
    Fields,
    Heading,
    Image,
    Part,
    Quote,
    Reply,
    Text,
    labels_only,
)

WIDTH = 88
BOLD_OR_ITALIC = re.compile(r"\*\*(.+?)\*\*|(?<!\w)_(.+?)_(?!\w)")
# Control characters other than newline and tab could rewrite the terminal; that
# includes the C1 set (\x9b is a one-byte escape sequence start on some terminals).
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


PictureSaver = Callable[[Image], Path]
CODE_SPAN = re.compile(r"`[^`\n]+`")
# Stands for a space inside a code span while filling (a private-use character).
UNBROKEN_SPACE = "\ue000"


def render(reply: Reply, save_picture: PictureSaver | None = None) -> str:
    """Terminal text for a reply; pictures are saved to files when a saver is given."""
    # The group's chosen mention, as text: a terminal pings no one.
    blocks = [reply.ping.label or f"@{reply.ping.id}"] if reply.ping else []
    for part in reply.parts:
        if isinstance(part, Image) and save_picture is not None:
            blocks.append(f"[picture saved to {save_picture(part)}] {_clean(part.alt_text, False)}")
        elif block := _part(part):
            blocks.append(block)
    # Labels, alt texts and sources are not cleaned part by part: clean the whole.
    # Times are shown on the group's clock, with its zone's abbreviation.
    return labels_only(CONTROL.sub("", "\n".join(blocks)))


def _clean(text: str, from_user: bool) -> str:
    # Times on the group's clock before wrapping, so a line is measured as it reads.
    text = labels_only(CONTROL.sub("", text))
    if from_user:
        return text
    return BOLD_OR_ITALIC.sub(lambda m: m.group(1) or m.group(2), text)


def _wrap(text: str, indent: str = "", first: str | None = None) -> str:
    """Fill to WIDTH, never inside a `code span` nor at a hyphen or inside a long word, so
    a command or a file path copied from the terminal is whole."""
    lines = []
    for paragraph in text.splitlines() or [""]:
        kept = CODE_SPAN.sub(lambda m: m.group(0).replace(" ", UNBROKEN_SPACE), paragraph)
        filled = textwrap.fill(kept, WIDTH, initial_indent=first or indent, subsequent_indent=indent,
                               break_on_hyphens=False, break_long_words=False)
        lines.append(filled.replace(UNBROKEN_SPACE, " ") or (first or indent).rstrip())
        first = None
    return "\n".join(lines)


def _part(part: Part) -> str:
    match part:
        case Heading(text=text, from_user=user):
            title = _clean(text, user)
            return f"\n{title}\n{'=' * min(len(title), WIDTH)}"
        case Text(text=text, from_user=user):
            return _wrap(_clean(text, user))
        case Bullets(items=items, from_user=user, numbered=numbered):
            return "\n".join(
                _wrap(_clean(item, user), "     ", f"  {i}. " if numbered else "   • ")
                for i, item in enumerate(items, 1))
        case Fields(items=items):
            return "\n".join(_wrap(f"{_clean(f.label, False)}: {_clean(f.value, f.from_user)}")
                             for f in items)
        case Quote(text=text, source=source, from_user=user):
            return _wrap(_clean(text, user), "  │ ") + "\n  └ " + source.label()
        case Image(alt_text=alt, filename=name):
            return f"[picture: {name}] {alt}"
        case Actions(buttons=buttons):
            return "→ " + "   ".join(f"[{b.label}: type `{b.command}`]" for b in buttons)
    return ""
