"""Start-up problems: one line on stderr naming the setting to change, and exit code 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from adapters.cli import main


def started(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code = main(argv)
    return code, capsys.readouterr().err.strip().splitlines()


@pytest.mark.parametrize("where, reason", [
    ("file", "a file is in the way"),
    ("corrupt", "damaged or is not a SQLite database"),
    ("server down", "cannot connect"),
])
@pytest.mark.parametrize("command", [["chat"], ["serve", "--port", "0"], ["db", "upgrade"]])
def test_a_database_that_cannot_be_opened_is_one_line_and_exit_2(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        where: str, reason: str, command: list[str]) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    corrupt = tmp_path / "corrupt.sqlite3"
    corrupt.write_bytes(b"\x13\x37" * 4096)
    url = {"file": f"sqlite:///{blocker}/studybot.sqlite3", "corrupt": f"sqlite:///{corrupt}",
           "server down": "postgresql://studybot@127.0.0.1:1/studybot"}[where]
    monkeypatch.setenv("DATABASE_URL", url)
    code, lines = started(command, capsys)
    assert code == 2
    assert len(lines) == 1 and "DATABASE_URL" in lines[0] and reason in lines[0], lines


def test_a_broken_content_pack_is_one_line_with_file_and_line(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "course.yaml").write_text("title: [unclosed\n")
    monkeypatch.setenv("STUDYBOT_CONTENT", str(tmp_path))
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'db.sqlite3'}")
    code, lines = started(["chat"], capsys)
    assert code == 2
    assert len(lines) == 1 and "STUDYBOT_CONTENT" in lines[0] and "course.yaml:" in lines[0], lines


def test_a_bad_setting_is_one_line_naming_it(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("STUDYBOT_CATCH_UP_GRACE_HOURS", "soon")
    code, lines = started(["chat"], capsys)
    assert code == 2
    assert len(lines) == 1 and "change STUDYBOT_CATCH_UP_GRACE_HOURS" in lines[0], lines
