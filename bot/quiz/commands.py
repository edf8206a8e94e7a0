"""`quiz`: retrieval practice from the course's own questions, spaced over days."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot import replies
from bot.command import Command, Context, Intent, UsageError
from bot.groups.service import GroupService
from bot.messages import Reply, Text
from bot.quiz import replies as say
from bot.quiz.learners import QuizLearnerRepository
from bot.quiz.nudge_commands import QuizNudgeCommands
from bot.quiz.nudge_store import QuizNudgeRepository
from bot.quiz.round import QuizRound
from bot.quiz.service import QuizService
from bot.schedule.clock import zone_named
from bot.store.dialogs import DialogRepository

WEEK = re.compile(r"^(?:week\s*)?(\d{1,3})$")
ME = re.compile(r"^me\b(?:\s+on\b)?\s*", re.IGNORECASE)
ANSWER = re.compile(r"^answer\s+([a-z0-9][a-z0-9-]*)\s+(\S+)$")
DETAILS = (
    "Questions from the course, one at a time. Those you are about to forget come back "
    "first; a wrong answer comes back sooner than a right one. In a group channel only you "
    "see the questions. `quiz remind on` asks for a nudge when your group has them on."
)


class QuizCommands:
    def __init__(self, quiz: QuizService, dialogs: DialogRepository, prefs: QuizLearnerRepository,
                 groups: GroupService | None = None, nudges: QuizNudgeRepository | None = None) -> None:
        self.quiz = quiz
        self.prefs = prefs
        self.groups = groups
        self.round = QuizRound(quiz, dialogs)
        self.nudges = (QuizNudgeCommands(nudges, groups, quiz.course.id)
                       if nudges is not None and groups is not None else None)

    def commands(self) -> Sequence[Command]:
        return [Command(
            name="quiz", summary="Practise with questions from the course",
            usage=("quiz", "quiz week 3", "quiz stop", "quiz stats", "quiz remind on",
                   "quiz tz Europe/London", "quiz report", "quiz nudges daily 18:00"),
            aliases=("review",), details=DETAILS, handler=self.run, on_answer=self.round.typed,
            accepts=self.round.accepts)]

    def intents(self) -> Sequence[Intent]:
        # "quiz me on week 4" reaches the command by its first word; other phrasings with
        # "week N" belong to the week capability, whose phrasings are tried first.
        return []

    async def run(self, context: Context, args: str) -> Reply:
        args = ME.sub("", args.strip())  # "quiz me on week 4"
        word, _, rest = args.strip().lower().partition(" ")
        rest = rest.strip()
        if word in ("", "start", "due"):
            return await self._start(context, None)
        if word == "stop":
            return await self.round.stop(context)
        if word == "skip":
            return await self.round.skip(context)
        if word == "answer":
            return await self._clicked(context, args.strip().lower())
        if word == "stats":
            return await self._stats(context)
        if word in ("remind", "reminders", "nudge"):
            return await self._remind(context, rest)
        if word in ("tz", "timezone", "zone"):
            return await self._zone(context, args.strip().partition(" ")[2].strip())
        if word == "report":
            return await self._report(context)
        if word == "nudges" and self.nudges is not None:
            return await self.nudges.run(context, rest)
        week = WEEK.match(args.strip().lower())
        if week:
            return await self._start(context, int(week.group(1)))
        raise UsageError("Try `quiz` for what is due, `quiz week 3`, `quiz stats` or `quiz stop`.")

    async def _start(self, context: Context, week: int | None) -> Reply:
        where = await self.quiz.where(context.message, context.now)
        if week is not None:
            items = await self.quiz.week_round(context.message, week, context.now, where.zone)
            if not items:
                return say.no_such_week(self.quiz.course, week)
            return await self.round.start(context, items, where)
        items = await self.quiz.due_round(context.message, context.now, where.zone)
        if not items:
            current = await self.quiz.current_week(context.message, context.now)
            items = await self.quiz.week_round(context.message, current, context.now, where.zone)
            if not items:
                return say.nothing_due(current)
        return await self.round.start(context, items, where)

    async def _clicked(self, context: Context, args: str) -> Reply:
        match = ANSWER.match(args)
        if match is None:
            raise UsageError("That button has lost its question. Type `quiz` to start again.")
        return await self.round.clicked(context, match.group(1), match.group(2))

    async def _stats(self, context: Context) -> Reply:
        where = await self.quiz.where(context.message, context.now)
        weeks = await self.quiz.stats(context.message, context.now, where.zone)
        return say.stats(self.quiz.course, weeks)

    async def _remind(self, context: Context, rest: str) -> Reply:
        if rest not in ("on", "off"):
            raise UsageError("Type `quiz remind on` for a nudge when you have questions to "
                             "review, or `quiz remind off` to stop them.")
        on = rest == "on"
        channel = context.message.channel
        await self.prefs.set_remind(self.quiz.learner(context.message), on, context.now,
                                    channel.id if channel.is_direct else None)
        text = ("Nudges on: when your group's facilitator has them running, I'll send you a "
                "direct message on days you have questions to review. `quiz remind off` stops them."
                if on else "Nudges off. I won't message you about quiz reviews.")
        return Reply.of(Text(text), private=True)

    async def _zone(self, context: Context, name: str) -> Reply:
        learner = self.quiz.learner(context.message)
        if name.lower() in ("off", "none", "group", "clear"):
            await self.prefs.set_timezone(learner, None, context.now)
            return Reply.of(Text("Your quiz days now follow your group's time zone (or UTC)."),
                            private=True)
        zone = zone_named(name) if name else None
        if zone is None:
            raise UsageError("Tell me your time zone by its name, e.g. `quiz tz Europe/London` or "
                             "`quiz tz America/New_York`.")
        await self.prefs.set_timezone(learner, zone.key, context.now)
        return Reply.of(Text(f"Your quiz days now start at midnight {zone.key} time."), private=True)

    async def _report(self, context: Context) -> Reply:
        if not await context.is_facilitator():
            return replies.facilitators_only("quiz report")
        group = await self.groups.channel_group(context.message) if self.groups else None
        if group is None or group.course_id != self.quiz.course.id:
            raise UsageError("Ask for `quiz report` in your study group's channel.")
        week = (await self.quiz.current_week(context.message, context.now))
        people, missed = await self.quiz.report(context.message, group.channel_id, week)
        return say.report(self.quiz.course, group.name, week, people, missed, self.quiz.by_id)
