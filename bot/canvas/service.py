"""A Business Model Canvas that a learner or a study group keeps and grows.

Entries are numbered from 1 within each block, in the order they were added; the
numbers people see are always counted afresh, so removing #2 makes #3 the new #2.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from bot.canvas import limits
from bot.canvas.limits import LIMITS, CanvasLimits
from bot.canvas.store import Actor, CanvasOwner, CanvasRepository, Change, Entry, OwnerKind
from bot.command import UsageError
from bot.course.models import CanvasBlock

HISTORY_LENGTH = 15


@dataclass(frozen=True)
class CanvasView:
    """A canvas as it is now: its entries by block, in the pack's block order."""

    owner: CanvasOwner
    blocks: tuple[CanvasBlock, ...]
    entries: tuple[Entry, ...]

    def of(self, block_id: str) -> tuple[Entry, ...]:
        return tuple(e for e in self.entries if e.block_id == block_id)

    def entry(self, block: CanvasBlock, number: int) -> Entry:
        entries = self.of(block.id)
        if not 1 <= number <= len(entries):
            raise UsageError(no_such_entry(block.name, number, len(entries)))
        return entries[number - 1]

    def filled(self) -> set[str]:
        return {e.block_id for e in self.entries}

    @property
    def total_chars(self) -> int:
        return sum(len(e.text) for e in self.entries)

    @property
    def is_empty(self) -> bool:
        return not self.entries


class CanvasService:
    def __init__(self, repository: CanvasRepository, blocks: Sequence[CanvasBlock],
                 canvas_limits: CanvasLimits = LIMITS) -> None:
        self.repository = repository
        self.blocks = tuple(blocks)
        self.limits = canvas_limits

    async def view(self, owner: CanvasOwner) -> CanvasView:
        return CanvasView(owner, self.blocks, tuple(await self.repository.entries(owner)))

    async def add(self, owner: CanvasOwner, block: CanvasBlock, text: str, actor: Actor,
                  now: datetime, *, action: str = "add") -> int:
        """Add an entry; returns its number within the block."""
        text = clean_entry(text)
        self._check_fits(await self.view(owner), block, text, replacing=None)  # fail fast
        before: list[CanvasView] = []

        def fits(entries: list[Entry]) -> None:  # again, as the change holds the canvas
            before.append(CanvasView(owner, self.blocks, tuple(entries)))
            self._check_fits(before[-1], block, text, replacing=None)

        await self.repository.add(owner, block.id, text, actor, now, action=action, check=fits)
        return len(before[-1].of(block.id)) + 1

    async def edit(self, owner: CanvasOwner, block: CanvasBlock, number: int, text: str,
                   actor: Actor, now: datetime) -> Entry:
        """Replace entry `number`'s text; returns the entry as it was."""
        text = clean_entry(text)
        view = await self.view(owner)
        entry = view.entry(block, number)
        _check_may_change(owner, entry, actor)
        self._check_fits(view, block, text, replacing=entry)

        def fits(entries: list[Entry]) -> None:  # again, as the change holds the canvas
            current = next((e for e in entries if e.entry_no == entry.entry_no), entry)
            self._check_fits(CanvasView(owner, self.blocks, tuple(entries)), block, text, current)

        await self.repository.edit(owner, entry.entry_no, text, actor, now, check=fits)
        return entry

    async def remove(self, owner: CanvasOwner, block: CanvasBlock, number: int, actor: Actor,
                     now: datetime) -> Entry:
        view = await self.view(owner)
        entry = view.entry(block, number)
        _check_may_change(owner, entry, actor)
        await self.repository.remove(owner, entry.entry_no, actor, now)
        return entry

    async def clear(self, owner: CanvasOwner, actor: Actor, now: datetime) -> int:
        return await self.repository.clear(owner, actor, now)

    async def copy(self, source: CanvasOwner, block: CanvasBlock, number: int,
                   target: CanvasOwner, actor: Actor, now: datetime) -> Entry:
        """Copy one entry to another canvas (own <-> group); the source keeps it."""
        entry = (await self.view(source)).entry(block, number)
        await self.add(target, block, entry.text, actor, now, action="copy")
        return entry

    async def history(self, owner: CanvasOwner, limit: int = HISTORY_LENGTH) -> list[Change]:
        return await self.repository.history(owner, limit)

    def _check_fits(self, view: CanvasView, block: CanvasBlock, text: str,
                    replacing: Entry | None) -> None:
        if len(text) > self.limits.entry_chars:
            raise limits.entry_too_long(self.limits.entry_chars, len(text))
        if replacing is None and len(view.of(block.id)) >= self.limits.entries_per_block:
            raise limits.block_full(block.name, self.limits.entries_per_block)
        freed = len(replacing.text) if replacing else 0
        if view.total_chars - freed + len(text) > self.limits.total_chars:
            raise limits.canvas_full(self.limits.total_chars, view.total_chars)


def clean_entry(text: str) -> str:
    text = " ".join(text.split())
    if not text:
        raise UsageError("That entry is empty. Write what to add after the block: "
                         "`canvas add <block> <your idea>`.")
    return text


def _check_may_change(owner: CanvasOwner, entry: Entry, actor: Actor) -> None:
    """On a group canvas, only the entry's author or a facilitator may change it."""
    if owner.kind is OwnerKind.GROUP and entry.author_id != actor.id and not actor.facilitator:
        raise UsageError(f"{entry.author_name} added that entry, so only they or a facilitator "
                         "can change it. You can add your own version with `canvas group add`.")


def no_such_entry(block_name: str, number: int, count: int) -> str:
    if count == 0:
        return f"{block_name} has no entries yet, so there is no #{number}."
    return (f"{block_name} has {count} {'entry' if count == 1 else 'entries'}; "
            f"pick a number from 1 to {count}.")
