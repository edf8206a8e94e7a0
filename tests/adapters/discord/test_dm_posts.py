"""Posts to a person (a session reminder) open a DM with them first."""

from __future__ import annotations

from adapters.discord.poster import DiscordPoster
from bot.app import Companion
from bot.messages import Actions, Button, ChannelRef, Heading, Platform, Reply, TenantRef
from tests.adapters.discord import payloads as p
from tests.adapters.discord.harness import DiscordHarness, script_router

TENANT = TenantRef(Platform.DISCORD, str(p.GUILD_ID))


async def test_a_post_to_a_person_lands_in_their_dm(bot: DiscordHarness) -> None:
    reminder = Reply.of(Heading("Your study session starts in 30 minutes"))
    result = await DiscordPoster(bot.client).post(
        ChannelRef(TENANT, str(p.ADA), is_direct=True, to_person=True), reminder)
    assert result.ok
    [message] = bot.fake.channels[p.DM_IDS[p.ADA]]
    assert message["embeds"][0]["title"] == "Your study session starts in 30 minutes"
    assert [r.body for r in bot.fake.requests if r.path == "/users/@me/channels"] == [
        {"recipient_id": p.ADA}]


async def test_a_long_button_on_a_post_to_a_person_works_in_their_dm(companion: Companion,
                                                                     bot: DiscordHarness) -> None:
    """A click in a DM looks a long command up under the DM, so the poster keeps it there."""
    query = "data standards and sharing information between the council, local businesses and residents"
    reminder = Reply.of(Heading("Your session starts soon"), Actions((Button("More", f"search {query}"),)))
    result = await DiscordPoster(bot.client).post(
        ChannelRef(TENANT, str(p.ADA), is_direct=True, to_person=True), reminder)
    assert result.ok
    [message] = bot.fake.channels[p.DM_IDS[p.ADA]]
    [custom_id] = [b["custom_id"] for row in message["components"] for b in row["components"]]
    assert custom_id.startswith("studybot:ref:")
    router = script_router(companion)
    answer = await bot.answer(p.click(custom_id, in_dm=True))
    assert "too old" not in str(answer)
    assert [line for _, line in router.seen] == [f"search {query}"]
