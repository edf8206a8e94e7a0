"""Time from an interaction arriving to its response reaching Discord, in the test harness.

    .venv/bin/python benchmarks/discord_latency.py               # 100 of each kind
    .venv/bin/python benchmarks/discord_latency.py --runs 300

A real StudyClient (discord.py) is connected to the fake Discord of the test suite
(REST and gateway on 127.0.0.1) and to a companion on a fresh SQLite database. For each
interaction the clock starts when the fake gateway sends INTERACTION_CREATE and stops
when the fake REST API receives the interaction's callback, so it covers the websocket
hop, discord.py's parsing and dispatch, the CommandTree, the router, the database,
rendering, and the HTTP request; loopback only, no internet. Interactions are sent one
after another. Not a test: it prints figures.
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
KINDS: dict[str, Callable[[int], dict[str, Any]]] = {
    "/study week number:N": lambda n: p.slash("week", p.option("number", n % 6 + 1)),
    "/study help": lambda n: p.slash("help"),
    "/study ask (plain words)": lambda n: p.slash("ask", p.option("question", QUESTION)),
    "button (week N)": lambda n: p.click(f"studybot:cmd:week {n % 6 + 1}"),
    "autocomplete (weeks)": lambda n: p.autocomplete("week", p.option("number", "", focused=True)),
}


async def measure(bot: DiscordHarness, build: Callable[[int], dict[str, Any]], runs: int) -> list[float]:
    timings = []
    for n in range(runs):
        interaction = build(n)
        response = await bot.interact(interaction)
        timings.append((response.received_at - bot.fake.dispatched_at[interaction["id"]]) * 1000)
    return timings


def line(name: str, timings: list[float]) -> str:
    ordered = sorted(timings)
    p90 = ordered[int(len(ordered) * 0.9) - 1]
    return (f"{name:28} n={len(timings):4}  median {statistics.median(timings):6.1f} ms  "
            f"p90 {p90:6.1f} ms  max {max(timings):6.1f} ms")


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
                    timings = await measure(bot, build, runs)
                    everything += timings
                    print(line(name, timings))
                print(line("all", everything))
        finally:
            await fake.stop()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=100, help="interactions of each kind (default 100)")
    asyncio.run(main(parser.parse_args().runs))
