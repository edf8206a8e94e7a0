"""Opening the database at start-up: one line that says what to change."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from bot.store.startup import DatabaseProblem, open_database
from tests.bot.store.damage import damage


async def test_a_schema_from_a_newer_release_is_named_as_such(tmp_path: Path) -> None:
    file = tmp_path / "newer.sqlite3"
    with sqlite3.connect(file) as connection:
        connection.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
        connection.execute("INSERT INTO alembic_version VALUES ('9999')")
    with pytest.raises(DatabaseProblem, match="set up by a newer studybot"):
        await open_database(f"sqlite:///{file}")


async def test_an_up_to_date_database_opens_again(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'current.sqlite3'}"
    await (await open_database(url)).close()
    await (await open_database(url)).close()  # the schema is current: nothing to migrate


async def test_a_database_with_damaged_pages_is_not_started(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'damaged.sqlite3'}"
    await (await open_database(url)).close()
    damage(tmp_path / "damaged.sqlite3")
    with pytest.raises(DatabaseProblem) as refused:
        await open_database(url)
    assert "the database is damaged; restore a backup with `studybot db restore`" in str(refused.value)
    assert "\n" not in str(refused.value)
