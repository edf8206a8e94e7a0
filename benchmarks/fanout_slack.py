"""The Slack side of `fanout.py --slack`: the real SlackPoster against a fake Slack.

The fake Slack runs in its own process, so it outlives the schedulers the benchmark
kills: like Slack, it keeps every message it showed (and its metadata, for
SLACK_DEDUPE_POSTS), and appends one line per message to the shown-log the harness
counts duplicates from.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import aiohttp

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from adapters.slack.poster import SlackPoster, StaticToken
from tests.adapters.slack.fake_slack import FakeSlack


def start_fake_slack(log: Path, latency_ms: float) -> tuple[subprocess.Popen[str], str]:
    """A fake Slack in a child process; returns it and its Web API URL."""
    process = subprocess.Popen([sys.executable, __file__, str(log), str(latency_ms)],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    line = process.stdout.readline()
    if not line.startswith("READY "):
        raise RuntimeError(f"the fake Slack did not start: {line!r}")
    return process, line.split()[1]


def stop_fake_slack(process: subprocess.Popen[str]) -> None:
    assert process.stdin is not None
    process.stdin.close()
    process.wait(timeout=30)


def slack_poster(api_url: str, session: aiohttp.ClientSession, *, dedupe: bool) -> SlackPoster:
    return SlackPoster(StaticToken("xoxb-bench"), base_url=api_url, session=session, dedupe_posts=dedupe)


async def serve(log: Path, latency_ms: float) -> None:
    fd = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT)

    def shown(args: dict[str, Any], message: dict[str, Any]) -> None:
        key = ((message.get("metadata") or {}).get("event_payload") or {}).get("delivery") or "-"
        os.write(fd, f"{key}\t{args.get('channel')}\tslack\n".encode())

    fake = await FakeSlack(on_post=shown, latency=latency_ms / 1000).start()
    print(f"READY {fake.api_url}", flush=True)
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)  # until the parent closes it
    await fake.stop()


if __name__ == "__main__":
    asyncio.run(serve(Path(sys.argv[1]), float(sys.argv[2])))
