"""Every course one deployment serves: a folder of content packs, or a single pack.

`STUDYBOT_CONTENT` names either one pack (a folder with `course.yaml`) or a folder whose
sub-folders are packs. Each pack is validated on its own: a broken one is reported with
its problems and left out, so the others still serve.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from bot.course.loader import PackError, Problem, load_pack
from bot.course.models import Course

COURSE_FILE = "course.yaml"


@dataclass(frozen=True)
class Catalog:
    """The installed courses, in a stable order (by id), with the folder each came from."""

    courses: tuple[Course, ...]
    folders: dict[str, Path] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        if len({c.id for c in self.courses}) != len(self.courses):
            raise ValueError("two packs share one course id")

    def __iter__(self) -> Iterator[Course]:
        return iter(self.courses)

    def __len__(self) -> int:
        return len(self.courses)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.courses)

    @property
    def several(self) -> bool:
        return len(self.courses) > 1

    @property
    def only(self) -> Course | None:
        """The course, when exactly one is installed."""
        return self.courses[0] if len(self.courses) == 1 else None

    def get(self, course_id: str) -> Course | None:
        return next((c for c in self.courses if c.id == course_id), None)

    def find(self, typed: str) -> Course | None:
        """A course by id, or by its title typed in any case."""
        typed = typed.strip().lower()
        return next((c for c in self.courses if typed in (c.id, c.title.lower())), None)

    def close_to(self, typed: str) -> list[Course]:
        names = {c.id: c for c in self.courses} | {c.title.lower(): c for c in self.courses}
        close = difflib.get_close_matches(typed.strip().lower(), list(names), n=3, cutoff=0.5)
        found: list[Course] = []
        for name in close:
            if names[name] not in found:
                found.append(names[name])
        return found

    def folder(self, course_id: str) -> Path | None:
        return self.folders.get(course_id)


@dataclass(frozen=True)
class CatalogLoad:
    catalog: Catalog
    # Packs that failed, each with every problem found in it.
    broken: dict[Path, list[Problem]]


def is_pack(folder: Path) -> bool:
    return (folder / COURSE_FILE).is_file()


def pack_folders(content: Path) -> list[Path]:
    """The packs under `content`: itself when it is one, else its sub-folders that are."""
    content = Path(content)
    if is_pack(content) or not content.is_dir():
        return [content]
    return sorted(child for child in content.iterdir()
                  if child.is_dir() and not child.name.startswith(".") and is_pack(child))


def load_catalog(content: Path) -> CatalogLoad:
    """Load every pack under `content`; a broken pack is reported and left out."""
    courses: dict[str, Course] = {}
    folders: dict[str, Path] = {}
    broken: dict[Path, list[Problem]] = {}
    packs = pack_folders(content)
    if not packs:
        broken[Path(content)] = [Problem(Path(content), 0, "no content packs found (a pack is a "
                                         f"folder with {COURSE_FILE})")]
    for folder in packs:
        try:
            course = load_pack(folder)
        except PackError as error:
            broken[folder] = error.problems
            continue
        if course.id in courses:
            broken[folder] = [Problem(folder / COURSE_FILE, 1, f"course id '{course.id}' is already "
                                      f"used by {folders[course.id]}")]
            continue
        courses[course.id], folders[course.id] = course, folder
    ordered = tuple(courses[key] for key in sorted(courses))
    return CatalogLoad(Catalog(ordered, folders), broken)


def single_course_catalog(course: Course, folder: Path | None = None) -> Catalog:
    return Catalog((course,), {course.id: folder} if folder else {})
