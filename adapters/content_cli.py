"""`studybot content ...`: check, list and import course content packs."""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path
from typing import Any

from bot.config import Settings
from bot.course.catalog import load_catalog, pack_folders
from bot.store import migrate
from bot.store.db import Database
from bot.store.groups import GroupRepository


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
    openlearn = actions.add_parser(
        "import-openlearn", help="import a saved OpenLearn week page into a pack",
        description="Turn a saved OpenLearn week page (text or HTML) into that week's file.")
    openlearn.add_argument("page", type=Path, help="the saved page (.txt or .html)")
    openlearn.add_argument("--pack", type=Path, required=True, help="the pack folder to update")
    openlearn.set_defaults(run=_import_openlearn)
    captions = actions.add_parser(
        "import-captions", help="import WebVTT (.vtt) or SubRip (.srt) captions as videos of a week",
        description="Add caption files to a week of a pack as videos whose transcript keeps each "
        "cue's times. Importing a file again under the same title replaces that video. A bad "
        "file is refused as file:line: reason and nothing is imported.")
    captions.add_argument("files", type=Path, nargs="+", metavar="FILE", help=".vtt or .srt files")
    captions.add_argument("--pack", type=Path, required=True, help="the pack folder to update")
    captions.add_argument("--week", type=int, required=True, help="the week the videos belong to")
    captions.add_argument("--title", help="the video's title (default: from the file name; with "
                          "several files, numbered)")
    captions.add_argument("--speaker", help="who speaks when the captions do not say")
    captions.set_defaults(run=_import_captions)


def _check(args: argparse.Namespace, settings: Settings) -> int:
    loaded = load_catalog(args.pack or settings.content)
    for course in loaded.catalog:
        weeks, videos = course.week_count, sum(len(w.videos) for w in course.weeks)
        print(f"{loaded.catalog.folder(course.id)}: OK: {course.title} (`{course.id}`), {weeks} weeks, "
              f"{len(course.canvas)} canvas blocks, {videos} videos.")
    for problems in loaded.broken.values():
        for problem in problems:
            print(problem, file=sys.stderr)
    found = sum(len(problems) for problems in loaded.broken.values())
    if found:
        print(f"{found} problem(s) found in {len(loaded.broken)} pack(s).", file=sys.stderr)
        return 1
    return 0


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


def _import_openlearn(args: argparse.Namespace, settings: Settings) -> int:
    from bot.course.openlearn import ImportProblem, import_openlearn_page

    try:
        written = import_openlearn_page(args.page, args.pack)
    except ImportProblem as error:
        print(f"studybot: {error}", file=sys.stderr)
        print("The pack was not changed.", file=sys.stderr)
        return 1
    print(f"Imported {args.page} into {written}.")
    return 0


def _import_captions(args: argparse.Namespace, settings: Settings) -> int:
    from bot.course.caption_import import created_files, import_captions
    from bot.course.pack_writer import ImportProblem
    from bot.search.batch import Searcher

    scaffold = created_files(args.pack, args.week)
    try:
        written, videos = import_captions(args.files, args.pack, args.week, title=args.title,
                                          speaker=args.speaker)
    except ImportProblem as error:
        print(error, file=sys.stderr)
        print("Nothing was imported; the pack was not changed.", file=sys.stderr)
        return 1
    for video in videos:
        verb = "Replaced" if video.replaced else "Added"
        print(f"{verb} \"{video.title}\": {video.cues} cues in {video.turns} turns, "
              f"{int(video.seconds) // 60}:{int(video.seconds) % 60:02d} long.")
    for file in scaffold:
        print(f"Created {file} so the pack stays complete; edit it to describe the course or week.")
    print(f"Wrote {written}.")
    searcher = Searcher(args.pack)  # builds the search index now, so the first search is quick
    if searcher.encoder is not None:
        print(f"Search index ready ({searcher.encoded} new passages encoded).")
    return 0
