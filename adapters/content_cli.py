"""`studybot content ...`: check, list and import course content packs."""

from __future__ import annotations

import argparse
import asyncio
import re
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.config import Settings
from bot.course.catalog import load_catalog, pack_folders
from bot.course.loader import Problem
from bot.course.models import Course
from bot.store import migrate
from bot.store.db import Database
from bot.store.groups import GroupRepository

if TYPE_CHECKING:
    from bot.course.importers.draft import CourseDraft


def add_content_commands(commands: Any) -> None:
    content = commands.add_parser("content", help="check, list and import course content packs")
    actions = content.add_subparsers(dest="content_command", metavar="ACTION", required=True)
    check = actions.add_parser(
        "check", help="validate a content pack, or a folder of packs",
        description="Validate a content pack, or every pack in a folder of packs; prints every "
        "problem as file:line: reason.")
    check.add_argument("pack", type=Path, nargs="?",
                       help="a pack folder or a folder of packs (default: STUDYBOT_CONTENT)")
    check.set_defaults(run=_check)
    listing = actions.add_parser(
        "list", help="the installed courses, and how many groups use each",
        description="Print each installed course's id, title, weeks and videos, and how many "
        "study groups in the database follow it.")
    listing.set_defaults(run=_list)
    importing = actions.add_parser(
        "import", help="bring a whole course in: Open edX (OLX), Common Cartridge, Moodle, OpenLearn "
        "or a folder of captions",
        description="Import a course export into a pack, creating the pack if it does not exist. "
        "What the source provides replaces its own earlier import; what was written by hand is "
        "kept unless --replace. Archives are checked before anything is read; any problem means "
        "nothing is written.")
    importing.add_argument("sources", type=Path, nargs="+", metavar="SOURCE",
                           help="an OLX folder or .tar.gz, a .imscc/.zip, a Moodle .mbz, saved "
                           "OpenLearn pages, or caption files (.vtt, .srt) or a folder of them")
    importing.add_argument("--format", choices=("olx", "cc", "moodle", "openlearn", "captions"),
                           help="the source's format (default: detected)")
    importing.add_argument("--plan", type=Path, metavar="FILE",
                           help="which module becomes which week: written to FILE when it does not "
                           "exist (edit it: merge, drop, rename, re-number), followed when it does, "
                           "and kept in the pack for later imports")
    importing.add_argument("--per-week", type=int, metavar="N",
                           help="captions: N files make a week, in name order (default: the "
                           "files' own week numbering, or one week per file)")
    _merge_options(importing, pack_help="the pack folder, or a new pack's id (made in the content folder)")
    importing.set_defaults(run=_import)
    openlearn = actions.add_parser(
        "import-openlearn", help="import saved OpenLearn week pages into a pack",
        description="Same as `content import PAGE... --format openlearn`.")
    openlearn.add_argument("sources", type=Path, nargs="+", metavar="PAGE",
                           help="saved pages (.txt or .html)")
    _merge_options(openlearn)
    openlearn.set_defaults(run=_import, format="openlearn")
    captions = actions.add_parser(
        "import-captions", help="import WebVTT (.vtt) or SubRip (.srt) captions as videos of a week",
        description="Add caption files to a week of a pack as videos whose transcript keeps each "
        "cue's times. Importing a file again under the same title replaces that video. A bad "
        "file is refused as file:line: reason and nothing is imported.")
    captions.add_argument("files", type=Path, nargs="+", metavar="FILE", help=".vtt or .srt files")
    captions.add_argument("--week", type=int, required=True, help="the week the videos belong to")
    captions.add_argument("--title", help="the video's title (default: from the file name; with "
                          "several files, numbered)")
    captions.add_argument("--speaker", help="who speaks when the captions do not say")
    _merge_options(captions)
    captions.set_defaults(run=_import_captions)


def _merge_options(parser: argparse.ArgumentParser, pack_help: str = "the pack folder to update") -> None:
    parser.add_argument("--pack", required=True, help=pack_help)
    parser.add_argument("--dry-run", action="store_true", help="say what would change; write nothing")
    parser.add_argument("--replace", action="store_true",
                        help="let the source replace what was written by hand too")
    parser.add_argument("--add-weeks", action="store_true",
                        help="allow weeks past the course's last week")


def _check(args: argparse.Namespace, settings: Settings) -> int:
    loaded = load_catalog(args.pack or settings.content)
    for course in loaded.catalog:
        weeks, videos = course.week_count, sum(len(w.videos) for w in course.weeks)
        print(f"{loaded.catalog.folder(course.id)}: OK: {course.title} (`{course.id}`), {weeks} weeks, "
              f"{len(course.canvas)} canvas blocks, {videos} videos.")
    broken = {folder: list(problems) for folder, problems in loaded.broken.items()}
    for course in loaded.catalog:
        folder = loaded.catalog.folder(course.id)
        if folder is not None and (gaps := _empty_weeks(folder, course)):
            broken[folder] = gaps
    for problems in broken.values():
        for problem in problems:
            print(problem, file=sys.stderr)
    found = sum(len(problems) for problems in broken.values())
    if found:
        print(f"{found} problem(s) found in {len(broken)} pack(s).", file=sys.stderr)
        return 1
    return 0


def _empty_weeks(folder: Path, course: Course) -> list[Problem]:
    """Weeks that are only a stand-in (what earlier imports made to fill a gap) are gaps too."""
    return [Problem(folder / "weeks" / f"week-{week.number}.md", 1,
                    f"week {week.number} is an empty stand-in with no text or videos; "
                    "fill it in or remove the weeks after the course's real last week")
            for week in course.weeks
            if week.summary == f"Nothing has been added to week {week.number} yet."
            and not (week.body or week.videos or week.activities or week.prompts)]


def _list(args: argparse.Namespace, settings: Settings) -> int:
    loaded = load_catalog(settings.content)
    groups = asyncio.run(_groups_by_course(settings))
    print(f"{'ID':<20} {'WEEKS':>5} {'VIDEOS':>6} {'GROUPS':>6}  TITLE")
    for course in loaded.catalog:
        videos = sum(len(w.videos) for w in course.weeks)
        print(f"{course.id:<20} {course.week_count:>5} {videos:>6} {groups.get(course.id, 0):>6}  "
              f"{course.title}")
    for course_id in sorted(set(groups) - set(loaded.catalog.ids)):
        print(f"{course_id:<20} {'-':>5} {'-':>6} {groups[course_id]:>6}  (not installed here)")
    for folder, problems in loaded.broken.items():
        print(f"{folder}: left out, {len(problems)} problem(s); run `studybot content check {folder}`",
              file=sys.stderr)
    return 0


async def _groups_by_course(settings: Settings) -> dict[str, int]:
    db = Database(settings.database_url)
    try:
        await migrate.upgrade(db)
        return await GroupRepository(db).course_ids()
    finally:
        await db.close()


def pick_pack(content: Path, course_id: str | None) -> Path | None:
    """The pack to search: the one whose folder or course id is `course_id`, or the only one."""
    loaded = load_catalog(content)
    if course_id:
        folder = loaded.catalog.folder(course_id)
        if folder is None:
            ids = ", ".join(loaded.catalog.ids) or "none"
            print(f"studybot: no course `{course_id}` in {content} (installed: {ids})", file=sys.stderr)
        return folder
    packs = pack_folders(content)
    if len(packs) == 1:
        return packs[0]
    ids = ", ".join(loaded.catalog.ids)
    print(f"studybot: {content} holds several courses ({ids}); pick one with --course ID",
          file=sys.stderr)
    return None


def _import(args: argparse.Namespace, settings: Settings) -> int:
    from bot.course.importers.sources import read_source
    from bot.course.importers.week_plan import PLAN_FILE, follow, read_plan, render_plan

    per_week = getattr(args, "per_week", None)
    plan_file: Path | None = getattr(args, "plan", None)
    if plan_file is not None and not plan_file.exists():
        return _write_plan(args, plan_file, render_plan)

    def read() -> CourseDraft:
        draft = read_source(args.sources, args.format, per_week=per_week)
        kept = _pack_folder(args.pack, settings) / PLAN_FILE
        chosen = plan_file or (kept if kept.is_file() else None)
        if chosen is None:
            return draft
        followed = follow(draft, read_plan(chosen), chosen.read_text(encoding="utf-8-sig"))
        return replace(followed, notes=(f"Weeks follow the plan in {chosen}.", *followed.notes))

    return _run_import(args, settings, read)


def _write_plan(args: argparse.Namespace, file: Path, render: Callable[[CourseDraft], str]) -> int:
    from bot.course.importers.sources import read_source
    from bot.course.pack_writer import ImportProblem

    try:
        draft = read_source(args.sources, args.format, per_week=getattr(args, "per_week", None))
    except ImportProblem as error:
        print(error, file=sys.stderr)
        return 1
    file.write_text(render(draft), encoding="utf-8")
    print(f"Wrote the week plan to {file} ({len(draft.weeks)} modules). Edit it (merge, drop, "
          "rename, re-number), then run the same command again to import by it.")
    return 0


def _import_captions(args: argparse.Namespace, settings: Settings) -> int:
    from bot.course.importers.caption_folder import captions_draft

    def read() -> CourseDraft:
        return captions_draft(args.files, _pack_folder(args.pack, settings), args.week,
                              title=args.title, speaker=args.speaker)

    return _run_import(args, settings, read)


def _run_import(args: argparse.Namespace, settings: Settings, read: Callable[[], CourseDraft]) -> int:
    from bot.course.importers.merge import ImportOptions
    from bot.course.importers.run import import_draft, summary
    from bot.course.pack_writer import ImportProblem

    pack = _pack_folder(args.pack, settings)
    options = ImportOptions(replace=args.replace, add_weeks=args.add_weeks, dry_run=args.dry_run)
    try:
        draft = read()
        _check_new_id(pack, settings)
        plan = import_draft(pack, draft, options)
    except ImportProblem as error:
        print(error, file=sys.stderr)
        print("Nothing was imported; the pack was not changed.", file=sys.stderr)
        return 1
    for line in summary(plan, draft, options):
        print(line)
    if not options.dry_run and (plan.created or plan.changed):
        from bot.search.batch import Searcher

        searcher = Searcher(pack)  # builds the search index now, so the first search is quick
        if searcher.encoder is not None:
            print(f"Search index ready ({searcher.encoded} new passages encoded).")
    return 0


def _pack_folder(pack: str, settings: Settings) -> Path:
    """A path as given, or a bare id: that pack in the content folder (made there if new)."""
    given = Path(pack)
    if given.exists() or len(given.parts) > 1 or pack.startswith("."):
        return given
    content = Path(settings.content)
    folder_of_packs = content.parent if (content / "course.yaml").exists() else content
    return folder_of_packs / pack


def _check_new_id(pack: Path, settings: Settings) -> None:
    """A new pack's id must not be one another installed pack already uses."""
    from bot.course.pack_writer import ImportProblem

    if (pack / "course.yaml").exists() or not pack.parent.is_dir():
        return
    taken = set(load_catalog(pack.parent).catalog.ids)
    new_id = re.sub(r"[^a-z0-9]+", "-", pack.resolve().name.lower()).strip("-")
    if new_id in taken:
        raise ImportProblem.at(pack, 0, f"a course with the id `{new_id}` is already installed; "
                               "pick another pack name")
