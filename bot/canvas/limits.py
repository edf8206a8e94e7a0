"""How much a canvas and the ideas template may hold, and how we say no kindly.

Every limit lives here, with a name, so the refusal always states the real number.
A refusal never touches what is already saved.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.command import UsageError


@dataclass(frozen=True)
class CanvasLimits:
    entry_chars: int = 500
    entries_per_block: int = 20
    total_chars: int = 30_000
    note_chars: int = 1_000
    notes: int = 300


LIMITS = CanvasLimits()


class LimitReached(UsageError):
    """A change that would go past a limit; the message says which and what to do."""


def entry_too_long(limit: int, length: int) -> LimitReached:
    return LimitReached(
        f"That entry is {length:,} characters; a canvas entry can be up to {limit:,}. "
        "Could you shorten it, or split it into two entries? Nothing was changed.")


def block_full(block_name: str, limit: int) -> LimitReached:
    return LimitReached(
        f"{block_name} already has {limit} entries, the most a block can hold. "
        f"Merge or remove one (`canvas remove <block> <n>`) to make room. Nothing was changed.")


def canvas_full(limit: int, used: int) -> LimitReached:
    return LimitReached(
        f"This canvas holds {used:,} characters and can hold up to {limit:,} in all, so that "
        "won't fit. Tighten a few entries to make room. Nothing was changed.")


def note_too_long(limit: int, length: int) -> LimitReached:
    return LimitReached(
        f"That note is {length:,} characters; a note can be up to {limit:,}. "
        "Could you split it into two notes? Nothing was saved.")


def notes_full(limit: int) -> LimitReached:
    return LimitReached(
        f"You have {limit} notes, the most your ideas notebook keeps. Remove a few you no "
        "longer need (`ideas remove <n>`) to make room. Your notes are all still there.")
