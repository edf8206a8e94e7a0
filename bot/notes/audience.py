"""Telling each asker once that a facilitator answered their question, through the outbox.

Answering writes a schedule row of kind `note` with one occurrence (now), anchored on the
facilitator's group. The outbox claims one delivery row per asker (target = their user id)
before anything is sent, so a restart or a second replica never sends a second message;
this module only says who the askers are, what they are told and where, at send time: by
DM, or, for a question asked as a message in a channel, as a reply to that message.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime, timedelta

from bot.lookup.misses import asked, askers
from bot.messages import ChannelRef, Incoming, Reply
from bot.notes import replies as say
from bot.notes.store import CourseNote, NotesOff, note_by_id
from bot.schedule.outbox import Addressed, Skip
from bot.schedule.planner import with_next_due
from bot.schedule.schedules import Kind, Schedule, ScheduleRepository, Status
from bot.schedule.triggers import Once
from bot.store.db import Database
from bot.store.groups import GroupRepository, StudyGroup

# Note DM rows are numbered below every other row of a group's channel (sessions take -1,
# -2, ...), so a group's numbers never collide.
NOTE_NUMBERS = 1_000_000
NOTE_SOURCE = "note"


def telling_row(note_id: str, number: int, group: StudyGroup, now: datetime) -> Schedule:
    """The one occurrence that tells the note's askers, due now."""
    row = Schedule(tenant=group.tenant, id=note_id, channel_id=group.channel_id,
                   number=-(NOTE_NUMBERS + number), kind=Kind.NOTE, status=Status.ACTIVE,
                   trigger=Once(now), text="", source=NOTE_SOURCE,
                   watermark=now - timedelta(microseconds=1), next_due_at=None)
    return with_next_due(row, group)


class NoteAudience:
    """The outbox's Audience for course notes: whose question a note answered."""

    def __init__(self, db: Database, off: NotesOff) -> None:
        self.db = db
        self.off = off

    async def targets(self, due: Sequence[tuple[Schedule, StudyGroup]]) -> dict[str, tuple[str, ...]]:
        found: dict[str, tuple[str, ...]] = {}
        for schedule, _ in due:
            if schedule.kind is Kind.NOTE:
                found[schedule.id] = tuple(await askers(self.db, schedule.tenant, schedule.id))
        return found

    async def compose(self, schedule: Schedule, group: StudyGroup, occurrence: datetime,
                      person: str) -> Reply | Addressed | Skip:
        note = await note_by_id(self.db, schedule.tenant, schedule.id)
        if note is None:
            return Skip("the note was removed before it was sent")
        question = await asked(self.db, schedule.tenant, schedule.id, person)
        if question is None:
            return Skip("their question is no longer kept")
        if await self.off.is_off(schedule.tenant, person):
            return Skip("they turned these messages off (`notes off`)")
        if question.message_id is None:
            return say.answered_dm(note, question)
        # Asked as a message in a channel: answered there, as a reply in its thread.
        where = ChannelRef(schedule.tenant, question.channel_id, thread=question.thread,
                           reply_to=question.message_id)
        return Addressed(say.answered_in_thread(note, question), where)


# Called with rows just added, so the scheduler posts them now rather than at its next sweep.
Changed = Callable[[Sequence[tuple[Schedule, StudyGroup]]], Awaitable[None]]


async def _nothing_changed(changed: Sequence[tuple[Schedule, StudyGroup]]) -> None:
    return None


class Telling:
    """Writes a note's telling row, anchored on the facilitator's group: the group whose
    channel they answered in, else the group they belong to."""

    def __init__(self, groups: GroupRepository, schedules: ScheduleRepository,
                 changed: Changed = _nothing_changed) -> None:
        self.groups = groups
        self.schedules = schedules
        self.changed = changed

    async def tell(self, message: Incoming, note: CourseNote, now: datetime) -> bool:
        tenant = message.user.tenant
        group = None if message.channel.is_direct else await self.groups.get(tenant, message.channel.id)
        if group is None:
            own = await self.groups.membership(tenant, message.user.id)
            group = await self.groups.get(tenant, own) if own else None
        if group is None:
            return False
        row = await self.schedules.add(telling_row(note.id, note.number, group, now), message.user.id, now)
        await self.changed([(row, group)])
        return True
