"""Fixtures: a fake Slack on loopback, and the real AsyncApp served over aiohttp."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass

import aiohttp
import pytest

from adapters.slack.config import SlackConfig
from adapters.slack.runner import RunningSlack, running_slack
from bot.app import Companion, open_companion
from bot.config import Settings
from tests.adapters.slack import payloads
from tests.adapters.slack.fake_slack import FakeSlack
from tests.adapters.slack.fake_time import FakeTime
from tests.adapters.slack.probe import ProbeCommands


@pytest.fixture
async def fake_slack() -> AsyncIterator[FakeSlack]:
    fake = await FakeSlack().start()
    yield fake
    await fake.stop()
    # An answer Slack accepted but never showed is an answer lost (see FakeSlack.invisible).
    assert fake.invisible == [], f"sent but never shown: {fake.invisible}"


@pytest.fixture
def probe() -> ProbeCommands:
    return ProbeCommands()


@pytest.fixture
async def companion(settings: Settings, probe: ProbeCommands) -> AsyncIterator[Companion]:
    async with open_companion(settings) as opened:
        opened.registries.all()[0].add(probe)
        yield opened


@dataclass
class SlackDriver:
    """Sends signed requests to the running app, the way Slack does."""

    slack: RunningSlack
    fake: FakeSlack
    http: aiohttp.ClientSession

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.slack.port}/slack/events"

    async def post(self, body: str, *, json_body: bool = False, secret: str = payloads.SECRET,
                   timestamp: int | None = None) -> aiohttp.ClientResponse:
        content_type = "application/json" if json_body else "application/x-www-form-urlencoded"
        headers = payloads.signed_headers(body, content_type=content_type, secret=secret,
                                          timestamp=timestamp)
        for trigger_id in payloads.trigger_ids(body):
            self.fake.trigger(trigger_id)
        async with self.http.post(self.url, data=body.encode(), headers=headers) as response:
            await response.read()
            return response

    async def command(self, text: str, **options: str) -> aiohttp.ClientResponse:
        options.setdefault("response_url", self.fake.response_url())
        return await self.post(payloads.slash_command(text, **options))

    async def event(self, event: dict[str, object], **options: str) -> aiohttp.ClientResponse:
        return await self.post(payloads.event_callback(event, **options), json_body=True)

    def fake_time(self) -> FakeTime:
        """From now on the adapter waits (Retry-After, backoff) on a fake clock."""
        time = FakeTime(self.fake)
        patience = self.slack.adapter.conversation.delivery.patience
        patience.sleep, patience.clock = time.sleep, time.clock
        return time

    async def settle(self) -> None:
        """Wait until every answer started after an ack has been sent."""
        await self.slack.adapter.background.idle()


def single_workspace(fake: FakeSlack) -> SlackConfig:
    return SlackConfig(bot_token="xoxb-test", signing_secret=payloads.SECRET, api_url=fake.api_url)


@pytest.fixture
async def slack(companion: Companion, fake_slack: FakeSlack) -> AsyncIterator[SlackDriver]:
    async with running_slack(companion, single_workspace(fake_slack), host="127.0.0.1", port=0) as running, \
            aiohttp.ClientSession() as http:
        yield SlackDriver(running, fake_slack, http)
