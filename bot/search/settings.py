"""Lookup's own settings, read once at start-up like bot.config.Settings."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from platformdirs import user_cache_path
from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class LookupSettings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    # "auto" uses semantic retrieval when the `semantic` extra and model are installed.
    semantic: Literal["off", "on", "auto"] = Field(default="off", alias="STUDYBOT_SEMANTIC")
    cache_dir: Path | None = Field(default=None, alias="STUDYBOT_CACHE_DIR")

    @property
    def use_semantic(self) -> bool:
        if self.semantic != "auto":
            return self.semantic == "on"
        from bot.search import semantic  # numpy; only when asked to look

        return semantic.available()

    @property
    def cache(self) -> Path:
        return self.cache_dir or user_cache_path("studybot", appauthor=False)
