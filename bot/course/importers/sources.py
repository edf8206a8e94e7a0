"""Which format a source is, and reading it into a `CourseDraft` (archives opened safely)."""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from pathlib import Path

from bot.course.importers.archive import (
    DEFAULT_LIMITS,
    Limits,
    check_folder,
    looks_like_tar,
    opened,
    tar_names,
)
from bot.course.importers.caption_course import read_caption_course
from bot.course.importers.common_cartridge import read_cartridge
from bot.course.importers.draft import CourseDraft
from bot.course.importers.export import Export
from bot.course.importers.moodle import read_moodle
from bot.course.importers.olx import read_olx
from bot.course.importers.openlearn_course import PAGE_SUFFIXES, read_openlearn_course
from bot.course.pack_writer import ImportProblem

FORMATS = ("olx", "cc", "moodle", "openlearn", "captions")
READERS = {"olx": read_olx, "cc": read_cartridge, "moodle": read_moodle}
CAPTION_SUFFIXES = frozenset({".vtt", ".srt"})
# A file that says which export a folder or archive is.
MARKERS = {"imsmanifest.xml": "cc", "moodle_backup.xml": "moodle", "course.xml": "olx",
           "library.xml": "olx"}
WHAT_WE_READ = ("we read Open edX exports (a folder with course.xml, or its .tar.gz), Common "
                "Cartridge (.imscc, .zip or a folder with imsmanifest.xml), Moodle backups (.mbz "
                "or the folder with moodle_backup.xml), saved OpenLearn pages (.html, .txt) and "
                "captions (.vtt, .srt files, or a folder of them); give --format olx, cc, "
                "moodle, openlearn or captions to say which")


def read_source(sources: Sequence[Path], fmt: str | None = None,
                limits: Limits = DEFAULT_LIMITS, per_week: int | None = None) -> CourseDraft:
    """What `sources` hold; `per_week` groups a folder of captions that many to a week."""
    sources = [Path(s) for s in sources]
    for source in sources:
        if not source.exists():
            raise ImportProblem.at(source, 0, "not found")
    fmt = fmt or detect(sources)
    if fmt == "openlearn":
        return read_openlearn_course(sources)
    if fmt == "captions":
        for source in (s for s in sources if s.is_dir()):
            check_folder(source, limits)
        return read_caption_course(sources, per_week)
    if len(sources) > 1:
        raise ImportProblem.at(sources[1], 0, f"a {fmt} import takes one folder or archive")
    with opened(sources[0], limits) as folder:
        export = Export(folder, sources[0], limits)
        return READERS[fmt](export)


def detect(sources: Sequence[Path]) -> str:
    """The format of `sources`, from names and contents, or ImportProblem saying what we read."""
    source = sources[0]
    suffixes = {s.suffix.lower() for s in sources}
    if suffixes <= CAPTION_SUFFIXES:
        return "captions"
    if len(sources) > 1 or source.suffix.lower() in PAGE_SUFFIXES:
        return "openlearn"
    names = _top_names(source)
    for marker, fmt in MARKERS.items():
        if marker in names:
            return fmt
    if source.is_dir():
        files = [p for p in source.iterdir() if p.is_file()]
        if {Path(name).suffix.lower() for name in names} & CAPTION_SUFFIXES and not any(
                p.suffix.lower() in PAGE_SUFFIXES for p in files):
            return "captions"
        if any(p.suffix.lower() in PAGE_SUFFIXES for p in files):
            return "openlearn"
    raise ImportProblem.at(source, 0, f"cannot tell the format; {WHAT_WE_READ}")


def _top_names(source: Path) -> set[str]:
    """File names at the top of `source` or one folder down (an archive's or a folder's)."""
    if source.is_dir():
        paths = [p.relative_to(source).as_posix() for p in source.iterdir()]
        paths += [p.relative_to(source).as_posix() for top in source.iterdir()
                  if top.is_dir() and not top.is_symlink() for p in top.iterdir()]
    elif zipfile.is_zipfile(source):
        with zipfile.ZipFile(source) as archive:
            paths = archive.namelist()
    elif looks_like_tar(source):
        paths = tar_names(source, until=lambda path: _top_name(path) in MARKERS)
    else:
        return set()
    return {name for path in paths if (name := _top_name(path)) is not None}


def _top_name(path: str) -> str | None:
    """The file name of `path` when it stands at the top or one folder down."""
    steps = [p for p in path.replace("\\", "/").split("/") if p not in ("", ".")]
    return steps[-1] if 1 <= len(steps) <= 2 else None
