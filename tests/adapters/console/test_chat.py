"""The console chat as a person scripts it: lines in, replies out."""

from __future__ import annotations

import argparse
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from adapters.cli import build_parser, main
from adapters.console.chat import ConsoleIdentity, run_script
from adapters.console.pictures import PictureFolder
from bot.app import open_companion
from bot.config import Settings


async def test_script_prints_one_reply_per_line_and_skips_blank_lines(settings: Settings) -> None:
    out = io.StringIO()
    async with open_companion(settings) as companion:
        await run_script(companion.handle, ConsoleIdentity(), io.StringIO("week 5\n\nweek 9\n"), out)
    text = out.getvalue()
    assert text.startswith("Week 5: Smart leadership and strategy\n")
    assert "The course has 6 weeks" in text
    assert text.count("\n\n") == 1  # one separator between the two replies


def test_identity_speaks_in_a_channel_or_a_dm() -> None:
    dm = ConsoleIdentity(user_id="sam").incoming("hi")
    group = ConsoleIdentity(user_id="sam", channel_id="study", admin=True).incoming("hi")
    assert dm.channel.is_direct and dm.channel.id == "dm-sam"
    assert not group.channel.is_direct and group.channel.id == "study"
    assert group.user_is_platform_admin and not dm.user_is_platform_admin


def test_studybot_chat_reads_stdin_and_keeps_a_learners_place(database_url: str) -> None:
    env = {**os.environ, "DATABASE_URL": database_url}
    command = [sys.executable, "-m", "adapters.cli", "chat"]
    # The bundled content holds two courses: a learner with no group picks one first.
    first = subprocess.run(command, input="week 5\ncourse smart-cities\nweek set 5\nweek next\n",
                           capture_output=True, text=True, env=env, timeout=60, check=True)
    assert first.stdout.startswith("Several courses are installed here")
    assert "Week 5: Smart leadership and strategy" in first.stdout
    assert "Week 6: Smart measurement and learning" in first.stdout
    again = subprocess.run(command, input="week\n", capture_output=True, text=True, env=env,
                           timeout=60, check=True)
    assert again.stdout.startswith("Week 6: Smart measurement and learning")
    assert again.stderr == ""


def subcommand_paths(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command line that names a (sub)command, found in the parser itself so a
    command added later is checked too."""
    found = [path]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, child in action.choices.items():
                found += subcommand_paths(child, (*path, name))
    return found


def help_of(args: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit) as exit_:
        main([*args, "--help"])
    assert exit_.value.code == 0, args
    return capsys.readouterr().out


def test_every_subcommand_has_help(capsys: pytest.CaptureFixture[str]) -> None:
    # In process: a subprocess per command cost seconds each; the entry point itself is run
    # by the `studybot chat` tests above.
    paths = subcommand_paths(build_parser())
    assert {("chat",), ("serve",), ("content", "check"), ("db", "upgrade")} <= set(paths)
    for path in paths:
        assert "usage: studybot" in help_of(list(path), capsys), path


def test_content_check_reports_problems_and_exits_non_zero(tmp_path: Path) -> None:
    (tmp_path / "weeks").mkdir()
    (tmp_path / "course.yaml").write_text("id: Bad Id\ntitle: x\n")
    result = subprocess.run([sys.executable, "-m", "adapters.cli", "content", "check", str(tmp_path)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert f"{tmp_path / 'course.yaml'}:1: id: String should match pattern" in result.stderr
    assert "problem(s) found" in result.stderr


async def test_a_picture_is_saved_to_a_file_and_its_path_printed(
    settings: Settings, tmp_path: Path
) -> None:
    out = io.StringIO()
    folder = PictureFolder(tmp_path / "pictures")
    async with open_companion(settings) as companion:
        await run_script(companion.handle, ConsoleIdentity(),
                         io.StringIO("canvas add key partners the city council\ncanvas image\n"),
                         out, folder.save)
    [saved] = list((tmp_path / "pictures").iterdir())
    assert f"[picture saved to {saved}]" in out.getvalue()
    assert saved.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")


async def script(settings: Settings, lines: str, identity: ConsoleIdentity) -> str:
    out = io.StringIO()
    async with open_companion(settings) as companion:
        await run_script(companion.handle, identity, io.StringIO(lines), out)
    return out.getvalue()


async def test_a_refusal_names_the_flags_that_would_allow_it(settings: Settings) -> None:
    setup = "group setup start:2026-11-23 tz:Europe/London\n"
    learner = await script(settings, setup, ConsoleIdentity())
    assert "`studybot chat --admin`" in learner
    admin_in_dm = await script(settings, setup, ConsoleIdentity(admin=True))
    assert "`studybot chat --channel study-group --admin`" in admin_in_dm
    in_channel = await script(settings, setup, ConsoleIdentity(channel_id="study-group"))
    assert "`studybot chat --admin --channel study-group`" in in_channel
    done = await script(settings, setup, ConsoleIdentity(channel_id="study-group", admin=True))
    assert "now a study group" in done and "studybot chat" not in done


async def test_a_group_canvas_in_a_dm_names_the_channel_flag(settings: Settings) -> None:
    assert "--channel" in await script(settings, "canvas group\n", ConsoleIdentity())


async def test_quit_ends_a_piped_chat(settings: Settings) -> None:
    text = await script(settings, "week\nquit\nweek 2\n", ConsoleIdentity())
    assert "I don't know the command" not in text
    assert "Week 2:" not in text


def test_chat_help_has_examples_for_each_kind_of_user(capsys: pytest.CaptureFixture[str]) -> None:
    text = help_of(["chat"], capsys)
    assert "as a learner" in text and "as a facilitator" in text
    assert "studybot chat --admin --channel" in text
    assert "studybot chat --user sam --name Sam --channel" in text


# `help` names `courses` and `course ID` first: two courses are bundled.
LEARNER_HOUR = """help
courses
course smart-cities
week
week 3
what's this week's material?
week next
thanks!
canvas coach
what week is it?
people who cycle to work
stop
canvas
wek 4
group setup start:2026-11-23 tz:Europe/London course:smart-cities name:Tuesday group
quit
"""


def test_a_first_hour_needs_no_doc_only_the_flags_the_refusals_name(database_url: str) -> None:
    env = {**os.environ, "DATABASE_URL": database_url}

    def chat(flags: list[str], lines: str) -> str:
        result = subprocess.run([sys.executable, "-m", "adapters.cli", "chat", *flags],
                                input=lines, capture_output=True, text=True, env=env, timeout=60,
                                check=True)
        assert result.stderr == ""
        return result.stdout

    def named_flags(text: str) -> list[str]:
        found = re.search(r"`studybot chat ([^`]+)`", text)
        assert found is not None, text
        return found.group(1).split()

    learner = chat([], LEARNER_HOUR)
    assert "I don't know the command" not in learner and "something went wrong" not in learner
    assert "Week 2:" in learner and "You're welcome" in learner  # week next moved from week 1
    assert "people who cycle to work" in learner and "what week is it" not in learner.lower()
    setup = LEARNER_HOUR.splitlines()[-2] + "\n"
    in_dm = chat(named_flags(learner), setup)
    in_channel = chat(named_flags(in_dm), setup + "group\nreminders preview 30\n")
    assert "now a study group" in in_channel and "Tuesday group" in in_channel


def test_a_first_answer_reads_no_calendar_picture_or_migration_library(database_url: str) -> None:
    # The start is what a new user waits through: libraries only some commands need are
    # read when those commands run (icalendar for a feed, Pillow for a picture, Alembic
    # for a migration; the model for a search).
    env = {**os.environ, "DATABASE_URL": database_url}
    subprocess.run([sys.executable, "-m", "adapters.cli", "db", "upgrade"], env=env, check=True,
                   capture_output=True, timeout=60)
    script = ("import runpy, sys; sys.argv = ['studybot', 'chat']\n"
              "try:\n    runpy.run_module('adapters.cli', run_name='__main__')\n"
              "except SystemExit:\n    pass\n"
              "print(sorted({'icalendar', 'PIL', 'alembic'} & set(sys.modules)), file=sys.stderr)")
    result = subprocess.run([sys.executable, "-c", script], input="help\n", capture_output=True,
                            text=True, env=env, timeout=60, check=True)
    assert "help" in result.stdout.lower()
    assert result.stderr.strip().splitlines()[-1] == "[]"
