"""`remind` (facilitators) and `reminders`: the group's weekly reminder and what's scheduled."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.audit.service import REMINDER_SET, REMINDER_STATUS, AuditLog
from bot.bounds import listed_number
from bot.command import Command, Context, Intent, UsageError, intent
from bot.course.models import Course
from bot.groups.commands import group_or_refusal
from bot.groups.service import GroupService
from bot.messages import Bullets, ChannelRef, Heading, Reply, Text
from bot.ports import ChannelReach
from bot.posts.reminders import ReminderService, Upcoming
from bot.schedule.clock import shown_time
from bot.schedule.course_window import occasion
from bot.schedule.deliveries import Delivery, DeliveryStatus
from bot.schedule.reach import unreachable
from bot.schedule.schedules import Kind, Schedule, Status
from bot.schedule.series import reminder_end, series_ends, weekly_words
from bot.schedule.when import WhenError, parse_clock, parse_weekday
from bot.store.groups import StudyGroup

DEFAULT_PREVIEW = 5
MAX_PREVIEW = 20
RECENT_SHOWN = 5
STATUS_WORDS = {"off": Status.OFF, "stop": Status.OFF, "pause": Status.PAUSED,
                "resume": Status.ACTIVE, "on": Status.ACTIVE}


class ReminderCommands:
    def __init__(self, groups: GroupService, reminders: ReminderService,
                 audit: AuditLog | None = None, reach: ChannelReach | None = None) -> None:
        self.reach = reach
        self.groups = groups
        self.reminders = reminders
        self.audit = audit or AuditLog(None)

    def commands(self) -> Sequence[Command]:
        return [
            Command(
                name="remind",
                summary="Set the group's weekly reminder, or pause, resume or stop it",
                usage=("remind monday 09:00", "remind pause", "remind resume", "remind off"),
                details="Each week at that time (in the group's time zone) I post the group's "
                "current week: its title, what to do, the week's question and the project step. "
                "A time that a clock change skips is posted an hour later that night; a time that "
                "happens twice is posted the first time only.",
                handler=self.remind, facilitator_only=True, topic="group",
            ),
            Command(
                name="reminders",
                summary="What's scheduled for the group, and how the last posts went",
                usage=("reminders", "reminders preview", "reminders preview 10"),
                details=f"`reminders preview N` lists the next N posts (up to {MAX_PREVIEW}) with "
                "the time on the group's wall clock, so you can check one near a clock change.",
                handler=self.overview, aliases=("schedule",), topic="group",
            ),
        ]

    def intents(self) -> Sequence[Intent]:
        return [intent(r"\bwhen(?:'s| is) the next (?:reminder|post)\b|\bwhat(?:'s| is) scheduled\b",
                       lambda m: "reminders")]

    async def remind(self, context: Context, args: str) -> Reply:
        group = await group_or_refusal(self.groups, context)
        if isinstance(group, Reply):
            return group
        words = args.lower().split()
        if len(words) == 1 and words[0] in STATUS_WORDS:
            return await self._set_status(context, group, STATUS_WORDS[words[0]])
        if len(words) != 2:
            raise UsageError("Tell me a weekday and a time, e.g. `remind monday 09:00`, or use "
                             "`remind pause`, `remind resume` or `remind off`.")
        try:
            weekday, at = parse_weekday(words[0]), parse_clock(words[1])
        except WhenError as error:
            raise UsageError(str(error)) from None
        if refused := await unreachable(self.reach, ChannelRef(group.tenant, group.channel_id)):
            return refused
        reminder = await self.reminders.set_weekly(group, weekday, at, context.message.user.id,
                                                   context.now)
        await self.audit.record(context.message, REMINDER_SET, context.now,
                                channel_id=group.channel_id, detail=args)
        return Reply.of(Text(reminder_set(reminder, group)))

    async def _set_status(self, context: Context, group: StudyGroup, status: Status) -> Reply:
        reminder = await self.reminders.set_status(group, status, context.now)
        if reminder is None:
            return Reply.of(Text("There's no weekly reminder yet. Set one with `remind monday 09:00`."))
        await self.audit.record(context.message, REMINDER_STATUS, context.now,
                                channel_id=group.channel_id, detail=status.value)
        return Reply.of(Text(status_changed(reminder, group)))

    async def overview(self, context: Context, args: str) -> Reply:
        group = await group_or_refusal(self.groups, context)
        if isinstance(group, Reply):
            return group
        words = args.lower().split()
        if words and words[0] == "preview":
            return await self._preview(group, context.now, words[1:])
        if words:
            raise UsageError("Try `reminders`, or `reminders preview 10` for the next 10 posts.")
        schedules = await self.reminders.all(group)
        upcoming = await self.reminders.preview(group, context.now, 3)
        recent = await self.reminders.recent(group, RECENT_SHOWN)
        return schedule_card(group, self.reminders.course_of(group), schedules, upcoming, recent)

    async def _preview(self, group: StudyGroup, now: datetime, words: list[str]) -> Reply:
        asked = _count(words)
        upcoming = await self.reminders.preview(group, now, min(asked, MAX_PREVIEW))
        if not upcoming:
            return Reply.of(Text("Nothing is scheduled. Try `remind monday 09:00` or `prompt add`."))
        limit = (Text(f"I show at most {MAX_PREVIEW} at a time, so here are the next "
                      f"{len(upcoming)}."),) if asked > MAX_PREVIEW else ()
        course = self.reminders.course_of(group)
        ends = [Text(line) for line in series_ends(await self.reminders.all(group), group, now)]
        return Reply.of(Heading(f"The next {len(upcoming)} scheduled posts"), *limit,
                        Bullets(tuple(upcoming_line(u, group, course) for u in upcoming), numbered=True),
                        *ends, Text(f"Times are on the group's clock ({group.timezone}) unless your "
                             "chat app shows them in your own time zone."))


def _count(words: list[str]) -> int:
    if not words:
        return DEFAULT_PREVIEW
    number = listed_number(words[0]) if len(words) == 1 else None
    if number is not None and number >= 1:
        return number
    raise UsageError(f"How many? Give a number from 1 to {MAX_PREVIEW}, e.g. `reminders preview 10`.")


def reminder_set(reminder: Schedule, group: StudyGroup) -> str:
    first = reminder.next_due_at
    when = f" The first one is {shown_time(first, group.zone)}." if first else ""
    end = reminder_end(reminder, group)
    last = f" The last is the wrap-up on {shown_time(end, group.zone)}." if end else ""
    return (f"Weekly reminder set: {weekly_words(reminder, group)}.{when}{last} "
            "`reminders preview` shows the next few.")


def status_changed(reminder: Schedule, group: StudyGroup) -> str:
    if reminder.status is Status.OFF:
        return "The weekly reminder is off. `remind monday 09:00` sets a new one."
    if reminder.status is Status.PAUSED:
        return "The weekly reminder is paused; nothing is posted until `remind resume`."
    following = reminder.next_due_at
    when = f" Next: {shown_time(following, group.zone)}." if following else ""
    return f"The weekly reminder is back on ({weekly_words(reminder, group)}).{when}"


def schedule_card(group: StudyGroup, course: Course | None, schedules: list[Schedule],
                  upcoming: list[Upcoming], recent: list[Delivery]) -> Reply:
    by_id = {s.id: s for s in schedules}
    reminder = next((s for s in schedules if s.kind is Kind.REMINDER), None)
    parts: list[Heading | Text | Bullets] = [Heading("Scheduled posts"),
                                             Text(_reminder_line(reminder, group))]
    if upcoming:
        parts += [Text("**Coming up**"),
                  Bullets(tuple(upcoming_line(u, group, course) for u in upcoming))]
    if recent:
        lines = tuple(delivery_line(d, group.zone, by_id.get(d.key.schedule_id)) for d in recent)
        parts += [Text("**Last posts**"), Bullets(lines)]
    parts.append(Text("`reminders preview 10` lists more; facilitators: `remind` and `prompt`."))
    return Reply(parts=tuple(parts), summary="Scheduled posts")


def _reminder_line(reminder: Schedule | None, group: StudyGroup) -> str:
    if reminder is None or reminder.status is Status.OFF:
        return "Weekly reminder: off. Facilitators can set one with `remind monday 09:00`."
    paused = " (paused)" if reminder.status is Status.PAUSED else ""
    return f"Weekly reminder: {weekly_words(reminder, group)}{paused}."


def schedule_label(schedule: Schedule | None) -> str:
    if schedule is None:
        return "a post"
    return "weekly reminder" if schedule.kind is Kind.REMINDER else f"prompt #{schedule.number}"


def upcoming_line(item: Upcoming, group: StudyGroup, course: Course | None) -> str:
    line = f"{shown_time(item.at, group.zone)}: {schedule_label(item.schedule)}"
    if item.schedule.kind is Kind.REMINDER:
        return f"{line} ({occasion(course, group, item.at)})"
    return line


def delivery_line(delivery: Delivery, zone: ZoneInfo, schedule: Schedule | None) -> str:
    when = f"{shown_time(delivery.key.occurrence_at, zone)}, {schedule_label(schedule)}"
    match delivery.status:
        case DeliveryStatus.SENT:
            return f"{when}: sent ({delivery.reason})" if delivery.reason else f"{when}: sent"
        case DeliveryStatus.FAILED:
            return f"{when}: failed: {delivery.reason}"
        case DeliveryStatus.SKIPPED:
            return f"{when}: skipped: {delivery.reason}"
    if delivery.attempts == 0:
        return f"{when}: posting now"
    retry = f", next try {shown_time(delivery.next_attempt_at, zone)}" if delivery.next_attempt_at else ""
    return f"{when}: not sent yet ({delivery.reason}){retry}"
