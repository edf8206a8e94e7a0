"""Slack's re-sends are answered once by the whole deployment: across replicas and restarts."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import aiohttp

from adapters.slack.runner import running_slack
from adapters.slack.seen import SeenEvents
from bot.app import open_companion
from bot.config import Settings
from bot.store.db import Database
from tests.adapters.slack import payloads
from tests.adapters.slack.conftest import SlackDriver, single_workspace
from tests.people import FakeClock


async def test_an_event_is_new_once_and_forgotten_after_its_lifetime(db: Database, clock: FakeClock) -> None:
    seen = SeenEvents(db, lifetime=timedelta(minutes=5))
    assert await seen.first_time("Ev1", clock.now) is True
    assert await seen.first_time("Ev1", clock.now) is False
    assert await SeenEvents(db).first_time("Ev1", clock.now) is False  # another replica
    later = clock.now + timedelta(hours=1)
    assert await SeenEvents(db).first_time("Ev2", later) is True  # sweeps the expired Ev1
    assert await SeenEvents(db).first_time("Ev1", later) is True


async def test_a_resent_event_reaching_another_replica_is_answered_once(slack: SlackDriver,
                                                                         settings: Settings) -> None:
    await slack.event(payloads.direct_message("week 2"), event_id="EvRetried")
    await slack.settle()
    async with open_companion(settings) as replica, \
            running_slack(replica, single_workspace(slack.fake), host="127.0.0.1", port=0) as other, \
            aiohttp.ClientSession() as http:
        second = SlackDriver(other, slack.fake, http)
        assert (await second.event(payloads.direct_message("week 2"), event_id="EvRetried")).status == 200
        await second.event(payloads.app_mention("<@UBOT> week 3"), event_id="EvOther")
        await second.settle()
    posts = slack.fake.calls_to("chat.postMessage")
    assert [p.args["channel"] for p in posts] == ["D1", "C123"]


async def test_events_arriving_together_are_each_answered_once(db: Database, clock: FakeClock) -> None:
    """A burst is written in one batch; an id re-sent inside the same burst is new once."""
    seen = SeenEvents(db)
    ids = [f"Ev{n}" for n in range(40)] + ["Ev7", "Ev7"]
    answers = await asyncio.gather(*(seen.first_time(event_id, clock.now) for event_id in ids))
    assert answers[:40] == [True] * 40
    assert answers[40:] == [False, False]
    again = await asyncio.gather(*(SeenEvents(db).first_time(e, clock.now) for e in ("Ev0", "Ev39", "Ev40")))
    assert again == [False, False, True]



async def test_a_request_that_goes_away_does_not_hold_up_the_others(db: Database, clock: FakeClock) -> None:
    """A waiter cancelled mid-batch (its HTTP request hung up, or shutdown) is skipped."""
    seen = SeenEvents(db)
    gone = asyncio.create_task(seen.first_time("EvGone", clock.now))
    waiting = asyncio.create_task(seen.first_time("EvWaiting", clock.now))
    await asyncio.sleep(0)
    gone.cancel()
    assert await asyncio.wait_for(waiting, 5) is True
    assert await asyncio.wait_for(seen.first_time("EvLater", clock.now), 5) is True
