"""Settings, read once at start-up from the environment (and an optional `.env`)."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_path
from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

BUNDLED_CONTENT = Path(__file__).resolve().parent.parent / "content" / "smart-cities"


def default_database_url() -> str:
    return f"sqlite:///{user_data_path('studybot', appauthor=False) / 'studybot.sqlite3'}"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    database_url: str = Field(default_factory=default_database_url, alias="DATABASE_URL")
    content_pack: Path = Field(default=BUNDLED_CONTENT, alias="STUDYBOT_CONTENT")
    log_level: str = Field(default="WARNING", alias="STUDYBOT_LOG_LEVEL")
    # Scheduled posts missed while the bot was down are sent if at most this late.
    catch_up_grace_hours: float = Field(default=6.0, ge=0, alias="STUDYBOT_CATCH_UP_GRACE_HOURS")
