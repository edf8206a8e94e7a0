"""The isolation property rescans only the tables a step wrote; this checks what counts."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import delete, select, text

from bot.store.db import Database
from tests import table_scan

CHOICES = next(t for t in table_scan.all_tables() if t.name == "course_choices")


async def test_written_tables_name_each_write_and_nothing_read(db: Database) -> None:
    written = table_scan.WrittenTables(db)
    try:
        async with db.session() as session:
            await session.execute(select(CHOICES))
        assert written.take() == []
        async with db.session() as session:
            await session.execute(CHOICES.insert().values(
                user_id="ada", course_id="smart-cities", chosen_at=datetime(2026, 12, 1, tzinfo=UTC),
                platform="console", tenant_id="acme"))
        assert [t.name for t in written.take()] == ["course_choices"]
        assert written.take() == []  # taken once
        async with db.session() as session:
            await session.execute(delete(CHOICES))
        assert [t.name for t in written.take()] == ["course_choices"]
    finally:
        written.close()


async def test_a_statement_it_cannot_read_means_every_table(db: Database) -> None:
    written = table_scan.WrittenTables(db)
    try:
        async with db.session() as session:
            await session.execute(text("WITH gone AS (SELECT 1) DELETE FROM course_choices"))
        assert written.take() == table_scan.all_tables()
    finally:
        written.close()
