"""SlackPoster: scheduled posts, Slack's rate limits and errors, and never a double post."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, time, timedelta

import aiohttp
import pytest

from adapters.slack.poster import POSTS_AT_ONCE, SlackPoster, StaticToken
from bot.course.catalog import single_course_catalog
from bot.course.models import Course
from bot.messages import ChannelRef, Image, Platform, Reply, TenantRef, Text
from bot.ports import Poster, PostResult
from bot.posts.reminders import PostComposer
from bot.schedule.deliveries import DeliveryRepository, DeliveryStatus
from bot.schedule.outbox import Outbox
from bot.schedule.schedules import ScheduleRepository
from bot.store.db import Database
from tests.adapters.slack.fake_slack import FakeSlack
from tests.adapters.slack.probe import PNG
from tests.bot.schedule.fakes import leases_on, make_group, weekly_reminder
from tests.people import FakeClock

GROUP = ChannelRef(TenantRef(Platform.SLACK, "T1"), "C777")
REMINDER = Reply.of(Text("Week 2 starts today. Type `/study week` to begin."), summary="Week 2 starts")


class NoTokens:
    async def bot_token(self, team_id: str) -> str | None:
        return None


class FakeSleep:
    def __init__(self) -> None:
        self.waits: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


@pytest.fixture
async def session() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as opened:
        yield opened


@pytest.fixture
def sleep() -> FakeSleep:
    return FakeSleep()


@pytest.fixture
def poster(fake_slack: FakeSlack, session: aiohttp.ClientSession, sleep: FakeSleep) -> SlackPoster:
    return SlackPoster(StaticToken("xoxb-test"), base_url=fake_slack.api_url, session=session, sleep=sleep)


async def test_a_post_goes_out_once_with_blocks(poster: SlackPoster, fake_slack: FakeSlack) -> None:
    result = await poster.post(GROUP, REMINDER)
    assert result.ok and result.message_id
    [call] = fake_slack.calls_to("chat.postMessage")
    assert call.args["channel"] == "C777" and call.args["text"] == "Week 2 starts"
    assert call.blocks()[0]["text"]["text"] == "Week 2 starts today. Type `/study week` to begin."


async def test_a_429_waits_as_told_then_posts_once(poster: SlackPoster, fake_slack: FakeSlack,
                                                   sleep: FakeSleep) -> None:
    fake_slack.fail("chat.postMessage", status=429, retry_after=3)
    result = await poster.post(GROUP, REMINDER)
    assert result.ok and sleep.waits == [3.0]
    assert len(fake_slack.calls_to("chat.postMessage")) == 2  # one refused, one posted


async def test_a_long_retry_after_is_handed_back_to_the_outbox(poster: SlackPoster, fake_slack: FakeSlack,
                                                               sleep: FakeSleep) -> None:
    fake_slack.fail("chat.postMessage", status=429, retry_after=120)
    result = await poster.post(GROUP, REMINDER)
    assert not result.ok and result.retryable and result.retry_after == 120.0
    assert sleep.waits == [] and "slow down" in (result.error or "")


async def test_a_server_error_is_not_retried_here(poster: SlackPoster, fake_slack: FakeSlack) -> None:
    fake_slack.fail("chat.postMessage", status=500)
    result = await poster.post(GROUP, REMINDER)
    assert not result.ok and result.retryable and "HTTP 500" in (result.error or "")
    assert len(fake_slack.calls_to("chat.postMessage")) == 1


@pytest.mark.parametrize(("error", "words"), [
    ("channel_not_found", "does not exist"),
    ("not_in_channel", "/invite @studybot"),
    ("account_inactive", "reinstall"),
    ("token_revoked", "revoked"),
    ("invalid_auth", "token"),
    ("something_new", "something_new"),
])
async def test_slack_errors_become_readable_final_reasons(poster: SlackPoster, fake_slack: FakeSlack,
                                                          error: str, words: str) -> None:
    fake_slack.fail("chat.postMessage", error=error)
    result = await poster.post(GROUP, REMINDER)
    assert not result.ok and not result.retryable and words in (result.error or "")


async def test_pictures_follow_the_message_and_their_failure_is_not_a_failed_post(
        poster: SlackPoster, fake_slack: FakeSlack) -> None:
    reply = Reply.of(Text("This week's canvas"), Image(PNG, "Canvas", "canvas.png"))
    fake_slack.fail("files.completeUploadExternal", error="internal_error")
    result = await poster.post(ChannelRef(GROUP.tenant, "C777", thread="1700.1"), reply)
    assert result.ok
    assert len(fake_slack.calls_to("chat.postMessage")) == 1
    assert fake_slack.calls_to("files.getUploadURLExternal")[0].args["filename"] == "canvas.png"
    assert fake_slack.calls_to("files.completeUploadExternal")[0].args["thread_ts"] == "1700.1"


async def test_a_workspace_without_a_token_is_a_final_failure(fake_slack: FakeSlack,
                                                              session: aiohttp.ClientSession) -> None:
    poster = SlackPoster(NoTokens(), base_url=fake_slack.api_url, session=session)
    result = await poster.post(GROUP, REMINDER)
    assert not result.ok and not result.retryable and "install it again" in (result.error or "")
    assert fake_slack.calls == []


async def test_a_network_failure_is_retryable(session: aiohttp.ClientSession) -> None:
    poster = SlackPoster(StaticToken("xoxb-test"), base_url="http://127.0.0.1:9/api/", session=session)
    result = await poster.post(GROUP, REMINDER)
    assert not result.ok and result.retryable and "could not reach Slack" in (result.error or "")


class HeldTokens:
    """Counts how many posts of one workspace are under way at once."""

    def __init__(self) -> None:
        self.inside = self.most = 0
        self.release = asyncio.Event()

    async def bot_token(self, team_id: str) -> str | None:
        self.inside += 1
        self.most = max(self.most, self.inside)
        await self.release.wait()
        self.inside -= 1
        return "xoxb-test"


async def test_a_workspace_gets_a_few_posts_at_a_time(fake_slack: FakeSlack,
                                                      session: aiohttp.ClientSession) -> None:
    tokens = HeldTokens()
    poster = SlackPoster(tokens, base_url=fake_slack.api_url, session=session)
    posts = [asyncio.create_task(poster.post(ChannelRef(GROUP.tenant, f"C{n}"), REMINDER)) for n in range(12)]
    for _ in range(100):
        await asyncio.sleep(0)
    assert tokens.most == POSTS_AT_ONCE
    tokens.release.set()
    assert all(r.ok for r in await asyncio.gather(*posts))


class DiesAfterPosting:
    """A process that dies right after Slack took the post, before "sent" is written."""

    def __init__(self, poster: SlackPoster) -> None:
        self.poster = poster

    async def post(self, channel: ChannelRef, reply: Reply) -> PostResult:
        await self.poster.post(channel, reply)
        await asyncio.Event().wait()  # never returns: the claim stays leased, unrecorded
        raise AssertionError("unreachable")


@pytest.mark.parametrize("dedupe", [True, False], ids=["dedupe on", "dedupe off"])
async def test_a_post_slack_took_before_a_crash_is_not_posted_again_with_dedupe(
        db: Database, course: Course, clock: FakeClock, fake_slack: FakeSlack,
        session: aiohttp.ClientSession, dedupe: bool) -> None:
    clock.now = datetime(2026, 12, 14, 8, 0, tzinfo=UTC)
    group = await make_group(db, channel="C42", start=date(2026, 12, 7), now=clock.now)
    await weekly_reminder(db, group, 0, time(9, 0), clock.now)
    poster = SlackPoster(StaticToken("xoxb-test"), base_url=fake_slack.api_url, session=session,
                         dedupe_posts=dedupe)
    clock.now += timedelta(hours=1)
    crashed = asyncio.create_task(outbox_for(db, course, DiesAfterPosting(poster), clock).run_due(clock.now))
    await fake_slack.wait_for_call("chat.postMessage")
    crashed.cancel()
    clock.now += timedelta(minutes=6)  # past the dead process's lease
    report = await outbox_for(db, course, poster, clock).retry_due(clock.now)
    assert report.count(DeliveryStatus.SENT) == 1
    posts = fake_slack.calls_to("chat.postMessage")
    assert len(posts) == (1 if dedupe else 2)
    assert len(fake_slack.calls_to("conversations.history")) == (1 if dedupe else 0)


def outbox_for(db: Database, course: Course, poster: Poster, clock: FakeClock) -> Outbox:
    return Outbox(ScheduleRepository(db), DeliveryRepository(db), poster,
                  PostComposer(single_course_catalog(course)), clock=clock, lease_clock=leases_on(clock))
