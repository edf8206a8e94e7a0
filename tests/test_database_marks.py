"""The PostgreSQL pass runs only tests marked `database`; these check the marking."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from bot.store.db import Database
from tests import database_marks
from tests.databases import empty_database_url


def test_a_test_taking_a_database_is_marked(request: pytest.FixtureRequest, database_url: str) -> None:
    assert request.node.get_closest_marker(database_marks.MARK) is not None


def test_a_test_without_one_is_not(request: pytest.FixtureRequest) -> None:
    assert request.node.get_closest_marker(database_marks.MARK) is None


async def connect(url: str) -> None:
    database = Database(url)
    async with database.session() as session:
        await session.execute(text("SELECT 1"))
    await database.close()


async def test_an_unmarked_test_that_connects_is_caught(request: pytest.FixtureRequest,
                                                        tmp_path: Path) -> None:
    counter = database_marks.ConnectionCounter()
    counter.install()
    try:
        await connect(f"sqlite:///{tmp_path}/own.sqlite3")  # a file of its own: not counted
        with empty_database_url(tmp_path) as url:  # the database under test: counted
            await connect(url)
    finally:
        counter.remove()
    assert counter.opened == 1
    complaint = database_marks.unmarked_opener(request.node, 0, counter.opened)
    assert complaint is not None and "not marked `database`" in complaint
    # Undo what this test did on purpose, so the suite's own guard does not fail it.
    request.node.add_marker(database_marks.MARK)
