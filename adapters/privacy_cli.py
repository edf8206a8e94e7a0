"""`studybot privacy ...`: a learner's whole export written to files, and the log retention
job run by hand. (In chat, `privacy export` shows a shortened copy.)"""

from __future__ import annotations

import argparse
import asyncio
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import adapters.discord.tables  # a Discord learner's rows include Discord's table
import adapters.slack.tables  # noqa: F401  (a Slack learner's rows include the Slack tables)
from bot.config import Settings
from bot.messages import Platform, TenantRef, UserRef
from bot.ops.retention import RetentionJob
from bot.safeguards.privacy import PrivacyService
from bot.store import migrate
from bot.store.db import Database
from bot.store.erasure import PersonalRows


def add_privacy_commands(commands: Any) -> None:
    privacy = commands.add_parser("privacy", help="learners' data: export it, expire old logs")
    actions = privacy.add_subparsers(dest="privacy_command", metavar="ACTION", required=True)
    export = actions.add_parser(
        "export", help="write everything kept about a learner to JSON and Markdown files",
        description="Write everything studybot keeps about one learner to <out>/studybot-export-"
        "<user>.json and .md (tokens are never included).")
    export.add_argument("--user", required=True, help="the learner's user id")
    export.add_argument("--platform", default=Platform.CONSOLE.value,
                        choices=[p.value for p in Platform], help="default: console")
    export.add_argument("--tenant", default="local",
                        help="Slack workspace or Discord server id (default: local, the console's)")
    export.add_argument("--out", type=Path, default=Path("."), help="folder to write to (default: here)")
    export.set_defaults(run=_export)
    expire = actions.add_parser("expire-logs", help="delete logs older than the retention period now",
                                description="What the daily retention job does, once, now.")
    expire.set_defaults(run=_expire_logs)


def _export(args: argparse.Namespace, settings: Settings) -> int:
    user = UserRef(TenantRef(Platform(args.platform), args.tenant), args.user)

    async def run() -> tuple[str, str, int]:
        db = Database(settings.database_url)
        try:
            await migrate.upgrade(db)
            service = PrivacyService(PersonalRows(db), retention_days=settings.log_retention_days)
            export = await service.export(user, datetime.now(UTC))
            return export.json_text, export.markdown, export.rows
        finally:
            await db.close()

    json_text, markdown, rows = asyncio.run(run())
    args.out.mkdir(parents=True, exist_ok=True)
    stem = args.out / f"studybot-export-{_safe(args.user)}"
    stem.with_suffix(".json").write_text(json_text, encoding="utf-8")
    stem.with_suffix(".md").write_text(markdown, encoding="utf-8")
    print(f"{rows} records written to {stem}.json and {stem}.md")
    return 0


def _expire_logs(args: argparse.Namespace, settings: Settings) -> int:
    async def run() -> dict[str, int]:
        db = Database(settings.database_url)
        try:
            await migrate.upgrade(db)
            job = RetentionJob(PersonalRows(db), settings.log_retention_days, clock=lambda: datetime.now(UTC))
            return await job.run()
        finally:
            await db.close()

    expired = asyncio.run(run())
    total = sum(expired.values())
    detail = ", ".join(f"{table}: {count}" for table, count in sorted(expired.items()))
    print(f"Deleted {total} log rows older than {settings.log_retention_days} days"
          + (f" ({detail})." if detail else "."))
    return 0


def _safe(name: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "_" for c in name)[:64] or "user"
