"""The project ideas template: a learner's notes, week by week, and promoting one to the canvas."""

from __future__ import annotations

from datetime import datetime

from bot.canvas import limits
from bot.canvas.limits import LIMITS, CanvasLimits
from bot.canvas.service import CanvasService
from bot.canvas.store import Actor, CanvasOwner
from bot.command import UsageError
from bot.course.models import CanvasBlock, Course, IdeasSection
from bot.ideas.store import IdeasRepository, Note
from bot.messages import UserRef


class IdeasService:
    def __init__(self, course: Course, repository: IdeasRepository, canvas: CanvasService,
                 canvas_limits: CanvasLimits = LIMITS) -> None:
        self.course = course
        self.repository = repository
        self.canvas = canvas
        self.limits = canvas_limits

    def section(self, week: int) -> IdeasSection | None:
        return next((s for s in self.course.ideas if s.week == week), None)

    async def add(self, user: UserRef, week: int, text: str, now: datetime) -> Note:
        text = " ".join(text.split())
        if not text:
            raise UsageError("Write the note after the word, e.g. `ideas add flooding on "
                             "Mill Road worries the residents' association`.")
        if len(text) > self.limits.note_chars:
            raise limits.note_too_long(self.limits.note_chars, len(text))
        note = await self.repository.add(user, week, text, now, most=self.limits.notes)
        if note is None:
            raise limits.notes_full(self.limits.notes)
        return note

    async def notes(self, user: UserRef, week: int | None = None) -> list[Note]:
        return await self.repository.notes(user, week)

    async def remove(self, user: UserRef, number: int) -> Note:
        note = await self.repository.remove(user, number)
        if note is None:
            raise UsageError(no_such_note(number))
        return note

    async def promote(self, user: UserRef, number: int, block: CanvasBlock,
                      now: datetime) -> tuple[Note, int]:
        """Add note `number` to the learner's own canvas; returns it and its entry number."""
        note = await self.repository.get(user, number)
        if note is None:
            raise UsageError(no_such_note(number))
        entry_number = await self.canvas.add(CanvasOwner.learner(user, self.course.id), block, note.text,
                                             Actor.of(user), now, action="promote")
        await self.repository.mark_promoted(user, number, block.id)
        return note, entry_number


def no_such_note(number: int) -> str:
    return f"You have no note #{number}. Type `ideas` to see your notes and their numbers."
