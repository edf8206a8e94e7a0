"""A folder of caption files as a whole course: one video per file, weeks from the numbering.

Lecture captions come as a folder of `.vtt`/`.srt` files (or one folder per week). The
weeks follow what the files say: a subfolder per week (titled by the folder's name), a
week word in the name (`week3-...`, `W03 ...`, `module 3 ...`), or a leading pair of
numbers (`03-02 ...` is week 3, lecture 2). With none of these, each file is a week, or
`per_week` files make one, in name order. A video's title is its file's name in words.
A file that cannot be read is skipped with its reason; the rest still come in.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from bot.course.captions import read_captions
from bot.course.importers.caption_folder import merge_turns
from bot.course.importers.draft import CourseDraft, Skipped, VideoDraft, WeekDraft, distinct_videos
from bot.course.pack_writer import ImportProblem

SUFFIXES = frozenset({".vtt", ".srt"})
WEEK_WORD = re.compile(r"(?:^|[^a-z])(?:week|wk|w|module|unit|session|lesson)[\s_\-.]*0*(\d+)", re.I)
LEADING_PAIR = re.compile(r"^\s*0*(\d+)\s*[-_.]\s*0*\d+(?!\d)")
NUMBERS = re.compile(r"\d+")


def read_caption_course(sources: Sequence[Path], per_week: int | None = None) -> CourseDraft:
    files, titles = _files_by_week(sources, per_week)
    weeks: list[WeekDraft] = []
    skipped: list[Skipped] = []
    for number, group in enumerate(files, 1):
        videos = []
        for file in group:
            try:
                cues = read_captions(file)
            except ImportProblem as problem:
                first = problem.problems[0]
                why = f"line {first.line}: {first.reason}"
                skipped.append(Skipped(f"captions {file.name}", why, str(file)))
                continue
            videos.append(VideoDraft(video_title(file), tuple(merge_turns(cues)), cues=len(cues)))
        weeks.append(WeekDraft(number, titles.get(number, ""), videos=distinct_videos(videos)))
    if not any(week.videos for week in weeks):
        raise ImportProblem.at(sources[0], 0, "no caption file could be read"
                               + (f" ({skipped[0]})" if skipped else ""))
    return CourseDraft("Captions", tuple(weeks), skipped=tuple(skipped))


def _files_by_week(sources: Sequence[Path], per_week: int | None
                   ) -> tuple[list[list[Path]], dict[int, str]]:
    """The caption files grouped into weeks in order, and the weeks' titles where known."""
    folder = sources[0] if len(sources) == 1 and sources[0].is_dir() else None
    subfolders = sorted((p for p in folder.iterdir() if p.is_dir() and _captions_in(p)),
                        key=_natural) if folder else []
    if subfolders and not per_week:
        titles = {n: _words(p.name) for n, p in enumerate(subfolders, 1)}
        return [_captions_in(p) for p in subfolders], titles
    files = sorted((f for s in sources for f in (_captions_in(s) if s.is_dir() else [s])), key=_natural)
    if per_week:
        return [files[i:i + per_week] for i in range(0, len(files), per_week)], {}
    numbered = [_week_number(f.stem) for f in files]
    if all(n is not None for n in numbered) and len(set(numbered)) < len(files):
        order = sorted(set(n for n in numbered if n is not None))
        return [[f for f, n in zip(files, numbered, strict=True) if n == week] for week in order], {}
    return [[f] for f in files], {}


def _captions_in(folder: Path) -> list[Path]:
    return sorted((p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES), key=_natural)


def _week_number(stem: str) -> int | None:
    match = WEEK_WORD.search(stem) or LEADING_PAIR.match(stem)
    return int(match.group(1)) if match else None


def video_title(file: Path) -> str:
    """`03-02_soil-testing.srt` -> "Soil testing": the name's words, its numbering left out."""
    words = _words(file.stem)
    return words or file.stem


def _words(name: str) -> str:
    text = WEEK_WORD.sub(" ", name)
    text = re.sub(r"^[\s\d_\-.]+", "", re.sub(r"[_]+", " ", text))
    text = " ".join(re.sub(r"(?<=\w)[-.](?=\w)|\s[-.]\s", " ", text).split()).strip(" -.")
    return text[:1].upper() + text[1:]


def _natural(path: Path) -> list[object]:
    """Name order with numbers as numbers: lecture 2 before lecture 10."""
    return [int(part) if part.isdigit() else part.lower() for part in re.split(r"(\d+)", path.name)]
