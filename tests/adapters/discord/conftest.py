"""Fixtures: the fake Discord, a companion on a fresh database, and a bot connected to both."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.app import Companion, open_companion
from bot.config import Settings
from tests.adapters.discord.fake_discord import FakeDiscord
from tests.adapters.discord.harness import DiscordHarness, running_bot


@pytest.fixture
async def fake_discord() -> AsyncIterator[FakeDiscord]:
    fake = FakeDiscord()
    await fake.start()
    yield fake
    await fake.stop()


@pytest.fixture
async def companion(settings: Settings) -> AsyncIterator[Companion]:
    async with open_companion(settings) as built:
        yield built


@pytest.fixture
async def bot(companion: Companion, fake_discord: FakeDiscord) -> AsyncIterator[DiscordHarness]:
    async with running_bot(companion, fake_discord) as harness:
        yield harness
