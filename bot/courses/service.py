"""Which course a message is about: the course of where the learner is.

In a study group's channel, the group's course. Elsewhere (a DM, or a channel that is no
group): the course the learner chose with `course ID`, else the course of the group they
belong to, else the deployment's default, else the only course installed. With several
installed and none of those, the learner is asked to choose.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bot.course.catalog import Catalog
from bot.course.models import Course
from bot.courses.store import CourseChoiceRepository
from bot.messages import Incoming
from bot.store.groups import GroupRepository, StudyGroup


class Why(StrEnum):
    GROUP = "group"  # the channel is a study group's
    CHOSEN = "chosen"  # the learner picked it with `course ID`
    MEMBER = "member"  # the learner belongs to a group that follows it
    DEFAULT = "default"  # the deployment's default, or the only course
    UNCHOSEN = "unchosen"  # several courses, nothing to go by: ask
    MISSING = "missing"  # the group follows a course that is not installed here


@dataclass(frozen=True)
class Whereabouts:
    why: Why
    course: Course | None = None
    # The group whose channel this is (only for Why.GROUP and Why.MISSING).
    group: StudyGroup | None = None
    # The course id a group follows that is not installed (Why.MISSING).
    missing_id: str = ""


class CourseResolver:
    def __init__(self, catalog: Catalog, groups: GroupRepository, choices: CourseChoiceRepository,
                 *, default_course: str = "") -> None:
        self.catalog = catalog
        self.groups = groups
        self.choices = choices
        self.default = catalog.get(default_course) or catalog.only

    async def resolve(self, message: Incoming) -> Whereabouts:
        group = await self._channel_group(message)
        if group is not None:
            return self._of_group(group)
        chosen = self.catalog.get(await self.choices.get(message.user) or "")
        if chosen is not None:
            return Whereabouts(Why.CHOSEN, chosen)
        member = await self._member_course(message)
        if member is not None:
            return Whereabouts(Why.MEMBER, member)
        if self.default is not None:
            return Whereabouts(Why.DEFAULT, self.default)
        return Whereabouts(Why.UNCHOSEN)

    async def course_of(self, message: Incoming) -> Course | None:
        """Only which course, not why. With one course installed, a learner's choice and
        membership cannot change the answer, so they are not read (every message asks)."""
        only = self.catalog.only
        if only is None:
            return (await self.resolve(message)).course
        group = await self._channel_group(message)
        return only if group is None else self._of_group(group).course

    async def _channel_group(self, message: Incoming) -> StudyGroup | None:
        """The study group whose channel the message was written in (none for a DM)."""
        if message.channel.is_direct:
            return None
        return await self.groups.get(message.channel.tenant, message.channel.id)

    def _of_group(self, group: StudyGroup) -> Whereabouts:
        course = self.catalog.get(group.course_id)
        if course is None:
            return Whereabouts(Why.MISSING, group=group, missing_id=group.course_id)
        return Whereabouts(Why.GROUP, course, group=group)

    async def _member_course(self, message: Incoming) -> Course | None:
        channel_id = await self.groups.membership(message.channel.tenant, message.user.id)
        group = await self.groups.get(message.channel.tenant, channel_id) if channel_id else None
        return self.catalog.get(group.course_id) if group else None
