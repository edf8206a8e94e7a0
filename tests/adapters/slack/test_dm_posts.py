"""Posts to a person (session reminders, cancellation notices) on Slack: conversations.open
with `users` (im:write), then chat.postMessage to the DM it returns (chat:write)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import aiohttp
import pytest

from adapters.slack.poster import SlackPoster, StaticToken
from bot.messages import ChannelRef, Heading, Platform, Reply, TenantRef
from tests.adapters.slack.fake_slack import DEFAULT_SCOPES, FakeSlack
from tests.adapters.slack.fake_time import FakeTime

TENANT = TenantRef(Platform.SLACK, "T1")
ADA = ChannelRef(TENANT, "U0ADA", is_direct=True, to_person=True)
REMINDER = Reply.of(Heading("Your study session starts in 30 minutes"), summary="Session soon")


@pytest.fixture
async def poster(fake_slack: FakeSlack) -> AsyncIterator[SlackPoster]:
    async with aiohttp.ClientSession() as session:
        yield SlackPoster(StaticToken("xoxb-test"), base_url=fake_slack.api_url, session=session,
                          sleep=FakeTime().sleep)


async def test_a_post_to_a_person_opens_their_dm_then_posts_there(poster: SlackPoster,
                                                                  fake_slack: FakeSlack) -> None:
    assert (await poster.post(ADA, REMINDER)).ok
    assert (await poster.post(ADA, REMINDER)).ok
    assert [c.method for c in fake_slack.calls] == ["conversations.open", "chat.postMessage",
                                                    "chat.postMessage"], "the DM's id is asked once"
    assert fake_slack.calls[0].args["users"] == "U0ADA"
    assert {c.args["channel"] for c in fake_slack.calls_to("chat.postMessage")} == {"DU0ADA"}


async def test_without_im_write_nothing_is_posted_and_the_reason_names_the_scope(
        poster: SlackPoster, fake_slack: FakeSlack) -> None:
    fake_slack.scopes = DEFAULT_SCOPES - {"im:write"}
    result = await poster.post(ADA, REMINDER)
    assert not result.ok and not result.retryable
    assert "im:write" in (result.error or "")
    assert fake_slack.calls_to("chat.postMessage") == []


async def test_a_dm_that_will_not_open_is_retried_at_once_then_later(poster: SlackPoster,
                                                                      fake_slack: FakeSlack) -> None:
    # Opening a DM twice gives the same DM, so a 5xx is simply asked again (with backoff).
    fake_slack.fail("conversations.open", status=500)
    assert (await poster.post(ADA, REMINDER)).ok
    fake_slack.fail("conversations.open", status=500, times=5)
    result = await poster.post(ChannelRef(TENANT, "U0BOB", to_person=True), REMINDER)
    assert not result.ok and result.retryable


async def test_the_fake_refuses_a_post_to_a_user_id_as_slack_documents(poster: SlackPoster,
                                                                        fake_slack: FakeSlack) -> None:
    # Posting straight to the user id is not the documented way; the fake refuses it.
    result = await poster.post(ChannelRef(TENANT, "U0ADA", is_direct=True), REMINDER)
    assert not result.ok and "does not exist" in (result.error or "")
