"""The week view's "I'm watching" buttons, as Discord shows and sends them back."""

from __future__ import annotations

from tests.adapters.discord import payloads as p
from tests.adapters.discord.harness import DiscordHarness


async def test_a_week_views_video_buttons_set_the_video_being_watched(bot: DiscordHarness) -> None:
    # A click is acknowledged first; the week view is the answer that follows.
    week = await bot.answer(p.click("studybot:cmd:week 5"))
    ids = [c["custom_id"] for row in week["components"] for c in row["components"]]
    assert "studybot:cmd:watching 5.1" in ids
    # "label: Text that appears on the button; max 80 characters"
    labels = [c["label"] for row in week["components"] for c in row["components"]]
    assert all(len(label) <= 80 for label in labels)
    said = await bot.answer(p.click("studybot:cmd:watching 5.1"))
    assert "You're watching" in str(said)
