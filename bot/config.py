"""Settings, read once at start-up from the environment (and an optional `.env`)."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_path
from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

# The folder of bundled course packs: every one is served when nothing else is configured.
BUNDLED_CONTENT = Path(__file__).resolve().parent.parent / "content"


def default_database_url() -> str:
    return f"sqlite:///{user_data_path('studybot', appauthor=False) / 'studybot.sqlite3'}"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    database_url: str = Field(default_factory=default_database_url, alias="DATABASE_URL")
    # One content pack, or a folder whose sub-folders are packs.
    content: Path = Field(default=BUNDLED_CONTENT, alias="STUDYBOT_CONTENT")
    # The course a learner follows in a DM before they join a group or pick one; empty
    # means they are asked to pick when several courses are installed.
    default_course: str = Field(default="", alias="STUDYBOT_DEFAULT_COURSE")
    log_level: str = Field(default="WARNING", alias="STUDYBOT_LOG_LEVEL")
    # Scheduled posts missed while the bot was down are sent if at most this late.
    catch_up_grace_hours: float = Field(default=6.0, ge=0, alias="STUDYBOT_CATCH_UP_GRACE_HOURS")
    # Logs (unanswered questions, post records, the audit log...) are deleted after this.
    log_retention_days: int = Field(default=180, ge=1, alias="STUDYBOT_LOG_RETENTION_DAYS")
    # Flood control: commands a minute per person and per channel, and a facilitator's own
    # prompts per channel in any 24 hours.
    user_commands_per_minute: int = Field(default=60, ge=1, alias="STUDYBOT_USER_COMMANDS_PER_MINUTE")
    channel_commands_per_minute: int = Field(default=120, ge=1,
                                             alias="STUDYBOT_CHANNEL_COMMANDS_PER_MINUTE")
    prompts_per_channel_per_day: int = Field(default=10, ge=1, alias="STUDYBOT_PROMPTS_PER_DAY")
    # Where the server that answers /healthz is reached from outside (https://bot.example.org):
    # `calendar` hands out feed URLs under it. Unset, `calendar` writes an .ics file instead.
    public_url: str = Field(default="", alias="STUDYBOT_PUBLIC_URL")
    calendar_dir: Path = Field(default_factory=lambda: user_data_path("studybot", appauthor=False)
                               / "calendars", alias="STUDYBOT_CALENDAR_DIR")
