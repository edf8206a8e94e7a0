"""Discord wire payloads, shaped like the real ones (see discord/types/*.py in discord.py).

One small server: a study-group channel with a thread, a Facilitator role, a Moderators
role with Manage Server, the bot's own managed role, and three people.
"""

from __future__ import annotations

import itertools
from datetime import UTC, datetime
from typing import Any

from discord.utils import time_snowflake

Payload = dict[str, Any]

BOT_ID = APP_ID = 1100000000000000001
GUILD_ID = 1200000000000000001
CHANNEL_ID = 1300000000000000001
THREAD_ID = 1300000000000000002
OTHER_CHANNEL_ID = 1300000000000000003
FACILITATOR_ROLE_ID = 1400000000000000001
MODERATOR_ROLE_ID = 1400000000000000002
BOT_ROLE_ID = 1400000000000000003
STUDY_ROLE_ID = 1400000000000000004
COMMAND_ID = 1700000000000000001

ADA, FACILITATOR, MODERATOR = 1500000000000000001, 1500000000000000002, 1500000000000000003
NAMES = {ADA: "ada", FACILITATOR: "grace", MODERATOR: "mo", BOT_ID: "studybot"}
ROLES = {ADA: [], FACILITATOR: [FACILITATOR_ROLE_ID], MODERATOR: [MODERATOR_ROLE_ID], BOT_ID: [BOT_ROLE_ID]}

VIEW_AND_SEND = 1024 | 2048 | 65536  # view channel, send messages, read message history
MANAGE_GUILD = 1 << 5
MESSAGE_CONTENT_INTENT = 1 << 15
TEXT_CHANNEL, DM_CHANNEL, PUBLIC_THREAD = 0, 1, 11
SUB_COMMAND, SUB_COMMAND_GROUP, STRING, INTEGER, BOOLEAN, USER, ROLE = 1, 2, 3, 4, 5, 6, 8
MENTION_EVERYONE = 1 << 17
NOW = "2026-12-01T09:00:00.000000+00:00"

_sequence = itertools.count(1)


def new_id() -> int:
    """A fresh snowflake, as Discord would make now."""
    return time_snowflake(datetime.now(UTC)) + next(_sequence) % 4096


def user(user_id: int) -> Payload:
    return {"id": str(user_id), "username": NAMES[user_id], "global_name": NAMES[user_id].title(),
            "discriminator": "0", "avatar": None, "bot": user_id == BOT_ID}


def member(user_id: int, *, with_user: bool = True, permissions: int | None = None) -> Payload:
    data: Payload = {"roles": [str(r) for r in ROLES[user_id]], "nick": None, "joined_at": NOW,
                     "deaf": False, "mute": False, "flags": 0, "pending": False, "avatar": None,
                     "communication_disabled_until": None}
    if with_user:
        data["user"] = user(user_id)
    if permissions is not None:
        data["permissions"] = str(permissions)
    return data


def role(role_id: int, name: str, permissions: int = 0, *, bot: bool = False) -> Payload:
    data: Payload = {"id": str(role_id), "name": name, "color": 0, "hoist": False, "position": 1,
                     "permissions": str(permissions), "managed": bot, "mentionable": False, "flags": 0}
    if bot:
        data["tags"] = {"bot_id": str(BOT_ID)}
    return data


def text_channel(channel_id: int = CHANNEL_ID, name: str = "study-group") -> Payload:
    return {"id": str(channel_id), "type": TEXT_CHANNEL, "guild_id": str(GUILD_ID), "name": name,
            "position": 0, "permission_overwrites": [], "nsfw": False, "parent_id": None,
            "topic": None, "last_message_id": None, "rate_limit_per_user": 0}


def thread(thread_id: int = THREAD_ID, name: str = "week 3 chat", parent_id: int = CHANNEL_ID) -> Payload:
    return {"id": str(thread_id), "type": PUBLIC_THREAD, "guild_id": str(GUILD_ID),
            "parent_id": str(parent_id), "owner_id": str(ADA), "name": name, "last_message_id": None,
            "message_count": 0, "member_count": 1, "rate_limit_per_user": 0,
            "thread_metadata": {"archived": False, "auto_archive_duration": 1440,
                                "archive_timestamp": NOW, "locked": False}}


def dm_channel(channel_id: int, user_id: int) -> Payload:
    return {"id": str(channel_id), "type": DM_CHANNEL, "recipients": [user(user_id)], "last_message_id": None}


def guild_create() -> Payload:
    return {
        "id": str(GUILD_ID), "name": "Smart Cities Study", "icon": None, "owner_id": str(MODERATOR),
        "roles": [role(GUILD_ID, "@everyone", VIEW_AND_SEND),
                  role(FACILITATOR_ROLE_ID, "Facilitator"),
                  role(MODERATOR_ROLE_ID, "Moderators", MANAGE_GUILD),
                  role(BOT_ROLE_ID, "studybot", VIEW_AND_SEND, bot=True),
                  role(STUDY_ROLE_ID, "Study group")],
        "channels": [text_channel(), text_channel(OTHER_CHANNEL_ID, "general")],
        "threads": [thread()], "members": [member(BOT_ID)], "member_count": 4, "large": False,
        "unavailable": False, "features": [], "emojis": [], "stickers": [], "mfa_level": 0,
        "verification_level": 0, "explicit_content_filter": 0, "default_message_notifications": 0,
        "system_channel_id": None, "preferred_locale": "en-GB", "premium_tier": 0, "nsfw_level": 0,
        "afk_timeout": 300, "joined_at": NOW, "voice_states": [], "presences": [],
        "stage_instances": [], "guild_scheduled_events": [], "soundboard_sounds": [],
    }


def _permissions_of(user_id: int) -> int:
    return VIEW_AND_SEND | (MANAGE_GUILD if user_id == MODERATOR else 0)


def interaction(kind: int, data: Payload, *, by: int = ADA, channel: Payload | None = None,
                in_dm: bool = False, message: Payload | None = None) -> Payload:
    """An INTERACTION_CREATE: 2 application command, 3 component, 4 autocomplete."""
    interaction_id = new_id()
    payload: Payload = {
        "id": str(interaction_id), "application_id": str(APP_ID), "type": kind,
        "token": f"token-{interaction_id}", "version": 1, "data": data, "locale": "en-GB",
        "app_permissions": str(VIEW_AND_SEND), "entitlements": [], "attachment_size_limit": 10485760,
    }
    if in_dm:
        dm_id = DM_IDS[by]
        payload.update(channel_id=str(dm_id), channel=dm_channel(dm_id, by), user=user(by), context=1,
                       authorizing_integration_owners={"0": str(by)})
    else:
        chosen = channel or text_channel()
        payload.update(guild_id=str(GUILD_ID), guild={"id": str(GUILD_ID), "locale": "en-GB", "features": []},
                       channel_id=chosen["id"], channel=chosen, guild_locale="en-GB", context=0,
                       member=member(by, permissions=_permissions_of(by)),
                       authorizing_integration_owners={"0": str(GUILD_ID)})
    if message is not None:
        payload["message"] = message
    return payload


DM_IDS = {ADA: 1600000000000000001, FACILITATOR: 1600000000000000002, MODERATOR: 1600000000000000003}


def option(name: str, value: object, *, focused: bool = False) -> Payload:
    kind = BOOLEAN if isinstance(value, bool) else INTEGER if isinstance(value, int) else STRING
    data: Payload = {"type": kind, "name": name, "value": value}
    if focused:
        data["focused"] = True
    return data


def user_option(name: str, user_id: int) -> Payload:
    return {"type": USER, "name": name, "value": str(user_id)}


def slash(subcommand: str, *options: Payload, resolved: Payload | None = None, **where: Any) -> Payload:
    """`/study <subcommand>`; "canvas add" is the subcommand `add` of the group `canvas`."""
    group, _, leaf = subcommand.rpartition(" ")
    chosen: Payload = {"type": SUB_COMMAND, "name": leaf, "options": list(options)}
    if group:
        chosen = {"type": SUB_COMMAND_GROUP, "name": group, "options": [chosen]}
    data: Payload = {"id": str(COMMAND_ID), "name": "study", "type": 1, "options": [chosen]}
    if resolved:
        data["resolved"] = resolved
    return interaction(2, data, **where)


def autocomplete(subcommand: str, *options: Payload, **where: Any) -> Payload:
    payload = slash(subcommand, *options, **where)
    payload["type"] = 4
    return payload


def role_option(name: str, role_id: int) -> Payload:
    return {"type": ROLE, "name": name, "value": str(role_id)}


def resolved_role(role_id: int, name: str, *, mentionable: bool) -> Payload:
    return {"roles": {str(role_id): dict(role(role_id, name), mentionable=mentionable)}}


def resolved_member(user_id: int) -> Payload:
    return {"users": {str(user_id): user(user_id)},
            "members": {str(user_id): member(user_id, with_user=False, permissions=_permissions_of(user_id))}}


def bot_message(channel_id: int, components: list[Payload], *, message_id: int | None = None,
                guild: bool = True) -> Payload:
    """A message the bot sent earlier, as it comes back inside a button's interaction."""
    data: Payload = {"id": str(message_id or new_id()), "channel_id": str(channel_id), "author": user(BOT_ID),
                     "content": "", "timestamp": NOW, "edited_timestamp": None, "tts": False,
                     "mention_everyone": False, "mentions": [], "mention_roles": [], "attachments": [],
                     "embeds": [], "pinned": False, "type": 0, "flags": 0, "components": components}
    if guild:
        data["guild_id"] = str(GUILD_ID)
    return data


def button_row(*custom_ids: str) -> list[Payload]:
    return [{"type": 1, "components": [{"type": 2, "style": 2, "label": custom_id.rsplit(":", 1)[-1],
                                        "custom_id": custom_id} for custom_id in custom_ids]}]


def click(custom_id: str, *, in_dm: bool = False, by: int = ADA, message_id: int | None = None) -> Payload:
    channel_id = DM_IDS[by] if in_dm else CHANNEL_ID
    message = bot_message(channel_id, button_row(custom_id), message_id=message_id, guild=not in_dm)
    return interaction(3, {"custom_id": custom_id, "component_type": 2}, by=by, in_dm=in_dm, message=message)


def message_create(content: str, *, by: int = ADA, channel_id: int | None = CHANNEL_ID,
                   mentions: tuple[int, ...] = (), role_mentions: tuple[int, ...] = (),
                   in_dm: bool = False, author_is_bot: bool = False) -> Payload:
    """A MESSAGE_CREATE as the gateway sends it (in a server: with guild_id and member)."""
    data: Payload = {
        "id": str(new_id()), "author": user(by), "content": content, "timestamp": NOW,
        "edited_timestamp": None, "tts": False, "mention_everyone": False, "attachments": [],
        "embeds": [], "pinned": False, "type": 0, "flags": 0, "components": [],
        "mention_roles": [str(r) for r in role_mentions],
        "mentions": [dict(user(m), member=member(m, with_user=False)) for m in mentions],
    }
    if author_is_bot:
        data["author"] = dict(data["author"], bot=True)
    if in_dm:
        data["channel_id"] = str(DM_IDS[by])
    else:
        data.update(channel_id=str(channel_id), guild_id=str(GUILD_ID), member=member(by, with_user=False))
    return data


def modal_submit(modal: Payload, typed: str, *, by: int = ADA, in_dm: bool = False) -> Payload:
    """The submission of a form the bot opened (`modal`, as sent): `typed` in each text input."""
    rows = [{"type": 1, "components": [{"type": 4, "custom_id": field["custom_id"], "value": typed}
                                       for field in row.get("components", [])]}
            for row in modal["components"]]
    return interaction(5, {"custom_id": modal["custom_id"], "components": rows}, by=by, in_dm=in_dm)
