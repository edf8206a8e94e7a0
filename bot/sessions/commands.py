"""`session` and `sessions`: live study sessions of the group, RSVPs and reminders."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime

from bot import replies
from bot.audit.service import AuditLog
from bot.bounds import listed_number
from bot.command import Command, Context, Intent, UsageError, intent
from bot.groups.commands import group_or_refusal
from bot.groups.pings import PingService
from bot.groups.service import GroupService
from bot.messages import Bullets, ChannelRef, Heading, Reply, Text
from bot.ports import ChannelReach
from bot.schedule.clock import local_date, shown_time
from bot.schedule.course_window import prompt_trigger
from bot.schedule.deliveries import DeliveryStatus
from bot.schedule.reach import unreachable
from bot.schedule.triggers import GroupTime, Weekly, single_instant, upcoming
from bot.schedule.when import WhenError
from bot.sessions.cards import announcement, session_card, session_line
from bot.sessions.service import SessionPlan, SessionService
from bot.sessions.store import Answer, StudySession
from bot.sessions.words import DURATION, SessionWords, read_session
from bot.store.groups import StudyGroup

SESSION_ADD, SESSION_EDIT, SESSION_CANCEL = "session add", "session edit", "session cancel"
DEFAULT_MINUTES = 60
MAX_SERIES = 30
FACILITATOR_ACTIONS = {"add", "edit", "cancel", "remind"}
ANSWERS = {"going": Answer.GOING, "yes": Answer.GOING, "maybe": Answer.MAYBE, "cant": Answer.CANT,
           "can't": Answer.CANT, "no": Answer.CANT, "not": Answer.CANT}
USAGE = ('session add 2027-03-04 18:00 60m "Week 1 catch-up" where:https://meet.example/abc',
         'session add every thursday 18:00 60m "Catch-up" until:2027-04-29', "sessions",
         "session 3", "session 3 going", "session edit 3 2027-03-05 19:00", "session cancel 3",
         "session remind 45m")


class SessionCommands:
    def __init__(self, groups: GroupService, sessions: SessionService,
                 audit: AuditLog | None = None, pings: PingService | None = None,
                 reach: ChannelReach | None = None) -> None:
        self.reach = reach
        self.groups = groups
        self.sessions = sessions
        self.audit = audit or AuditLog(None)
        self.pings = pings

    def commands(self) -> Sequence[Command]:
        return [Command(
            name="session", summary="Live study sessions: schedule them, say if you're coming",
            usage=USAGE, aliases=("sessions",), handler=self.session, topic="group",
            details="Facilitators add sessions (one, or `every thursday 18:00` up to the end of "
            "the course or `until:DATE`); each is announced with Going / Maybe / Can't buttons. "
            "Those going or maybe get a direct message before it starts (30 minutes unless a "
            "facilitator sets `session remind 45m`), and are told if it is cancelled.")]

    def intents(self) -> Sequence[Intent]:
        return [intent(r"\b(?:when(?:'s| is) the next|upcoming) (?:live |study )*session\b",
                       lambda m: "sessions")]

    async def session(self, context: Context, args: str) -> Reply:
        group = await group_or_refusal(self.groups, context)
        if isinstance(group, Reply):
            return group
        action, _, rest = args.strip().partition(" ")
        action, rest = action.lower(), rest.strip()
        if action in FACILITATOR_ACTIONS and not await context.is_facilitator():
            return replies.facilitators_only(f"session {action}")
        match action:
            case "" | "list":
                return await self._list(group, context.now)
            case "add":
                if refused := await unreachable(self.reach, ChannelRef(group.tenant, group.channel_id)):
                    return refused
                return await self._add(context, group, rest)
            case "edit":
                return await self._edit(context, group, rest)
            case "cancel":
                return await self._cancel(context, group, rest)
            case "remind":
                return await self._remind(context, group, rest)
        item = await self._find(group, action)
        if not rest:
            return session_card(item, group, await self.sessions.answers(item))
        return await self._answer(context, group, item, rest)

    async def _list(self, group: StudyGroup, now: datetime) -> Reply:
        coming = await self.sessions.upcoming(group, now)
        if not coming:
            return Reply.of(Text("No live sessions are planned. Facilitators: `session add "
                                 "2027-03-04 18:00 60m \"Catch-up\"`."))
        lines = []
        for item in coming:
            answers = await self.sessions.answers(item)
            lines.append(session_line(item, group, sum(a.answer is not Answer.CANT for a in answers)))
        return Reply.of(Heading("Live study sessions"), Bullets(tuple(lines), from_user=True),
                        Text("`session ID` shows who's coming and lets you answer."))

    async def _add(self, context: Context, group: StudyGroup, args: str) -> Reply:
        if context.message.channel.is_direct:
            raise UsageError("Add sessions in the group's channel, so everyone sees the announcement.")
        words = self._read(group, args, context.now)
        if words.trigger is None or not words.title:
            raise UsageError(f"When, and what? e.g. `{USAGE[0]}`.")
        starts = self._starts(group, words, context.now)
        plan = SessionPlan(starts, words.minutes or DEFAULT_MINUTES, words.title, words.place or "")
        created = await self.sessions.add(group, plan, context.message.user.id, context.now)
        await self._record(context, group, SESSION_ADD, f"#{created[0].number} {args}")
        post = announcement(created, group)
        return await self.pings.calling(group, post) if self.pings else post

    def _starts(self, group: StudyGroup, words: SessionWords, now: datetime) -> tuple[datetime, ...]:
        where = GroupTime(group.zone, group.start_date)
        trigger = words.trigger
        if isinstance(trigger, Weekly):
            try:
                bounded = prompt_trigger(trigger, group, self.groups.course_of(group), words.until)
            except WhenError as error:
                raise UsageError(str(error)) from None
            starts = tuple(upcoming(bounded, where, now, MAX_SERIES))
        else:
            if words.until is not None:
                raise UsageError("`until:` goes with a weekly series (`every thursday 18:00 ...`).")
            assert trigger is not None
            starts = (single_instant(trigger, where),)
            starts = tuple(s for s in starts if s > now)
        if not starts:
            raise UsageError("That time has already passed. Pick a later one.")
        return starts

    async def _edit(self, context: Context, group: StudyGroup, args: str) -> Reply:
        number, _, rest = args.partition(" ")
        item = await self._open(group, number, context.now)
        words = self._read(group, rest, context.now)
        if isinstance(words.trigger, Weekly) or words.until is not None:
            raise UsageError("A session moves to one new time, e.g. `session edit 3 2027-03-05 19:00`.")
        starts = single_instant(words.trigger, GroupTime(group.zone, group.start_date)) \
            if words.trigger else item.starts_at
        if starts <= context.now:
            raise UsageError("That time has already passed. Pick a later one.")
        changed = replace(item, starts_at=starts, minutes=words.minutes or item.minutes,
                          title=words.title or item.title,
                          place=item.place if words.place is None else words.place)
        if changed == item:
            raise UsageError("What should change? e.g. `session edit 3 2027-03-05 19:00`, "
                             "`session edit 3 90m` or `session edit 3 \"New title\"`.")
        await self.sessions.edit(group, changed, context.now)
        await self._record(context, group, SESSION_EDIT, f"#{item.number} {rest}")
        card = session_card(changed, group, await self.sessions.answers(changed))
        return replace(card, parts=(Text(f"Session #{item.number} is updated:"), *card.parts))

    async def _cancel(self, context: Context, group: StudyGroup, args: str) -> Reply:
        item = await self._open(group, args, context.now)
        cancelled, report = await self.sessions.cancel(group, item, context.now)
        await self._record(context, group, SESSION_CANCEL, f"#{item.number}")
        told = report.count(DeliveryStatus.SENT)
        waiting = report.count(DeliveryStatus.PENDING)
        people = "nobody had said they'd come" if not report.outcomes else \
            f"I told the {told} {'person' if told == 1 else 'people'} who said they'd come"
        later = f"; {waiting} more will be told as soon as I can reach them" if waiting else ""
        return Reply.of(Text(f"Session #{cancelled.number} ({shown_time(item.starts_at, group.zone)}) "
                             f"is cancelled: {people}{later}."))

    async def _remind(self, context: Context, group: StudyGroup, args: str) -> Reply:
        if not args:
            lead = await self.sessions.lead(group)
            return Reply.of(Text(f"Session reminders go {lead} minutes before. Change it with "
                                 "`session remind 45m`."))
        match = DURATION.match(args.strip())
        minutes = int(match.group(1)) * (60 if match.group(2).lower().startswith("h") else 1) \
            if match else -1
        if not 5 <= minutes <= 24 * 60:
            raise UsageError("How long before? Between 5 minutes and a day, e.g. `session remind 45m`.")
        moved = await self.sessions.set_lead(group, minutes, context.now)
        return Reply.of(Text(f"Session reminders now go {minutes} minutes before the start"
                             f"{f' ({moved} coming sessions moved)' if moved else ''}."))

    async def _answer(self, context: Context, group: StudyGroup, item: StudySession, word: str) -> Reply:
        answer = ANSWERS.get(word.lower().split()[0])
        if answer is None:
            raise UsageError(f"Going, maybe, or can't? e.g. `session {item.number} going`.")
        if item.cancelled or item.starts_at <= context.now:
            state = "was cancelled" if item.cancelled else "has already started"
            return Reply.of(Text(f"Session #{item.number} {state}. `sessions` lists the coming ones."),
                            private=True)
        user = context.message.user
        await self.sessions.answer(item, user.id, user.display_name, answer, context.now)
        return Reply.of(Text(answered(item, group, answer, await self.sessions.lead(group))),
                        private=True)

    def _read(self, group: StudyGroup, args: str, now: datetime) -> SessionWords:
        course = self.groups.course_of(group)
        try:
            return read_session(args, group.zone, course.week_count if course else 0,
                                local_date(now, group.zone))
        except WhenError as error:
            raise UsageError(str(error)) from None

    async def _find(self, group: StudyGroup, word: str) -> StudySession:
        word = word.strip().lstrip("#")
        number = listed_number(word)
        if number is None:
            raise UsageError("Which session? Give its number from `sessions`, e.g. `session 3`.")
        item = await self.sessions.get(group, number)
        if item is None:
            raise UsageError(f"There's no session #{word[:8]}. `sessions` lists them.")
        return item

    async def _open(self, group: StudyGroup, word: str, now: datetime) -> StudySession:
        item = await self._find(group, word.strip().split(" ")[0] if word.strip() else "")
        if item.cancelled:
            raise UsageError(f"Session #{item.number} is cancelled already.")
        if item.starts_at <= now:
            raise UsageError(f"Session #{item.number} has already started.")
        return item

    async def _record(self, context: Context, group: StudyGroup, action: str, detail: str) -> None:
        await self.audit.record(context.message, action, context.now, channel_id=group.channel_id,
                                detail=detail)


def answered(item: StudySession, group: StudyGroup, answer: Answer, lead: int) -> str:
    when = shown_time(item.starts_at, group.zone)
    if answer is Answer.CANT:
        return f"Noted: you can't make session #{item.number} ({when}). Thanks for saying."
    word = "going to" if answer is Answer.GOING else "maybe coming to"
    return (f"You're {word} session #{item.number} ({when}). I'll send you a direct message "
            f"{lead} minutes before it starts.")
