"""A whole OpenLearn course: several saved week pages at once (a folder, or several files)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from bot.course.importers.draft import CourseDraft, VideoDraft, WeekDraft
from bot.course.importers.merge import ImportOptions
from bot.course.importers.openlearn_page import first_sentences, is_made_up_title, read_openlearn_page
from bot.course.importers.run import import_draft
from bot.course.pack_writer import ImportProblem

PAGE_SUFFIXES = frozenset({".html", ".htm", ".txt"})


def page_files(sources: Sequence[Path]) -> list[Path]:
    files: list[Path] = []
    for source in sources:
        if source.is_dir():
            files += sorted(p for p in source.iterdir()
                            if p.suffix.lower() in PAGE_SUFFIXES and p.is_file() and not p.is_symlink())
        else:
            files.append(source)
    return files


def read_openlearn_course(sources: Sequence[Path]) -> CourseDraft:
    """One week per page, in week order; two pages of one week are refused."""
    weeks: dict[int, tuple[Path, WeekDraft]] = {}
    files = page_files(sources)
    if not files:
        raise ImportProblem.at(sources[0], 0, "no saved pages (.html or .txt) found")
    for file in files:
        week = read_week_page(file)
        if week.number in weeks:
            raise ImportProblem.at(file, 0, f"week {week.number} again (also in {weeks[week.number][0]}); "
                                   "give one page per week")
        weeks[week.number] = (file, week)
    return CourseDraft("OpenLearn", tuple(weeks[n][1] for n in sorted(weeks)))


def read_week_page(page: Path) -> WeekDraft:
    read = read_openlearn_page(page)
    videos = tuple(
        VideoDraft(video.title, tuple(turn.model_dump(exclude_none=True) for turn in video.transcript),
                   titled=not is_made_up_title(video.title, read.number))
        for video in read.videos
    )
    return WeekDraft(read.number, read.title, summary=first_sentences(read.introduction),
                     body=read.introduction, project_step=read.activity, videos=videos)


def import_openlearn_page(page: Path, pack: Path, options: ImportOptions | None = None) -> Path:
    """Merge the page's week into `pack` (keeping what was written by hand); return the week file.

    The pack never half-changes.
    """
    week = read_week_page(Path(page))
    import_draft(Path(pack), CourseDraft("OpenLearn", (week,)), options or ImportOptions())
    return Path(pack) / "weeks" / f"week-{week.number}.md"
