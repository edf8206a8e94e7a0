"""What real Slack does that a polite fake would not: rate limits while answering, a
database outage mid-command, files in DMs, and a slow queue in front of a modal."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from adapters.slack.home import SEARCH_ACTION
from bot.app import Companion
from bot.store.db import Database
from tests.adapters.slack import payloads
from tests.adapters.slack.conftest import SlackDriver
from tests.adapters.slack.probe import ProbeCommands


class FakeSleep:
    def __init__(self) -> None:
        self.waits: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


@contextmanager
def database_down(db: Database) -> Iterator[None]:
    """Every new unit of work fails the way an unreachable server does."""
    real = db.sessions

    def refuse() -> None:
        raise ConnectionRefusedError("connection refused")

    db.sessions = refuse  # type: ignore[assignment]
    try:
        yield
    finally:
        db.sessions = real


@pytest.mark.parametrize(("event", "channel"), [
    (payloads.app_mention("<@UBOT> week 4"), "C123"),
    (payloads.direct_message("week 4"), "D1"),
], ids=["mention", "dm"])
async def test_a_429_while_answering_waits_as_told_and_answers(slack: SlackDriver, event: dict[str, object],
                                                              channel: str) -> None:
    sleep = slack.fake_time()
    slack.fake.fail("chat.postMessage", status=429, retry_after=2)
    await slack.event(event)
    await slack.settle()
    _, second = slack.fake.calls_to("chat.postMessage")
    assert sleep.waits == [2.0] and second.args["channel"] == channel
    assert second.blocks()[0]["text"]["text"].startswith("Week 4: ")


async def test_a_slash_command_during_a_database_outage_still_gets_a_reply(
        slack: SlackDriver, companion: Companion) -> None:
    with database_down(companion.db):
        assert (await slack.command("week 3")).status == 200
        await slack.settle()
    [answer] = slack.fake.responses()
    assert answer["response_type"] == "ephemeral" and answer["text"]
    assert "Share in channel" not in str(answer.get("blocks"))


async def test_a_dm_with_a_file_attached_is_answered(slack: SlackDriver) -> None:
    await slack.event(payloads.direct_message("week 5", subtype="file_share",
                                              files=[{"id": "F1", "name": "notes.pdf"}]))
    await slack.settle()
    [post] = slack.fake.calls_to("chat.postMessage")
    assert post.blocks()[0]["text"]["text"].startswith("Week 5: ")


async def test_the_search_form_opens_at_once_while_sixteen_slow_answers_are_in_flight(
        slack: SlackDriver, probe: ProbeCommands) -> None:
    probe.release.clear()
    for number in range(16):
        await slack.command("probe-slow", response_url=slack.fake.response_url(f"slow{number}"))
    click = payloads.block_actions(f"{SEARCH_ACTION}:open", "search", response_url=None, in_view=True,
                                   channel=None)
    loop = asyncio.get_running_loop()
    clicked = loop.time()
    await slack.post(click)
    opened = await slack.fake.wait_for_call("views.open")
    assert opened.args["trigger_id"] == "1337.43.efgh"
    assert opened.at - clicked < 1.0  # a trigger_id lasts 3 seconds
    probe.release.set()
    await slack.settle()
    assert len([c for c in slack.fake.calls if c.method.startswith("response_url:slow")]) == 16
