"""`weeks` and `week [N|next|previous|set N]`: the course's material, a week at a time.

Looking is not moving: `week 3` shows week 3, and a learner's own place changes only
with `week next`, `week previous` or `week set N` (the "make it my week" button).
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.command import Command, Context, Intent, UsageError, intent
from bot.course.models import Course, Week
from bot.messages import Actions, Bullets, Button, Heading, Reply, Text
from bot.weeks.service import Position, WeekService
from bot.wording import count

NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "first": 1, "second": 2, "third": 3,
                "fourth": 4, "fifth": 5, "sixth": 6, "last": -1, "final": -1}
NEXT_WORDS = {"next", "forward"}
PREVIOUS_WORDS = {"previous", "prev", "back", "before"}
CURRENT_WORDS = {"", "this", "current", "now", "today"}
SET_WORDS = {"set", "mine", "my", "here"}
# Said after a command out of politeness: "week 5 please 😀".
COURTESY = {"please", "pls", "plz", "thanks", "thank", "you", "thx", "ty"}

# Buttons keep to a short label on every platform (Slack cuts at 75 characters).
WATCH_LABEL_CHARS = 40


class WeekCommands:
    def __init__(self, course: Course, weeks: WeekService) -> None:
        self.course = course
        self.weeks = weeks

    def commands(self) -> Sequence[Command]:
        return [
            Command(
                name="week",
                summary="This week's material, or any week's",
                usage=("week", "week 3", "week next", "week previous", "week set 3"),
                details="In a study group's channel, `week` follows the group's calendar. "
                "On your own, I remember where you are: `week 3` only shows week 3; `week next` "
                "and `week previous` move you on or back, and `week set 3` makes week 3 yours.",
                handler=self.week,
            ),
            Command(
                name="weeks",
                summary="The whole course at a glance",
                usage=("weeks",),
                aliases=("overview", "syllabus"),
                handler=self.overview,
            ),
        ]

    def intents(self) -> Sequence[Intent]:
        return [
            intent(r"\b(?:i'?m|i am|we'?re|we are) (?:now )?(?:on|in|at|up to) week\s*#?\s*(\d+|[a-z]+)\b"
                   r"|\b(?:move|put|set|take) me (?:on |to |at )?week\s*#?\s*(\d+|[a-z]+)\b"
                   r"|\bmake week\s*#?\s*(\d+|[a-z]+) my week\b",
                   lambda m: f"week set {next(g for g in m.groups() if g)}"),
            intent(r"\b(?:this|that) is my week\b", lambda m: "week set"),
            intent(r"\b(?:week|wk)\s*#?\s*(\d+|[a-z]+)\b", lambda m: _week_words(m.group(1))),
            intent(r"\b(first|second|third|fourth|fifth|sixth|final) week\b",
                   lambda m: _week_words(m.group(1))),
            intent(r"\b(next|following|previous|last) week\b",
                   lambda m: "week next" if m.group(1).lower() in {"next", "following"}
                   else "week previous"),
            intent(r"\b(this|current|today'?s?) ?(week|material|reading|lesson)", lambda m: "week"),
            intent(r"\bwhat (?:should|do) (?:i|we) (?:study|do|read|watch)\b", lambda m: "week"),
            intent(r"^(?:so\s+)?(?:what|which) week (?:is it|is this|are (?:we|you) (?:in|on)"
                   r"|am i (?:in|on))\b", lambda m: "week"),
            intent(r"\b(all|every|list(?: of)?|the) weeks\b|\b(course )?(overview|outline|syllabus)\b",
                   lambda m: "weeks"),
        ]

    async def week(self, context: Context, args: str) -> Reply:
        message, now = context.message, context.now
        choice = plain_choice(args)
        current = await self.weeks.position(message, now)
        verb, _, rest = choice.partition(" ")
        if verb in SET_WORDS:
            position = await self._set(context, current, rest)
            shown = position.week
        elif choice in CURRENT_WORDS:
            position, shown = current, current.week
        elif choice in NEXT_WORDS or choice in PREVIOUS_WORDS:
            position = await self.weeks.move_to(message, now, self._step(choice, current.week))
            shown = position.week
        else:
            position, shown = current, self._number(choice)
        week = self.course.week(shown)
        assert week is not None  # every week shown is checked or clamped into the course
        return week_reply(self.course, week, position)

    async def _set(self, context: Context, current: Position, rest: str) -> Position:
        if current.group is not None:
            raise UsageError(f"You follow the calendar of {current.group.group_name}, so your week is "
                             f"the group's (week {current.week}). `group leave` puts you on your "
                             "own pace; in a group's channel it is always the group's week.")
        if not rest:
            raise UsageError("Which week is yours? Type `week set 3`, for example.")
        return await self.weeks.move_to(context.message, context.now, self._number(rest))

    async def overview(self, context: Context, args: str) -> Reply:
        position = await self.weeks.position(context.message, context.now)
        lines = tuple(
            f"**Week {w.number}: {w.title}**{' (you are here)' if w.number == position.week else ''}. "
            f"{w.summary}"
            for w in self.course.weeks
        )
        info = self.course.info
        hours = f", about {info.hours_per_week:g} hours a week" if info.hours_per_week else ""
        return Reply.of(
            Heading(f"{info.title}: {count(self.course.week_count, 'week')}{hours}"),
            Text(info.description) if info.description else Text(info.title),
            Bullets(lines),
            Text("Type `week N` to open a week."),
            summary=f"{info.title}: {count(self.course.week_count, 'week')}",
        )

    def _step(self, choice: str, current: int) -> int:
        if choice in NEXT_WORDS:
            if current >= self.course.week_count:
                raise UsageError(f"You're on the last week already (week {current} of "
                                 f"{self.course.week_count}). Type `weeks` to look back.")
            return current + 1
        if current <= 1:
            raise UsageError("You're on week 1, the first week. Type `week next` to move on.")
        return current - 1

    def _number(self, choice: str) -> int:
        last = self.course.week_count
        number = parse_week_number(choice, last)
        if number is None:
            raise UsageError(f"I couldn't tell which week you meant. Try `week 3`, `week next` "
                             f"or `week previous` (the course has {count(last, 'week')}).")
        if number < 1:
            raise UsageError(f"Weeks are numbered from 1 to {last}, so there is no week {number}. "
                             "Try `week 1` for the first, or `weeks` for them all.")
        if number > last:
            raise UsageError(f"The course has {count(last, 'week')}, so there is no week {number}. "
                             f"Try `week {last}` for the last, or `weeks` for them all.")
        return number


def plain_choice(args: str) -> str:
    """The words of `args` that choose a week, without courtesy, emoji or punctuation."""
    words = []
    for word in args.lower().split():
        kept = word.strip(".,;:!?()[]\"'") if word.lstrip("-+").isdigit() else \
            "".join(c for c in word if c.isalnum() or c in "-#'").strip("-'")
        if kept and kept not in COURTESY:
            words.append(kept)
    return " ".join(words)


def parse_week_number(text: str, week_count: int) -> int | None:
    text = text.strip().lower().removeprefix("week").strip().lstrip("#")
    if text.lstrip("-").isdigit():
        return int(text)
    number = NUMBER_WORDS.get(text)
    if number == -1:
        return week_count
    return number


def _week_words(word: str) -> str | None:
    word = word.lower()
    if word.isdigit() or word in NUMBER_WORDS:
        return f"week {word}"
    return None


def week_reply(course: Course, week: Week, position: Position) -> Reply:
    parts: list[Heading | Text | Bullets | Actions] = [
        Heading(f"Week {week.number}: {week.title}"),
        Text(_where(course, week, position)),
        Text(week.summary),
    ]
    if week.outcomes:
        parts += [Text("**What you'll learn**"), Bullets(week.outcomes)]
    if week.activities:
        parts += [Text("**What to do**"), Bullets(tuple(_activity(a.title, a.minutes, a.description)
                                                         for a in week.activities))]
    if week.videos:
        parts += [Text("**Videos**"), Bullets(tuple(_video(course, v.title, v.transcript)
                                                      for v in week.videos)),
                  Actions(tuple(_watch_button(week.number, n, v.title)
                                for n, v in enumerate(week.videos, start=1)))]
    if week.project_step:
        parts += [Text("**Your project this week**"), Text(week.project_step)]
    if week.prompts:
        parts += [Text("**To discuss**"), Text(f"_{week.prompts[0]}_")]
    buttons = []
    if position.own_pace and position.week != week.number:
        buttons.append(Button(f"Make week {week.number} my week", f"week set {week.number}"))
    if week.number > 1:
        buttons.append(Button("◀ Previous week", f"week {week.number - 1}"))
    if week.number < course.week_count:
        buttons.append(Button("Next week ▶", f"week {week.number + 1}"))
    buttons.append(Button("All weeks", "weeks"))
    parts.append(Actions(tuple(buttons)))
    return Reply(parts=tuple(parts), summary=f"Week {week.number}: {week.title}")


def _where(course: Course, week: Week, position: Position) -> str:
    group = position.group
    of = f"week {week.number} of {course.week_count}"
    if group is None and position.week != week.number:
        return (f"This is {of}; you're on week {position.week}, at your own pace. "
                f"`week set {week.number}` makes it your week.")
    if group is None:
        return f"You're on {of}, at your own pace."
    if group.starts_in_days is not None:
        days = "tomorrow" if group.starts_in_days == 1 else f"in {group.starts_in_days} days"
        if week.number == 1:
            return f"{group.group_name} starts {days}; here is week 1 to get ready."
        return f"This is {of}; {group.group_name} starts {days}, with week 1."
    if group.finished:
        return f"{group.group_name} has finished the course. Well done! Here is {of}."
    if group.week == week.number:
        return f"{group.group_name} is in {of} now."
    return f"This is {of}; {group.group_name} is in week {group.week}."


def _activity(title: str, minutes: int | None, description: str) -> str:
    time = f" (about {minutes} min)" if minutes else ""
    return f"**{title}**{time}: {description}" if description else f"**{title}**{time}"


def _watch_button(week: int, number: int, title: str) -> Button:
    """Lookup then favours this video for the learner's questions (`watching`)."""
    short = title if len(title) <= WATCH_LABEL_CHARS else title[:WATCH_LABEL_CHARS - 1].rstrip() + "…"
    return Button(f"I'm watching: {short}", f"watching {week}.{number}")


def _video(course: Course, title: str, transcript: Sequence[object]) -> str:
    speakers = sorted({course.speaker_name(getattr(t, "speaker", None)) or "" for t in transcript}
                      - {""})
    who = f" with {', '.join(speakers)}" if speakers else ""
    return f"{title}{who}"
