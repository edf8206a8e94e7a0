"""Load a content pack from disk and validate all of it before anything uses it.

A pack is a folder: `course.yaml`, `weeks/week-N.md` (YAML front matter + Markdown),
`canvas.yaml`, `ideas.yaml` and `quiz.yaml`. Only regular files inside the pack are read
(a link to one inside the pack is fine): a named pipe would wait for a writer for ever,
and a link out of the pack would read a file nobody meant to publish. Every problem is
collected as `file:line: reason`; if there is any, loading raises `PackError` and
nothing is returned, so a broken pack never half-loads.
"""

from __future__ import annotations

import re
import stat
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from bot.course.models import (
    CanvasBlock,
    CanvasInfo,
    Course,
    CourseInfo,
    IdeasInfo,
    IdeasSection,
    Week,
)
from bot.course.quiz import QuizInfo, QuizItem
from bot.course.yaml_lines import YamlDocument, yaml_error_line

M = TypeVar("M", bound=BaseModel)
H = TypeVar("H", bound=BaseModel)
WEEK_FILE = re.compile(r"^week-(\d+)\.md$")
FRONT_MATTER_FENCE = "---"
# A week with an hour of transcript is well under 1 MB; these only stop a mistake (a video
# saved as text, a runaway export) from taking the memory and start-up time of a whole pack.
MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_PACK_BYTES = 50 * 1024 * 1024
PACK_FILES = ("course.yaml", "canvas.yaml", "ideas.yaml", "weeks/*.md")
NOT_FILES = {stat.S_ISFIFO: "a named pipe", stat.S_ISDIR: "a folder", stat.S_ISSOCK: "a socket",
             stat.S_ISCHR: "a device", stat.S_ISBLK: "a device"}


@dataclass(frozen=True)
class Problem:
    file: Path
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.reason}"


class PackError(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class _Collector:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, file: Path, line: int, reason: str) -> None:
        self.problems.append(Problem(file, line, reason))

    def parse_yaml(self, file: Path, text: str, first_line: int = 1) -> YamlDocument | None:
        try:
            return YamlDocument(text, first_line)
        except yaml.YAMLError as error:
            reason = getattr(error, "problem", None) or str(error).splitlines()[0]
            self.add(file, yaml_error_line(error, first_line), f"invalid YAML: {reason}")
            return None

    def validate(
        self, model: type[M], file: Path, doc: YamlDocument, data: Any, prefix: tuple[Any, ...]
    ) -> M | None:
        try:
            return model.model_validate(data)
        except ValidationError as error:
            for detail in error.errors():
                loc = prefix + tuple(detail["loc"])
                where = ".".join(str(part) for part in loc) or "(top level)"
                self.add(file, doc.line_of(loc), f"{where}: {detail['msg']}")
            return None


def load_pack(folder: Path) -> Course:
    """Read and validate the whole pack, or raise PackError listing every problem."""
    folder = Path(folder)
    collect = _Collector()
    if not folder.is_dir():
        raise PackError([Problem(folder, 0, "content pack folder not found")])
    _check_pack_size(folder, collect)
    if collect.problems:  # refused before reading any of it
        raise PackError(collect.problems)
    info = _load_info(folder / "course.yaml", collect)
    weeks = _load_weeks(folder / "weeks", collect)
    canvas, canvas_info = _load_list(folder / "canvas.yaml", "blocks", CanvasBlock, CanvasInfo, collect)
    ideas, ideas_info = _load_list(folder / "ideas.yaml", "sections", IdeasSection, IdeasInfo, collect)
    quiz, _ = _load_list(folder / "quiz.yaml", "items", QuizItem, QuizInfo, collect)
    _check_cross_references(folder, weeks, canvas, collect)
    check_quiz(folder / "quiz.yaml", None if collect.problems else weeks, quiz, collect.add)
    if collect.problems or info is None:
        raise PackError(collect.problems)
    return Course(info=info, weeks=tuple(weeks), canvas=tuple(canvas), ideas=tuple(ideas),
                  canvas_info=canvas_info, ideas_info=ideas_info, quiz=tuple(quiz))


def _check_pack_size(folder: Path, collect: _Collector) -> None:
    root = folder.resolve()
    sizes: dict[Path, int] = {}
    for pattern in (*PACK_FILES, "quiz.yaml"):
        for file in sorted(folder.glob(pattern)):
            problem = _not_a_pack_file(file, root)
            if problem:
                collect.add(file, 0, problem)
            elif pattern in PACK_FILES:
                sizes[file] = file.stat().st_size
    for file, size in sizes.items():
        if size > MAX_FILE_BYTES:
            collect.add(file, 0, f"file is {_megabytes(size)}; a pack file may be up to "
                                 f"{_megabytes(MAX_FILE_BYTES)} (split it, or trim it)")
    total = sum(sizes.values())
    if total > MAX_PACK_BYTES:
        collect.add(folder, 0, f"the pack's files come to {_megabytes(total)}; a pack may hold up to "
                               f"{_megabytes(MAX_PACK_BYTES)}")


def _not_a_pack_file(file: Path, root: Path) -> str:
    """Why `file` is not read: a link out of the pack, or not a regular file ("" if it is one)."""
    try:
        target = file.resolve() if file.is_symlink() else file
        if target != file and not (root == target or root in target.parents):
            return f"links outside the pack (to {target}); only files inside the pack are read"
        mode = target.stat().st_mode
    except (OSError, RuntimeError) as error:  # a dangling link, a loop of links
        return f"cannot read file: {error}"
    if stat.S_ISREG(mode):
        return ""
    kind = next((name for test, name in NOT_FILES.items() if test(mode)), "not a file")
    return f"is {kind}, not a regular file; only regular files are read"


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def _read(file: Path, collect: _Collector) -> str | None:
    try:
        return file.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        collect.add(file, 0, "file is missing")
    except (OSError, UnicodeDecodeError) as error:
        collect.add(file, 0, f"cannot read file: {error}")
    return None


def _load_info(file: Path, collect: _Collector) -> CourseInfo | None:
    text = _read(file, collect)
    doc = collect.parse_yaml(file, text) if text is not None else None
    if doc is None:
        return None
    return collect.validate(CourseInfo, file, doc, doc.data, ())


def _load_list(
    file: Path, key: str, model: type[M], header: type[H], collect: _Collector
) -> tuple[list[M], H]:
    """The file's `key:` list, and its other top-level keys read as `header`."""
    if not file.exists():
        return [], header()  # canvas, ideas and quiz are optional parts of a pack
    text = _read(file, collect)
    doc = collect.parse_yaml(file, text) if text is not None else None
    if doc is None:
        return [], header()
    if not isinstance(doc.data, dict) or not isinstance(doc.data.get(key), list):
        collect.add(file, doc.line_of(()), f"expected a top-level '{key}:' list")
        return [], header()
    rest = {k: v for k, v in doc.data.items() if k != key}
    info = collect.validate(header, file, doc, rest, ())
    items = [collect.validate(model, file, doc, item, (key, i)) for i, item in enumerate(doc.data[key])]
    return [item for item in items if item is not None], info or header()


def split_front_matter(text: str) -> tuple[str, str, int] | None:
    """(front matter, body, line where the front matter starts) or None if absent."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != FRONT_MATTER_FENCE:
        return None
    for index in range(1, len(lines)):
        if lines[index].strip() == FRONT_MATTER_FENCE:
            return "".join(lines[1:index]), "".join(lines[index + 1 :]).strip(), 2
    return None


def load_week_file(file: Path, collect: _Collector) -> Week | None:
    text = _read(file, collect)
    if text is None:
        return None
    parts = split_front_matter(text)
    if parts is None:
        collect.add(file, 1, "missing YAML front matter between '---' lines")
        return None
    front, body, first_line = parts
    doc = collect.parse_yaml(file, front, first_line)
    if doc is None:
        return None
    if not isinstance(doc.data, dict):
        collect.add(file, first_line, "front matter must be a mapping of keys to values")
        return None
    return collect.validate(Week, file, doc, {**doc.data, "body": body}, ())


def _load_weeks(folder: Path, collect: _Collector) -> list[Week]:
    if not folder.is_dir():
        collect.add(folder, 0, "weeks folder is missing")
        return []
    files = _week_files(folder, collect)
    for stray in (f for f in sorted(folder.glob("*.md")) if not WEEK_FILE.match(f.name)):
        collect.add(stray, 0, "week files must be named week-N.md")
    if not files:
        collect.add(folder, 0, "no week-N.md files found")
    for missing in (n for n in range(1, max(files, default=0) + 1) if n not in files):
        collect.add(folder / f"week-{missing}.md", 0, f"week {missing} is missing")
    weeks = []
    for number, file in sorted(files.items()):
        week = load_week_file(file, collect)
        if week is not None and week.number != number:
            collect.add(file, 2, f"number is {week.number} but the file name says {number}")
        elif week is not None:
            weeks.append(week)
    return weeks


def _week_files(folder: Path, collect: _Collector) -> dict[int, Path]:
    """The week files by number; two names for one week (week-1.md, week-01.md) are refused."""
    files: dict[int, Path] = {}
    for file in sorted(folder.iterdir()):
        if (match := WEEK_FILE.match(file.name)) is None:
            continue
        number = int(match.group(1))
        if number in files:
            collect.add(file, 0, f"{files[number].name} is week {number} too; keep one of the two")
        else:
            files[number] = file
    return files


def _check_cross_references(
    folder: Path,
    weeks: list[Week],
    canvas: list[CanvasBlock],
    collect: _Collector,
) -> None:
    seen: set[str] = set()
    for block in canvas:
        names = {block.id, block.name.lower(), *block.aliases}
        clash = names & seen
        if clash:
            collect.add(folder / "canvas.yaml", 0, f"block name '{sorted(clash)[0]}' is used twice")
        seen |= names
        if weeks and not collect.problems and block.week > len(weeks):
            collect.add(folder / "canvas.yaml", 0, f"block '{block.id}': week {block.week} "
                        f"is past the course's {len(weeks)} weeks")


def check_quiz(file: Path, weeks: Sequence[Week] | None, items: Sequence[QuizItem],
               report: Callable[[Path, int, str], None]) -> None:
    """What an item cannot check alone: unique ids, a week of the course, that week's video.

    `weeks` is None when the weeks themselves did not load: checking against them would
    only repeat their problems.
    """
    seen: set[str] = set()
    by_number = {week.number: week for week in weeks or ()}
    for item in items:
        if item.id in seen:
            report(file, 0, f"item id '{item.id}' is used twice; ids must be unique in a pack")
        seen.add(item.id)
        if weeks is None:
            continue
        week = by_number.get(item.week)
        if weeks and week is None:
            report(file, 0, f"item '{item.id}': week {item.week} is past the course's {len(weeks)} weeks")
        elif week is not None and item.video is not None:
            titles = [video.title for video in week.videos]
            if item.video not in titles:
                known = ", ".join(f"'{t}'" for t in titles) or "none"
                report(file, 0, f"item '{item.id}': week {item.week} has no video '{item.video}' "
                       f"(its videos: {known})")
