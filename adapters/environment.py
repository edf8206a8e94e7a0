"""The process environment the adapters read: exported variables over a `.env` file."""

from __future__ import annotations

import os
from pathlib import Path

from dotenv import dotenv_values

ENV_FILE = Path(".env")


def environment(env_file: Path = ENV_FILE) -> dict[str, str]:
    """os.environ over `.env`: an exported variable wins over the file."""
    from_file = dotenv_values(env_file) if env_file.is_file() else {}
    return {**{k: v for k, v in from_file.items() if v is not None}, **os.environ}
