"""The console prints scheduled posts as they fire, so the flow can be tried locally."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import time

from adapters.console.poster import ConsolePoster
from bot.messages import ChannelRef, Heading, Reply, Text
from tests.packs import SMART_CITIES
from tests.people import TENANT


async def test_a_post_is_printed_with_its_channel() -> None:
    out = io.StringIO()
    result = await ConsolePoster(out).post(ChannelRef(TENANT, "cafe"),
                                           Reply.of(Heading("Week 2"), Text("**Go** on")))
    assert result.ok
    assert out.getvalue() == "\n[scheduled post in #cafe]\nWeek 2\n======\nGo on\n\n"


def _chat(database_url: str, lines: str, *args: str) -> tuple[str, float]:
    env = {**os.environ, "DATABASE_URL": database_url, "STUDYBOT_CONTENT": str(SMART_CITIES)}
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "adapters.cli", "chat", *args], input=lines,
                          capture_output=True, text=True, env=env, timeout=60, check=True)
    return done.stdout, time.perf_counter() - started


def test_studybot_chat_runs_the_scheduler_and_still_exits_promptly(database_url: str) -> None:
    out, _ = _chat(database_url, "group setup start:2026-01-05 tz:Europe/London course:smart-cities\n"
                   "prompt now Hello, group!\n",
                   "--channel", "cafe", "--admin")
    assert "[scheduled post in #cafe]\nFrom your facilitator" in out
    assert "Hello, group!" in out and "Posted (prompt #1)" in out
    _, seconds = _chat(database_url, "week 5\n")
    assert seconds < 15  # start-up, one answer, and the scheduler's stop


async def test_a_direct_message_shows_only_at_its_own_persons_terminal() -> None:
    out = io.StringIO()
    poster = ConsolePoster(out, viewer="kim")
    reminder = Reply.of(Text("Your study session starts in 30 minutes"))
    assert (await poster.post(ChannelRef(TENANT, "ada", is_direct=True), reminder)).ok
    assert out.getvalue() == ""
    await poster.post(ChannelRef(TENANT, "kim", is_direct=True), reminder)
    assert out.getvalue().startswith("\n[scheduled post in a direct message to you]\n")
