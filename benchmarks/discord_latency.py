"""Time from an interaction arriving to its response reaching Discord, in the test harness.

    .venv/bin/python benchmarks/discord_latency.py               # 100 of each kind
    .venv/bin/python benchmarks/discord_latency.py --runs 300

A real StudyClient (discord.py) is connected to the fake Discord of the test suite
(REST and gateway on 127.0.0.1) and to a companion on a fresh SQLite database. For each
interaction the clock starts when the fake gateway sends INTERACTION_CREATE and stops
when the fake REST API receives the interaction's callback, so it covers the websocket
hop, discord.py's parsing and dispatch, the CommandTree, the router, the database,
rendering, and the HTTP request; loopback only, no internet. A deferred command's
callback is its "thinking…" deferral; for those the time to the answer (the first
message after it: the follow-up that fills the placeholder, or the channel message a
public answer becomes) is printed too. Commands that change something, plain words and
buttons always acknowledge first and run after Discord accepted that. Interactions are
sent one after another. Not a test: it prints figures.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import statistics
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.app import open_companion
from bot.config import BUNDLED_CONTENT, Settings
from tests.adapters.discord import payloads as p
from tests.adapters.discord.fake_discord import FakeDiscord
from tests.adapters.discord.harness import DiscordHarness, running_bot

QUESTION = "what did Lorraine say about data?"
Build = Callable[[int], dict[str, Any]]
KINDS: dict[str, Build] = {
    "/study week number:N": lambda n: p.slash("week", p.option("number", n % 6 + 1)),
    "/study help": lambda n: p.slash("help"),
    "button (week N, acknowledged first)": lambda n: p.click(f"studybot:cmd:week {n % 6 + 1}"),
    "/study ideas add (acknowledged first)": lambda n: p.slash("ideas add", p.option("text", f"idea {n}")),
    "autocomplete (weeks)": lambda n: p.autocomplete("week", p.option("number", "", focused=True)),
    "/study search (deferred)": lambda n: p.slash("search", p.option("query", ("data", "standards")[n % 2])),
    "/study ask (deferred)": lambda n: p.slash("ask", p.option("question", QUESTION)),
    "/study canvas image (deferred)": lambda n: p.slash("canvas image"),
}


async def measure(bot: DiscordHarness, build: Build, runs: int) -> tuple[list[float], list[float]]:
    """Milliseconds to the callback, and (deferred ones) to the answer."""
    callbacks, answers = [], []
    for n in range(runs):
        interaction = build(n)
        response = await bot.interact(interaction)
        started = bot.fake.dispatched_at[interaction["id"]]
        callbacks.append((response.received_at - started) * 1000)
        if response.body["type"] == 5:
            answered = await bot.answered_at(interaction)
            answers.append((answered - started) * 1000)
    return callbacks, answers


def line(name: str, timings: list[float]) -> str:
    ordered = sorted(timings)
    p99 = ordered[max(0, -(-len(ordered) * 99 // 100) - 1)]
    return (f"{name:40} n={len(timings):4}  median {statistics.median(timings):7.1f} ms  "
            f"p99 {p99:7.1f} ms  max {max(timings):7.1f} ms")


async def main(runs: int) -> None:
    logging.disable(logging.WARNING)
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(DATABASE_URL=f"sqlite:///{folder}/bench.sqlite3",
                            STUDYBOT_CONTENT=BUNDLED_CONTENT / "smart-cities")
        fake = FakeDiscord()
        await fake.start()
        try:
            async with open_companion(settings) as companion, running_bot(companion, fake) as bot:
                await measure(bot, KINDS["/study help"], 5)  # warm-up
                everything: list[float] = []
                for name, build in KINDS.items():
                    callbacks, answers = await measure(bot, build, runs)
                    everything += callbacks
                    print(line(f"{name}: callback", callbacks))
                    if answers:
                        print(line(f"{name}: answer", answers))
                print(line("all callbacks", everything))
        finally:
            await fake.stop()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=100, help="interactions of each kind (default 100)")
    asyncio.run(main(parser.parse_args().runs))
