"""Settings from the environment and `.env`, and `studybot config check`."""

from __future__ import annotations

from pathlib import Path

import pytest

from adapters.cli import main
from adapters.configuration import check_configuration
from adapters.environment import environment
from bot.config import Settings
from tests.packs import SMART_CITIES

SLACK_HTTP = {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s3cret"}


def settings(database_url: str = "sqlite:////tmp/studybot-check.sqlite3",
             content: Path = SMART_CITIES) -> Settings:
    return Settings(DATABASE_URL=database_url, STUDYBOT_CONTENT=content)


def test_env_file_fills_in_and_the_environment_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text("DISCORD_TOKEN=from-file\nSLACK_BOT_TOKEN=xoxb-file\n# a comment\n")
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-exported")
    merged = environment(env_file)
    assert merged["DISCORD_TOKEN"] == "from-file"
    assert merged["SLACK_BOT_TOKEN"] == "xoxb-exported"
    assert environment(tmp_path / "missing.env")["SLACK_BOT_TOKEN"] == "xoxb-exported"


def test_a_complete_configuration_is_ok() -> None:
    report = check_configuration(settings(), SLACK_HTTP, connect=False)
    assert report.problems == []
    assert any(line.startswith("ok       slack:") for line in report.lines)


def test_each_problem_names_the_variable_and_secrets_stay_hidden() -> None:
    report = check_configuration(
        settings("postgresql://bot:hunter2@db.example/studybot"),
        {"SLACK_BOT_TOKEN": "xoxp-user-token", "DISCORD_TOKEN": "two words"}, connect=False)
    assert [p.split(":")[0] for p in report.problems] == ["slack", "discord"]
    assert "SLACK_BOT_TOKEN should start with xoxb-" in report.problems[0]
    assert "DISCORD_TOKEN" in report.problems[1]
    assert "hunter2" not in "\n".join(report.lines)


def test_nothing_to_serve_and_a_broken_pack_are_problems(tmp_path: Path) -> None:
    report = check_configuration(settings(content=tmp_path), {}, connect=False)
    assert any(p.startswith("no platform configured") for p in report.problems)
    assert any(p.startswith(f"STUDYBOT_CONTENT {tmp_path}") for p in report.problems)


def test_connect_reports_an_unreachable_database() -> None:
    report = check_configuration(settings("postgresql://bot:pw@127.0.0.1:9/none"), SLACK_HTTP, connect=True)
    assert report.problems == ["DATABASE_URL postgresql://bot:***@127.0.0.1:9/none: cannot connect "
                               "(ConnectionRefusedError)"]


def test_studybot_config_check_exits_non_zero_on_a_problem(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, database_url: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)  # no stray .env
    monkeypatch.setenv("DATABASE_URL", database_url)
    for name in ("SLACK_APP_TOKEN", "SLACK_CLIENT_ID", "DISCORD_TOKEN", "STUDYBOT_CONTENT"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-1")
    assert main(["config", "check", "--connect"]) == 1
    assert "SLACK_SIGNING_SECRET is required" in capsys.readouterr().out
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "s")
    assert main(["config", "check", "--connect"]) == 0
    out = capsys.readouterr().out
    assert "connected, schema up to date" in out and out.endswith("Configuration OK.\n")
