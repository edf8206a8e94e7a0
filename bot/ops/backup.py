"""`studybot db backup` / `db restore` for SQLite; PostgreSQL uses pg_dump (docs/deploy.md).

Both are plain functions for the command line (no event loop). A backup uses
SQLite's online backup API: a consistent copy even while studybot runs
and writes; the copy is then checked whole (`PRAGMA integrity_check`), so a damaged
database is never saved as if it were a good backup. A restore first checks that the
file is a studybot database this version can open, keeps a copy of the current
database beside it, then copies the backup in. Stop studybot before restoring; it
upgrades an older backup's schema when it starts.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import datetime
from pathlib import Path

from alembic.script import ScriptDirectory
from sqlalchemy.engine import make_url

from bot.store.migrate import MIGRATIONS


class BackupError(Exception):
    """Why a backup or restore was refused; one line for the operator."""


def sqlite_file(database_url: str) -> Path:
    url = make_url(database_url)
    if not url.drivername.startswith("sqlite"):
        raise BackupError(f"DATABASE_URL is a {url.get_backend_name()} database: back it up with "
                          "pg_dump and restore it with pg_restore (see docs/deploy.md).")
    if not url.database or url.database == ":memory:":
        raise BackupError("DATABASE_URL names no database file.")
    return Path(url.database).expanduser()


def backup(database_url: str, target: Path, now: datetime) -> Path:
    """Copy the live database to `target` (a new file, or a folder to put a dated one in)."""
    source = sqlite_file(database_url)
    if not source.is_file():
        raise BackupError(f"There is no database at {source} yet: nothing to back up.")
    if target.is_dir():
        target = target / f"studybot-{now:%Y%m%d-%H%M%S}.sqlite3"
    if target.exists():
        raise BackupError(f"{target} already exists; choose a new file name.")
    try:
        _copy(source, target)
        problem = _integrity_problem(target)
    except sqlite3.DatabaseError:
        target.unlink(missing_ok=True)
        raise BackupError(f"{source} is not a SQLite database; nothing was backed up.") from None
    if problem:
        target.unlink(missing_ok=True)
        raise BackupError(f"{source} is damaged: the copy fails SQLite's integrity check ({problem}); "
                          "nothing was backed up. Restore an earlier backup with `studybot db restore`.")
    return target


def _integrity_problem(file: Path) -> str:
    """SQLite's first complaint about `file`, or "" when its integrity check passes."""
    with closing(sqlite3.connect(f"{file.resolve().as_uri()}?mode=ro", uri=True)) as connection:
        first = connection.execute("PRAGMA integrity_check(1)").fetchone()
    said = str(first[0]) if first else ""
    return "" if said == "ok" else said.replace("\n", " ").splitlines()[-1][:120]


def restore(database_url: str, backup_file: Path, now: datetime) -> Path | None:
    """Replace the database with `backup_file`; returns where the previous one was kept."""
    current = sqlite_file(database_url)
    check_backup(backup_file)
    kept = None
    if current.is_file():
        kept = current.with_name(f"{current.stem}.before-restore-{now:%Y%m%d-%H%M%S}{current.suffix}")
        _copy(current, kept)
    current.parent.mkdir(parents=True, exist_ok=True)
    _copy(backup_file, current)
    return kept


def check_backup(path: Path) -> set[str]:
    """The file's schema revisions, if it is an intact studybot database this version knows."""
    if not path.is_file():
        raise BackupError(f"{path} does not exist.")
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as connection:
            if connection.execute("PRAGMA quick_check").fetchone() != ("ok",):
                raise BackupError(f"{path} is damaged (SQLite's quick_check failed); nothing was restored.")
            revisions = {row[0] for row in connection.execute("SELECT version_num FROM alembic_version")}
    except sqlite3.DatabaseError:
        raise BackupError(f"{path} is not a studybot database; nothing was restored.") from None
    if not revisions:
        raise BackupError(f"{path} is not a studybot database; nothing was restored.")
    unknown = revisions - known_revisions()
    if unknown:
        raise BackupError(f"{path} was made by a newer studybot (schema {', '.join(sorted(unknown))}); "
                          "upgrade studybot first.")
    return revisions


def known_revisions() -> set[str]:
    return {script.revision for script in ScriptDirectory(str(MIGRATIONS)).walk_revisions()}


def _copy(source: Path, target: Path) -> None:
    with closing(sqlite3.connect(source)) as reader, closing(sqlite3.connect(target)) as writer:
        reader.backup(writer)
