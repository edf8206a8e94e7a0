"""The environment `studybot` runs with, and `studybot config check`.

Settings come from environment variables and, for anything not set there, a `.env`
file in the working folder (see .env.example). The core's Settings read `.env`
themselves (pydantic-settings); the platform adapters read the merged mapping that
adapters.environment builds, so a token in `.env` works as well as an exported one.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from bot.config import Settings
from bot.course.catalog import load_catalog
from bot.store import migrate
from bot.store.db import ASYNC_DRIVERS, Database


@dataclass
class ConfigReport:
    lines: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def ok(self, line: str) -> None:
        self.lines.append(f"ok       {line}")

    def problem(self, line: str) -> None:
        self.problems.append(line)
        self.lines.append(f"problem  {line}")


def check_configuration(settings: Settings, env: Mapping[str, str], *, connect: bool) -> ConfigReport:
    """Validate everything `serve` would read, without starting anything (no secret is printed)."""
    report = ConfigReport()
    if isinstance(logging.getLevelName(settings.log_level.upper()), int):
        report.ok(f"STUDYBOT_LOG_LEVEL {settings.log_level.upper()}")
    else:
        report.problem(f"STUDYBOT_LOG_LEVEL {settings.log_level!r}: use DEBUG, INFO, WARNING or ERROR")
    _check_database(settings, report, connect)
    _check_content(settings, report)
    _check_platforms(env, report)
    return report


def _check_database(settings: Settings, report: ConfigReport, connect: bool) -> None:
    try:
        url = make_url(settings.database_url)
    except ArgumentError:
        report.problem("DATABASE_URL is not a database URL, e.g. postgresql://user:pass@host/studybot")
        return
    if url.drivername not in ASYNC_DRIVERS and url.drivername not in ASYNC_DRIVERS.values():
        report.problem(f"DATABASE_URL: {url.drivername} is not supported; use sqlite:/// or postgresql://")
        return
    shown = url.render_as_string(hide_password=True)
    if not connect:
        report.ok(f"DATABASE_URL {shown} (not contacted; add --connect to try it)")
        return
    try:
        pending = asyncio.run(_pending_migrations(settings.database_url))
    except Exception as error:
        report.problem(f"DATABASE_URL {shown}: cannot connect ({type(error).__name__})")
        return
    schema = "schema up to date" if not pending else "migrations to apply: `studybot db upgrade`"
    report.ok(f"DATABASE_URL {shown}: connected, {schema}")


async def _pending_migrations(url: str) -> bool:
    db = Database(url)
    try:
        return await migrate.current_revisions(db) != migrate.head_revisions()
    finally:
        await db.close()


def _check_content(settings: Settings, report: ConfigReport) -> None:
    loaded = load_catalog(settings.content)
    for folder, problems in loaded.broken.items():
        report.problem(f"STUDYBOT_CONTENT {folder}: {len(problems)} problem(s); "
                       f"run `studybot content check {folder}`")
    catalog = loaded.catalog
    if catalog.courses:
        titles = ", ".join(f"{c.title} ({c.id})" for c in catalog)
        report.ok(f"STUDYBOT_CONTENT {settings.content}: {titles}")
    if settings.default_course and catalog.get(settings.default_course) is None:
        report.problem(f"STUDYBOT_DEFAULT_COURSE {settings.default_course}: no such course here "
                       f"(installed: {', '.join(catalog.ids) or 'none'})")


def _check_platforms(env: Mapping[str, str], report: ConfigReport) -> None:
    from adapters.serve import configured_platforms

    platforms = configured_platforms(dict(env))
    if not platforms:
        report.problem("no platform configured: set SLACK_BOT_TOKEN (Slack) or DISCORD_TOKEN (Discord)")
    for platform in platforms:
        error = _platform_problem(platform, env)
        if error is None:
            report.ok(f"{platform}: settings are complete (tokens are checked with the platform at start-up)")
        else:
            report.problem(f"{platform}: {error}")


def _platform_problem(platform: str, env: Mapping[str, str]) -> str | None:
    try:
        if platform == "slack":
            from adapters.slack.config import SlackConfigError, slack_config
            try:
                slack_config(env)
            except SlackConfigError as error:
                return str(error)
        else:
            from adapters.discord.config import DiscordConfigError, load_config
            try:
                load_config(env)
            except DiscordConfigError as error:
                return str(error)
    except ImportError:
        return f"support is not installed: pip install 'studybot[{platform}]'"
    return None
