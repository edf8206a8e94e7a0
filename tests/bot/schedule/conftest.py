"""Fixtures for the scheduling tests: a fake Poster on the test clock."""

from __future__ import annotations

import pytest

from tests.bot.schedule.fakes import FakePoster
from tests.people import FakeClock


@pytest.fixture
def poster(clock: FakeClock) -> FakePoster:
    return FakePoster(clock=clock)
