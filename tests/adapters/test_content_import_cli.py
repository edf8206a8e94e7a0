"""`studybot content import`: a whole course in, and it works in the console straight away."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from adapters.cli import main
from adapters.console.chat import ConsoleIdentity, run_script
from bot.app import open_companion
from bot.config import Settings
from tests.bot.course.importers.exports import cartridge, olx_tarball


@pytest.fixture
def content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "content"
    folder.mkdir()
    monkeypatch.setenv("STUDYBOT_CONTENT", str(folder))
    return folder


def snapshot(folder: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


async def test_an_olx_course_imports_into_a_new_pack_and_works_in_the_console(
    content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], database_url: str
) -> None:
    assert main(["content", "import", str(olx_tarball(tmp_path)), "--pack", "plots"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Open edX: 2 weeks, 1 video (3 cues), 1 prompt, 5 quiz items.\n")
    assert f"Created {content / 'plots' / 'quiz.yaml'}" in out
    assert "Skipped video Silent clip (vertical/soil_unit.xml): it has no transcript." in out
    assert main(["content", "check", str(content / "plots")]) == 0

    settings = Settings(DATABASE_URL=database_url, STUDYBOT_CONTENT=content / "plots")
    replies = io.StringIO()
    async with open_companion(settings) as companion:
        await run_script(companion.handle, ConsoleIdentity(),
                         io.StringIO("week 2\nlookup compost nitrogen\n"), replies)
    text = replies.getvalue()
    assert text.startswith("Week 2: Water and weather\n")
    assert "Testing soil at home" in text and "1:05" in text


def test_dry_run_says_what_would_change_and_writes_nothing(
    content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["content", "import", str(cartridge(tmp_path)), "--pack", "bees", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert f"Would create {content / 'bees' / 'weeks' / 'week-1.md'}" in out
    assert "Dry run: nothing was written." in out
    assert not (content / "bees").exists()


def test_an_unsafe_archive_is_one_line_non_zero_and_nothing_written(
    content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    archive = cartridge(tmp_path, {"imsmanifest.xml": "<manifest/>", "/abs/evil.html": "x"})
    assert main(["content", "import", str(archive), "--pack", "evil"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0] == f"{archive}:0: refused: /abs/evil.html is an absolute path"
    assert list(content.iterdir()) == []


def test_captions_past_the_last_week_are_refused(
    content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["content", "import", str(cartridge(tmp_path)), "--pack", "bees"]) == 0
    before = snapshot(content)
    captions = tmp_path / "late.srt"
    captions.write_text("1\n00:00:01,000 --> 00:00:02,000\nLate.\n", encoding="utf-8")
    assert main(["content", "import-captions", str(captions), "--pack", "bees", "--week", "5"]) == 1
    assert "week 5 is past the course's last week (2)" in capsys.readouterr().err
    assert snapshot(content) == before


def test_check_reports_the_empty_weeks_an_old_import_left(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.packs import write_pack

    pack = write_pack(tmp_path, "plots", "Plots", weeks=2)
    (pack / "weeks" / "week-3.md").write_text(
        "---\nnumber: 3\ntitle: Week 3\nsummary: Nothing has been added to week 3 yet.\n---\n",
        encoding="utf-8")
    assert main(["content", "check", str(pack)]) == 1
    assert f"{pack / 'weeks' / 'week-3.md'}:1: week 3 is an empty stand-in" in capsys.readouterr().err


def test_a_course_with_odd_items_imports_and_names_the_source_files(
    content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.bot.course.importers.test_odd_items import odd_course

    source = odd_course(tmp_path / "olx")
    assert main(["content", "import", str(source), "--pack", "odd"]) == 0
    out = capsys.readouterr().out
    assert "Skipped quiz item long-question (problem/long_question.xml): its question" in out
    assert "quiz.yaml:" not in out
    assert main(["content", "check", str(content / "odd")]) == 0


def test_a_dry_run_refuses_what_the_real_run_refuses(
    content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["content", "import", str(cartridge(tmp_path)), "--pack", "bees"]) == 0
    (content / "bees" / "canvas.yaml").write_text("blocks:\n  - id: Not A Slug\n", encoding="utf-8")
    capsys.readouterr()

    assert main(["content", "import", str(cartridge(tmp_path)), "--pack", "bees", "--dry-run"]) == 1
    dry = capsys.readouterr().err
    assert main(["content", "import", str(cartridge(tmp_path)), "--pack", "bees"]) == 1
    real = capsys.readouterr().err
    assert f"{content / 'bees' / 'canvas.yaml'}:2: blocks.0.id" in dry
    assert dry == real


def test_a_folder_of_captions_is_a_course_in_one_command(
    content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "lectures"
    folder.mkdir()
    for n in range(1, 7):
        (folder / f"lecture-{n}.srt").write_text(
            f"1\n00:00:01,000 --> 00:00:04,000\nLecture {n} begins.\n", encoding="utf-8")

    assert main(["content", "import", str(folder), "--pack", "talks", "--per-week", "3"]) == 0

    assert capsys.readouterr().out.startswith("Captions: 2 weeks, 6 videos (6 cues)")
    assert main(["content", "check", str(content / "talks")]) == 0
    assert sorted(p.name for p in (content / "talks" / "weeks").iterdir()) == ["week-1.md", "week-2.md"]


def test_a_plan_is_written_then_followed_on_every_import(
    content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = str(cartridge(tmp_path))
    plan = tmp_path / "plan.yaml"

    assert main(["content", "import", source, "--pack", "bees", "--dry-run"]) == 0
    assert "  week 2: Honey and wax <- Honey and wax: 1 quiz item\n" in capsys.readouterr().out
    assert main(["content", "import", source, "--pack", "bees", "--plan", str(plan)]) == 0
    assert "Wrote the week plan" in capsys.readouterr().out
    assert not (content / "bees").exists()

    plan.write_text(plan.read_text(encoding="utf-8").replace("week: 1\n  title: Meet the hive",
                                                             "week: 2\n  title: The hive"), encoding="utf-8")
    assert main(["content", "import", source, "--pack", "bees", "--plan", str(plan)]) == 0
    assert main(["content", "import", source, "--pack", "bees", "--dry-run"]) == 0
    again = capsys.readouterr().out
    assert "Weeks follow the plan in" in again
    assert "  week 1: The hive <- Meet the hive, Honey and wax:" in again
    assert sorted(p.name for p in (content / "bees" / "weeks").iterdir()) == ["week-1.md"]
