"""Slack's request shapes, as Slack sends them, and its request signing.

Slash commands and interactivity arrive form-encoded (interactivity as one `payload`
field of JSON); events arrive as event_callback JSON. Every request is signed with
HMAC-SHA256 over "v0:{timestamp}:{body}" using the app's signing secret.
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import time
from typing import Any
from urllib.parse import parse_qs, urlencode

SECRET = "test-signing-secret"
# Slack gives every invocation of a command its own trigger_id.
_TRIGGERS = itertools.count(42)


def signed_headers(body: str, *, secret: str = SECRET, timestamp: int | None = None,
                   content_type: str = "application/x-www-form-urlencoded") -> dict[str, str]:
    stamp = str(int(time.time()) if timestamp is None else timestamp)
    digest = hmac.new(secret.encode(), f"v0:{stamp}:{body}".encode(), hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": f"v0={digest}",
            "Content-Type": content_type}


def trigger_ids(body: str) -> list[str]:
    """The trigger_id a request carries (a command's field, or inside an interaction's payload)."""
    form = parse_qs(body)
    found = form.get("trigger_id", [])
    for payload in form.get("payload", []):
        found.append(str(json.loads(payload).get("trigger_id") or ""))
    return [t for t in found if t]


def slash_command(text: str, *, response_url: str, user: str = "U1", channel: str = "C123",
                  channel_name: str = "study-group", team: str = "T1", command: str = "/study") -> str:
    return urlencode({
        "token": "legacy-verification-token", "team_id": team, "team_domain": "example",
        "channel_id": channel, "channel_name": channel_name, "user_id": user, "user_name": user.lower(),
        "command": command, "text": text, "api_app_id": "A1", "is_enterprise_install": "false",
        "response_url": response_url, "trigger_id": f"1337.{next(_TRIGGERS)}.abcd",
    })


def event_callback(event: dict[str, Any], *, team: str = "T1", event_id: str = "Ev1") -> str:
    return json.dumps({
        "token": "legacy-verification-token", "team_id": team, "api_app_id": "A1",
        "event": {"team": team, **event}, "type": "event_callback", "event_id": event_id,
        "event_time": 1700000000, "authorizations": [{
            "enterprise_id": None, "team_id": team, "user_id": "UBOT", "is_bot": True,
            "is_enterprise_install": False}],
        "is_ext_shared_channel": False,
    })


def app_mention(text: str, *, user: str = "U1", channel: str = "C123", ts: str = "1700000000.000100",
                thread_ts: str | None = None) -> dict[str, Any]:
    event = {"type": "app_mention", "user": user, "text": text, "ts": ts, "channel": channel,
             "event_ts": ts}
    if thread_ts:
        event["thread_ts"] = thread_ts
    return event


def direct_message(text: str, *, user: str = "U1", channel: str = "D1",
                   ts: str = "1700000000.000200", **extra: Any) -> dict[str, Any]:
    return {"type": "message", "channel": channel, "user": user, "text": text, "ts": ts,
            "event_ts": ts, "channel_type": "im", "client_msg_id": "5f0c", **extra}


def home_opened(*, user: str = "U1", channel: str = "D1", tab: str = "home") -> dict[str, Any]:
    return {"type": "app_home_opened", "user": user, "channel": channel, "tab": tab,
            "event_ts": "1700000000.000300"}


def block_actions(action_id: str, value: str, *, response_url: str | None, user: str = "U1",
                  channel: str | None = "C123", ephemeral: bool = True, in_view: bool = False,
                  team: str = "T1", selected_user: str | None = None) -> str:
    payload: dict[str, Any] = {
        "type": "block_actions", "user": {"id": user, "username": user.lower(), "name": user.lower(),
                                          "team_id": team},
        "api_app_id": "A1", "token": "legacy-verification-token", "trigger_id": "1337.43.efgh",
        "team": {"id": team, "domain": "example"}, "enterprise": None, "is_enterprise_install": False,
        "actions": [{"action_id": action_id, "block_id": "b1", "type": "button", "value": value,
                     "text": {"type": "plain_text", "text": "label", "emoji": True},
                     "action_ts": "1700000001.000100"}],
        "state": {"values": {}},
    }
    if selected_user is not None:  # a users_select menu carries the pick, not a value
        payload["actions"] = [{"action_id": action_id, "block_id": action_id, "type": "users_select",
                               "selected_user": selected_user, "action_ts": "1700000001.000100"}]
    if in_view:
        payload["container"] = {"type": "view", "view_id": "VHOME"}
        payload["view"] = {"id": "VHOME", "type": "home", "team_id": team}
    else:
        payload["container"] = {"type": "message", "message_ts": "1700000000.000400",
                                "channel_id": channel, "is_ephemeral": ephemeral}
        payload["channel"] = {"id": channel, "name": "study-group"}
    if response_url:
        payload["response_url"] = response_url
    return urlencode({"payload": json.dumps(payload)})


def view_submission(callback_id: str, query: str, *, word: str = "search", user: str = "U1",
                    team: str = "T1") -> str:
    payload = {
        "type": "view_submission", "team": {"id": team, "domain": "example"},
        "user": {"id": user, "username": user.lower(), "name": user.lower(), "team_id": team},
        "api_app_id": "A1", "token": "legacy-verification-token", "trigger_id": "1337.44.ijkl",
        "view": {"id": "VMODAL", "type": "modal", "callback_id": callback_id, "private_metadata": word,
                 "team_id": team, "state": {"values": {"query": {"query": {
                     "type": "plain_text_input", "value": query}}}}},
    }
    return urlencode({"payload": json.dumps(payload)})


def form_submission(view: dict[str, Any], typed: str, *, user: str = "U1", team: str = "T1") -> str:
    """A view_submission of a form the app opened: `typed` in its text field ("typed")."""
    payload = {
        "type": "view_submission", "team": {"id": team, "domain": "example"},
        "user": {"id": user, "username": user.lower(), "name": user.lower(), "team_id": team},
        "api_app_id": "A1", "token": "legacy-verification-token", "trigger_id": "1337.45.mnop",
        "view": {**view, "id": "VMODAL", "team_id": team, "state": {"values": {"typed": {"typed": {
            "type": "plain_text_input", "value": typed}}}}},
    }
    return urlencode({"payload": json.dumps(payload)})
