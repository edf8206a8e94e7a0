"""`studybot content check` and `content list` over a folder of packs."""

from __future__ import annotations

import asyncio
import shutil
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from adapters.cli import main
from bot.messages import Platform, TenantRef
from bot.store import migrate
from bot.store.db import Database
from bot.store.groups import GroupRepository, StudyGroup
from tests.packs import AIR_QUALITY, SMART_CITIES, write_pack

TENANT = TenantRef(Platform.SLACK, "T1")


def groups_following(url: str, *course_ids: str) -> None:
    async def run() -> None:
        db = Database(url)
        try:
            await migrate.upgrade(db)
            for number, course_id in enumerate(course_ids):
                group = StudyGroup(TENANT, f"C{number}", "Group", course_id, date(2026, 12, 7), "UTC")
                await GroupRepository(db).save(group, "U1", datetime.now(UTC))
        finally:
            await db.close()

    asyncio.run(run())


def test_list_shows_every_bundled_course_and_how_many_groups_follow_it(
        database_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.delenv("STUDYBOT_CONTENT", raising=False)
    groups_following(database_url, "smart-cities", "smart-cities", "retired-course")
    assert main(["content", "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["ID", "WEEKS", "VIDEOS", "GROUPS", "TITLE"]
    rows = {line.split()[0]: line.split()[1:4] for line in lines[1:]}
    assert rows["smart-cities"] == ["6", "7", "2"]
    assert rows["air-quality"] == ["3", "3", "0"]
    assert rows["retired-course"] == ["-", "-", "1"]


def test_check_a_folder_reports_the_broken_pack_and_passes_the_good_one(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copytree(SMART_CITIES, tmp_path / "smart-cities")
    broken = write_pack(tmp_path, "gardens", "Community gardens")
    (broken / "course.yaml").write_text("id: Not A Slug\ntitle: Gardens\n", encoding="utf-8")
    assert main(["content", "check", str(tmp_path)]) == 1
    out, err = capsys.readouterr()
    assert "smart-cities: OK: Smart cities (`smart-cities`), 6 weeks" in out
    assert f"{broken / 'course.yaml'}:1: id:" in err
    assert "1 problem(s) found in 1 pack(s)." in err


def test_check_one_pack(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["content", "check", str(AIR_QUALITY)]) == 0
    assert "OK: Citizen science" in capsys.readouterr().out


def test_search_asks_which_course_when_the_folder_has_several(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("STUDYBOT_CONTENT", raising=False)
    assert main(["search", "diffusion tubes"]) == 2
    assert "pick one with --course ID" in capsys.readouterr().err
    assert main(["search", "--course", "air-quality", "--top", "1", "diffusion tubes"]) == 0
    assert capsys.readouterr().out.startswith("1. week 2 · ")
