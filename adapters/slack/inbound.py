"""Slack payloads -> Incoming: who said what, where. Pure functions over the raw JSON.

Slack writes user text with its own markup: `&lt;` entities, `<@U123|name>` mentions,
`<#C123|general>` channels, `<https://…|label>` links. The core gets plain words:
links and channels as readers see them, broadcasts as words ("@here"), and user
mentions in the one form the core can recognise, `<@U123>`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from bot.messages import ChannelRef, Incoming, Ping, Platform, TenantRef, UserRef

Payload = Mapping[str, Any]
SLACK_TOKEN = re.compile(r"<([^<>]*)>")
# A user group as Slack escapes it in what people type: <!subteam^S0123ABC|@tutors>.
USER_GROUP = re.compile(r"<!subteam\^(S[A-Z0-9]{2,20})(?:\|([^<>]*))?>")
DIRECT_CHANNEL_NAMES = {"directmessage"}
PERSON_SAID = {None, "", "file_share", "thread_broadcast"}


@dataclass(frozen=True)
class Person:
    """What users.info told us about someone (see adapters.slack.people)."""

    display_name: str = ""
    is_admin: bool = False


def team_id(body: Payload) -> str:
    """The workspace a request belongs to, whatever its shape."""
    candidates = (
        body.get("team_id"),
        _get(body, "team", "id"),
        _get(body, "user", "team_id"),
        _get(body, "event", "team"),
        _get(body, "view", "team_id"),
        body.get("enterprise_id"),
        _get(body, "enterprise", "id"),
    )
    return next((str(c) for c in candidates if c), "")


def tenant(body: Payload) -> TenantRef:
    return TenantRef(Platform.SLACK, team_id(body))


def user(body: Payload, user_id: str, person: Person) -> UserRef:
    return UserRef(tenant(body), user_id, person.display_name)


def is_direct_channel(channel_id: str, channel_name: str | None = None,
                      channel_type: str | None = None) -> bool:
    if channel_type is not None:
        return channel_type == "im"
    return channel_id.startswith("D") or channel_name in DIRECT_CHANNEL_NAMES


def slash_command(body: Payload, person: Person, now: datetime | None = None) -> Incoming:
    """`/study week 4`: Slack posts a form; `text` is everything after the command."""
    channel_id = str(body.get("channel_id", ""))
    direct = is_direct_channel(channel_id, body.get("channel_name"))
    who = user(body, str(body.get("user_id", "")), person)
    if not who.display_name and body.get("user_name"):
        who = UserRef(who.tenant, who.id, str(body["user_name"]))
    said = str(body.get("text", ""))
    return Incoming(user=who, channel=ChannelRef(who.tenant, channel_id, is_direct=direct),
                    text=plain_words(said), user_is_platform_admin=person.is_admin,
                    received_at=now or _now(), named_groups=named_groups(said),
                    named_channels=named_channels(said))


def app_mention(body: Payload, bot_user_id: str | None, person: Person,
                now: datetime | None = None) -> Incoming:
    """`@studybot question` in a channel; we answer in the message's thread."""
    event = body["event"]
    who = user(body, str(event.get("user", "")), person)
    thread = event.get("thread_ts") or event.get("ts")
    direct = event.get("channel_type") == "im"
    channel = ChannelRef(who.tenant, str(event.get("channel", "")), is_direct=direct, thread=thread)
    said = _said(who, channel, str(event.get("text", "")), bot_user_id, person, now)
    return said if direct or not event.get("ts") else replace(said, message_id=str(event["ts"]))


def thread_it_was_in(body: Payload) -> str | None:
    """The thread a mention was written in, or None for a top-level message: its own ts
    names no thread until someone replies, and Slack shows an ephemeral "in threads
    only if there is already an active thread"."""
    thread = (body.get("event") or {}).get("thread_ts")
    return str(thread) if thread else None


def is_human_direct_message(event: Payload) -> bool:
    """A person's new message in a DM with us: not an edit, a join, or a bot's post. A
    message with a file attached (`file_share`) or a thread reply also sent to the
    conversation (`thread_broadcast`) is still something they said to us."""
    return (event.get("channel_type") == "im" and event.get("subtype") in PERSON_SAID
            and not event.get("bot_id") and bool(event.get("user")))


def direct_message(body: Payload, bot_user_id: str | None, person: Person,
                   now: datetime | None = None) -> Incoming:
    event = body["event"]
    who = user(body, str(event.get("user", "")), person)
    channel = ChannelRef(who.tenant, str(event.get("channel", "")), is_direct=True,
                         thread=event.get("thread_ts"))
    return _said(who, channel, str(event.get("text", "")), bot_user_id, person, now)


def _said(who: UserRef, channel: ChannelRef, text: str, bot_user_id: str | None, person: Person,
          now: datetime | None) -> Incoming:
    return Incoming(user=who, channel=channel, text=plain_words(text, bot_user_id),
                    user_is_platform_admin=person.is_admin, received_at=now or _now(),
                    named_groups=named_groups(text), named_channels=named_channels(text))


def action_user_id(body: Payload) -> str:
    return str(_get(body, "user", "id") or "")


def interaction(body: Payload, command: str, person: Person, dm_channel: str | None = None,
                now: datetime | None = None, user_id: str | None = None) -> Incoming:
    """A button or form: `command` is the line it carries. Home-tab buttons and forms
    have no channel: the caller passes the person's DM with us, where answers go."""
    who = user(body, user_id or action_user_id(body), person)
    channel_id = str(_get(body, "channel", "id") or dm_channel or "")
    direct = (dm_channel is not None and channel_id == dm_channel) or is_direct_channel(
        channel_id, _get(body, "channel", "name"))
    thread = _get(body, "container", "thread_ts") or _get(body, "message", "thread_ts")
    channel = ChannelRef(who.tenant, channel_id, is_direct=direct, thread=thread)
    return Incoming(user=who, channel=channel, text=command,
                    user_is_platform_admin=person.is_admin, received_at=now or _now())


def named_channels(text: str) -> tuple[tuple[str, str], ...]:
    """The channels Slack's markup names, as (the name plain_words shows, id)."""
    found = []
    for token in SLACK_TOKEN.findall(text):
        target, _, label = token.partition("|")
        if target.startswith("#") and len(target) > 1:
            found.append((label or target[1:], target[1:]))
    return tuple(found)


def plain_words(text: str, bot_user_id: str | None = None) -> str:
    """Slack's markup as a reader sees it; the bot's own mention removed."""
    if bot_user_id:
        text = re.sub(rf"<@{re.escape(bot_user_id)}(?:\|[^>]*)?>", " ", text)
    text = SLACK_TOKEN.sub(lambda m: _token_words(m.group(1)), text)
    return " ".join(_unescaped(text).split())


def named_groups(text: str) -> tuple[Ping, ...]:
    """The user groups a message names, with the handle Slack showed (`group ping @tutors`)."""
    found: dict[str, Ping] = {}
    for match in USER_GROUP.finditer(text):
        label = _unescaped(match[2] or "").strip()
        found.setdefault(match[1], Ping(match[1], label if label.startswith("@") or not label
                                        else f"@{label}"))
    return tuple(found.values())


def _unescaped(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def _token_words(token: str) -> str:
    target, _, label = token.partition("|")
    if target.startswith("@"):
        return f"<{target}>"
    if target.startswith("#"):
        return f"#{label}" if label else f"<{target}>"
    if target.startswith("!subteam^"):
        return label or "@group"
    if target.startswith("!date^"):
        return label
    if target.startswith("!"):
        return f"@{target[1:]}"
    if target.startswith("mailto:"):
        return label or target.removeprefix("mailto:")
    if label and label not in target:
        return f"{label} ({target})"
    return target


def _get(body: Payload, *path: str) -> Any:
    value: Any = body
    for key in path:
        if not isinstance(value, Mapping):
            return None
        value = value.get(key)
    return value


def _now() -> datetime:
    return datetime.now(UTC)
