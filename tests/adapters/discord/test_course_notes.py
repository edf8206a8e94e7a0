"""Course notes on Discord: the facilitator's Answer button, and the asker's one direct message."""

from __future__ import annotations

from adapters.discord.poster import DiscordPoster
from bot.app import Companion
from bot.messages import ChannelRef, Incoming, Platform, TenantRef, UserRef
from tests.adapters.discord import payloads as p
from tests.adapters.discord.harness import DiscordHarness

TENANT = TenantRef(Platform.DISCORD, str(p.GUILD_ID))
GROUP = ChannelRef(TENANT, str(p.CHANNEL_ID))


def from_moderator(text: str) -> Incoming:
    return Incoming(UserRef(TENANT, str(p.MODERATOR), "Mo"), GROUP, text, user_is_platform_admin=True)


async def test_the_answer_button_takes_the_next_message_and_the_asker_gets_one_dm(
        companion: Companion, bot: DiscordHarness) -> None:
    companion.posters.register(Platform.DISCORD, DiscordPoster(bot.client))
    await companion.handle(from_moderator('group setup start:2026-11-30 name:"Study group"'))
    ada = ChannelRef(TENANT, str(p.DM_IDS[p.ADA]), is_direct=True)
    await companion.handle(Incoming(UserRef(TENANT, str(p.ADA), "Ada"), ada, "search quantum entanglement"))
    listed = await companion.handle(from_moderator("misses"))
    assert "Answer 1" in listed.plain_text()

    asked = await bot.answer(p.click("studybot:cmd:misses reply 1", by=p.MODERATOR))
    assert "Your answer to this question" in str(asked)
    saved = await companion.handle(from_moderator("Quantum effects are outside this course."))
    assert "Saved as course note 1" in saved.plain_text()

    for _ in range(2):  # a second pass finds nothing more to send
        await companion.scheduler.outbox.run_due(companion.scheduler.clock())
    [message] = bot.fake.channels[p.DM_IDS[p.ADA]]
    shown = str(message["embeds"])
    assert "Quantum effects are outside this course." in shown and "quantum entanglement" in shown
