"""`prompt ...` (facilitators): discussion prompts posted to the group when they are due."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from bot.audit.service import PROMPT_ADD, PROMPT_CANCEL, PROMPT_EDIT, PROMPT_NOW, PROMPT_QUEUE, AuditLog
from bot.bounds import listed_number
from bot.command import Command, Context, Intent, UsageError
from bot.course.models import Course
from bot.groups.commands import group_or_refusal
from bot.groups.service import GroupService
from bot.messages import Bullets, ChannelRef, Heading, Reply, Text
from bot.ports import ChannelReach
from bot.posts.prompts import AlreadyPast, PromptService, Queued, prompt_post
from bot.schedule.clock import local_date, shown_time
from bot.schedule.deliveries import Delivery, DeliveryStatus
from bot.schedule.outbox import PassReport
from bot.schedule.reach import unreachable
from bot.schedule.schedules import Schedule, Status
from bot.schedule.triggers import describe
from bot.schedule.when import DEFAULT_WEEK_START_TIME, WhenError, parse_clock, parse_when, take_until
from bot.store.groups import StudyGroup

MAX_PROMPT_CHARS = 2000
USAGE = ("prompt add 2026-12-10 17:00 What surprised you this week?",
         "prompt add week 3 start Who owns city data?",
         "prompt add every friday 17:00 Share one thing you learned",
         "prompt add every monday 12:00 until:2027-06-30 Lunch check-in",
         "prompt list", "prompt preview 2", "prompt edit 2 New wording", "prompt cancel 2",
         "prompt now Welcome, everyone!", "prompt queue-course")


# Words that start a schedule (`prompt add every friday 17:00 ...`, a date, `week 3 start`).
SCHEDULE_WORDS = re.compile(r"^\s*(?:every\s|week\s+\d|\d{4}-\d{2}-\d{2}\b|\d{1,2}:\d{2}\b)",
                            re.IGNORECASE)
POSTING = {"add", "now", "queue-course", "queue"}


class PromptCommands:
    def __init__(self, groups: GroupService, prompts: PromptService, audit: AuditLog | None = None,
                 reach: ChannelReach | None = None) -> None:
        self.reach = reach
        self.groups = groups
        self.prompts = prompts
        self.audit = audit or AuditLog(None)

    def commands(self) -> Sequence[Command]:
        return [Command(
            name="prompt",
            summary="Schedule discussion prompts for the group",
            usage=USAGE, aliases=("prompts",), handler=self.prompt, facilitator_only=True,
            topic="group",
            details="<when> is a date and time on the group's clock, `week 3 start` (09:00 unless "
            "you add a time), or `every friday 17:00`. A weekly prompt runs from the group's start to "
            "the end of the course's last week; `until:2027-06-30` (or `until:never`) after the "
            "time sets another end. `prompt queue-course` schedules each "
            "week's discussion questions from the course for the start of that week.",
        )]

    def intents(self) -> Sequence[Intent]:
        return []

    async def prompt(self, context: Context, args: str) -> Reply:
        group = await group_or_refusal(self.groups, context)
        if isinstance(group, Reply):
            return group
        action, _, rest = args.strip().partition(" ")
        rest = rest.strip()
        if action.lower() in POSTING and (
                refused := await unreachable(self.reach, ChannelRef(group.tenant, group.channel_id))):
            return refused
        match action.lower():
            case "" | "list":
                return await self._list(group)
            case "add":
                return await self._add(context, group, rest)
            case "preview" | "show":
                return replace(prompt_post(await self._find(group, rest)), open_thread=False)
            case "edit":
                return await self._edit(context, group, rest)
            case "cancel" | "delete" | "remove":
                return await self._cancel(context, group, rest)
            case "now":
                return await self._now(context, group, rest)
            case "queue-course" | "queue":
                return await self._queue(context, group, rest)
        raise UsageError(f"I don't know `prompt {action[:20]}`. Try `prompt add`, `prompt list` "
                         "or `help prompt`.")

    async def _add(self, context: Context, group: StudyGroup, args: str) -> Reply:
        try:
            trigger, text = parse_when(args, group.zone, self._course(group).week_count,
                                       local_date(context.now, group.zone))
            until, text = take_until(text)
            text = _checked_text(text)
            prompt = await self.prompts.add(group, trigger, text, context.message.user.id, context.now,
                                            until=until)
        except WhenError as error:
            raise UsageError(str(error)) from None
        except AlreadyPast:
            raise UsageError("That time has already passed. Pick a later one, or use "
                             "`prompt now <text>`.") from None
        assert prompt.next_due_at is not None  # add() refuses times in the past
        await self._record(context, group, PROMPT_ADD, f"#{prompt.number} {args}")
        return Reply.of(Text(f"Prompt #{prompt.number} scheduled {describe(prompt.trigger, group.zone)}; "
                             f"first post {shown_time(prompt.next_due_at, group.zone)}. "
                             f"`prompt preview {prompt.number}` shows it as it will appear."))

    async def _list(self, group: StudyGroup) -> Reply:
        prompts = [p for p in await self.prompts.all(group) if p.status is not Status.OFF]
        if not prompts:
            return Reply.of(Text("No prompts yet. Add one with `prompt add week 3 start <question>`, "
                                 "or queue the course's questions with `prompt queue-course`."))
        latest = await self.prompts.last_deliveries(group)
        lines = tuple(prompt_line(p, group, latest.get(p.id)) for p in prompts)
        return Reply.of(Heading(f"Prompts for {group.name}", from_user=True), Bullets(lines),
                        Text("`prompt preview <id>`, `prompt edit <id> <text>`, `prompt cancel <id>`."))

    async def _edit(self, context: Context, group: StudyGroup, args: str) -> Reply:
        number, _, text = args.partition(" ")
        prompt = await self._find(group, number)
        if SCHEDULE_WORDS.match(text):
            # Changing when is a new prompt; storing "every wednesday 12:00" as its words is not.
            raise UsageError(f"`prompt edit` changes what prompt #{prompt.number} says, not when it "
                             f"is posted. To move it: `prompt cancel {prompt.number}`, then `prompt add "
                             f"{' '.join(text.split()[:4])} <text>`.")
        updated = await self.prompts.edit(group, prompt, _checked_text(text), context.now)
        await self._record(context, group, PROMPT_EDIT, f"#{updated.number} {updated.text}")
        return Reply.of(Text(f"Prompt #{updated.number} now reads:"), Text(updated.text, from_user=True))

    async def _cancel(self, context: Context, group: StudyGroup, args: str) -> Reply:
        prompt = await self._find(group, args)
        await self.prompts.cancel(group, prompt, context.now)
        await self._record(context, group, PROMPT_CANCEL, f"#{prompt.number}")
        return Reply.of(Text(f"Prompt #{prompt.number} is cancelled; it won't be posted."))

    async def _now(self, context: Context, group: StudyGroup, text: str) -> Reply:
        prompt, report = await self.prompts.post_now(group, _checked_text(text),
                                                     context.message.user.id, context.now)
        await self._record(context, group, PROMPT_NOW, f"#{prompt.number} {prompt.text}")
        return Reply.of(Text(posted_now(prompt, report)))

    async def _queue(self, context: Context, group: StudyGroup, args: str) -> Reply:
        try:
            at = parse_clock(args) if args else DEFAULT_WEEK_START_TIME
        except WhenError as error:
            raise UsageError(str(error)) from None
        queued = await self.prompts.queue_course(group, self._course(group), at, context.message.user.id,
                                                 context.now)
        if queued.added:
            await self._record(context, group, PROMPT_QUEUE, f"weeks {_numbers(queued.added)}")
        return Reply.of(Text(queued_text(queued, at.strftime("%H:%M"))))

    def _course(self, group: StudyGroup) -> Course:
        course = self.prompts.course_of(group)
        if course is None:
            raise UsageError(f"This group follows the course `{group.course_id}`, which is not "
                             "installed here. Move it to an installed one with `group course ID`.")
        return course

    async def _record(self, context: Context, group: StudyGroup, action: str, detail: str) -> None:
        await self.audit.record(context.message, action, context.now, channel_id=group.channel_id,
                                detail=detail)

    async def _find(self, group: StudyGroup, text: str) -> Schedule:
        word = text.strip().lstrip("#")
        number = listed_number(word)
        if number is None:
            raise UsageError("Which prompt? Give its number from `prompt list`, e.g. `prompt preview 2`.")
        prompt = await self.prompts.get(group, number)
        if prompt is None or prompt.status is Status.OFF:
            raise UsageError(f"There's no prompt #{word}. `prompt list` shows them all.")
        return prompt


def _checked_text(text: str) -> str:
    text = text.strip()
    if not text:
        raise UsageError("What should the prompt say? Put the text after the time, e.g. "
                         "`prompt add week 3 start Who owns city data?`.")
    if len(text) > MAX_PROMPT_CHARS:
        raise UsageError(f"That prompt is too long (over {MAX_PROMPT_CHARS} characters). "
                         "Could you shorten it?")
    return text


def prompt_line(prompt: Schedule, group: StudyGroup, last: Delivery | None) -> str:
    words = " ".join(prompt.text.split())
    snippet = words if len(words) <= 60 else words[:57] + "..."
    if prompt.next_due_at is not None:
        state = f"next {shown_time(prompt.next_due_at, group.zone)}"
    elif last is not None:
        state = last.status.value
    else:
        state = "done"
    return f"#{prompt.number} {describe(prompt.trigger, group.zone)} ({state}): {snippet}"


def posted_now(prompt: Schedule, report: PassReport) -> str:
    outcome = report.outcomes[0] if report.outcomes else None
    if outcome is None:
        return f"Prompt #{prompt.number} is queued; it will be posted in a moment."
    if outcome.status is DeliveryStatus.SENT:
        return f"Posted (prompt #{prompt.number})."
    if outcome.status is DeliveryStatus.PENDING:
        return (f"I couldn't post it yet ({outcome.reason}); I'll keep trying. "
                "`reminders` shows how it went.")
    return f"I couldn't post it: {outcome.reason}."


def queued_text(queued: Queued, at: str) -> str:
    past = f" {_weeks(queued.past)} already started, so I left it out." if queued.past else ""
    if len(queued.past) > 1:
        past = past.replace("it out", "them out")
    if not queued.added and queued.already:
        return "The course's questions are queued already. `prompt list` shows them." + past
    if not queued.added:
        return ("There's nothing left to queue." + past) if past else "The course has no questions to queue."
    return (f"Queued the course's discussion questions for weeks {_numbers(queued.added)}, each at "
            f"{at} on the first day of its week. `prompt list` shows them; `prompt cancel <id>` "
            f"drops one.{past}")


def _numbers(numbers: tuple[int, ...]) -> str:
    return ", ".join(str(n) for n in numbers)


def _weeks(numbers: tuple[int, ...]) -> str:
    return f"Week {numbers[0]} has" if len(numbers) == 1 else f"Weeks {_numbers(numbers)} have"
