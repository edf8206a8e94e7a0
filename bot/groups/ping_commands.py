"""`group ping`: the role or user group a group's reminders and session announcements mention."""

from __future__ import annotations

from bot.audit.service import GROUP_PING, AuditLog
from bot.command import Context, UsageError
from bot.groups.pings import PingService
from bot.groups.service import GroupService
from bot.messages import Ping, Reply, Text

EXAMPLE = "group ping @study-group"
OFF_WORDS = {"off", "none", "stop", "nobody"}


async def change_ping(groups: GroupService, pings: PingService, audit: AuditLog, context: Context,
                      typed: str) -> Reply:
    group = await groups.channel_group(context.message)
    if group is None:
        raise UsageError("Choose the ping in the group's own channel, once it is set up.")
    words = typed.split()
    if words and words[0].lower() in OFF_WORDS:
        await pings.choose(group, None, context.now)
        await audit.record(context.message, GROUP_PING, context.now, detail="off")
        return Reply.of(Text("Done: the group's reminders and session announcements mention "
                             "nobody now. `group ping @name` turns it back on."))
    named = context.message.named_groups
    if len(named) != 1:
        raise UsageError(f"Which role or user group should I mention? Name exactly one: `{EXAMPLE}`, "
                         "or `group ping off`." if not named else
                         "I mention one role or user group at most. Name just one, e.g. "
                         f"`{EXAMPLE}`.")
    chosen = Ping(named[0].id, named[0].label[:120] or f"@{named[0].id}")
    await pings.choose(group, chosen, context.now)
    await audit.record(context.message, GROUP_PING, context.now, detail=chosen.label)
    return Reply.of(Text(f"Done: the weekly reminder and session announcements will mention "
                         f"{ping_name(chosen)}, and nothing else I post mentions anyone. "
                         "`group ping off` stops it."))


def ping_name(ping: Ping | None) -> str:
    """How settings name the chosen mention, without pinging it."""
    return (ping.label or f"@{ping.id}") if ping else "off"
