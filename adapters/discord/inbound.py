"""Discord events -> Incoming: who (and whether a facilitator), where, and what they said."""

from __future__ import annotations

import re
from typing import Any

import discord

from bot.messages import ChannelRef, Incoming, Ping, Platform, TenantRef, UserRef

DM_TENANT_ID = "dm"
ADDRESSED_BY_NAME = re.compile(r"^\s*studybot\b", re.IGNORECASE)
ANSWERED_MESSAGE_TYPES = {discord.MessageType.default, discord.MessageType.reply}
ROLE_MENTION = re.compile(r"<@&(\d{1,20})>")


def tenant_of(guild_id: int | None) -> TenantRef:
    return TenantRef(Platform.DISCORD, str(guild_id) if guild_id else DM_TENANT_ID)


def channel_ref(tenant: TenantRef, channel: object, channel_id: int | None, *, direct: bool) -> ChannelRef:
    """A thread is carried as `thread`; the group's channel is the thread's parent."""
    if isinstance(channel, discord.Thread):
        return ChannelRef(tenant, str(channel.parent_id), is_direct=False, thread=str(channel.id))
    return ChannelRef(tenant, str(channel_id), is_direct=direct)


def named_roles(text: str, guild: discord.Guild | None) -> tuple[Ping, ...]:
    """The server's roles a message names (`group ping @tutors`), with their names; the
    bot's own role (it only addresses the bot) and @everyone are never among them."""
    if guild is None:
        return ()
    # The server's own id is its @everyone role: never one to choose.
    never = {guild.id, guild.self_role.id if guild.self_role else None}
    found: dict[str, Ping] = {}
    for match in ROLE_MENTION.finditer(text):
        role = guild.get_role(int(match[1]))
        if int(match[1]) not in never:
            found.setdefault(match[1], Ping(match[1], f"@{role.name}" if role else ""))
    return tuple(found.values())


def user_ref(tenant: TenantRef, user: discord.abc.User) -> UserRef:
    return UserRef(tenant, str(user.id), user.display_name)


def has_facilitator_role(user: object, role_name: str) -> bool:
    roles = getattr(user, "roles", ())
    wanted = role_name.casefold()
    return any(role.name.casefold() == wanted for role in roles)


def is_platform_admin_of_interaction(interaction: discord.Interaction[Any], role_name: str) -> bool:
    """Manage Server (or Administrator) in this server, or the facilitator role."""
    if interaction.guild_id is None:
        return False
    permissions = interaction.permissions
    return (permissions.manage_guild or permissions.administrator
            or has_facilitator_role(interaction.user, role_name))


def is_platform_admin_of_member(author: object, role_name: str) -> bool:
    if not isinstance(author, discord.Member):
        return False
    permissions = author.guild_permissions
    return (permissions.manage_guild or permissions.administrator
            or has_facilitator_role(author, role_name))


def incoming_from_interaction(interaction: discord.Interaction[Any], text: str, role_name: str) -> Incoming:
    tenant = tenant_of(interaction.guild_id)
    channel = channel_ref(tenant, interaction.channel, interaction.channel_id,
                          direct=interaction.guild_id is None)
    return Incoming(
        user=user_ref(tenant, interaction.user),
        channel=channel,
        text=text,
        user_is_platform_admin=is_platform_admin_of_interaction(interaction, role_name),
        received_at=interaction.created_at,
        named_groups=named_roles(text, interaction.guild),
    )


def addressed_text(message: discord.Message, me: discord.ClientUser, *, read_all: bool) -> str | None:
    """What a message says to us, or None when it is not for us.

    DMs are always for us. In a server, a message is for us when it mentions us (or our
    role), or, with the message-content intent, when it starts with "studybot".
    """
    if message.author.bot or message.type not in ANSWERED_MESSAGE_TYPES:
        return None
    if message.guild is None:
        return message.content
    own_role = message.guild.self_role
    role_mentioned = own_role is not None and own_role in message.role_mentions
    if any(user.id == me.id for user in message.mentions) or role_mentioned:
        return _strip_own_mentions(message.content, me.id, own_role.id if own_role else None)
    if read_all and ADDRESSED_BY_NAME.match(message.content):
        return message.content
    return None


def _strip_own_mentions(text: str, my_id: int, role_id: int | None) -> str:
    text = re.sub(rf"<@!?{my_id}>", " ", text)
    if role_id is not None:
        text = text.replace(f"<@&{role_id}>", " ")
    return " ".join(text.split())


def incoming_from_message(message: discord.Message, text: str, role_name: str) -> Incoming:
    guild_id = message.guild.id if message.guild else None
    tenant = tenant_of(guild_id)
    return Incoming(
        user=user_ref(tenant, message.author),
        channel=channel_ref(tenant, message.channel, message.channel.id, direct=guild_id is None),
        text=text,
        user_is_platform_admin=is_platform_admin_of_member(message.author, role_name),
        received_at=message.created_at,
        message_id=None if guild_id is None else str(message.id),
        # Channels the message mentions that Discord says the author may view.
        visible_channels=frozenset(str(c.id) for c in message.channel_mentions
                                   if isinstance(message.author, discord.Member)
                                   and c.permissions_for(message.author).view_channel),
        named_groups=named_roles(text, message.guild),
    )
