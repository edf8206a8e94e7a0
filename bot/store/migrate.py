"""Apply the Alembic migrations that ship inside the package (no alembic.ini needed).

Start-up only asks whether the schema is current: one query, and the revision ids read
from the migration files with `ast`, so a companion whose database is up to date never
imports Alembic (about a second of CPU on a small machine).

Replicas that start together on an old schema take turns: the upgrade runs under a
lock (PostgreSQL: an advisory lock held by the upgrade's transaction; SQLite: a lock on
a file beside the database), and whoever waited finds the schema current and does nothing.
"""

from __future__ import annotations

import ast
import asyncio
import contextlib
import fcntl
import functools
import os
from collections.abc import AsyncIterator
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection, make_url

from bot.store.db import Database

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).parent / "migrations"
VERSION_TABLE = "alembic_version"
# The advisory lock every studybot process agrees on for upgrades ("stud" in ASCII).
UPGRADE_LOCK = 0x73747564


def _config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


@functools.cache
def head_revisions() -> frozenset[str]:
    """Revisions no other revision builds on, read from the migration files themselves.

    Read once per process: the files ship with the package. Besides sparing the event loop
    a file read on every upgrade check, this keeps `ast.parse` off later paths: on Python
    3.11 a parse that a garbage-collected object's logging interrupts (the traceback module
    parses source too) fails with "AST constructor recursion depth mismatch".
    """
    revisions: set[str] = set()
    built_on: set[str] = set()
    for file in (MIGRATIONS / "versions").glob("*.py"):
        found = _assigned(file)
        if "revision" not in found:
            continue
        revisions.add(str(found["revision"]))
        down = found.get("down_revision")
        built_on |= {str(d) for d in (down if isinstance(down, (tuple, list)) else [down]) if d}
    return frozenset(revisions - built_on)


def _assigned(file: Path) -> dict[str, object]:
    """The module-level `revision` and `down_revision` literals of a migration file."""
    found: dict[str, object] = {}
    for node in ast.parse(file.read_text(encoding="utf-8")).body:
        target = node.target if isinstance(node, ast.AnnAssign) else (
            node.targets[0] if isinstance(node, ast.Assign) and len(node.targets) == 1 else None)
        value = getattr(node, "value", None)
        if isinstance(target, ast.Name) and target.id in {"revision", "down_revision"} and value is not None:
            found[target.id] = ast.literal_eval(value)
    return found


def _revisions(connection: Connection) -> set[str]:
    if not inspect(connection).has_table(VERSION_TABLE):
        return set()
    return {str(row[0]) for row in connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}"))}


async def current_revisions(db: Database) -> set[str]:
    async with db.engine.connect() as connection:
        return await connection.run_sync(_revisions)


async def upgrade(db: Database, target: str = "heads") -> None:
    """Bring the schema up to date; a no-op (one cheap query) when it already is."""
    if target == "heads" and await current_revisions(db) == head_revisions():
        return
    from alembic import command

    def run(connection: Connection) -> None:
        if target == "heads" and _revisions(connection) == head_revisions():
            return  # another process upgraded it while this one waited for the lock
        command.upgrade(_config(connection), target)

    async with _sqlite_file_lock(db), db.engine.begin() as connection:
        if not db.is_sqlite:
            await connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": UPGRADE_LOCK})
        await connection.run_sync(run)


@contextlib.asynccontextmanager
async def _sqlite_file_lock(db: Database) -> AsyncIterator[None]:
    """An exclusive lock on `<database file>.upgrade-lock` while the block runs (SQLite only)."""
    database = make_url(db.url).database if db.is_sqlite else None
    if not database or database == ":memory:" or database.startswith("file:"):
        yield
        return
    descriptor = os.open(f"{database}.upgrade-lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        await asyncio.to_thread(fcntl.flock, descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # closing the file releases the lock


async def downgrade(db: Database, target: str) -> None:
    from alembic import command

    def run(connection: Connection) -> None:
        command.downgrade(_config(connection), target)

    async with db.engine.begin() as connection:
        await connection.run_sync(run)
