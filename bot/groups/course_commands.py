"""Which course a study group follows: chosen at `group setup`, changed with `group course`."""

from __future__ import annotations

from dataclasses import replace

from bot.audit.service import GROUP_COURSE, AuditLog
from bot.command import Context, UsageError
from bot.course.catalog import Catalog
from bot.course.models import Course
from bot.courses.commands import unknown_course
from bot.groups.plans import GroupPlans
from bot.groups.service import GroupService, GroupSettings
from bot.messages import Actions, Bullets, Button, Reply, Text
from bot.store.groups import StudyGroup
from bot.wording import count


def choose_setup_course(groups: GroupService, settings: GroupSettings,
                        current: StudyGroup | None) -> GroupSettings | None:
    """The settings with an installed course id: as typed, the group's own, the deployment's
    default or the only one; None when there are several and nothing to go by (ask)."""
    catalog = groups.catalog
    if settings.course_id:
        course = catalog.find(settings.course_id)
        if course is None:
            raise UsageError(unknown_course(catalog, settings.course_id)
                             + " Add it to the setup as `course:ID`.")
        return replace(settings, course_id=course.id)
    if current is not None and catalog.get(current.course_id) is not None:
        return replace(settings, course_id=current.course_id)
    if groups.default_course is not None:
        return replace(settings, course_id=groups.default_course.id)
    return None


def which_course(catalog: Catalog, args: str) -> Reply:
    """Setup named no course and several are installed: ask, offering the line with each."""
    lines = tuple(f"`group setup {args.strip()} course:{c.id}`".replace("  ", " ") for c in catalog)
    return Reply.of(
        Text("Which course will the group follow? Type its number or id, or one of these:"),
        Bullets(tuple(f"**{c.title}**: {line}" for c, line in zip(catalog, lines, strict=True)),
                numbered=True),
        Actions(tuple(Button(c.title, f"group setup {args.strip()} course:{c.id}") for c in catalog)[:5]),
        summary="Which course will the group follow?")


async def change_course(groups: GroupService, plans: GroupPlans, audit: AuditLog,
                        context: Context, typed: str) -> Reply:
    group = await groups.channel_group(context.message)
    if group is None:
        raise UsageError("Type `group course ID` in the study group's channel.")
    if not typed.strip():
        raise UsageError("Which course? `group course ID`; `courses` lists them.")
    course = groups.catalog.find(typed)
    if course is None:
        raise UsageError(unknown_course(groups.catalog, typed))
    before = groups.course_of(group)
    if course.id == group.course_id:
        return Reply.of(Text(f"This group follows {course.title} already."))
    moved = await groups.change_course(group, course, context.message.user.id, context.now)
    await plans.group_changed(moved, context.now)
    await audit.record(context.message, GROUP_COURSE, context.now,
                       detail=f"{group.course_id} -> {course.id}")
    return course_changed(before.title if before else group.course_id, course)


def course_changed(before: str, course: Course) -> Reply:
    return Reply.of(
        Text(f"This group follows **{course.title}** now, from the same start date."),
        Text(f"What that means: `week` and the weekly reminder follow its "
             f"{count(course.week_count, 'week')}. Canvases and notes kept for {before} stay as "
             f"they are and come back if the group switches back; in {course.title}, the group "
             "canvas and each member's canvas start from what was kept for that course, if "
             "anything. Discussion prompts already scheduled stay scheduled: `prompt list` shows "
             "them, `prompt cancel N` removes one, and `prompt queue-course` queues the "
             f"discussion questions of {course.title}."),
        summary=f"This group follows {course.title} now")
