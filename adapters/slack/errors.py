"""Slack's failures, as reasons a facilitator can read and act on.

Slack answers a failed call with HTTP 429 (wait Retry-After seconds), a 5xx, or
`{"ok": false, "error": "channel_not_found"}`. `describe` turns any of them into
one sentence plus whether trying again later could help, and whether Slack may have
done it anyway (`maybe_done`: a 5xx, or a connection that dropped after the request
went out), which decides whether a repeat could show something twice.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

import aiohttp
from slack_sdk.errors import SlackApiError, SlackRequestError

REINSTALL = "reinstall studybot in the workspace (or set a fresh SLACK_BOT_TOKEN)"
REASONS: dict[str, str] = {
    "channel_not_found": "the channel does not exist any more, or studybot cannot see it "
                         "(for a private channel, invite @studybot first)",
    "not_in_channel": "studybot is not a member of that channel: invite it with `/invite @studybot`",
    "is_archived": "the channel is archived; unarchive it or pick another channel",
    "channel_is_archived": "the channel is archived; unarchive it or pick another channel",
    "account_inactive": f"studybot's access to the workspace was removed: {REINSTALL}",
    "token_revoked": f"studybot's token was revoked (the app was probably uninstalled): {REINSTALL}",
    "token_expired": f"studybot's token has expired: {REINSTALL}",
    "invalid_auth": f"Slack does not accept studybot's token: {REINSTALL}",
    "not_authed": f"studybot has no token for this workspace: {REINSTALL}",
    "team_access_not_granted": f"studybot is not allowed in this workspace: {REINSTALL}",
    "missing_scope": "studybot lacks a Slack permission it needs; reinstall the app to grant it",
    "restricted_action": "the workspace's settings do not let studybot post in that channel",
    "cannot_dm_bot": "Slack does not let studybot message another bot",
    "user_not_found": "that person is not in the workspace any more",
    "user_not_in_channel": "that person is not in the channel",
    "messages_tab_disabled": "the person has turned off direct messages from apps",
    "msg_too_long": "the message was too long for Slack",
    "invalid_blocks": "Slack rejected the message layout (invalid blocks)",
    "no_text": "the message was empty",
    "ratelimited": "Slack asked us to slow down; it will be sent a little later",
    "rate_limited": "Slack asked us to slow down; it will be sent a little later",
    "internal_error": "Slack had an internal error; it will be tried again",
    "fatal_error": "Slack had an internal error; it will be tried again",
    "service_unavailable": "Slack was unavailable; it will be tried again",
    "request_timeout": "Slack timed out; it will be tried again",
}
RETRYABLE = {"ratelimited", "rate_limited", "internal_error", "fatal_error",
             "service_unavailable", "request_timeout"}


@dataclass(frozen=True)
class Failure:
    reason: str
    retryable: bool
    retry_after: float | None = None
    code: str = ""
    maybe_done: bool = False

    @property
    def slow_down(self) -> bool:
        return self.code == "ratelimited"


class ResponseUrlError(Exception):
    """A response_url that did not take the answer: its HTTP status, Retry-After and body."""

    def __init__(self, status: int, body: str, retry_after: float | None = None) -> None:
        super().__init__(f"response_url answered HTTP {status}: {body[:200]}")
        self.status = status
        self.body = body
        self.retry_after = retry_after


def describe(error: Exception) -> Failure:
    """Any exception a Slack call raised, as a readable Failure."""
    if isinstance(error, SlackApiError):
        return _from_response(error.response)
    if isinstance(error, ResponseUrlError):
        return _from_response_url(error)
    if isinstance(error, aiohttp.ClientConnectorError):
        # Never connected: nothing reached Slack.
        return Failure(f"could not reach Slack ({type(error).__name__}); it will be tried again",
                       retryable=True, code="network")
    if isinstance(error, aiohttp.ClientError | asyncio.TimeoutError | SlackRequestError):
        return Failure(f"the connection to Slack dropped ({type(error).__name__}) before it answered",
                       retryable=True, code="network", maybe_done=True)
    return Failure(f"unexpected problem talking to Slack: {error}", retryable=True, code="unexpected",
                   maybe_done=True)


def _from_response_url(error: ResponseUrlError) -> Failure:
    if error.status == 429:
        return Failure(REASONS["ratelimited"], retryable=True, retry_after=error.retry_after or 1.0,
                       code="ratelimited")
    if error.status >= 500:
        return Failure(f"Slack had a server problem (HTTP {error.status})", retryable=True,
                       code=f"http_{error.status}", maybe_done=True)
    if error.status == 404:
        return Failure("the answer's response_url expired or was used up (Slack allows 5 answers "
                       "within 30 minutes)", retryable=False, code=error.body.strip()[:40] or "http_404")
    return Failure(f"Slack refused the answer ({error.body.strip()[:80] or error.status})", retryable=False,
                   code=f"http_{error.status}")


def _from_response(response: Any) -> Failure:
    status = int(getattr(response, "status_code", 0) or 0)
    data = getattr(response, "data", None)
    code = str(data.get("error", "")) if isinstance(data, dict) else ""
    if status == 429 or code in {"ratelimited", "rate_limited"}:
        # Also an HTTP 200 whose body says "ratelimited": wait as asked, or a second.
        return Failure(REASONS["ratelimited"], retryable=True, retry_after=retry_after(response),
                       code="ratelimited")
    if status >= 500:
        return Failure(f"Slack had a server problem (HTTP {status}); it will be tried again",
                       retryable=True, code=code or f"http_{status}", maybe_done=True)
    if code == "missing_scope" and isinstance(data, dict) and data.get("needed"):
        return Failure(f"studybot lacks the Slack permission `{data['needed']}`; reinstall the app "
                       "to grant it", retryable=False, code=code)
    if code in REASONS:
        # Slack's own words for these: the operation may have partly succeeded.
        return Failure(REASONS[code], retryable=code in RETRYABLE, code=code, maybe_done=code in RETRYABLE)
    what = code or f"HTTP {status}"
    return Failure(f"Slack refused the message ({what})", retryable=False, code=code or f"http_{status}")


def retry_after(response: Any) -> float:
    """Seconds Slack asked us to wait; 1 second when it did not say."""
    headers = getattr(response, "headers", None) or {}
    value = headers.get("Retry-After") or headers.get("retry-after")
    try:
        return max(float(value), 0.0) if value is not None else 1.0
    except (TypeError, ValueError):
        return 1.0
