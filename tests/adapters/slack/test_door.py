"""What reaches /slack/events before any work is done.

Slack's rule (api.slack.com, "Verifying requests from Slack"): "Slack signs its requests
using a secret unique to your app", over a "UTF-8 encoded message body", and a request
whose timestamp is more than five minutes away "could be a replay attack". So nothing in
a request is read before its signature and timestamp are checked; a request that fails
gets 401, a signed one that cannot be read gets 400, each with one log line and no
traceback. In one-workspace mode a request from any other workspace is refused before
any work; a slash command Slack (or anyone) sends twice is answered once.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import time

import pytest
from sqlalchemy import func, select

from bot.app import Companion
from bot.store.groups import StudyGroupRow
from tests.adapters.slack import payloads
from tests.adapters.slack.conftest import SlackDriver


async def raw_post(slack: SlackDriver, body: bytes, headers: dict[str, str]) -> int:
    async with slack.http.post(slack.url, data=body, headers=headers) as response:
        await response.read()
        return response.status


def signed(body: bytes, content_type: str = "application/json") -> dict[str, str]:
    headers = payloads.signed_headers("", content_type=content_type)
    stamp = headers["X-Slack-Request-Timestamp"]
    digest = hmac.new(payloads.SECRET.encode(), f"v0:{stamp}:".encode() + body, hashlib.sha256).hexdigest()
    return {**headers, "X-Slack-Signature": f"v0={digest}"}


DEEP = b'{"a":' * 100_000 + b"1" + b"}" * 100_000
MALFORMED = {
    "invalid utf-8": (b"\xff\xfe{\x80}", "application/json"),
    "bad json": (b'{"type": ', "application/json"),
    "json array": (b"[1, 2, 3]", "application/json"),
    "payload not json": (b"payload=%7Bnot-json", "application/x-www-form-urlencoded"),
    "deep nesting": (DEEP, "application/json"),
}


def door_lines(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name.startswith(("adapters", "slack_bolt", "aiohttp"))]


def assert_one_quiet_line(caplog: pytest.LogCaptureFixture) -> None:
    lines = door_lines(caplog)
    assert len(lines) == 1, [r.getMessage() for r in lines]
    assert lines[0].levelno < logging.ERROR and lines[0].exc_info is None


@pytest.mark.parametrize("kind", sorted(MALFORMED))
async def test_an_unsigned_malformed_request_gets_401_and_one_line(
        slack: SlackDriver, caplog: pytest.LogCaptureFixture, kind: str) -> None:
    body, content_type = MALFORMED[kind]
    headers = signed(b"something else", content_type)
    caplog.set_level(logging.INFO)
    assert await raw_post(slack, body, headers) == 401
    assert_one_quiet_line(caplog)


@pytest.mark.parametrize("kind", sorted(MALFORMED))
async def test_a_signed_malformed_request_gets_400_and_one_line(
        slack: SlackDriver, caplog: pytest.LogCaptureFixture, kind: str) -> None:
    body, content_type = MALFORMED[kind]
    caplog.set_level(logging.INFO)
    assert await raw_post(slack, body, signed(body, content_type)) == 400
    assert_one_quiet_line(caplog)
    assert slack.fake.calls == []


@pytest.mark.parametrize("stamp", [None, "soon", "", "9" * 40])
async def test_a_missing_or_odd_timestamp_gets_401(slack: SlackDriver, caplog: pytest.LogCaptureFixture,
                                                    stamp: str | None) -> None:
    body = b'{"type": "event_callback"}'
    headers = signed(body)
    if stamp is None:
        del headers["X-Slack-Request-Timestamp"]
    else:
        headers["X-Slack-Request-Timestamp"] = stamp
    caplog.set_level(logging.INFO)
    assert await raw_post(slack, body, headers) == 401
    assert_one_quiet_line(caplog)


async def test_an_old_timestamp_is_refused(slack: SlackDriver) -> None:
    body = payloads.slash_command("week 2", response_url=slack.fake.response_url())
    response = await slack.post(body, timestamp=int(time.time()) - 6 * 60)
    assert response.status == 401


async def groups(companion: Companion) -> int:
    async with companion.db.session() as session:
        return int((await session.execute(select(func.count()).select_from(StudyGroupRow))).scalar_one())


@pytest.mark.parametrize("team", ["T9", ""])
async def test_one_workspace_mode_refuses_another_workspace(
        slack: SlackDriver, companion: Companion, caplog: pytest.LogCaptureFixture, team: str) -> None:
    caplog.set_level(logging.INFO)
    for _ in range(2):
        await slack.command("group setup name:Evil start:2027-01-04", team=team)
        await slack.event(payloads.direct_message("week 2"), team=team)
    await slack.settle()
    work = [c for c in slack.fake.calls if c.method != "auth.test"]
    assert work == [] and slack.fake.responses() == []
    assert await groups(companion) == 0
    refusals = [r for r in caplog.records if "not the installed workspace" in r.getMessage()]
    assert len(refusals) == 1


async def test_an_uninstall_from_another_workspace_keeps_the_token(
        slack: SlackDriver, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    await slack.post(payloads.event_callback({"type": "app_uninstalled"}, team="T9"), json_body=True)
    await slack.settle()
    assert "was uninstalled" not in caplog.text
    assert "not the installed workspace" in caplog.text


async def test_the_installed_workspace_is_still_served(slack: SlackDriver) -> None:
    await slack.command("week 2")
    await slack.settle()
    assert len(slack.fake.responses()) == 1


async def test_a_replayed_slash_command_is_answered_once(slack: SlackDriver) -> None:
    body = payloads.slash_command("week 3", response_url=slack.fake.response_url())
    headers = payloads.signed_headers(body)
    for _ in range(3):
        async with slack.http.post(slack.url, data=body.encode(), headers=headers) as response:
            assert response.status == 200
    await slack.settle()
    assert len(slack.fake.responses()) == 1


async def test_two_commands_are_both_answered(slack: SlackDriver) -> None:
    await slack.command("week 3")
    await slack.command("week 3")
    await slack.settle()
    assert len(slack.fake.responses()) == 2

