"""Flood control on Slack: "slow down" once, then nothing at all is sent."""

from __future__ import annotations

import pytest

from bot.config import Settings
from tests.adapters.slack import payloads
from tests.adapters.slack.conftest import SlackDriver


@pytest.fixture
def settings(database_url: str) -> Settings:
    return Settings(DATABASE_URL=database_url, STUDYBOT_USER_COMMANDS_PER_MINUTE=2)


async def test_slash_commands_past_the_limit_get_one_warning_then_silence(slack: SlackDriver) -> None:
    for _ in range(5):
        await slack.command("weeks")
    await slack.settle()
    answers = [answer["text"] for answer in slack.fake.responses()]
    assert len(answers) == 3  # answered concurrently, so in any order
    assert sum("Please slow down" in text for text in answers) == 1


async def test_a_flood_of_direct_messages_is_answered_once_then_left_quiet(slack: SlackDriver) -> None:
    for number in range(5):
        await slack.event(payloads.direct_message("weeks"), event_id=f"Ev{number}")
    await slack.settle()
    posts = [post.args["text"] for post in slack.fake.calls_to("chat.postMessage")]
    assert len(posts) == 3
    assert sum("Please slow down" in text for text in posts) == 1
