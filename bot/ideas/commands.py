"""`ideas ...`: the course's project ideas notebook, a section a week."""

from __future__ import annotations

from collections.abc import Sequence

from bot.bounds import listed_number
from bot.canvas.blocks import BlockMatcher
from bot.command import Command, Context, Intent, UsageError, intent
from bot.course.models import Course
from bot.ideas.service import IdeasService
from bot.ideas.store import Note
from bot.messages import Bullets, Heading, Part, Reply, Text
from bot.weeks.commands import parse_week_number
from bot.weeks.service import WeekService

PROMOTE_HINT = "Promote a note into your canvas with `ideas promote <n> <block>`."


def usage(course: Course) -> tuple[str, ...]:
    promote = (f"ideas promote 2 {course.canvas[0].name.lower()}",) if course.has_canvas else ()
    return ("ideas", "ideas add <something you noticed this week>", "ideas week 2", *promote,
            "ideas remove 4", "ideas template")


def details(course: Course) -> str:
    promote = (" Promote a note into your canvas with `ideas promote <n> <block>`; the note stays "
               "in your notebook too.") if course.has_canvas else ""
    return f"A note goes under the section of the week you're in.{promote}"


class IdeasCommands:
    def __init__(self, course: Course, ideas: IdeasService, weeks: WeekService) -> None:
        self.course = course
        self.ideas = ideas
        self.weeks = weeks
        self.matcher = BlockMatcher(course.canvas)

    def commands(self) -> Sequence[Command]:
        return [Command(name="ideas", summary="Your project ideas notes, week by week",
                        usage=usage(self.course), aliases=("idea",), details=details(self.course),
                        topic="canvas",
                        handler=self.handle)]

    def intents(self) -> Sequence[Intent]:
        return [
            intent(r"^(?:show\s+(?:me\s+)?)?my\s+(?:project\s+)?(?:ideas|idea notes)\b\??$",
                   lambda m: "ideas"),
            intent(r"\b(?:project\s+)?ideas\s+template\b", lambda m: "ideas template"),
        ]

    async def handle(self, context: Context, args: str) -> Reply:
        verb, _, rest = args.strip().partition(" ")
        verb, rest = verb.lower(), rest.strip()
        if verb in {"add", "new", "note"}:
            return await self.add(context, rest)
        if verb in {"remove", "delete", "rm"}:
            return await self.remove(context, rest)
        if verb == "promote":
            return await self.promote(context, rest)
        if verb == "template":
            return self.template()
        if verb in {"", "all", "list"}:
            return await self.list(context, None)
        return await self.list(context, self._week(args))

    async def add(self, context: Context, text: str) -> Reply:
        week = (await self.weeks.position(context.message, context.now)).week
        note = await self.ideas.add(context.message.user, week, text, context.now)
        same_week = await self.ideas.notes(context.message.user, week)
        parts: list[Part] = [Text(f"Filed under {self._section_name(week)} as note #{note.number}. "
                                  "Type `ideas` to see them all.")]
        section = self.ideas.section(week)
        if len(same_week) == 1 and section is not None and section.prompt:
            parts.append(Text(f"This week's prompt: _{section.prompt}_"))
        return Reply(parts=tuple(parts), private=True, summary="Note saved")

    async def list(self, context: Context, week: int | None) -> Reply:
        notes = await self.ideas.notes(context.message.user, week)
        if not notes:
            return await self._nothing_yet(context, week)
        heading = "Your project ideas" + (f", week {week}" if week else "")
        parts: list[Part] = [Heading(heading)]
        for number in sorted({n.week for n in notes}):
            parts += [Text(f"**{self._section_name(number)}**"),
                      Bullets(tuple(_note_line(n, self.matcher) for n in notes if n.week == number),
                              from_user=True)]
        if self.course.has_canvas:
            parts.append(Text(PROMOTE_HINT))
        return Reply(parts=tuple(parts), private=True, summary=heading)

    async def remove(self, context: Context, rest: str) -> Reply:
        note = await self.ideas.remove(context.message.user, _number(rest, "ideas remove 2"))
        return Reply.of(Text(f"Removed note #{note.number} from {self._section_name(note.week)}."),
                        private=True)

    async def promote(self, context: Context, rest: str) -> Reply:
        if not self.course.has_canvas:
            raise UsageError(f"{self.course.title} has no project canvas, so notes stay in your "
                             "notebook: `ideas` shows them.")
        example = usage(self.course)[3]
        number_word, _, block_text = rest.partition(" ")
        block_text = block_text.strip().removeprefix("to ").removeprefix("into ")
        block = self.matcher.find(block_text) if block_text else None
        if block is None:
            raise UsageError(f"Which canvas block should it go in? For example: `{example}`.")
        note, entry = await self.ideas.promote(context.message.user, _number(number_word, example),
                                               block, context.now)
        return Reply.of(Text(f"Note #{note.number} is now {block.name} #{entry} on your canvas. "
                             "Type `canvas` to see it."), private=True)

    def template(self) -> Reply:
        lines = tuple(f"**{self._section_name(s.week)}**: {s.prompt}" for s in self.course.ideas)
        return Reply.of(Heading(self.course.ideas_info.title), Bullets(lines),
                        Text("Add a note to this week's section with `ideas add <text>`."),
                        summary=self.course.ideas_info.title)

    async def _nothing_yet(self, context: Context, week: int | None) -> Reply:
        current = week or (await self.weeks.position(context.message, context.now)).week
        section = self.ideas.section(current)
        prompt = f" The prompt for {self._section_name(current)}: _{section.prompt}_" if (
            section and section.prompt) else ""
        where = f"for week {week}" if week else "yet"
        return Reply.of(Text(f"You have no notes {where}.{prompt} Add one with `ideas add <text>`."),
                        private=True)

    def _section_name(self, week: int) -> str:
        section = self.ideas.section(week)
        return f"Week {week}: {section.title}" if section else f"Week {week}"

    def _week(self, text: str) -> int:
        number = parse_week_number(text, self.course.week_count)
        if number is None or not 1 <= number <= self.course.week_count:
            raise UsageError(f"Try `ideas`, `ideas add <text>` or `ideas week 3` (weeks 1 to "
                             f"{self.course.week_count}).")
        return number


def _note_line(note: Note, matcher: BlockMatcher) -> str:
    promoted = matcher.by_id(note.promoted_to) if note.promoted_to else None
    suffix = f" (in your canvas: {promoted.name})" if promoted else ""
    return f"#{note.number} {note.text}{suffix}"


def _number(text: str, example: str) -> int:
    number = listed_number(text.strip().split(" ")[0].lstrip("#"))
    if number is None:
        raise UsageError(f"Which note? Give its number, as `ideas` shows it: `{example}`.")
    return number
