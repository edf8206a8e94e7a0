"""Opt-in pings in the core: the chosen mention goes with the weekly reminder (heads-up,
weeks, wrap-up) and session announcements, and with nothing else."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from bot.app import Companion, open_companion
from bot.config import Settings
from bot.groups.pings import GroupPings
from bot.groups.store import GroupSettingsRepository
from bot.messages import ChannelRef, Ping, Platform, Reply, Text
from tests.bot.schedule.fakes import FakePoster
from tests.people import TENANT, FakeClock, say

TUTORS = Ping("tutors", "@tutors")
SETUP = "group setup start:2027-03-01 tz:Europe/London"


@pytest.fixture
async def companion(settings: Settings, clock: FakeClock) -> AsyncIterator[Companion]:
    async with open_companion(settings, clock=clock) as built:
        await built.handle(say(SETUP, user="fay", channel="cafe", admin=True))
        yield built


async def ask(companion: Companion, line: str, *, user: str = "fay",
              named: tuple[Ping, ...] = ()) -> Reply:
    message = replace(say(line, user=user, admin=user == "fay", channel="cafe"), named_groups=named)
    return await companion.handle(message)


def pings(poster: FakePoster) -> list[Ping | None]:
    return [p.reply.ping for p in poster.posts]


async def test_the_weekly_reminder_calls_the_chosen_group_only_once_it_is_set(
        companion: Companion, clock: FakeClock) -> None:
    poster = FakePoster(clock=clock)
    companion.posters.register(Platform.CONSOLE, poster)
    await ask(companion, "remind monday 09:00")
    await ask(companion, "prompt add 2027-02-23 10:00 What do you hope to learn?")
    heads_up = datetime(2027, 2, 22, 9, tzinfo=UTC)
    await companion.scheduler.outbox.run_due(heads_up)
    assert pings(poster) == [None], "no ping until a facilitator chooses one"
    chosen = await ask(companion, "group ping @tutors", named=(TUTORS,))
    assert "@tutors" in chosen.plain_text() and chosen.ping is None
    await companion.scheduler.outbox.run_due(heads_up + timedelta(days=1, hours=1))
    await companion.scheduler.outbox.run_due(heads_up + timedelta(days=7))
    assert pings(poster) == [None, None, TUTORS], "the prompt calls nobody; week 1 does"
    await ask(companion, "group ping off")
    await companion.scheduler.outbox.run_due(heads_up + timedelta(days=14))
    assert pings(poster)[-1] is None


async def test_session_announcements_call_the_group_but_reminder_dms_do_not(
        companion: Companion, clock: FakeClock) -> None:
    poster = FakePoster(clock=clock)
    companion.posters.register(Platform.CONSOLE, poster)
    await ask(companion, "group ping @tutors", named=(TUTORS,))
    announced = await ask(companion, 'session add 2027-03-04 18:00 60m "Catch-up @everyone"')
    assert announced.ping == TUTORS
    await ask(companion, "session 1 going", user="ada")
    assert (await ask(companion, "session 1", user="ada")).ping is None, "a card is no announcement"
    await companion.scheduler.outbox.run_due(datetime(2027, 3, 4, 17, 30, tzinfo=UTC))
    assert [(p.channel.id, p.reply.ping) for p in poster.posts] == [("ada", None)]


async def test_group_ping_is_for_facilitators_names_exactly_one_and_shows_in_group(
        companion: Companion) -> None:
    refused = await ask(companion, "group ping @tutors", user="ada", named=(TUTORS,))
    assert "Only the group's facilitators" in refused.plain_text()
    assert "Name exactly one" in (await ask(companion, "group ping tutors")).plain_text()
    two = (TUTORS, Ping("staff", "@staff"))
    both = await ask(companion, "group ping @a @b", named=two)
    assert "one role or user group at most" in both.plain_text()
    assert "Mentions: off" in (await ask(companion, "group")).plain_text()
    await ask(companion, "group ping @tutors", named=(TUTORS,))
    assert "Mentions: @tutors" in (await ask(companion, "group", user="ada")).plain_text()


async def test_group_pings_leave_dms_and_posts_that_do_not_call_the_group_alone(
        companion: Companion, clock: FakeClock) -> None:
    poster = FakePoster(clock=clock)
    await ask(companion, "group ping @tutors", named=(TUTORS,))
    front = GroupPings(poster, GroupSettingsRepository(companion.db))
    channel = ChannelRef(TENANT, "cafe")
    calling = Reply.of(Text("Week 1 starts today"))
    await front.post(channel, replace(calling, calls_group=True))
    await front.post(channel, calling)
    await front.post(ChannelRef(TENANT, "ada", is_direct=True, to_person=True),
                     replace(calling, calls_group=True))
    await front.post(ChannelRef(TENANT, "other-channel"), replace(calling, calls_group=True))
    assert pings(poster) == [TUTORS, None, None, None]
