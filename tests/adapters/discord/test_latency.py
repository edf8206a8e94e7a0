"""Time from an interaction arriving to its response reaching Discord, measured in the harness.

The clock starts when the fake gateway sends INTERACTION_CREATE and stops when the fake
REST API receives the interaction's callback: websocket, discord.py's parsing, the
CommandTree, the router and a database read, rendering, and the HTTP request.
Discord allows 3 seconds; `benchmarks/discord_latency.py` prints the figures.
"""

from __future__ import annotations

import statistics

from tests.adapters.discord import payloads as p
from tests.adapters.discord.harness import DiscordHarness


async def response_seconds(bot: DiscordHarness, interaction: dict[str, object]) -> float:
    response = await bot.interact(interaction)
    return response.received_at - bot.fake.dispatched_at[str(interaction["id"])]


async def test_interactions_are_answered_well_within_discords_three_seconds(bot: DiscordHarness) -> None:
    interactions = [p.slash("week", p.option("number", n % 6 + 1)) for n in range(20)]
    interactions += [p.slash("help"), p.click("studybot:cmd:weeks"),
                     p.autocomplete("week", p.option("number", "", focused=True))] * 4
    timings = [await response_seconds(bot, interaction) for interaction in interactions]
    assert statistics.median(timings) < 0.5
    assert max(timings) < 3.0
