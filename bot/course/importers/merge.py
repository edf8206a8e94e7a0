"""The one writer: merge a `CourseDraft` into a pack, all files or none.

Every file's new text is worked out first (nothing touches the disk for a dry run);
then the files are written atomically, the whole pack is loaded again, and if it no
longer loads every file goes back as it was and the loader's problems are raised.
"""

from __future__ import annotations

import contextlib
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bot.course.importers.draft import CourseDraft
from bot.course.importers.record import (
    RECORD_FILE,
    Outcome,
    merge_items,
    read_record,
    render_record,
)
from bot.course.importers.week_merge import merge_week
from bot.course.importers.week_plan import PLAN_FILE
from bot.course.loader import PACK_FILES, WEEK_FILE, PackError, Problem, load_pack
from bot.course.pack_writer import ImportProblem, atomic_write, read_front_matter
from bot.course.yaml_lines import LOADER
from bot.course.yaml_rewrite import dump, rewrite_mapping

QUIZ_FILE = "quiz.yaml"


@dataclass(frozen=True)
class ImportOptions:
    replace: bool = False  # the source wins over hand-written values too
    add_weeks: bool = False  # weeks past the course's last week may be added
    dry_run: bool = False


NO_OPTIONS = ImportOptions()


@dataclass
class Plan:
    """What an import writes: each file's new bytes, and what changed in words."""

    pack: Path
    files: dict[Path, bytes] = field(default_factory=dict)
    created: list[Path] = field(default_factory=list)
    changed: list[Path] = field(default_factory=list)
    outcome: Outcome = field(default_factory=Outcome)


def plan_import(pack: Path, draft: CourseDraft, options: ImportOptions) -> Plan:
    pack = Path(pack)
    new_pack = not (pack / "course.yaml").exists()
    if new_pack and pack.exists() and any(pack.iterdir()):
        raise ImportProblem.at(pack, 0, "not a content pack (no course.yaml) and not empty; "
                               "give a new folder or an existing pack")
    _check_weeks(pack, draft, options, new_pack)
    record = read_record(pack)
    plan = Plan(pack)
    if new_pack:
        _stage(plan, pack / "course.yaml", dump(_course_info(pack, draft)))
    weeks_record = dict(record.get("weeks") or {})
    for week in draft.weeks:
        file = pack / "weeks" / f"week-{week.number}.md"
        if file.exists():
            read_front_matter(file)  # refuses a week file whose YAML is broken
        text = file.read_text(encoding="utf-8-sig") if file.exists() else None
        recorded = weeks_record.get(str(week.number)) or {}
        new_text, owned = merge_week(text, week, recorded, options.replace, plan.outcome)
        weeks_record[str(week.number)] = {**recorded, **owned}
        _stage(plan, file, new_text)
    quiz_record = _plan_quiz(plan, draft, dict(record.get("quiz") or {}), options.replace)
    if draft.plan_text:
        _stage(plan, pack / PLAN_FILE, draft.plan_text)
    if plan.created or plan.changed:
        new_record = {"source": draft.source, "weeks": weeks_record, "quiz": quiz_record}
        plan.files[pack / RECORD_FILE] = render_record(new_record).encode("utf-8")
    return plan


def rehearse(plan: Plan) -> None:
    """Load the pack as the plan would leave it, in a scratch copy: the real run's own check.

    A dry run and a real run both pass through here, so a dry run that says it would
    succeed is one the real run also accepts. Problems name the pack's files.
    """
    with tempfile.TemporaryDirectory(prefix="studybot-plan-") as scratch:
        copy = Path(scratch) / "pack"
        copy.mkdir()
        for pattern in (*PACK_FILES, QUIZ_FILE):
            for file in plan.pack.glob(pattern) if plan.pack.is_dir() else ():
                target = copy / file.relative_to(plan.pack)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(file, target)
        for file, data in plan.files.items():
            target = copy / file.relative_to(plan.pack)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        (copy / "weeks").mkdir(exist_ok=True)
        try:
            load_pack(copy)
        except PackError as error:
            raise ImportProblem([Problem(_moved(p.file, copy, plan.pack), p.line, p.reason)
                                 for p in error.problems]) from error


def _moved(file: Path, old: Path, new: Path) -> Path:
    try:
        return new / file.relative_to(old)
    except ValueError:
        return file


def apply(plan: Plan) -> None:
    """Write the plan's files; restore them all if any write fails or the pack stops loading."""
    previous = {file: file.read_bytes() if file.exists() else None for file in plan.files}
    folders = [f for f in (plan.pack, plan.pack / "weeks") if not f.exists()]
    try:
        for folder in folders:
            folder.mkdir(parents=True, exist_ok=True)
        for file, data in plan.files.items():
            file.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(file, data)
        load_pack(plan.pack)
    except BaseException as error:
        _restore(previous, folders)
        if isinstance(error, PackError):
            raise ImportProblem(error.problems) from error
        if isinstance(error, OSError):
            raise ImportProblem.at(plan.pack, 0, f"cannot write the pack: {error}") from error
        raise


def _check_weeks(pack: Path, draft: CourseDraft, options: ImportOptions, new_pack: bool) -> None:
    folder = pack / "weeks"
    have = {int(m.group(1)) for f in folder.iterdir() if (m := WEEK_FILE.match(f.name))} \
        if folder.is_dir() else set()
    last = max(have, default=0)
    numbers = sorted({week.number for week in draft.weeks})
    beyond = [n for n in numbers if n > last]
    if beyond and not new_pack and not options.add_weeks:
        raise ImportProblem.at(folder, 0, f"week {beyond[0]} is past the course's last week "
                               f"({last}); add --add-weeks to add weeks to the course")
    missing = sorted(set(range(1, max(numbers, default=0) + 1)) - have - set(numbers))
    if missing:
        listed = ", ".join(str(n) for n in missing)
        raise ImportProblem.at(folder, 0, f"the course would have no week {listed}; import "
                               "the weeks in order, with no gaps")


def _course_info(pack: Path, draft: CourseDraft) -> dict[str, Any]:
    name = pack.resolve().name
    course_id = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "course"
    words = name.replace("-", " ").replace("_", " ").strip()
    title = draft.title or (words[:1].upper() + words[1:] if words else "Course")
    info: dict[str, Any] = {"id": course_id, "title": title}
    if draft.description:
        info["description"] = draft.description
    return info


def _plan_quiz(plan: Plan, draft: CourseDraft, recorded: dict[str, str], replace: bool) -> dict[str, str]:
    if not draft.quiz:
        return recorded
    file = plan.pack / QUIZ_FILE
    text = file.read_text(encoding="utf-8-sig") if file.exists() else ""
    try:
        data = yaml.load(text, Loader=LOADER) if text.strip() else {}
    except yaml.YAMLError as error:
        raise ImportProblem.at(file, 0, "the existing quiz.yaml is not valid YAML") from error
    current = data.get("items") if isinstance(data, dict) else None
    merged, owned = merge_items("quiz item", current or [], list(draft.quiz),
                                lambda item: item.get("id") if isinstance(item, dict) else None,
                                recorded, replace, plan.outcome)
    wanted = {**(data if isinstance(data, dict) else {}), "items": merged}
    _stage(plan, file, rewrite_mapping(text, wanted, ("items",)) if text else dump(wanted))
    return {**recorded, **owned}


def _stage(plan: Plan, file: Path, text: str) -> None:
    data = text.encode("utf-8")
    if not file.exists():
        plan.created.append(file)
    elif file.read_bytes() != data:
        plan.changed.append(file)
    else:
        return
    plan.files[file] = data


def _restore(previous: dict[Path, bytes | None], folders: list[Path]) -> None:
    for file, data in previous.items():
        if data is None:
            file.unlink(missing_ok=True)
        else:
            atomic_write(file, data)
    for folder in reversed(folders):
        with contextlib.suppress(OSError):
            folder.rmdir()
