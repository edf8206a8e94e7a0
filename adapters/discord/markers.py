"""Finding a scheduled post that already reached Discord, after the nonce window.

Discord drops a repeated nonce only for a few minutes, while the outbox retries a post
whose outcome it never learnt (a crash, a timeout) after its 5-minute lease, and later
attempts wait 10 and 30 minutes. So each message of a scheduled post carries a marker
in its embed footer ("ref" and the start of its nonce), and before posting, the poster
reads the channel's latest messages for markers: those found are not posted again.
This holds as long as the earlier attempt is among the channel's last 100 messages.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

import discord

from adapters.discord.embeds import COLOUR, OutgoingMessage

HISTORY_LIMIT = 100  # the most one request returns
MARKER_CHARS = 12
MARKER = re.compile(rf"\bref ([0-9a-f]{{{MARKER_CHARS}}})\b")


def marker_of(nonce: str) -> str:
    return nonce[:MARKER_CHARS]


def mark(message: OutgoingMessage, nonce: str) -> None:
    """Sign the message in its last embed's footer; plain text becomes an embed to carry it."""
    if not message.embeds:
        message.embeds = [discord.Embed(colour=COLOUR, description=message.content or None)]
        message.content = ""
    message.embeds[-1].set_footer(text=f"ref {marker_of(nonce)}")


def markers_in(history: Sequence[Mapping[str, Any]], author_id: int) -> dict[str, str]:
    """Marker -> message id, for our own messages among `history` (Discord's JSON)."""
    found: dict[str, str] = {}
    for message in history:
        if str((message.get("author") or {}).get("id")) != str(author_id):
            continue
        for embed in message.get("embeds") or []:
            match = MARKER.search((embed.get("footer") or {}).get("text") or "")
            if match:
                found.setdefault(match[1], str(message["id"]))
    return found
