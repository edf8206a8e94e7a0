"""One companion for a whole module of generated cases: opening one per case would
cost more than the cases. Cases keep apart by using tenants of their own."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Awaitable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

import pytest

from bot.app import Companion, open_companion
from bot.config import Settings
from tests.databases import fresh_database_url
from tests.packs import SMART_CITIES
from tests.people import FakeClock

T = TypeVar("T")
# Case counts are sized for the suite (well under a minute); STUDYBOT_PROPERTY_SCALE=20
# runs twenty times as many, for a longer hunt.
SCALE = float(os.environ.get("STUDYBOT_PROPERTY_SCALE", "1"))


def scaled(examples: int) -> int:
    return max(1, round(examples * SCALE))


class Live:
    """A running companion, driven from synchronous (hypothesis) tests."""

    def __init__(self, runner: asyncio.Runner, companion: Companion, clock: FakeClock) -> None:
        self.runner = runner
        self.companion = companion
        self.clock = clock

    def __repr__(self) -> str:  # hypothesis prints it with every failing case
        return f"Live(clock at {self.clock.now:%Y-%m-%d %H:%M:%S})"

    def run(self, work: Awaitable[T]) -> T:
        return self.runner.run(work)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def live(database_server: str | None, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    clock = FakeClock(datetime(2026, 12, 1, 9, 0, tzinfo=UTC))
    folder: Path = tmp_path_factory.mktemp("properties")
    with asyncio.Runner() as runner, fresh_database_url(folder) as url:
        settings = Settings(DATABASE_URL=url, STUDYBOT_CONTENT=SMART_CITIES)
        opened = open_companion(settings, clock=clock)
        companion = runner.run(opened.__aenter__())
        try:
            yield Live(runner, companion, clock)
        finally:
            runner.run(opened.__aexit__(None, None, None))
