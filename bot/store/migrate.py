"""Apply the Alembic migrations that ship inside the package (no alembic.ini needed).

Start-up only asks whether the schema is current: one query, and the revision ids read
from the migration files with `ast`, so a companion whose database is up to date never
imports Alembic (about a second of CPU on a small machine).
"""

from __future__ import annotations

import ast
import functools
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection

from bot.store.db import Database

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).parent / "migrations"
VERSION_TABLE = "alembic_version"


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


async def current_revisions(db: Database) -> set[str]:
    def read(connection: Connection) -> set[str]:
        if not inspect(connection).has_table(VERSION_TABLE):
            return set()
        return {str(row[0]) for row in connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}"))}

    async with db.engine.connect() as connection:
        return await connection.run_sync(read)


async def upgrade(db: Database, target: str = "heads") -> None:
    """Bring the schema up to date; a no-op (one cheap query) when it already is."""
    if target == "heads" and await current_revisions(db) == head_revisions():
        return
    from alembic import command

    def run(connection: Connection) -> None:
        command.upgrade(_config(connection), target)

    async with db.engine.begin() as connection:
        await connection.run_sync(run)


async def downgrade(db: Database, target: str) -> None:
    from alembic import command

    def run(connection: Connection) -> None:
        command.downgrade(_config(connection), target)

    async with db.engine.begin() as connection:
        await connection.run_sync(run)
