"""Posts to a person (a session reminder) open a DM with them first."""

from __future__ import annotations

from adapters.discord.poster import DiscordPoster
from bot.messages import ChannelRef, Heading, Platform, Reply, TenantRef
from tests.adapters.discord import payloads as p
from tests.adapters.discord.harness import DiscordHarness

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
