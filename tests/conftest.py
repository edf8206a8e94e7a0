"""Fixtures shared by the whole suite: the bundled course, a migrated database, people."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.config import Settings
from bot.course.loader import load_pack
from bot.course.models import Course
from bot.store import migrate
from bot.store.db import Database
from tests.databases import fresh_database_url
from tests.packs import SMART_CITIES
from tests.people import FakeClock

SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(scope="session")
def course() -> Course:
    return load_pack(SMART_CITIES)


@pytest.fixture
def database_url(tmp_path: Path) -> Iterator[str]:
    """Current schema, no rows: SQLite by default; PostgreSQL under tests/with_postgres.sh."""
    with fresh_database_url(tmp_path) as url:
        yield url


@pytest.fixture
async def db(database_url: str) -> AsyncIterator[Database]:
    database = Database(database_url)
    await migrate.upgrade(database)
    yield database
    await database.close()


@pytest.fixture
def settings(database_url: str) -> Settings:
    return Settings(DATABASE_URL=database_url, STUDYBOT_CONTENT=SMART_CITIES)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 12, 1, 9, 0, tzinfo=UTC))


@pytest.fixture(autouse=True)
def _lexical_lookup_unless_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    """Semantic lookup is on by default where the model is installed; encoding a course
    takes minutes, so tests use BM25 unless they set STUDYBOT_SEMANTIC themselves."""
    monkeypatch.setenv("STUDYBOT_SEMANTIC", "off")
