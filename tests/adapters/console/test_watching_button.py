"""The console shows a week view's "I'm watching" buttons as the commands to type."""

from __future__ import annotations

from adapters.console.render import render
from bot.app import open_companion
from bot.config import Settings
from tests.people import say


async def test_each_video_of_a_week_shows_the_watching_command_to_type(settings: Settings) -> None:
    async with open_companion(settings) as companion:
        week = await companion.handle(say("week 5"))
        shown = render(week)
        said = await companion.handle(say("watching 5.1"))
    assert "[I'm watching: " in shown and "type `watching 5.1`]" in shown
    assert "You're watching" in render(said)
