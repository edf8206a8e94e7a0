"""Fixtures shared by the whole suite: the bundled course, a migrated database, people."""

from __future__ import annotations

from collections.abc import AsyncIterator, Generator, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.config import Settings
from bot.course.loader import load_pack
from bot.course.models import Course
from bot.store import migrate
from bot.store.db import Database
from tests import database_marks
from tests.databases import fresh_database_url, postgres_server
from tests.packs import SMART_CITIES
from tests.people import FakeClock
from tests.reports import sendable

SHARED = Path(__file__).resolve().parents[2] / "shared"
CONNECTIONS = database_marks.ConnectionCounter()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", f"{database_marks.MARK}: touches the database; "
                            "the PostgreSQL pass runs only these (set automatically)")
    CONNECTIONS.install()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if database_marks.touches_database(item, config.rootpath):
            item.add_marker(database_marks.MARK)


OPENED_BEFORE = pytest.StashKey[int]()


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    item.stash[OPENED_BEFORE] = CONNECTIONS.opened


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]
                              ) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report: pytest.TestReport = yield
    sendable(report)
    if call.when == "teardown" and report.passed:
        complaint = database_marks.unmarked_opener(item, item.stash.get(OPENED_BEFORE, 0),
                                                   CONNECTIONS.opened)
        if complaint is not None:
            report.outcome = "failed"
            report.longrepr = complaint
    return report


@pytest.fixture(scope="session")
def course() -> Course:
    return load_pack(SMART_CITIES)


@pytest.fixture(scope="session")
def database_server() -> str | None:
    """The PostgreSQL server under tests/with_postgres.sh, else None (SQLite). Every fixture
    that hands out a database rests on this one: that marks its tests `database`."""
    return postgres_server()


@pytest.fixture
def database_url(database_server: str | None, tmp_path: Path) -> Iterator[str]:
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


@pytest.fixture(autouse=True)
def _user_data_of_its_own(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """The chat history and saved pictures go to the user-data folder; each test gets its
    own, so tests running side by side (pytest -n) never share one, nor touch the real one."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("user-data")))


@pytest.fixture(autouse=True, scope="session")
def _user_cache_of_its_own(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Built lookup indexes are cached; one cache per test process (pytest -n runs several),
    kept for the whole run so each course's index is built once per process."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("user-cache")))
        yield
