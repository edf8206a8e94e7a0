"""`studybot discord invite-url` prints the link, or one line and exit code 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from adapters.cli import main
from adapters.discord.invite import invite_url
from tests.adapters.discord import payloads as p
from tests.adapters.discord.test_invite import real_shaped_token


@pytest.fixture(autouse=True)
def no_dotenv(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # no .env from the working folder
    monkeypatch.delenv("DISCORD_APPLICATION_ID", raising=False)
    monkeypatch.delenv("DISCORD_TOKEN", raising=False)


def test_it_prints_the_link_for_the_token(capsys: pytest.CaptureFixture[str],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DISCORD_TOKEN", real_shaped_token(p.APP_ID))
    assert main(["discord", "invite-url"]) == 0
    assert capsys.readouterr().out.strip() == invite_url(p.APP_ID)


def test_a_token_it_cannot_read_is_one_line_and_exit_2(capsys: pytest.CaptureFixture[str],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DISCORD_TOKEN", "garbage")
    assert main(["discord", "invite-url"]) == 2
    [line] = capsys.readouterr().err.strip().splitlines()
    assert line.startswith("studybot: DISCORD_TOKEN doesn't look like a bot token")
