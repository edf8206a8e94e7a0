"""users.info, cached briefly: admin status and names."""

from __future__ import annotations

from collections.abc import AsyncIterator

import aiohttp
import pytest
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.patience import Patience
from adapters.slack.people import SlackPeople, person_from
from tests.adapters.slack.fake_slack import FakeSlack
from tests.adapters.slack.fake_time import FakeTime


class Ticks:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
async def client(fake_slack: FakeSlack) -> AsyncIterator[AsyncWebClient]:
    async with aiohttp.ClientSession() as session:
        yield AsyncWebClient(token="xoxb-test", base_url=fake_slack.api_url, session=session)


def test_owners_and_admins_are_admins() -> None:
    assert person_from({"is_owner": True}).is_admin
    assert person_from({"is_primary_owner": True}).is_admin
    assert not person_from({"is_restricted": True}).is_admin
    assert person_from({"name": "ada", "profile": {"real_name": "Ada L"}}).display_name == "Ada L"


async def test_a_person_is_asked_about_again_only_after_a_while(fake_slack: FakeSlack,
                                                                client: AsyncWebClient) -> None:
    ticks = Ticks()
    people = SlackPeople(clock=ticks, ttl=300)
    fake_slack.admin("U1", "Ada")
    assert (await people.get(client, "T1", "U1")).is_admin
    fake_slack.users.clear()
    ticks.now += 299
    assert (await people.get(client, "T1", "U1")).display_name == "Ada"
    ticks.now += 2
    assert not (await people.get(client, "T1", "U1")).is_admin
    assert len(fake_slack.calls_to("users.info")) == 2


async def test_a_failure_is_not_an_admin_and_is_retried_soon(fake_slack: FakeSlack,
                                                             client: AsyncWebClient) -> None:
    ticks = Ticks()
    people = SlackPeople(clock=ticks)
    fake_slack.admin("U1")
    fake_slack.fail("users.info", error="user_not_found")
    assert not (await people.get(client, "T1", "U1")).is_admin
    ticks.now += 31
    assert (await people.get(client, "T1", "U1")).is_admin


async def test_a_slow_down_is_waited_out_so_an_admin_stays_an_admin(fake_slack: FakeSlack,
                                                                    client: AsyncWebClient) -> None:
    time = FakeTime()
    people = SlackPeople(patience=Patience(time.sleep, time.clock))
    fake_slack.admin("U1")
    fake_slack.fail("users.info", status=429, retry_after=2)
    assert (await people.get(client, "T1", "U1")).is_admin and time.waits == [2.0]
