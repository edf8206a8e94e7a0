"""People and channels by name, never by a raw id and never pinged.

The core names people by their platform id ("U02ABCDEF12 is now a facilitator"), and
text from learners may hold a mention (`<@U02ABCDEF12>`). On Slack both become the
person's name as plain text ("@Grace"): readable, and it notifies no one, where a
live `<@U…>` would ping them. Names come from users.info (cached by SlackPeople); an
id Slack does not know is left as it is. Channels the same way: "#C0123ABCD" or
`<#C0123ABCD>` becomes "#study-cafe", the name Slack shows for that link.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import replace

from bot.messages import Bullets, Field, Fields, Heading, Part, Quote, Reply, Text

# A mention, or a bare Slack user id: U or W and 8 to 11 upper-case letters and digits,
# at least one a digit (so words like "UNDERSTAND" are not taken for ids).
MENTION = re.compile(r"<@([UW][A-Z0-9]{2,})(?:\|[^<>]*)?>|\b([UW](?=[A-Z]*\d)[A-Z0-9]{8,11})\b")
# A channel link, or a bare channel id after "#" (the same shape rule as people's ids).
CHANNEL = re.compile(r"<#([CG][A-Z0-9]{2,})(?:\|[^<>]*)?>|(?<![\w<])#([CG](?=[A-Z]*\d)[A-Z0-9]{8,11})\b")
NameOf = Callable[[str], Awaitable[str]]


def ids_in(reply: Reply, pattern: re.Pattern[str] = MENTION) -> set[str]:
    return {m.group(1) or m.group(2) for text in _texts(reply.parts) for m in pattern.finditer(text)}


async def with_names(reply: Reply, name_of: NameOf) -> Reply:
    """`reply` with every known person's id or mention shown as "@Name"."""
    return await _named(reply, name_of, MENTION, "@")


async def with_channel_names(reply: Reply, name_of: NameOf) -> Reply:
    """`reply` with every known channel's id or link shown as "#name"."""
    return await _named(reply, name_of, CHANNEL, "#")


async def _named(reply: Reply, name_of: NameOf, pattern: re.Pattern[str], sign: str) -> Reply:
    names = {found: name for found in sorted(ids_in(reply, pattern))
             if (name := await name_of(found)) and name != found}
    if not names:
        return reply

    def named(text: str) -> str:
        return pattern.sub(lambda m: f"{sign}{names[i]}" if (i := m.group(1) or m.group(2)) in names
                           else m.group(0), text)

    return replace(reply, parts=tuple(_each_text(part, named) for part in reply.parts),
                   summary=named(reply.summary))


def _texts(parts: Iterable[Part]) -> Iterable[str]:
    for part in parts:
        match part:
            case Heading(text=text) | Text(text=text) | Quote(text=text):
                yield text
            case Bullets(items=items):
                yield from items
            case Fields(items=items):
                for item in items:
                    yield from (item.label, item.value)


def _each_text(part: Part, named: Callable[[str], str]) -> Part:
    match part:
        case Heading() | Text() | Quote():
            return replace(part, text=named(part.text))
        case Bullets(items=items):
            return replace(part, items=tuple(named(i) for i in items))
        case Fields(items=items):
            return replace(part, items=tuple(Field(named(f.label), named(f.value), f.from_user)
                                             for f in items))
    return part
