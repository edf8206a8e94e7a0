"""`group`: a channel's study group, its calendar and settings, membership and roles."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from bot import replies
from bot.audit.commands import show_audit
from bot.audit.service import GROUP_SETUP, AuditLog
from bot.command import Command, Context, Intent, UsageError, intent
from bot.course.catalog import Catalog
from bot.course.models import Course
from bot.courses.commands import course_named, unknown_course
from bot.groups.course_commands import change_course, choose_setup_course, which_course
from bot.groups.ping_commands import change_ping, ping_name
from bot.groups.pings import PingService
from bot.groups.plans import GroupPlans
from bot.groups.role_commands import carried_over_note, change_role, facilitator_names, list_facilitators
from bot.groups.roles import RoleService, user_id_from_mention
from bot.groups.service import GroupService, GroupSetupError, channel_id_from_mention
from bot.groups.setup import parse_setup
from bot.messages import Field, Fields, Heading, Need, Ping, Reply, Text, person
from bot.ports import ChannelReach
from bot.schedule.clock import GroupWeek
from bot.schedule.reach import unreachable
from bot.schedule.schedules import Status
from bot.schedule.series import replanned_text
from bot.schedule.triggers import describe
from bot.store.dialogs import Dialog, DialogRepository
from bot.store.groups import StudyGroup

# The dialog kind of "which course will the group follow?" (this command takes the answer).
SETUP_QUESTION = "group"

FACILITATOR_ACTIONS = {"setup", "grant", "revoke", "audit", "log", "invite", "add", "course", "ping"}


class GroupCommands:
    def __init__(self, catalog: Catalog, groups: GroupService, roles: RoleService,
                 plans: GroupPlans, dialogs: DialogRepository, audit: AuditLog | None = None,
                 pings: PingService | None = None, reach: ChannelReach | None = None) -> None:
        self.reach = reach
        self.catalog = catalog
        self.groups = groups
        self.roles = roles
        self.plans = plans
        self.audit = audit or AuditLog(None)
        self.pings = pings
        # Holds "which course will the group follow?" while the facilitator answers it.
        self.dialogs = dialogs

    def commands(self) -> Sequence[Command]:
        return [Command(
            name="group",
            summary="Your study group: its calendar, settings and facilitators",
            usage=("group", self.groups.setup_example(),
                   f'{self.groups.setup_example()} name:"Tuesday evening group"',
                   "group course ID", "group join", "group invite @ada", "group leave",
                   "group grant @ada", "group revoke @ada", "group facilitators", "group audit",
                   "group ping @study-group", "group ping off"),
            details="In a group's channel, `week` follows the group's calendar; in a direct "
            "message you follow the group you belong to (`group join` in its channel), or your "
            "own pace. Facilitators (workspace or server admins, and anyone granted the role with "
            "`group grant @name` in the group's channel) set the group up, and run its reminders "
            "and prompts; admins can add `every group` to a grant. `group setup` takes `start:` "
            "(the first day, YYYY-MM-DD), `tz:` (a time zone like Europe/London; UTC if left out) "
            "and `name:` (quote a name with spaces: `name:\"Tuesday group\"`), in any order. "
            "Running it again changes only what you name. In `group grant`, name the "
            "person with an @mention, or type their user id. `group audit` shows facilitators "
            "who changed settings, roles and prompts, and when. `group ping @role` makes the weekly "
            "reminder and session announcements mention that role or user group (the only "
            "mention the bot makes); `group ping off` stops it. With several courses installed, "
            "`group setup` takes `course:ID` (`courses` lists them) and `group course ID` moves the "
            "group to another course.",
            handler=self.group,
            aliases=("groups",),
            topic="group",
            on_answer=self._course_answer,
            accepts=lambda state, text: course_named(self.catalog, text) is not None,
        )]

    def intents(self) -> Sequence[Intent]:
        return [intent(r"^(?:which|what) (?:study )?group\b|\bwho (?:are|is) (?:the|our) facilitators?\b",
                       lambda m: "group")]

    async def group(self, context: Context, args: str) -> Reply:
        action, _, rest = args.strip().partition(" ")
        action = action.lower()
        if action in FACILITATOR_ACTIONS and not await context.is_facilitator():
            return replies.facilitators_only(f"group {action}")
        match action:
            case "":
                return await self._show(context)
            case "setup" | "set":
                return await self._setup(context, rest)
            case "join":
                return await self._join(context, rest)
            case "invite" | "add":
                return await self._invite(context, rest)
            case "leave":
                return await self._leave(context)
            case "grant" | "revoke":
                return await change_role(self.groups, self.roles, self.audit, context, action, rest)
            case "facilitators" | "roles":
                return await list_facilitators(self.groups, self.roles, context)
            case "audit" | "log":
                return await self._audit(context, rest)
            case "course":
                return await change_course(self.groups, self.plans, self.audit, context, rest)
            case "ping" if self.pings is not None:
                return await change_ping(self.groups, self.pings, self.audit, context, rest)
        raise UsageError(f"I don't know `group {action[:20]}`. Try `group`, `group setup`, "
                         "`group join`, `group grant @name` or `help group`.")

    async def _show(self, context: Context) -> Reply:
        group = await group_or_refusal(self.groups, context)
        if isinstance(group, Reply):
            return group
        reminder = await self.plans.reminder(group)
        when = describe(reminder.trigger, group.zone) if reminder else "off"
        if reminder and reminder.status is not Status.ACTIVE:
            when = f"{when} ({reminder.status.value})"
        granted = facilitator_names(await self.roles.granted(group.tenant, group.channel_id), group)
        ping = await self.pings.current(group) if self.pings else None
        return group_card(self.groups.course_of(group), group, self.groups.week_of(group, context.now),
                          when, granted, ping)

    async def _setup(self, context: Context, args: str) -> Reply:
        choices = parse_setup(args)
        if context.message.channel.is_direct:
            raise UsageError("Set a group up in the channel it meets in, not in a direct message: "
                             f"type `{self.groups.setup_example()}` there.", needs=Need.GROUP_CHANNEL)
        if refused := await unreachable(self.reach, context.message.channel):
            return refused
        current = await self.groups.channel_group(context.message)
        settings = choose_setup_course(self.groups, choices.over(current), current)
        if settings is None:
            await self.dialogs.start(context.message, Dialog(SETUP_QUESTION, {"setup": args}), context.now)
            return which_course(self.catalog, args)
        try:
            group = await self.groups.setup(context.message, settings, context.now)
        except GroupSetupError as error:
            needs = Need.GROUP_CHANNEL if context.message.channel.is_direct else None
            raise UsageError(str(error), needs=needs) from None
        replanned = await self.plans.group_changed(group, context.now)
        await self.audit.record(context.message, GROUP_SETUP, context.now, detail=args)
        course = self.groups.course_of(group)
        assert course is not None  # setup only accepts an installed course
        done = setup_done(course, group, self.groups.week_of(group, context.now), again=current is not None)
        told = replanned_text(replanned, group, context.now)
        return replace(done, parts=(*done.parts, Text(told))) if told else done

    async def _audit(self, context: Context, args: str) -> Reply:
        shown = await show_audit(self.audit, context, args)
        note = await carried_over_note(self.roles, context)
        return replace(shown, parts=(*shown.parts, note)) if note else shown

    async def _course_answer(self, context: Context, text: str) -> Reply:
        """The answer to "which course will the group follow?": the setup, with that course."""
        dialog = await self.dialogs.get(context.message, context.now)
        await self.dialogs.end(context.message)
        course = course_named(self.catalog, text)
        if dialog is None or course is None:
            raise UsageError(unknown_course(self.catalog, text))
        return await self.group(context, f"setup {dialog.state.get('setup', '')} course:{course.id}")

    async def _join(self, context: Context, args: str) -> Reply:
        message = context.message
        if args.strip():
            named = channel_id_from_mention(args)
            channel_id = message.channel_id(named) if named else None
        else:
            named, channel_id = None, None if message.channel.is_direct else message.channel.id
        if channel_id is None:
            raise UsageError("Type `group join` in the group's channel, or name it: `group join #channel`.")
        group = await self.groups.join(message, channel_id, context.now)
        if group is None:
            raise UsageError(f"I can't join you to a group in #{(named or channel_id)[:40]}: either no group "
                             "meets there, or I can't tell that you can see that channel. Type "
                             "`group join` in the channel itself, or ask a facilitator there to "
                             "`group invite` you.")
        return Reply.of(Text(f"You're in {group.name} now. In direct messages, `week` follows its "
                             "calendar. `group leave` goes back to your own pace."))

    async def _invite(self, context: Context, args: str) -> Reply:
        user_id = user_id_from_mention(args)
        if user_id is None:
            raise UsageError("Whom should I invite? Mention them: `group invite @name`.")
        group = await self.groups.invite(context.message, user_id, context.now)
        if group is None:
            raise UsageError("Invite people from the group's own channel, once it is set up "
                             f"(`{self.groups.setup_example()}`).")
        return Reply.of(Text(f"{person(user_id)} is in {group.name} now; in direct messages their "
                             "`week` follows its calendar. They can `group leave` at any time."))

    async def _leave(self, context: Context) -> Reply:
        left = await self.groups.leave(context.message)
        if not left:
            return Reply.of(Text("You aren't in a study group, so you're on your own pace already."))
        return Reply.of(Text("Done: in direct messages, `week` follows your own pace again. "
                             "Speaking in a group's channel joins that group."))

async def group_or_refusal(groups: GroupService, context: Context) -> StudyGroup | Reply:
    """The group a message is about (its channel's, or in a DM the learner's), or the reply
    that says there is none and how to set one up."""
    group = await groups.group_for(context.message, context.now)
    return group if group is not None else no_group(context.message.channel.is_direct,
                                                    groups.setup_example())


def no_group(is_direct: bool, setup: str) -> Reply:
    if is_direct:
        return Reply.of(Text("You're not in a study group, so `week` follows your own pace. To "
                             "follow a group's calendar, type `group join` in its channel."))
    return Reply.of(Text(f"This channel isn't a study group yet. A facilitator can set it up with "
                         f"`{setup}`."))


def group_card(course: Course | None, group: StudyGroup, week: GroupWeek, reminder: str,
               granted: list[str], ping: Ping | None = None) -> Reply:
    facilitators = ", ".join([*granted, "workspace or server admins"])
    title = course.title if course else f"{group.course_id} (not installed here: `group course ID`)"
    return Reply.of(
        Heading(f"Study group: {group.name}", from_user=True),
        Fields((Field("Course", title), Field("Starts", _day(group.start_date)),
                Field("Time zone", group.timezone), Field("Now", week_line(course, week)),
                Field("Weekly reminder", reminder), Field("Mentions", ping_name(ping)),
                Field("Facilitators", facilitators, from_user=True))),
        Text("Type `week` for this week's material, `reminders` for what's scheduled."),
        summary=f"Study group: {week_line(course, week)}")


def setup_done(course: Course, group: StudyGroup, week: GroupWeek, *, again: bool = False) -> Reply:
    if again:
        return Reply.of(Text(f"Updated: this group follows {course.title}, starting "
                             f"{_day(group.start_date)} ({group.timezone}). {week_line(course, week)}. "
                             "`group` shows all its settings."))
    return Reply.of(
        Text(f"This channel is now a study group for {course.title}, starting {_day(group.start_date)} "
             f"({group.timezone}). {week_line(course, week)}."),
        Text("Next: `remind monday 09:00` for a weekly reminder, `prompt queue-course` for the "
             "course's discussion questions, and `group grant @name` for co-facilitators."))


def week_line(course: Course | None, week: GroupWeek) -> str:
    if week.starts_in_days is not None:
        return "Starts tomorrow" if week.starts_in_days == 1 else f"Starts in {week.starts_in_days} days"
    if course is None:
        return "Its course is not installed here"
    if week.finished:
        return "The course has finished"
    return f"Week {week.week} of {course.week_count}"


def _day(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"
