"""A fresh, empty database for each test: a SQLite file, or a new PostgreSQL database.

With STUDYBOT_TEST_DATABASE_URL set (tests/with_postgres.sh sets it), every test gets a
database of its own on that server, created empty and dropped afterwards.
"""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import asyncpg
from sqlalchemy.engine import make_url

SERVER_ENV = "STUDYBOT_TEST_DATABASE_URL"


def postgres_server() -> str | None:
    return os.environ.get(SERVER_ENV) or None


@contextmanager
def fresh_database_url(tmp_path: Path) -> Iterator[str]:
    server = postgres_server()
    if server is None:
        yield f"sqlite:///{tmp_path / 'test.sqlite3'}"
        return
    name = f"t_{uuid.uuid4().hex[:16]}"
    asyncio.run(_admin(server, f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(server).set(database=name).render_as_string(hide_password=False)
    finally:
        asyncio.run(_admin(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


async def _admin(server: str, statement: str) -> None:
    url = make_url(server)
    connection = await asyncpg.connect(
        host=url.host, port=url.port, user=url.username, password=url.password,
        database=url.database or "postgres")
    try:
        await connection.execute(statement)
    finally:
        await connection.close()
