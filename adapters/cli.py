"""The `studybot` command.

It lives beside the adapters, not in the core, because it is the outermost layer:
it picks which adapters to start, and the core must never import one.
"""

from __future__ import annotations

import argparse
import asyncio
import getpass
import json
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from platformdirs import user_data_path
from pydantic import ValidationError

from adapters.console.chat import ConsoleIdentity, run_interactive, run_script, stdin_is_terminal
from adapters.console.pictures import PictureFolder
from adapters.console.poster import ConsolePoster
from adapters.console.streams import tolerant_input, tolerate_unshowable
from adapters.content_cli import add_content_commands, pick_pack
from adapters.discord.invite_cli import add_discord_commands
from adapters.privacy_cli import add_privacy_commands
from adapters.slack.manifest import add_slack_commands
from adapters.startup import pack_problem, settings_problem
from bot.app import NoCourses, open_companion
from bot.config import Settings
from bot.course.loader import PackError
from bot.messages import Platform
from bot.ops.logs import configure_logging
from bot.store.startup import DatabaseProblem, open_database

CHAT_EXAMPLES = """examples:
  as a learner, in a direct message (your own canvas, your own pace):
    studybot chat
  as a facilitator, in a group's channel (set the group up, reminders, prompts):
    studybot chat --admin --channel study-group
    then type: group setup start:2026-12-07 tz:Europe/London name:"Tuesday group"
    (with several courses installed, I ask which one the group follows, or add course:ID;
    STUDYBOT_DEFAULT_COURSE names the one to use when none is given)
  as a learner in that group's channel (the group's week and shared canvas):
    studybot chat --user sam --name Sam --channel study-group
  scripted, one message a line:
    printf 'week\\nweek next\\n' | studybot chat
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="studybot", description="A study companion for course study groups.")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    chat = commands.add_parser("chat", help="talk to the companion in this terminal",
                               description="Talk to the companion in this terminal. When stdin "
                               "is not a terminal, each input line is one message.",
                               epilog=CHAT_EXAMPLES,
                               formatter_class=argparse.RawDescriptionHelpFormatter)
    chat.add_argument("--user", default="me", help="your user id (default: me)")
    chat.add_argument("--name", default="", help="your display name (default: your login name)")
    chat.add_argument("--channel", default="dm",
                      help="a group channel to speak in (default: dm, a direct message)")
    chat.add_argument("--admin", action="store_true",
                      help="act as a workspace admin, who is a facilitator")
    chat.set_defaults(run=_chat)

    serve = commands.add_parser("serve", help="run on Slack and/or Discord",
                                description="Start every platform adapter the environment "
                                "configures (SLACK_BOT_TOKEN, DISCORD_TOKEN), plus the scheduler.")
    serve.add_argument("--port", type=int, default=3000,
                       help="HTTP port for Slack events and health checks (default: 3000)")
    serve.set_defaults(run=_serve)

    add_content_commands(commands)

    search = commands.add_parser(
        "search", help="search the course's transcripts and pages",
        description="Search a pack as the chat's `search` does. With no QUERY, read one query per "
        "line from stdin and print one JSON array of hits per line.")
    search.add_argument("query", nargs="?", metavar="QUERY", help="the question (filters such as "
                        "week:5 or speaker:NAME may be part of it)")
    search.add_argument("--pack", type=Path, help="the pack folder (default: the course of "
                        "--course in STUDYBOT_CONTENT, or its only course)")
    search.add_argument("--course", metavar="ID", help="which installed course to search")
    search.add_argument("--top", type=int, default=5, metavar="K", help="hits per query (default: 5)")
    search.add_argument("--week", type=int, metavar="N", help="only passages of week N")
    search.add_argument("--near-week", type=int, metavar="N", help="the asker is in week N: lift "
                        "its passages strongly, as the chat does (a prior, not a filter)")
    search.add_argument("--watching", metavar="VIDEO", help="the asker is watching the video with this "
                        "title (or part of it): lift it strongly, as `watching` does in chat")
    search.add_argument("--json", action="store_true", help="print hits as a JSON array, each with the "
                        "window ranked (start, end) and the moment quoted (moment_start, moment_end)")
    search.set_defaults(run=_search)

    db = commands.add_parser("db", help="database maintenance")
    db_commands = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    upgrade = db_commands.add_parser("upgrade", help="apply database migrations",
                                     description="Bring the database schema up to date.")
    upgrade.set_defaults(run=_db_upgrade)
    backup = db_commands.add_parser(
        "backup", help="copy the SQLite database to a file (PostgreSQL: pg_dump)",
        description="Copy the SQLite database, consistently, even while studybot runs. For "
        "PostgreSQL use pg_dump (see docs/deploy.md).")
    backup.add_argument("path", type=Path, help="a new file, or a folder for a dated file")
    backup.set_defaults(run=_db_backup)
    restore = db_commands.add_parser(
        "restore", help="replace the SQLite database with a backup",
        description="Replace the SQLite database with a backup made by `studybot db backup`. "
        "Stop studybot first. The current database is kept beside it.")
    restore.add_argument("path", type=Path, help="the backup file")
    restore.set_defaults(run=_db_restore)

    config = commands.add_parser("config", help="check the configuration")
    config_commands = config.add_subparsers(dest="config_command", metavar="ACTION", required=True)
    config_check = config_commands.add_parser(
        "check", help="validate the settings without starting",
        description="Validate the environment and .env (database, content pack, Slack, Discord) "
        "without starting anything. Secrets are never printed.")
    config_check.add_argument("--connect", action="store_true", help="also connect to the database")
    config_check.set_defaults(run=_config_check)
    add_privacy_commands(commands)
    add_discord_commands(commands)
    add_slack_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = Settings()
    except ValidationError as error:
        print(f"studybot: {settings_problem(error)}", file=sys.stderr)
        return 2
    try:
        configure_logging(settings.log_level)
    except ValueError:
        print(f"studybot: bad configuration: STUDYBOT_LOG_LEVEL {settings.log_level!r}; use DEBUG, "
              "INFO, WARNING or ERROR", file=sys.stderr)
        return 2
    try:
        code: int = args.run(args, settings)
    except KeyboardInterrupt:
        return 130
    except DatabaseProblem as error:
        print(f"studybot: {error}", file=sys.stderr)
        return 2
    except PackError as error:
        print(f"studybot: {pack_problem(error.problems, settings.content)}", file=sys.stderr)
        return 2
    except NoCourses as error:
        print(f"studybot: {pack_problem(error.problems, settings.content)}", file=sys.stderr)
        return 2
    return code


def _chat(args: argparse.Namespace, settings: Settings) -> int:
    identity = ConsoleIdentity(user_id=args.user, display_name=args.name or _login_name(),
                               channel_id=args.channel.lstrip("#"), admin=args.admin)
    asyncio.run(_chat_async(identity, settings))
    return 0


def _login_name() -> str:
    try:
        return getpass.getuser().title()
    except (KeyError, OSError):  # no passwd entry, e.g. an arbitrary container uid
        return ""


async def _chat_async(identity: ConsoleIdentity, settings: Settings) -> None:
    tolerate_unshowable(sys.stdin, sys.stdout, sys.stderr)
    async with open_companion(settings) as companion:
        # Scheduled reminders and prompts print here as they fire; stopped on the way out.
        companion.posters.register(Platform.CONSOLE, ConsolePoster(viewer=identity.user_id))
        await companion.scheduler.start()
        pictures = PictureFolder(user_data_path("studybot", appauthor=False) / "pictures")
        if stdin_is_terminal():
            history = user_data_path("studybot", appauthor=False) / "chat-history"
            greeting = f"studybot: {companion.title}."
            await run_interactive(companion.handle, identity, history, greeting, pictures.save)
        else:
            await run_script(companion.handle, identity, tolerant_input(sys.stdin), sys.stdout,
                             pictures.save)


def _serve(args: argparse.Namespace, settings: Settings) -> int:
    from adapters.environment import environment
    from adapters.serve import serve, stop_on_signals

    async def run() -> int:
        stop = asyncio.Event()
        with stop_on_signals(stop):  # SIGTERM: drain the scheduler, disconnect, exit 0
            async with open_companion(settings) as companion:
                return await serve(companion, port=args.port, env=environment(), stop=stop)

    return asyncio.run(run())


def _search(args: argparse.Namespace, settings: Settings) -> int:
    from bot.search.batch import Searcher, hit_json, json_lines, print_hits
    from bot.search.query import QueryError

    if args.top < 1:
        print("studybot search: --top must be 1 or more", file=sys.stderr)
        return 2
    pack = args.pack or pick_pack(settings.content, args.course)
    if pack is None:
        return 2
    try:
        searcher = Searcher(pack)
    except PackError as error:
        print(f"studybot: the content pack has problems:\n{error}", file=sys.stderr)
        return 1
    if args.query is None:
        for line in json_lines(searcher, sys.stdin, top=args.top, week=args.week, near_week=args.near_week,
                               watching=args.watching):
            print(line, flush=True)
        return 0
    try:
        hits = searcher.hits(args.query, top=args.top, week=args.week, near_week=args.near_week,
                             watching=args.watching)
    except QueryError as error:
        print(f"studybot search: {error}", file=sys.stderr)
        return 2
    if args.json:
        found = [hit_json(h, args.query, searcher.turns) for h in hits]
        print(json.dumps(found, ensure_ascii=False, indent=2))
    else:
        print_hits(hits, sys.stdout)
    return 0


def _db_upgrade(args: argparse.Namespace, settings: Settings) -> int:
    async def run() -> None:
        await (await open_database(settings.database_url)).close()

    asyncio.run(run())
    print("Database is up to date.")
    return 0


def _db_backup(args: argparse.Namespace, settings: Settings) -> int:
    from bot.ops.backup import BackupError, backup

    try:
        written = backup(settings.database_url, args.path, datetime.now(UTC))
    except BackupError as error:
        print(f"studybot: {error}", file=sys.stderr)
        return 1
    print(f"Backed up the database to {written} (the copy passed SQLite's integrity check).")
    return 0


def _db_restore(args: argparse.Namespace, settings: Settings) -> int:
    from bot.ops.backup import BackupError, restore

    try:
        kept = restore(settings.database_url, args.path, datetime.now(UTC))
    except BackupError as error:
        print(f"studybot: {error}", file=sys.stderr)
        return 1
    if kept is not None:
        print(f"The database before the restore is kept at {kept}.")
    print(f"Restored {args.path}. Start studybot again; it updates an older schema as it starts.")
    return 0


def _config_check(args: argparse.Namespace, settings: Settings) -> int:
    from adapters.configuration import check_configuration
    from adapters.environment import environment

    report = check_configuration(settings, environment(), connect=args.connect)
    for line in report.lines:
        print(line)
    if report.problems:
        print(f"{len(report.problems)} problem(s); `studybot serve` would not start as it is.")
        return 1
    print("Configuration OK.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
