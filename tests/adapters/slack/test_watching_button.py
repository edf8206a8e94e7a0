"""The week view's "I'm watching" buttons, as Slack shows and sends them back."""

from __future__ import annotations

from typing import Any

from adapters.slack.blockkit import RUN_ACTION
from tests.adapters.slack import payloads
from tests.adapters.slack.conftest import SlackDriver


def _button_values(blocks: list[dict[str, Any]]) -> dict[str, str]:
    return {e["text"]["text"]: e["value"] for b in blocks if b["type"] == "actions" for e in b["elements"]}


async def test_a_week_views_video_buttons_set_the_video_being_watched(slack: SlackDriver) -> None:
    await slack.command("week 5", response_url=slack.fake.response_url())
    await slack.settle()
    values = _button_values(slack.fake.responses()[0]["blocks"])
    watch = [(label, value) for label, value in values.items() if value.startswith("watching 5.")]
    assert watch and all(label.startswith("I'm watching: ") for label, _ in watch)
    # "text: The text of the button. ... Maximum length for this field is 75 characters."
    assert all(len(label) <= 75 for label, _ in watch)
    await slack.post(payloads.block_actions(f"{RUN_ACTION}:1", watch[0][1],
                                            response_url=slack.fake.response_url("r2")))
    await slack.settle()
    [answer] = slack.fake.responses("r2")
    assert "You're watching" in str(answer["blocks"])
