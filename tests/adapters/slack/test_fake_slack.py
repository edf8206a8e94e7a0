"""The fake Slack is as strict as the rules Slack documents: each rule, on the wire."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest

from tests.adapters.slack.fake_slack import FakeSlack


@pytest.fixture
async def http() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as session:
        yield session


async def call(http: aiohttp.ClientSession, fake: FakeSlack, method: str, **args: Any) -> dict[str, Any]:
    async with http.post(f"{fake.api_url}{method}", json=args,
                         headers={"Authorization": "Bearer xoxb-test"}) as response:
        answer: dict[str, Any] = await response.json()
        return answer


async def respond(http: aiohttp.ClientSession, url: str) -> int:
    async with http.post(url, json={"text": "hi"}) as response:
        return response.status


async def test_an_ephemeral_into_no_thread_is_accepted_but_never_shown(
        fake_slack: FakeSlack, http: aiohttp.ClientSession) -> None:
    """chat.postEphemeral: "Ephemeral messages in threads are only shown if there is
    already an active thread." Slack still answers ok."""
    answer = await call(http, fake_slack, "chat.postEphemeral", channel="C1", user="U1", text="hi",
                        thread_ts="1700000000.000100")
    assert answer["ok"] and [c.args["thread_ts"] for c in fake_slack.invisible] == ["1700000000.000100"]
    fake_slack.invisible.clear()  # seen and understood; the fixture fails tests that leave one


async def test_an_ephemeral_into_a_thread_that_exists_is_shown(fake_slack: FakeSlack,
                                                                http: aiohttp.ClientSession) -> None:
    await call(http, fake_slack, "chat.postMessage", channel="C1", text="reply",
               thread_ts="1700000000.000100")
    await call(http, fake_slack, "chat.postEphemeral", channel="C1", user="U1", text="hi",
               thread_ts="1700000000.000100")
    await call(http, fake_slack, "chat.postEphemeral", channel="C1", user="U1", text="no thread at all")
    assert fake_slack.invisible == []


async def test_a_post_to_a_channel_the_bot_is_not_in_is_refused(fake_slack: FakeSlack,
                                                                 http: aiohttp.ClientSession) -> None:
    fake_slack.channel("CPUB", "U1")
    fake_slack.channel("CPRIV", "U1", private=True)
    fake_slack.channel("CIN", "U1", fake_slack.bot_user_id)
    answers = [await call(http, fake_slack, "chat.postMessage", channel=c, text="x")
               for c in ("CPUB", "CPRIV", "CIN")]
    assert [a.get("error") for a in answers] == ["not_in_channel", "channel_not_found", None]


async def test_chat_write_public_posts_to_public_channels_only(fake_slack: FakeSlack,
                                                               http: aiohttp.ClientSession) -> None:
    """chat:write.public: "Send messages to channels your Slack app isn't a member of"."""
    fake_slack.scopes = fake_slack.scopes | {"chat:write.public"}
    fake_slack.channel("CPUB", "U1")
    fake_slack.channel("CPRIV", "U1", private=True)
    assert (await call(http, fake_slack, "chat.postMessage", channel="CPUB", text="x"))["ok"]
    assert not (await call(http, fake_slack, "chat.postMessage", channel="CPRIV", text="x"))["ok"]


async def test_conversations_info_says_whether_the_bot_is_a_member(fake_slack: FakeSlack,
                                                                   http: aiohttp.ClientSession) -> None:
    fake_slack.channel("COUT", "U1")
    fake_slack.channel("CIN", fake_slack.bot_user_id)
    out, member = [await call(http, fake_slack, "conversations.info", channel=c) for c in ("COUT", "CIN")]
    assert out["channel"]["is_member"] is False and member["channel"]["is_member"] is True


async def test_a_response_url_takes_five_answers(fake_slack: FakeSlack, http: aiohttp.ClientSession) -> None:
    """A response_url may be used up to 5 times within 30 minutes."""
    url = fake_slack.response_url()
    assert [await respond(http, url) for _ in range(6)] == [200] * 5 + [404]


async def test_a_response_url_expires_after_thirty_minutes(fake_slack: FakeSlack,
                                                           http: aiohttp.ClientSession) -> None:
    url = fake_slack.response_url()
    fake_slack.advance(29 * 60)
    assert await respond(http, url) == 200
    fake_slack.advance(2 * 60)
    assert await respond(http, url) == 404


async def test_a_response_url_can_be_busy_on_demand(fake_slack: FakeSlack,
                                                     http: aiohttp.ClientSession) -> None:
    fake_slack.fail("response_url:r1", status=429, retry_after=7)
    fake_slack.fail("response_url:r1", status=503)
    url = fake_slack.response_url()
    async with http.post(url, json={"text": "hi"}) as response:
        assert response.status == 429 and response.headers["Retry-After"] == "7"
    assert [await respond(http, url), await respond(http, url)] == [503, 200]


async def test_a_dropped_call_was_done_but_never_answered(fake_slack: FakeSlack,
                                                          http: aiohttp.ClientSession) -> None:
    fake_slack.drop("chat.postMessage")
    with pytest.raises(aiohttp.ClientError):
        await call(http, fake_slack, "chat.postMessage", channel="C1", text="hello")
    assert [m["text"] for m in fake_slack.history["C1"]] == ["hello"]


async def test_users_list_comes_a_page_at_a_time(fake_slack: FakeSlack, http: aiohttp.ClientSession) -> None:
    for number in range(3):
        fake_slack.person(f"U{number}", f"p{number}")
    first = await call(http, fake_slack, "users.list", limit=2)
    cursor = first["response_metadata"]["next_cursor"]
    second = await call(http, fake_slack, "users.list", limit=2, cursor=cursor)
    assert [len(first["members"]), len(second["members"])] == [2, 1]
    assert second["response_metadata"]["next_cursor"] == ""
