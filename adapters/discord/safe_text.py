"""Text that is safe to send on Discord: no live mentions, and user text shown as typed.

Every message also carries allowed_mentions={"parse": []}, so nothing pings even if a
mention slipped through; defusing the text as well keeps mentions from *looking* live.
"""

from __future__ import annotations

import re

import discord

from bot.messages import Moment, labels_only, show_moments, show_people

ZERO_WIDTH_SPACE = "\u200b"
MORE = "…more"
# @everyone and @here (any case); <@user>, <@!user>, <@&role>, <#channel>, </command:id>.
BROADCAST = re.compile(r"@(?=everyone|here)", re.IGNORECASE)
ANGLE_MENTION = re.compile(r"<(?=[@#/])")


def defuse_mentions(text: str) -> str:
    """Break every mention form with a zero-width space; the text reads the same. Times
    show on the group's clock: this is for places without timestamps (labels, names)."""
    return _defuse(labels_only(text))


def _defuse(text: str) -> str:
    text = BROADCAST.sub("@" + ZERO_WIDTH_SPACE, text)
    return ANGLE_MENTION.sub("<" + ZERO_WIDTH_SPACE, text)


def escape_user_text(text: str) -> str:
    """Text a user wrote, shown literally: no Markdown, no masked links, no mentions."""
    return defuse_mentions(discord.utils.escape_markdown(text))


def safe(text: str, *, from_user: bool, stamps: bool = True) -> str:
    """Text for a message's content, embed descriptions and fields, where each time the
    bot names is a Discord timestamp (every reader sees it in their own zone); with
    `stamps` off (embed titles show no timestamps), the group's clock instead."""
    if not stamps:
        return escape_user_text(text) if from_user else defuse_mentions(text)
    shown = _defuse(discord.utils.escape_markdown(text) if from_user else text)
    return show_moments(show_people(shown, mention_of_person), timestamp)


def mention_of_person(user_id: str) -> str:
    """Discord shows `<@id>` as the person's name; with allowed_mentions none it pings nobody."""
    return f"<@{user_id}>" if user_id.isdigit() else user_id


def timestamp(when: Moment) -> str:
    full = f"<t:{when.unix}:F>"
    return f"{full} (<t:{when.unix}:R>)" if when.countdown else full


def single_line(text: str) -> str:
    return " ".join(text.split())


def trim(text: str, limit: int) -> str:
    """`text` if it fits, else its start and "…more", within `limit` characters."""
    if len(text) <= limit:
        return text
    keep = limit - len(MORE) - 1
    if keep <= 0:
        return MORE[:limit]
    return text[:keep].rstrip() + " " + MORE


def split_text(text: str, limit: int) -> list[str]:
    """Pieces of at most `limit` characters, cut at paragraphs, lines or words if possible."""
    pieces: list[str] = []
    text = text.strip()
    while len(text) > limit:
        cut = _cut_point(text, limit)
        pieces.append(text[:cut].rstrip())
        text = text[cut:].lstrip()
    if text:
        pieces.append(text)
    return pieces


def _cut_point(text: str, limit: int) -> int:
    window = text[: limit + 1]
    for separator in ("\n\n", "\n", " "):
        at = window.rfind(separator, 0, limit)
        if at > limit // 2:
            return at
    return limit
