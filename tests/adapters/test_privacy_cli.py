"""`studybot privacy export` writes the whole export to files; `expire-logs` runs retention."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from adapters.cli import main
from bot.ideas.store import IdeasRepository
from bot.lookup.misses import SearchMissRepository
from bot.messages import Platform, TenantRef, UserRef
from bot.store import migrate
from bot.store.db import Database
from tests.people import say

LEARNER = UserRef(TenantRef(Platform.CONSOLE, "local"), "me")


def prepare(url: str) -> None:
    async def run() -> None:
        db = Database(url)
        try:
            await migrate.upgrade(db)
            await IdeasRepository(db, "smart-cities").add(LEARNER, 2, "a long note " * 500, datetime.now(UTC))
            long_ago = datetime.now(UTC) - timedelta(days=400)
            await SearchMissRepository(db, "smart-cities").record(say("x"), "old question", long_ago)
        finally:
            await db.close()

    asyncio.run(run())


def test_export_writes_the_whole_export_to_two_files(database_url: str, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("DATABASE_URL", database_url)
    prepare(database_url)
    assert main(["privacy", "export", "--user", "me", "--out", str(tmp_path)]) == 0
    document = json.loads((tmp_path / "studybot-export-me.json").read_text(encoding="utf-8"))
    [notes] = [t for t in document["tables"] if t["table"] == "idea_notes"]
    assert notes["rows"][0]["text"] == ("a long note " * 500)  # whole, not shortened as in chat
    markdown = (tmp_path / "studybot-export-me.md").read_text(encoding="utf-8")
    assert "### Your project idea notes (1)" in markdown
    assert "1 records written" in capsys.readouterr().out


def test_expire_logs_runs_the_retention_job_now(database_url: str, monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("DATABASE_URL", database_url)
    prepare(database_url)
    assert main(["privacy", "expire-logs"]) == 0
    assert "Deleted 1 log rows older than 180 days (search_misses: 1)." in capsys.readouterr().out
