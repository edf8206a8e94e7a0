"""Study groups: a channel bound to a course, with a start date and a time zone.

Also the `GroupCalendar` that `WeekService` asks for "this week": in a group's
channel, that group; in a DM, the group the learner belongs to. A learner belongs
to the group whose channel they last used a group-aware command in (`week`, `group`,
`reminders`), or the one they chose with `group join`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime
from zoneinfo import available_timezones

from bot.course.catalog import Catalog
from bot.course.models import Course
from bot.messages import Incoming
from bot.schedule.clock import GroupWeek, group_week, zone_named
from bot.store.groups import GroupRepository, StudyGroup

DEFAULT_GROUP_NAME = "Your group"
EXAMPLE_START = "start:2026-12-07 tz:Europe/London"


class GroupSetupError(ValueError):
    """A setting we cannot use; the message says what to type instead."""


@dataclass(frozen=True)
class GroupSettings:
    start: date
    timezone: str
    name: str = DEFAULT_GROUP_NAME
    course_id: str = ""


# "<#C123|general>" (Slack), "<#123>" (Discord), "#cafe" or "cafe" (the console).
CHANNEL_MENTION = re.compile(r"^<#([A-Za-z0-9._-]+)(?:\|[^>]*)?>$|^#?([A-Za-z0-9._-]+)$")


def channel_id_from_mention(text: str) -> str | None:
    match = CHANNEL_MENTION.match(text.strip())
    return (match.group(1) or match.group(2)) if match else None


def zones_like(typed: str) -> list[str]:
    """Time zones whose city is the one typed ("london": Europe/London), at most three."""
    city = typed.strip().lower().replace(" ", "_")
    if not city or "/" in city:
        return []
    return sorted(z for z in available_timezones() if z.lower().rsplit("/", 1)[-1] == city
                  and "/" in z and not z.startswith(("posix/", "right/", "Etc/")))[:3]


class GroupService:
    def __init__(self, groups: GroupRepository, catalog: Catalog, *, default_course: str = "") -> None:
        self.groups = groups
        self.catalog = catalog
        # The course a new group follows when setup names none: the deployment's
        # default (STUDYBOT_DEFAULT_COURSE), or the only one installed.
        self.default_course = catalog.get(default_course) or catalog.only

    def setup_example(self) -> str:
        """A `group setup` line that runs as it stands in this deployment."""
        if self.default_course is not None:
            return f"group setup {EXAMPLE_START}"
        return f"group setup {EXAMPLE_START} course:{self.catalog.ids[0]}"

    async def group_week(self, message: Incoming, now: datetime, course: Course) -> GroupWeek | None:
        """Where the message's group is in `course`; None when it has none, or follows another."""
        group = await self.group_for(message, now)
        if group is None or group.course_id != course.id:
            return None
        return self.week_of(group, now)

    def course_of(self, group: StudyGroup) -> Course | None:
        return self.catalog.get(group.course_id)

    def week_of(self, group: StudyGroup, now: datetime) -> GroupWeek:
        """Where the group is on its calendar (a course that is not installed has no weeks)."""
        course = self.course_of(group)
        return group_week(group.name, group.start_date, group.zone, course.week_count if course else 0, now)

    async def group_for(self, message: Incoming, now: datetime) -> StudyGroup | None:
        """The channel's group (recording the speaker as a member), or a DM's member group."""
        tenant = message.channel.tenant
        if not message.channel.is_direct:
            group = await self.groups.get(tenant, message.channel.id)
            if group is not None:
                await self.groups.join(tenant, message.user.id, group.channel_id, now)
            return group
        channel_id = await self.groups.membership(tenant, message.user.id)
        return await self.groups.get(tenant, channel_id) if channel_id else None

    async def channel_group(self, message: Incoming) -> StudyGroup | None:
        if message.channel.is_direct:
            return None
        return await self.groups.get(message.channel.tenant, message.channel.id)

    async def setup(self, message: Incoming, settings: GroupSettings, now: datetime) -> StudyGroup:
        if message.channel.is_direct:
            raise GroupSetupError("Set a group up in the channel it meets in, not in a direct "
                                  f"message: type `{self.setup_example()}` there.")
        zone = zone_named(settings.timezone)
        if zone is None:
            like = zones_like(settings.timezone)
            hint = (f"Did you mean `tz:{like[0]}`?" if len(like) == 1 else
                    "Did you mean " + " or ".join(f"`tz:{z}`" for z in like) + "?" if like else
                    "Use a name like `Europe/London`, `America/New_York` or `UTC`.")
            raise GroupSetupError(f"I don't know the time zone `{settings.timezone[:40]}`. {hint}")
        course = self.catalog.get(settings.course_id) or (None if settings.course_id else self.default_course)
        if course is None:
            raise GroupSetupError(f"I don't know the course `{settings.course_id[:40]}`.")
        group = StudyGroup(tenant=message.channel.tenant, channel_id=message.channel.id,
                           name=settings.name, course_id=course.id,
                           start_date=settings.start, timezone=zone.key)
        await self.groups.save(group, message.user.id, now)
        await self.groups.join(group.tenant, message.user.id, group.channel_id, now)
        return group

    async def change_course(self, group: StudyGroup, course: Course, by: str, now: datetime) -> StudyGroup:
        moved = replace(group, course_id=course.id)
        await self.groups.save(moved, by, now)
        return moved

    async def join(self, message: Incoming, channel_id: str, now: datetime) -> StudyGroup | None:
        """Join the group meeting in `channel_id`: only where the platform says the learner
        can see that channel, or they are in the group already. None otherwise, and None
        when there is no group, so an answer never tells whether a hidden group exists."""
        tenant = message.channel.tenant
        if not message.can_see(channel_id) and \
                await self.groups.membership(tenant, message.user.id) != channel_id:
            return None
        group = await self.groups.get(tenant, channel_id)
        if group is not None:
            await self.groups.join(group.tenant, message.user.id, channel_id, now)
        return group

    async def invite(self, message: Incoming, user_id: str, now: datetime) -> StudyGroup | None:
        """A facilitator, in the group's channel, brings someone into the group."""
        group = await self.channel_group(message)
        if group is not None:
            await self.groups.join(group.tenant, user_id, group.channel_id, now)
        return group

    async def leave(self, message: Incoming) -> bool:
        return await self.groups.leave(message.channel.tenant, message.user.id)
