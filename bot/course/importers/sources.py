"""Which format a source is, and reading it into a `CourseDraft` (archives opened safely)."""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from pathlib import Path

from bot.course.importers.archive import DEFAULT_LIMITS, Limits, looks_like_tar, opened
from bot.course.importers.common_cartridge import MANIFEST, read_cartridge
from bot.course.importers.draft import CourseDraft
from bot.course.importers.export import Export
from bot.course.importers.olx import find_course, read_olx
from bot.course.importers.openlearn_course import PAGE_SUFFIXES, read_openlearn_course
from bot.course.pack_writer import ImportProblem

FORMATS = ("olx", "cc", "openlearn")
CAPTION_SUFFIXES = frozenset({".vtt", ".srt"})


def read_source(sources: Sequence[Path], fmt: str | None = None,
                limits: Limits = DEFAULT_LIMITS) -> CourseDraft:
    sources = [Path(s) for s in sources]
    for source in sources:
        if not source.exists():
            raise ImportProblem.at(source, 0, "not found")
    fmt = fmt or detect(sources)
    if fmt == "openlearn":
        return read_openlearn_course(sources)
    if len(sources) > 1:
        raise ImportProblem.at(sources[1], 0, f"a {fmt} import takes one folder or archive")
    with opened(sources[0], limits) as folder:
        export = Export(folder, sources[0], limits)
        return read_olx(export) if fmt == "olx" else read_cartridge(export)


def detect(sources: Sequence[Path]) -> str:
    """The format of `sources`, from names and contents, or ImportProblem saying what to give."""
    source = sources[0]
    if len(sources) > 1 or source.suffix.lower() in PAGE_SUFFIXES:
        return "openlearn"
    if source.suffix.lower() in CAPTION_SUFFIXES:
        raise ImportProblem.at(source, 0, "caption files go into a week: use "
                               "`studybot content import-captions FILE --pack PACK --week N`")
    if source.is_dir():
        if (source / MANIFEST).is_file():
            return "cc"
        if find_course(Export(source, source)) is not None:
            return "olx"
        if any(p.suffix.lower() in PAGE_SUFFIXES for p in source.iterdir()):
            return "openlearn"
    elif zipfile.is_zipfile(source):
        with zipfile.ZipFile(source) as archive:
            names = {name.rstrip("/") for name in archive.namelist()}
        return "cc" if MANIFEST in names else "olx"
    elif looks_like_tar(source):
        return "olx"
    raise ImportProblem.at(source, 0, "cannot tell the format; give --format olx, cc or openlearn")
