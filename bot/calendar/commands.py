"""`calendar`: the group's calendar feed (a private URL), or an .ics file in the console."""

from __future__ import annotations

from collections.abc import Sequence

from bot import replies
from bot.audit.service import AuditLog
from bot.calendar.feed import CalendarFeed
from bot.command import Command, Context, Intent, UsageError
from bot.groups.commands import group_or_refusal
from bot.groups.service import GroupService
from bot.messages import Platform, Reply, Text

CALENDAR_RESET = "calendar reset"
NO_PUBLIC_ADDRESS = ("I can't give you a calendar link yet: this studybot has no public address for "
                     "calendars. Ask whoever runs it to set one (STUDYBOT_PUBLIC_URL); then `calendar` "
                     "gives you a link to subscribe to.")


class CalendarCommands:
    def __init__(self, groups: GroupService, feed: CalendarFeed, audit: AuditLog | None = None) -> None:
        self.groups = groups
        self.feed = feed
        self.audit = audit or AuditLog(None)

    def commands(self) -> Sequence[Command]:
        return [Command(
            name="calendar", summary="The group's calendar: weeks and live sessions, for your calendar app",
            usage=("calendar", "calendar reset"), handler=self.calendar, aliases=("ics",), topic="group",
            details="`calendar` gives you a private address to subscribe to in your calendar app: the "
            "course's weeks, the group's live sessions, and (with `?posts=1` on the end) its "
            "scheduled posts. Keep it to the group. Facilitators: `calendar reset` makes a new "
            "address and turns the old one off.")]

    def intents(self) -> Sequence[Intent]:
        return []

    async def calendar(self, context: Context, args: str) -> Reply:
        group = await group_or_refusal(self.groups, context)
        if isinstance(group, Reply):
            return group
        action = args.strip().lower()
        if action == "reset":
            if not await context.is_facilitator():
                return replies.facilitators_only("calendar reset")
            token = await self.feed.reset(group, context.now)
            await self.audit.record(context.message, CALENDAR_RESET, context.now,
                                    channel_id=group.channel_id)
            url = self.feed.url(token)
            told = f" The new one: {url}" if url else ""
            return Reply.of(Text(f"Done: the old calendar address no longer works.{told}"), private=True)
        if action:
            raise UsageError("Try `calendar`, or `calendar reset` (facilitators).")
        url = self.feed.url(await self.feed.token(group, context.now))
        if url is None and context.message.user.tenant.platform is not Platform.CONSOLE:
            # A file on the server is no use to someone in a chat app (nor theirs to know).
            return Reply.of(Text(NO_PUBLIC_ADDRESS), private=True)
        if url is None:
            path = await self.feed.write(group, context.now)
            return Reply.of(Text(f"I wrote the group's calendar to `{path}`. Open it with your "
                                 "calendar app to add the weeks and sessions."), private=True)
        return Reply.of(Text(f"Subscribe to this address in your calendar app: {url}"),
                        Text("It is private to the group: please don't share it. Add `?posts=1` to "
                             "include the scheduled posts."), private=True)
