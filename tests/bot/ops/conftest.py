"""Fixtures for the ops tests: a companion on the test database and a fresh set of metrics."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.app import Companion, open_companion
from bot.config import Settings
from bot.ops.metrics import Metrics
from tests.people import FakeClock


@pytest.fixture
async def companion(settings: Settings, clock: FakeClock) -> AsyncIterator[Companion]:
    async with open_companion(settings, clock=clock) as opened:
        yield opened


@pytest.fixture
def metrics() -> Metrics:
    return Metrics()
