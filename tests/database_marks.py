"""Which tests touch the database, decided from the tests themselves.

The PostgreSQL pass (`make test-postgres`) runs only the tests marked `database`; every
test runs on SQLite. A test is marked when it uses the `database_server` fixture (which
`database_url`, `db`, `settings` and the property tests' companion all rest on) or lives
in a folder that is about the database (the store and its migrations, integration). No
list of names: a new test that takes `db` is marked without anyone editing this file.

A guard keeps the rule honest: on every run, a test not marked `database` that connects
to a database from tests/databases.py fails, so no test can use the database under test
while the PostgreSQL pass skips it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine

from tests.databases import HANDED_OUT

MARK = "database"
FIXTURE = "database_server"
# Folders whose tests are about the database itself: they open databases of their own
# (an empty one for migrations, several writers at once) rather than through a fixture.
FOLDERS = (Path("tests/bot/store"), Path("tests/integration"))


def touches_database(item: pytest.Item, root: Path) -> bool:
    if FIXTURE in getattr(item, "fixturenames", ()):
        return True
    where = Path(str(item.path)).resolve()
    return any(where.is_relative_to(root / folder) for folder in FOLDERS)


class ConnectionCounter:
    """Counts connections, in this process, to the databases tests/databases.py handed out
    (a test's SQLite file of its own, say a damaged one, behaves the same in either pass)."""

    def __init__(self) -> None:
        self.opened = 0

    def install(self) -> None:
        event.listen(Engine, "engine_connect", self._connected)

    def remove(self) -> None:
        event.remove(Engine, "engine_connect", self._connected)

    def _connected(self, connection: Connection) -> None:
        if str(connection.engine.url.database) in HANDED_OUT:
            self.opened += 1


def unmarked_opener(item: pytest.Item, opened_before: int, opened_after: int) -> str | None:
    """A complaint when `item` connected to a database without being marked for it."""
    if opened_after == opened_before or item.get_closest_marker(MARK) is not None:
        return None
    return (f"{item.nodeid} connected to a database but is not marked `{MARK}`, so the "
            f"PostgreSQL pass would skip it: take the `db`, `database_url` or `{FIXTURE}` fixture")
