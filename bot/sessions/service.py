"""Live study sessions: scheduling them, RSVPs, and a DM reminder to those coming.

Each session has a schedule row of kind SESSION (same id as the session) whose one
occurrence is the reminder time, `lead` minutes before the start. The outbox fans that
occurrence out to everyone who said going or maybe (`SessionAudience.targets`), one
delivery row per person, so the usual claim makes each DM happen once across restarts
and replicas. Cancelling moves the row's occurrence to the moment of cancelling, and the
same fan-out tells those people it is off.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from bot.groups.store import GroupSettings, GroupSettingsRepository
from bot.messages import Fields, Heading, Reply, Text
from bot.schedule.outbox import Outbox, PassReport, Skip
from bot.schedule.planner import with_next_due
from bot.schedule.schedules import Kind, Schedule, ScheduleRepository, Status
from bot.schedule.triggers import Once
from bot.sessions.cards import session_fields
from bot.sessions.store import COMING, Answer, Rsvp, SessionRepository, StudySession, new_session
from bot.store.groups import StudyGroup

ScheduleListener = Callable[[Sequence[tuple[Schedule, StudyGroup]]], Awaitable[None]]
SESSION_SOURCE = "session"


async def _no_listener(changed: Sequence[tuple[Schedule, StudyGroup]]) -> None:
    return None


@dataclass(frozen=True)
class SessionPlan:
    """One session or a weekly series: when each starts, how long, what, where."""

    starts: tuple[datetime, ...]
    minutes: int
    title: str
    place: str = ""


class SessionService:
    def __init__(self, sessions: SessionRepository, settings: GroupSettingsRepository,
                 schedules: ScheduleRepository, outbox: Outbox, *,
                 changed: ScheduleListener = _no_listener) -> None:
        self.sessions = sessions
        self.settings = settings
        self.schedules = schedules
        self.outbox = outbox
        self.changed = changed

    async def add(self, group: StudyGroup, plan: SessionPlan, by: str, now: datetime) -> list[StudySession]:
        fresh = [new_session(group, plan.title, plan.place, at, plan.minutes) for at in plan.starts]
        created = await self.sessions.add(fresh, by, now)
        lead = await self.lead(group)
        rows = [reminder_row(item, group, lead, now) for item in created]
        for row in rows:
            await self.schedules.add(row, by, now)
        await self.changed([(row, group) for row in rows])
        return created

    async def edit(self, group: StudyGroup, item: StudySession, now: datetime) -> StudySession:
        """Store the changed session; its reminder moves with it (and goes again if moved)."""
        await self.sessions.update(item, now)
        await self._retime(group, [item], await self.lead(group), now)
        return item

    async def cancel(self, group: StudyGroup, item: StudySession,
                     now: datetime) -> tuple[StudySession, PassReport]:
        """Call it off, and tell those who said going or maybe, now."""
        cancelled = replace(item, cancelled_at=now)
        await self.sessions.update(cancelled, now)
        current = await self.schedules.get(group.tenant, item.id)
        base = current or reminder_row(item, group, await self.lead(group), now)
        notice = replace(base, trigger=Once(now), status=Status.ACTIVE,
                         watermark=now - timedelta(microseconds=1), next_due_at=now)
        if current is None:
            await self.schedules.add(notice, "", now)
        else:
            await self.schedules.update(notice, now)
        return cancelled, await self.outbox.post_now(item.id, now)

    async def answer(self, item: StudySession, user_id: str, name: str, answer: Answer,
                     now: datetime) -> None:
        await self.sessions.answer(item, user_id, name, answer, now)

    async def answers(self, item: StudySession) -> list[Rsvp]:
        return await self.sessions.answers(item)

    async def get(self, group: StudyGroup, number: int) -> StudySession | None:
        return await self.sessions.numbered(group, number)

    async def upcoming(self, group: StudyGroup, now: datetime) -> list[StudySession]:
        return [s for s in await self.sessions.of_group(group, after=now) if not s.cancelled]

    async def all(self, group: StudyGroup) -> list[StudySession]:
        return await self.sessions.of_group(group)

    async def lead(self, group: StudyGroup) -> int:
        return (await self.settings.get(group)).session_lead_minutes

    async def set_lead(self, group: StudyGroup, minutes: int, now: datetime) -> int:
        """A new reminder lead for the group; returns how many coming sessions moved."""
        current = await self.settings.get(group)
        await self.settings.save(group, replace(current, session_lead_minutes=minutes), now)
        coming = await self.upcoming(group, now)
        await self._retime(group, coming, minutes, now)
        return len(coming)

    async def group_settings(self, group: StudyGroup) -> GroupSettings:
        return await self.settings.get(group)

    async def _retime(self, group: StudyGroup, items: Sequence[StudySession], lead: int,
                      now: datetime) -> None:
        changed = []
        for item in items:
            row = reminder_row(item, group, lead, now)
            if await self.schedules.get(group.tenant, item.id) is None:
                await self.schedules.add(row, "", now)
            else:
                await self.schedules.update(row, now)
            changed.append((row, group))
        await self.changed(changed)


def reminder_row(item: StudySession, group: StudyGroup, lead: int, now: datetime) -> Schedule:
    """The session's reminder as a schedule row: one occurrence, `lead` minutes before."""
    trigger = Once(item.starts_at - timedelta(minutes=lead))
    row = Schedule(tenant=group.tenant, id=item.id, channel_id=group.channel_id, number=-item.number,
                   kind=Kind.SESSION, status=Status.ACTIVE, trigger=trigger, text="",
                   source=SESSION_SOURCE, watermark=now - timedelta(microseconds=1), next_due_at=None)
    return with_next_due(row, group)


class SessionAudience:
    """The outbox's Audience: who a session's reminder goes to, and what it says."""

    def __init__(self, sessions: SessionRepository) -> None:
        self.sessions = sessions

    async def targets(self, due: Sequence[tuple[Schedule, StudyGroup]]) -> dict[str, tuple[str, ...]]:
        found: dict[str, tuple[str, ...]] = {}
        for schedule, _ in due:
            if schedule.kind is Kind.SESSION:
                found.update(await self.sessions.coming(schedule.tenant, [schedule.id]))
        return found

    async def compose(self, schedule: Schedule, group: StudyGroup, occurrence: datetime,
                      person: str) -> Reply | Skip:
        item, answer = await self.sessions.with_answer(schedule.tenant, schedule.id, person)
        if item is None:
            return Skip("the session is gone")
        if not isinstance(schedule.trigger, Once) or schedule.trigger.at != occurrence:
            return Skip("the session changed; a newer reminder replaces this one")
        if answer not in COMING:
            return Skip("they are no longer coming")
        if item.cancelled:
            return cancelled_notice(item, group)
        return reminder_dm(item, group, occurrence, answer)


def reminder_dm(item: StudySession, group: StudyGroup, occurrence: datetime,
                answer: Answer | None = Answer.GOING) -> Reply:
    minutes = round((item.starts_at - occurrence).total_seconds() / 60)
    soon = f"in {minutes} minutes" if minutes < 120 else f"in {minutes // 60} hours"
    said = SAID[Answer.MAYBE if answer is Answer.MAYBE else Answer.GOING]
    return Reply.of(
        Heading(f"Your study session starts {soon}"),
        Text(item.title, from_user=True),
        Fields(session_fields(item, group)),
        Text(f"{said} Changed your mind? `session {item.number} cant` in the group's channel."),
        summary=f"Study session {soon}: {item.title[:60]}")


# What the reminder recalls of the learner's answer.
SAID = {Answer.GOING: "You said you'd come.", Answer.MAYBE: "You said you might come."}


def cancelled_notice(item: StudySession, group: StudyGroup) -> Reply:
    return Reply.of(
        Heading("A study session you were coming to is cancelled"),
        Text(item.title, from_user=True),
        Fields(session_fields(item, group)),
        Text("Nothing else to do. `sessions` in the group's channel lists the ones still on."),
        summary=f"Cancelled: {item.title[:60]}")


__all__ = ["COMING", "SessionAudience", "SessionPlan", "SessionService", "reminder_row"]
