"""A fresh database for each test: a SQLite file, or a database on a PostgreSQL server.

Each test starts with the current schema and no rows. Building the schema costs more than
most tests, so it is built once per run and reused:
- SQLite: a migrated template file, copied for each test.
- PostgreSQL (STUDYBOT_TEST_DATABASE_URL, set by tests/with_postgres.sh): one migrated
  database per run, emptied after each test with one TRUNCATE (about 30 ms, where a
  CREATE DATABASE costs about 200 ms). A test that changed the schema gets it rebuilt.
`empty_database_url` gives a database with no tables at all, for migration tests.
"""

from __future__ import annotations

import asyncio
import atexit
import functools
import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import asyncpg
from sqlalchemy.engine import make_url

from bot.store import migrate
from bot.store.db import Database

SERVER_ENV = "STUDYBOT_TEST_DATABASE_URL"
# The database of every URL handed out here (a SQLite file's path, a PostgreSQL database's
# name): tests/database_marks.py checks that only tests marked `database` connect to one.
HANDED_OUT: set[str] = set()


def postgres_server() -> str | None:
    return os.environ.get(SERVER_ENV) or None


@contextmanager
def fresh_database_url(tmp_path: Path) -> Iterator[str]:
    """A migrated database with no rows, for one test."""
    server = postgres_server()
    if server is None:
        target = tmp_path / "test.sqlite3"
        shutil.copyfile(_sqlite_template(), target)
        HANDED_OUT.add(str(target))
        yield f"sqlite:///{target}"
        return
    url = _shared_postgres(server)
    HANDED_OUT.add(str(make_url(url).database))
    try:
        yield url
    finally:
        if not asyncio.run(_empty_tables(url)):
            _shared_postgres.cache_clear()
            asyncio.run(_admin(server, f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)'))


@contextmanager
def empty_database_url(tmp_path: Path) -> Iterator[str]:
    """A database without any tables (not even Alembic's), dropped afterwards."""
    server = postgres_server()
    if server is None:
        HANDED_OUT.add(str(tmp_path / "empty.sqlite3"))
        yield f"sqlite:///{tmp_path / 'empty.sqlite3'}"
        return
    name = f"t_{uuid.uuid4().hex[:16]}"
    asyncio.run(_admin(server, f'CREATE DATABASE "{name}"'))
    HANDED_OUT.add(name)
    try:
        yield _on(server, name)
    finally:
        asyncio.run(_admin(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@functools.cache
def _sqlite_template() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="studybot-template-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    template = folder / "template.sqlite3"
    asyncio.run(_migrate(f"sqlite:///{template}"))
    return template


@functools.cache
def _shared_postgres(server: str) -> str:
    name = f"t_shared_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    asyncio.run(_admin(server, f'CREATE DATABASE "{name}"'))
    atexit.register(lambda: asyncio.run(_admin(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')))
    url = _on(server, name)
    asyncio.run(_migrate(url))
    return url


async def _migrate(url: str) -> None:
    database = Database(url)
    try:
        await migrate.upgrade(database)
    finally:
        await database.close()  # SQLite: folds the WAL into the file, so a copy is complete


async def _empty_tables(url: str) -> bool:
    """Delete every row; False when the schema is no longer the current one."""
    connection = await _connect(url)
    try:
        # A test's leftover connection (a process it killed, an engine not closed) must not
        # hold a lock the TRUNCATE waits on.
        await connection.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                 "WHERE datname = current_database() AND pid <> pg_backend_pid()")
        tables = [row["tablename"] for row in await connection.fetch(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")]
        if "alembic_version" not in tables:
            return False
        versions = {row[0] for row in await connection.fetch("SELECT version_num FROM alembic_version")}
        data = [f'"{table}"' for table in tables if table != "alembic_version"]
        if data:
            await connection.execute(f"TRUNCATE {', '.join(data)} RESTART IDENTITY CASCADE")
        return versions == migrate.head_revisions()
    finally:
        await connection.close()


def _on(server: str, database: str) -> str:
    return make_url(server).set(database=database).render_as_string(hide_password=False)


async def _connect(url: str) -> asyncpg.Connection:
    parsed = make_url(url)
    return await asyncpg.connect(host=parsed.host, port=parsed.port, user=parsed.username,
                                 password=parsed.password, database=parsed.database or "postgres")


async def _admin(server: str, statement: str) -> None:
    connection = await _connect(server)
    try:
        await connection.execute(statement)
    finally:
        await connection.close()
