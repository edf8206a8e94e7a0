"""The migrations, on SQLite and on PostgreSQL: from an empty database, and from every
earlier revision with data in it, to the schema the code expects, losing nothing."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection

from adapters.discord import tables as discord_tables  # noqa: F401  (the Discord adapter's table)
from adapters.slack import tables as slack_tables  # noqa: F401  (the Slack adapter's tables)
from bot import tables  # noqa: F401  (every core table on Base.metadata)
from bot.lookup.watching import WatchingRepository
from bot.messages import UserRef
from bot.store import migrate
from bot.store.base import Base
from bot.store.db import Database
from tests.databases import empty_database_url
from tests.people import TENANT

REVISIONS = sorted(s.revision for s in ScriptDirectory(str(migrate.MIGRATIONS)).walk_revisions())
WHEN = datetime(2026, 11, 2, 9, 30, tzinfo=UTC)


@pytest.fixture
def empty_url(tmp_path: Path) -> Iterator[str]:
    with empty_database_url(tmp_path) as url:
        yield url


@pytest.fixture
async def empty_db(empty_url: str) -> AsyncIterator[Database]:
    database = Database(empty_url)
    yield database
    await database.close()


def test_the_migrations_have_one_head() -> None:
    assert migrate.head_revisions() == {REVISIONS[-1]}, "add a merge revision (see 0006_merge.py)"


def test_the_migration_files_are_parsed_once_per_process(monkeypatch: pytest.MonkeyPatch) -> None:
    parsed: list[Path] = []
    read = migrate._assigned

    def counting(file: Path) -> dict[str, object]:
        parsed.append(file)
        return read(file)

    monkeypatch.setattr(migrate, "_assigned", counting)
    migrate.head_revisions.cache_clear()
    first = migrate.head_revisions()
    files = len(parsed)
    assert migrate.head_revisions() == first == {REVISIONS[-1]}
    assert files == len(list((migrate.MIGRATIONS / "versions").glob("*.py"))) and len(parsed) == files


async def test_upgrade_from_empty_gives_exactly_the_models_schema(empty_db: Database) -> None:
    await migrate.upgrade(empty_db)
    assert await migrate.current_revisions(empty_db) == migrate.head_revisions()
    assert await _differences(empty_db) == []


@pytest.mark.parametrize("revision", REVISIONS)
async def test_upgrade_from_each_revision_keeps_every_row(empty_db: Database, revision: str) -> None:
    await migrate.upgrade(empty_db, revision)
    seeded = await _seed_every_table(empty_db)
    assert seeded, f"revision {revision} has no tables"
    await migrate.upgrade(empty_db)
    assert await migrate.current_revisions(empty_db) == migrate.head_revisions()
    for table, row in seeded.items():
        expected = {column: _comparable(value) for column, value in row.items()}
        # Later revisions may add columns; every column the row had keeps its value.
        kept = [{column: found.get(column) for column in expected} for found in await _rows(empty_db, table)]
        assert kept == [expected], f"{table} changed upgrading from {revision}"


async def test_rows_made_before_courses_move_to_the_bundled_course(empty_db: Database) -> None:
    await migrate.upgrade(empty_db, "0007")
    await _seed_every_table(empty_db)
    await migrate.upgrade(empty_db)
    for table in ("canvases", "canvas_entries", "canvas_changes", "idea_notes", "search_misses"):
        assert [row["course_id"] for row in await _rows(empty_db, table)] == ["smart-cities"], table


async def test_downgrade_to_empty_and_up_again(empty_db: Database) -> None:
    await migrate.upgrade(empty_db)
    await migrate.downgrade(empty_db, "base")
    assert await _table_names(empty_db) <= {"alembic_version"}
    await migrate.upgrade(empty_db)
    assert await _differences(empty_db) == []


async def _differences(db: Database) -> list[Any]:
    def compare(connection: Connection) -> list[Any]:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return list(compare_metadata(context, Base.metadata))

    async with db.engine.connect() as connection:
        return await connection.run_sync(compare)


async def _table_names(db: Database) -> set[str]:
    async with db.engine.connect() as connection:
        return set(await connection.run_sync(lambda c: sa.inspect(c).get_table_names()))


async def _seed_every_table(db: Database) -> dict[str, dict[str, Any]]:
    """One row in every table, with a plausible value for each column."""
    def seed(connection: Connection) -> dict[str, dict[str, Any]]:
        metadata = sa.MetaData()
        metadata.reflect(connection)
        seeded = {}
        for table in metadata.sorted_tables:
            if table.name == "alembic_version":
                continue
            row = {column.name: _value(column) for column in table.columns}
            connection.execute(table.insert().values(row))
            seeded[table.name] = row
        return seeded

    async with db.engine.begin() as connection:
        return await connection.run_sync(seed)


async def _rows(db: Database, name: str) -> list[dict[str, Any]]:
    def read(connection: Connection) -> list[dict[str, Any]]:
        table = sa.Table(name, sa.MetaData(), autoload_with=connection)
        return [dict(row._mapping) for row in connection.execute(sa.select(table))]

    async with db.engine.connect() as connection:
        return [{k: _comparable(v) for k, v in row.items()} for row in await connection.run_sync(read)]


def _value(column: sa.Column[Any]) -> Any:
    kind = column.type
    if isinstance(kind, sa.Boolean):
        return True
    if isinstance(kind, sa.Integer):
        return 7
    if isinstance(kind, sa.DateTime):
        return WHEN if kind.timezone else WHEN.replace(tzinfo=None)
    if isinstance(kind, sa.Date):
        return date(2026, 11, 2)
    if isinstance(kind, sa.Float | sa.Numeric):
        return 1.5
    if isinstance(kind, sa.LargeBinary):
        return b"\x00\x01"
    text = f"{column.name}-value"
    length = getattr(kind, "length", None)
    return text[:length] if length else text


def _comparable(value: Any) -> Any:
    # SQLite keeps no time zone: compare every datetime as naive UTC.
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(UTC).replace(tzinfo=None)
    return value


async def test_the_group_ping_label_comes_and_goes_keeping_the_chosen_ping(empty_db: Database) -> None:
    await migrate.upgrade(empty_db, "0012")
    row = {"platform": "slack", "tenant_id": "T1", "channel_id": "C1", "session_lead_minutes": 30,
           "feed_token": None, "ping": "S0TUTORS", "updated_at": WHEN}
    async with empty_db.engine.begin() as connection:
        await connection.execute(sa.text(
            "INSERT INTO group_settings (platform, tenant_id, channel_id, session_lead_minutes, "
            "feed_token, ping, updated_at) VALUES (:platform, :tenant_id, :channel_id, "
            ":session_lead_minutes, :feed_token, :ping, :updated_at)"), row)
    await migrate.upgrade(empty_db, "0013")
    [upgraded] = await _rows(empty_db, "group_settings")
    assert upgraded["ping"] == "S0TUTORS" and upgraded["ping_label"] == ""
    await migrate.downgrade(empty_db, "0012")
    [downgraded] = await _rows(empty_db, "group_settings")
    assert "ping_label" not in downgraded and downgraded["ping"] == "S0TUTORS"


def test_heads_read_from_the_files_are_alembics_own() -> None:
    # Start-up reads the revision ids without Alembic; they must agree with it.
    assert migrate.head_revisions() == set(ScriptDirectory(str(migrate.MIGRATIONS)).get_heads())


async def test_roles_granted_before_groups_had_their_own_stay_for_every_group(
        empty_db: Database) -> None:
    await migrate.upgrade(empty_db, "0014")
    async with empty_db.engine.begin() as connection:
        await connection.execute(sa.text(
            "INSERT INTO facilitators (platform, tenant_id, user_id, granted_by, granted_at) "
            "VALUES ('console', 'local', 'bob', 'fay', :at)"), {"at": WHEN})
    await migrate.upgrade(empty_db)
    [upgraded] = await _rows(empty_db, "facilitators")
    assert upgraded["channel_id"] == "*" and upgraded["carried_over"]
    await migrate.downgrade(empty_db, "0014")
    [downgraded] = await _rows(empty_db, "facilitators")
    assert downgraded["user_id"] == "bob" and "channel_id" not in downgraded


async def test_questions_asked_before_course_notes_stay_open_for_an_answer(empty_db: Database) -> None:
    await _question_kept_at(empty_db, "0015")
    [upgraded] = await _rows(empty_db, "search_misses")
    assert upgraded["query"] == "tram fares" and upgraded["closed_at"] is None and upgraded["note_id"] is None
    assert await _rows(empty_db, "course_notes") == []
    await migrate.downgrade(empty_db, "0015")
    [downgraded] = await _rows(empty_db, "search_misses")
    assert downgraded["query"] == "tram fares" and "closed_at" not in downgraded


async def test_watching_is_added_to_an_existing_database_keeping_its_searches(empty_db: Database) -> None:
    await migrate.upgrade(empty_db, "0015")
    async with empty_db.engine.begin() as connection:
        await connection.execute(sa.text(
            "INSERT INTO last_searches (platform, tenant_id, user_id, channel_id, query, shown, moments, "
            "updated_at) VALUES ('console', 'local', 'ada', 'dm-ada', 'valves', 3, '', :at)"), {"at": WHEN})
    await migrate.upgrade(empty_db)
    watching = WatchingRepository(empty_db, "smart-cities")
    await watching.watch(UserRef(TENANT, "ada"), "w2/v0", "Valves, part 1", WHEN, said=True)
    assert (await watching.get(UserRef(TENANT, "ada"), WHEN)) is not None
    async with empty_db.engine.begin() as connection:
        kept = (await connection.execute(sa.text("SELECT query FROM last_searches"))).scalars().all()
    assert kept == ["valves"]
    await migrate.downgrade(empty_db, "0015")
    async with empty_db.engine.begin() as connection:
        tables = await connection.run_sync(lambda c: sa.inspect(c).get_table_names())
    assert "watching" not in tables and "last_searches" in tables


async def test_open_questions_kept_before_their_messages_were_remembered_are_answered_by_dm(
        empty_db: Database) -> None:
    await _question_kept_at(empty_db, "0021")
    [upgraded] = await _rows(empty_db, "search_misses")
    assert upgraded["query"] == "tram fares" and upgraded["message_id"] is None and upgraded["thread"] is None
    await migrate.downgrade(empty_db, "0021")
    [downgraded] = await _rows(empty_db, "search_misses")
    assert downgraded["query"] == "tram fares" and "message_id" not in downgraded


async def _question_kept_at(db: Database, revision: str) -> None:
    """A learner's open question in a database at `revision`, then upgraded to the head."""
    await migrate.upgrade(db, revision)
    async with db.engine.begin() as connection:
        await connection.execute(sa.text(
            "INSERT INTO search_misses (platform, tenant_id, id, channel_id, course_id, user_id, query, "
            "created_at) VALUES ('console', 'local', 'm1', 'C1', 'smart-cities', 'kim', 'tram fares', :at)"),
            {"at": WHEN})
    await migrate.upgrade(db)
