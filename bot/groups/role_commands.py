"""`group grant`, `group revoke`, `group facilitators`: who runs which group.

A grant is for the group whose channel it is typed in. Only workspace or server admins
may give the role for every group (`group grant @ada every group`, or a grant typed
outside any group's channel); each reply says which it was.
"""

from __future__ import annotations

from bot.audit.service import ROLE_GRANT, ROLE_REVOKE, AuditLog
from bot.command import Context, UsageError
from bot.groups.roles import RoleService, is_picked_mention, user_id_from_mention
from bot.groups.service import GroupService
from bot.messages import Reply, Text, person
from bot.store.groups import EVERY_GROUP, Grant, StudyGroup

EVERY_GROUP_WORDS = {"every group", "all groups", "everywhere", "workspace", "server",
                     "workspace-wide", "server-wide"}
ADMINS = "workspace or server admins"


async def change_role(groups: GroupService, roles: RoleService, audit: AuditLog, context: Context,
                      action: str, args: str) -> Reply:
    who, _, scope = args.strip().partition(" ")
    user_id = user_id_from_mention(who)
    if user_id is None:
        raise UsageError(f"Whom should I {action}? Mention them: `group {action} @name`.")
    group = await _scope(groups, context, action, user_id, scope)
    channel_id = group.channel_id if group else EVERY_GROUP
    tenant, by = context.message.user.tenant, context.message.user.id
    # The audit line names the channel already; a grant for every group says so.
    where = "" if group else "every group"
    if action == "grant":
        # Checked before the grant, which makes anyone known.
        unseen = not is_picked_mention(who) and not await roles.known(tenant, user_id)
        changed = await roles.grant(tenant, user_id, by, context.now, channel_id)
        if changed:
            await audit.record(context.message, ROLE_GRANT, context.now, subject=user_id, detail=where)
        granted = granted_text(person(user_id), changed, group)
        return Reply.of(Text(f"{granted} {unseen_note(user_id)}" if unseen and changed else granted))
    changed = await roles.revoke(tenant, user_id, channel_id)
    if changed:
        await audit.record(context.message, ROLE_REVOKE, context.now, subject=user_id, detail=where)
    return Reply.of(Text(revoked_text(person(user_id), changed, group)))


async def _scope(groups: GroupService, context: Context, action: str, user_id: str,
                 scope: str) -> StudyGroup | None:
    """The group a role change is for; None: every group (admins only)."""
    wide = " ".join(scope.lower().split()) in EVERY_GROUP_WORDS
    if scope.strip() and not wide:
        raise UsageError(f"`group {action} @{user_id}` changes the role for this group; add "
                         f"`every group` for every group here (admins only).")
    group = None if wide else await groups.channel_group(context.message)
    if group is None and not context.message.user_is_platform_admin:
        raise UsageError(f"Only {ADMINS} can change the facilitator role for every group. To "
                         f"{action} it for one group, type `group {action} @{user_id}` in that "
                         "group's channel.")
    return group


async def list_facilitators(groups: GroupService, roles: RoleService, context: Context) -> Reply:
    group = await groups.channel_group(context.message)
    granted = await roles.granted(context.message.user.tenant, group.channel_id if group else None)
    return Reply.of(Text(facilitators_text(granted, group)))


def granted_text(user_id: str, changed: bool, group: StudyGroup | None) -> str:
    scope = f"of {group.name} (this channel's group)" if group else "of every group here"
    if not changed:
        return f"{user_id} is a facilitator {scope} already."
    return (f"{user_id} is now a facilitator {scope}: they can run its setup, reminders, prompts "
            "and sessions." if group else
            f"{user_id} is now a facilitator {scope}: they can set up and run any group, its "
            "reminders, prompts and sessions.")


def unseen_note(user_id: str) -> str:
    return (f"I haven't seen `{user_id}` here yet, so check the spelling: the role goes to "
            "exactly that name. Picking the person from the @ menu avoids slips.")


def revoked_text(user_id: str, changed: bool, group: StudyGroup | None) -> str:
    scope = f"of {group.name}" if group else "of every group"
    if not changed:
        return (f"{user_id} holds no granted facilitator role {scope}. ({ADMINS.capitalize()} are "
                "always facilitators; `group facilitators` lists the others.)")
    return f"{user_id} is no longer a facilitator {scope}."


def facilitator_names(granted: list[Grant], group: StudyGroup | None) -> list[str]:
    """Each facilitator once; in a group, those who hold the role for every group say so."""
    names: dict[str, str] = {}
    for grant in granted:
        if group is not None:
            names.setdefault(grant.user_id, f"{person(grant.user_id)} (every group)" if grant.every_group
                             else person(grant.user_id))
        else:
            names.setdefault(grant.user_id, person(grant.user_id) if grant.every_group
                             else f"{person(grant.user_id)} (#{grant.channel_id})")
    return list(names.values())


def facilitators_text(granted: list[Grant], group: StudyGroup | None) -> str:
    here = "Facilitators of this group" if group else "Facilitators here"
    names = facilitator_names(granted, group)
    if not names:
        return f"{here}: {ADMINS}. A facilitator can add more with `group grant @name`."
    return f"{here}: {', '.join(names)}, and {ADMINS}."


async def carried_over_note(roles: RoleService, context: Context) -> Text | None:
    """For `group audit`: the roles granted before grants were per group, kept for every group."""
    kept = sorted({g.user_id for g in await roles.granted(context.message.user.tenant) if g.carried_over})
    if not kept:
        return None
    first = kept[0]
    return Text(f"Granted before roles were per group, and kept for every group here: "
                f"{', '.join(kept)}. `group revoke @{first} every group` ends that; then "
                f"`group grant @{first}` in a group's channel gives the role for that group only.",
                from_user=True)
