"""`courses` and `course ID`: what is installed here, and which course a learner follows."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.command import Command, Context, Intent, UsageError, intent
from bot.course.catalog import Catalog
from bot.course.models import Course
from bot.courses.service import CourseResolver, Whereabouts, Why
from bot.courses.store import CourseChoiceRepository
from bot.messages import Actions, Bullets, Button, Heading, Reply, Text
from bot.open_questions import THEN
from bot.store.dialogs import Dialog, DialogRepository
from bot.wording import count

# The dialog kind of "which course?" (the command that takes its answer).
ASKED = "courses"
COURSE_WORD = re.compile(r"^(?:courses?\b:?|follow\b|pick\b)\s*", re.IGNORECASE)


class CourseCommands:
    def __init__(self, catalog: Catalog, resolver: CourseResolver, choices: CourseChoiceRepository,
                 dialogs: DialogRepository) -> None:
        self.catalog = catalog
        self.resolver = resolver
        self.choices = choices
        self.dialogs = dialogs

    def commands(self) -> Sequence[Command]:
        return [Command(
            name="courses",
            summary="The courses I know, and which one you follow here",
            usage=("courses", f"course {self.catalog.ids[0] if self.catalog.ids else 'ID'}", "course"),
            details="In a study group's channel you follow the group's course. In a direct "
            "message you follow the course you pick with `course ID`, or else your group's.",
            handler=self.courses,
            topic="course",
            on_answer=self.answered,
            accepts=lambda state, text: course_named(self.catalog, text) is not None,
        )]

    def intents(self) -> Sequence[Intent]:
        # `course ID` is a phrasing, not a command word, so that "course overview" still
        # reaches the week capability's phrasings, which are tried first.
        return [intent(r"^course(?:\s+(?P<id>\S+))?$", lambda m: f"courses {m.group('id') or ''}".strip()),
                intent(r"^(?:which|what) courses?\b|\b(?:switch|change) (?:my )?course\b",
                       lambda m: "courses")]

    async def courses(self, context: Context, args: str) -> Reply:
        typed = args.strip()
        if typed:
            return await self._choose(context, typed)
        where = await self.resolver.resolve(context.message)
        return course_list(self.catalog, where)

    async def no_course(self, context: Context, where: Whereabouts) -> Reply:
        """A course-bound word with no course to use: ask which, and keep the message for after."""
        if where.why is Why.UNCHOSEN:
            await self.dialogs.start(context.message, Dialog(ASKED, {THEN: context.message.text}),
                                     context.now)
        return no_course_reply(self.catalog, where)

    async def answered(self, context: Context, text: str) -> Reply:
        """The answer to "which course?": an id, a title, or its number in the list."""
        course = course_named(self.catalog, text)
        if course is None:
            raise UsageError(unknown_course(self.catalog, text))
        return await self._choose(context, course.id)

    async def _choose(self, context: Context, typed: str) -> Reply:
        course = self.catalog.find(typed)
        if course is None:
            raise UsageError(unknown_course(self.catalog, typed))
        where = await self.resolver.resolve(context.message)
        if where.why in (Why.GROUP, Why.MISSING):
            return Reply.of(Text(in_group_channel(where)))
        await self.choices.choose(context.message.user, course.id, context.now)
        # An open question belonged to the course left behind.
        await self.dialogs.end(context.message)
        return chosen(course)


def course_list(catalog: Catalog, where: Whereabouts) -> Reply:
    current = where.course.id if where.course else None
    lines = tuple(f"**{c.title}** (`{c.id}`): {count(c.week_count, 'week')}"
                  + (" · you follow this one here" if c.id == current else "") for c in catalog)
    parts: list[Heading | Text | Bullets | Actions] = [Heading("Courses here"), Bullets(lines)]
    if where.why in (Why.GROUP, Why.MISSING):
        parts.append(Text(in_group_channel(where)))
    elif catalog.several:
        parts.append(Text("Pick the one you study with `course ID`; your choice holds in direct "
                          "messages and channels that are not a study group."))
        parts.append(Actions(tuple(Button(c.title, f"courses {c.id}") for c in catalog
                                   if c.id != current)[:5]))
    return Reply(parts=tuple(parts), summary="Courses here")


def chosen(course: Course) -> Reply:
    return Reply.of(Text(f"You're following **{course.title}** now. `week` shows this week's "
                         "material, `weeks` the whole course, and `help` what else I can do."),
                    summary=f"Following {course.title}")


def in_group_channel(where: Whereabouts) -> str:
    followed = where.course.title if where.course else f"`{where.missing_id}`"
    return (f"This channel is a study group that follows {followed}, so that's the course here. "
            "A facilitator can change it with `group course ID`.")


def course_named(catalog: Catalog, text: str) -> Course | None:
    """The course an answer to "which course?" names: its id, its title, or its number in the list."""
    typed = COURSE_WORD.sub("", text.strip().strip("`")).strip()
    if typed.isdigit() and 1 <= int(typed) <= len(catalog):
        return catalog.courses[int(typed) - 1]
    return catalog.find(typed)


def unknown_course(catalog: Catalog, typed: str) -> str:
    close = catalog.close_to(typed)
    hint = (" Did you mean " + " or ".join(f"`{c.id}`" for c in close) + "?") if close else ""
    known = ", ".join(f"`{c.id}` ({c.title})" for c in catalog)
    return f"I don't know the course `{typed[:40]}`.{hint} The courses here are: {known}."


def no_course_reply(catalog: Catalog, where: Whereabouts) -> Reply:
    """The answer to a course-bound command when the message has no course to use."""
    if where.why is Why.MISSING:
        return Reply.of(Text(
            f"This group follows the course `{where.missing_id}`, which is not installed here, so "
            "I can't show its material. Its members' notes and canvases are kept. A facilitator "
            "can move the group to an installed course with `group course ID` (`courses` lists "
            "them)."), summary="This group's course is not installed")
    buttons = tuple(Button(c.title, f"courses {c.id}") for c in catalog)[:5]
    return Reply.of(
        Text("Several courses are installed here, and I don't know which one you study yet. "
             "Pick one with `course ID` (or its number), or join your study group with `group join "
             "#channel`:"),
        Bullets(tuple(f"**{c.title}** (`{c.id}`)" for c in catalog), numbered=True),
        Actions(buttons),
        summary="Which course do you study?")
