"""What Discord would render as a live mention, found in everything a message shows."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

# @everyone / @here (checked in any case, to be strict), <@user>, <@!user>, <@&role>,
# <#channel> and </command:id>: the forms Discord turns into mentions or links.
LIVE_MENTION = re.compile(r"@(?:everyone|here)|<@[!&]?\d+>|<#\d+>|</[^<>\s]+:\d+>", re.IGNORECASE)


def shown_texts(message: dict[str, Any]) -> Iterator[str]:
    yield message.get("content") or ""
    for embed in message.get("embeds") or []:
        yield embed.get("title") or ""
        yield embed.get("description") or ""
        yield (embed.get("footer") or {}).get("text") or ""
        yield (embed.get("author") or {}).get("name") or ""
        for field in embed.get("fields") or []:
            yield field["name"]
            yield field["value"]
    for row in message.get("components") or []:
        for component in row.get("components") or []:
            yield component.get("label") or ""
    for attachment in message.get("attachments") or []:
        yield attachment.get("description") or ""


def live_mentions(message: dict[str, Any]) -> list[str]:
    return [found for text in shown_texts(message) for found in LIVE_MENTION.findall(text)]
