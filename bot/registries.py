"""One set of commands per course, and the choice of set for each message.

Course-bound capabilities (weeks, lookup, canvas, ideas, help) are built once per course,
so a course without a canvas simply has no `canvas` command and its `help` never names
one. Course-neutral capabilities (groups, reminders, prompts, privacy, courses) are
shared by every set. A message gets the set of the course it is about (see
bot.courses.service); when there is none to go by, or the group's course is not
installed, a set whose course-bound words all explain that instead.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, replace

from bot.command import Capability, Command, Context, Handler, Intent, Registry
from bot.course.catalog import Catalog
from bot.course.models import Course
from bot.courses.service import CourseResolver, Whereabouts, Why
from bot.messages import Incoming, Reply, Text

# Builds the course-bound capabilities of one course, in the order they are tried; the
# registry they will be part of is handed in (lookup suggests command words from it).
CourseCapabilities = Callable[[Course, Registry], Sequence[Capability]]
# Builds `help` for a set of commands, given the course it is for (None: no course).
HelpFor = Callable[[Registry, Course | None], Capability]
# The reply for a course-bound command when the message has no course to use (it may
# ask which course, and carry the message out once answered).
NoCourseReply = Callable[[Context, Whereabouts], Awaitable[Reply]]


@dataclass(frozen=True)
class _Stubs:
    """Course-bound command words that answer "which course?" (or "not installed")."""

    words: tuple[Command, ...]
    resolver: CourseResolver
    answer: NoCourseReply

    def commands(self) -> Sequence[Command]:
        return [replace(c, handler=self._explain, on_answer=None, accepts=None)
                for c in self.words]

    def intents(self) -> Sequence[Intent]:
        return []

    async def _explain(self, context: Context, args: str) -> Reply:
        return await self.answer(context, await self.resolver.resolve(context.message))


@dataclass(frozen=True)
class _Labelled:
    """A course's capability whose replies say which course they are about."""

    capability: Capability
    course: Course
    resolver: CourseResolver

    def commands(self) -> Sequence[Command]:
        return [replace(c, handler=self._label(c.handler),
                        on_answer=c.on_answer and self._label(c.on_answer))
                for c in self.capability.commands()]

    def intents(self) -> Sequence[Intent]:
        return self.capability.intents()

    def _label(self, handler: Handler) -> Handler:
        async def labelled(context: Context, args: str) -> Reply:
            reply = await handler(context, args)
            if not reply.parts:
                return reply
            where = await self.resolver.resolve(context.message)
            return replace(reply, parts=(*reply.parts, course_line(self.course, where)))
        return labelled


class CourseRegistries:
    def __init__(self, catalog: Catalog, resolver: CourseResolver, *,
                 course_capabilities: CourseCapabilities, shared: Sequence[Capability],
                 help_for: HelpFor, no_course: NoCourseReply) -> None:
        self.catalog = catalog
        self.resolver = resolver
        self.by_course: dict[str, Registry] = {}
        bound: dict[str, Command] = {}
        for course in catalog:
            registry = Registry()
            own = list(course_capabilities(course, registry))
            if catalog.several:
                own = [_Labelled(capability, course, resolver) for capability in own]
            self.by_course[course.id] = _fill(registry, own, shared, help_for, course)
            for capability in own:
                bound.update({c.name: c for c in capability.commands()})
        stubs = _Stubs(tuple(bound.values()), resolver, no_course)
        self.without_course = _fill(Registry(), [stubs], shared, help_for, None)

    async def for_message(self, message: Incoming) -> Registry:
        course = await self.resolver.course_of(message)
        return self.without_course if course is None else self.by_course[course.id]

    def all(self) -> list[Registry]:
        return [*self.by_course.values(), self.without_course]


def _fill(registry: Registry, own: Sequence[Capability], shared: Sequence[Capability],
          help_for: HelpFor, course: Course | None) -> Registry:
    for capability in (*own, *shared):
        registry.add(capability)
    # Help comes last so it lists every command of the set.
    registry.add(help_for(registry, course))
    return registry


def course_line(course: Course, where: Whereabouts) -> Text:
    """Says which course a reply is about, when a deployment serves several."""
    switch = "" if where.why is Why.GROUP else " · `courses` to switch"
    return Text(f"_Course: {course.title}_{switch}")
