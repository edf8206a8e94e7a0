"""compose.yaml runs Discord as one process per shard, never two processes on the same shards."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from adapters.discord.config import load_config

COMPOSE = Path(__file__).resolve().parents[3] / "compose.yaml"


def services() -> dict[str, Any]:
    return dict(yaml.safe_load(COMPOSE.read_text())["services"])


def test_each_discord_process_runs_its_own_shard_and_together_they_cover_all() -> None:
    shards = {name: s["environment"] for name, s in services().items() if "DISCORD_SHARD_IDS" in s.get(
        "environment", {})}
    configs = [load_config({"DISCORD_TOKEN": "t.o.k", **env}) for env in shards.values()]
    owned = [shard for config in configs for shard in config.shard_ids or ()]
    assert len(shards) == 2 and sorted(owned) == list(range(configs[0].shard_count or 0))

