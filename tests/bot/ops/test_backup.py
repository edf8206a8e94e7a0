"""`studybot db backup` and `db restore` on SQLite: consistent copies, safe restores."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.ops.backup import BackupError, backup, check_backup, restore, sqlite_file
from bot.store.db import Database
from bot.weeks.store import ProgressRepository
from tests.bot.store.damage import damage
from tests.databases import postgres_server
from tests.people import say

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
pytestmark = pytest.mark.skipif(postgres_server() is not None,
                                reason="backup/restore are the SQLite path; PostgreSQL uses pg_dump")


async def remember_week(db: Database, week: int) -> None:
    await ProgressRepository(db).set_week(say("").user, "smart-cities", week)


async def current_week(url: str) -> int | None:
    db = Database(url)
    try:
        return await ProgressRepository(db).current_week(say("").user, "smart-cities")
    finally:
        await db.close()


async def test_a_backup_restores_what_was_there_and_keeps_the_newer_state(
        db: Database, database_url: str, tmp_path: Path) -> None:
    await remember_week(db, 3)
    saved = backup(database_url, tmp_path, NOW)  # while the database is open and in use
    assert saved == tmp_path / "studybot-20261201-090000.sqlite3"
    await remember_week(db, 5)
    await db.close()
    kept = restore(database_url, saved, NOW)
    assert await current_week(database_url) == 3
    assert kept is not None and await current_week(f"sqlite:///{kept}") == 5


def test_restore_refuses_a_file_that_is_not_a_studybot_database(database_url: str,
                                                                tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite3"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE notes (text TEXT)")
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    for wrong in (other, text, tmp_path / "missing.sqlite3"):
        with pytest.raises(BackupError, match=r"not a studybot database|does not exist"):
            restore(database_url, wrong, NOW)
    assert check_backup(Path(database_url.removeprefix("sqlite:///")))  # untouched


def test_restore_refuses_a_backup_from_a_newer_studybot(database_url: str, tmp_path: Path) -> None:
    newer = tmp_path / "newer.sqlite3"
    backup(database_url, newer, NOW)
    with sqlite3.connect(newer) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(BackupError, match="newer studybot"):
        restore(database_url, newer, NOW)


def test_backup_never_overwrites_and_points_postgres_to_pg_dump(database_url: str, tmp_path: Path) -> None:
    taken = tmp_path / "taken.sqlite3"
    taken.write_text("keep me")
    with pytest.raises(BackupError, match="already exists"):
        backup(database_url, taken, NOW)
    assert taken.read_text() == "keep me"
    with pytest.raises(BackupError, match="pg_dump"):
        backup("postgresql://studybot@db/studybot", tmp_path, NOW)


def test_the_commands_back_up_and_restore(db: Database, database_url: str, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    from adapters.cli import main

    monkeypatch.setenv("DATABASE_URL", database_url)
    target = tmp_path / "copy.sqlite3"
    assert main(["db", "backup", str(target)]) == 0
    assert capsys.readouterr().out == (f"Backed up the database to {target} (the copy passed "
                                       "SQLite's integrity check).\n")
    assert main(["db", "restore", str(target)]) == 0
    assert "before-restore" in capsys.readouterr().out
    assert main(["db", "restore", str(tmp_path / "nothing.sqlite3")]) == 1
    assert capsys.readouterr().err.startswith("studybot: ")


async def test_a_damaged_database_is_not_backed_up_as_if_whole(db: Database, database_url: str,
                                                               tmp_path: Path) -> None:
    await db.close()
    damage(sqlite_file(database_url))
    with pytest.raises(BackupError, match="is damaged: the copy fails SQLite's integrity check") as refused:
        backup(database_url, tmp_path / "copy.sqlite3", NOW)
    assert "\n" not in str(refused.value)
    assert not (tmp_path / "copy.sqlite3").exists()


def test_a_file_that_is_not_a_database_is_refused_in_one_line(tmp_path: Path) -> None:
    notes = tmp_path / "notes.sqlite3"
    notes.write_bytes(b"shopping: milk, eggs\n" * 400)
    with pytest.raises(BackupError, match="is not a SQLite database"):
        backup(f"sqlite:///{notes}", tmp_path / "copy.sqlite3", NOW)
    assert not (tmp_path / "copy.sqlite3").exists()
