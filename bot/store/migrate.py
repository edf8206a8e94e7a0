"""Apply the Alembic migrations that ship inside the package (no alembic.ini needed)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection

from bot.store.db import Database

MIGRATIONS = Path(__file__).parent / "migrations"


def _config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def head_revisions() -> set[str]:
    return set(ScriptDirectory.from_config(_config()).get_heads())


async def current_revisions(db: Database) -> set[str]:
    def read(connection: Connection) -> set[str]:
        return set(MigrationContext.configure(connection).get_current_heads())

    async with db.engine.connect() as connection:
        return await connection.run_sync(read)


async def upgrade(db: Database, target: str = "heads") -> None:
    """Bring the schema up to date; a no-op (one cheap query) when it already is."""
    if target == "heads" and await current_revisions(db) == head_revisions():
        return

    def run(connection: Connection) -> None:
        command.upgrade(_config(connection), target)

    async with db.engine.begin() as connection:
        await connection.run_sync(run)


async def downgrade(db: Database, target: str) -> None:
    def run(connection: Connection) -> None:
        command.downgrade(_config(connection), target)

    async with db.engine.begin() as connection:
        await connection.run_sync(run)
