"""Cut a course into passages short enough to quote, each knowing where it came from.

Transcripts with times become windows of about WINDOW_SECONDS that overlap by half, so
a moment that falls on a window's edge is still whole in the next one. Windows are long
(90 s) because a learner's question rarely repeats the words of the one sentence that
answers it, while the minute and a half around it does; what is quoted is a moment of a
few sentences chosen inside the window (bot.search.moments). Transcripts
without times, week pages, activities and canvas guidance become runs of a few
sentences.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum

from bot.course.models import CanvasBlock, Course, IdeasSection, TranscriptTurn, Video, Week

WINDOW_SECONDS = 90.0
MAX_WORDS = 90
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'(\[]?[A-Z0-9])")
MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+(.*)$")


class Kind(StrEnum):
    TRANSCRIPT = "transcript"
    PAGE = "page"
    ACTIVITY = "activity"
    CANVAS = "canvas"
    TEMPLATE = "template"
    COURSE = "course"


@dataclass(frozen=True)
class Passage:
    week: int | None
    source: str
    kind: Kind
    text: str
    speaker: str | None = None
    start: float | None = None
    end: float | None = None
    # True when a transcript is our summary of what was said, not the spoken words.
    paraphrased: bool = False
    # Passages of one video or one page share a group: the unit "which video" means.
    group: str = ""


def course_passages(course: Course) -> list[Passage]:
    passages: list[Passage] = list(_course_info(course))
    for week in course.weeks:
        passages += _week_page(week)
        for number, video in enumerate(week.videos):
            passages += video_passages(course, week.number, number, video)
    passages += [_canvas_block(block) for block in course.canvas]
    passages += [_ideas_section(section) for section in course.ideas]
    return passages


def video_passages(course: Course, week: int, number: int, video: Video) -> list[Passage]:
    group = f"w{week}/v{number}"
    turns = [t for t in video.transcript if t.text.strip()]
    timed = bool(turns) and all(t.start is not None for t in turns)
    chunks = _time_windows(turns) if timed else [[t] for t in turns]
    passages = []
    for chunk in chunks:
        for text in _split_long(" ".join(t.text for t in chunk)) if not timed else [_joined(chunk)]:
            passages.append(Passage(
                week=week, source=video.title, kind=Kind.TRANSCRIPT, text=text,
                speaker=_speakers(course, chunk), start=chunk[0].start,
                end=_end_of(chunk), paraphrased=video.paraphrased, group=group))
    return passages


def window_turns(course: Course, passage: Passage) -> list[TranscriptTurn]:
    """The caption turns a timed transcript window was made of, in order; [] for others.

    Read from the course rather than kept in the index: a moment's exact seconds are needed
    for a page of answers, not for every passage held in memory.
    """
    if passage.kind != Kind.TRANSCRIPT or passage.start is None or passage.end is None:
        return []
    week_part, _, video_part = passage.group.partition("/")
    week = course.week(int(week_part[1:])) if week_part[1:].isdigit() else None
    number = int(video_part[1:]) if video_part[1:].isdigit() else -1
    if week is None or not 0 <= number < len(week.videos):
        return []
    return [t for t in week.videos[number].transcript if t.text.strip() and t.start is not None
            and passage.start <= t.start and _end(t) <= passage.end]


def _time_windows(turns: Sequence[TranscriptTurn]) -> list[list[TranscriptTurn]]:
    """Windows of consecutive turns spanning about WINDOW_SECONDS, starting every half window."""
    windows: list[list[TranscriptTurn]] = []
    first = 0
    while first < len(turns):
        start = turns[first].start or 0.0
        last = first
        while last + 1 < len(turns) and (_end(turns[last + 1]) - start) <= WINDOW_SECONDS:
            last += 1
        windows.append(list(turns[first:last + 1]))
        if last == len(turns) - 1:
            break
        # The next window starts at the turn nearest the middle of this one (ties: later).
        middle = start + WINDOW_SECONDS / 2
        inside = range(first + 1, last + 1)
        first = min(inside, key=lambda i: (abs((turns[i].start or 0.0) - middle), -i), default=last + 1)
    return windows


def _end(turn: TranscriptTurn) -> float:
    return turn.end if turn.end is not None else (turn.start or 0.0)


def _end_of(chunk: Sequence[TranscriptTurn]) -> float | None:
    ends = [t.end for t in chunk if t.end is not None]
    return max(ends) if ends else None


def _joined(chunk: Sequence[TranscriptTurn]) -> str:
    return " ".join(" ".join(t.text.split()) for t in chunk)


def _speakers(course: Course, chunk: Sequence[TranscriptTurn]) -> str | None:
    names = [course.speaker_name(t.speaker) for t in chunk if t.speaker]
    unique = list(dict.fromkeys(n for n in names if n))
    return ", ".join(unique) if unique else None


def _split_long(text: str) -> list[str]:
    """Runs of whole sentences of at most about MAX_WORDS words."""
    text = " ".join(text.split())
    if len(text.split()) <= MAX_WORDS:
        return [text] if text else []
    runs: list[str] = []
    current: list[str] = []
    for sentence in SENTENCE_END.split(text):
        if current and len(" ".join([*current, sentence]).split()) > MAX_WORDS:
            runs.append(" ".join(current))
            current = []
        current.append(sentence)
    if current:
        runs.append(" ".join(current))
    return runs


def _course_info(course: Course) -> Iterator[Passage]:
    info = course.info
    if info.description:
        for text in _split_long(info.description):
            yield Passage(None, info.title, Kind.COURSE, text, group="course")
    if info.themes:
        yield Passage(None, f"{info.title}: themes", Kind.COURSE, " ".join(
            t if t.endswith(".") else f"{t}." for t in info.themes), group="course")


def _week_page(week: Week) -> Iterator[Passage]:
    # The week number travels in Passage.week; the title names the page's part.
    title = week.title
    group = f"w{week.number}/page"

    def page(text: str, source: str = title, kind: Kind = Kind.PAGE) -> Iterator[Passage]:
        for run in _split_long(text):
            yield Passage(week.number, source, kind, run, group=group)

    yield from page(titled(week.title, week.summary))
    if week.outcomes:
        yield from page("You will learn to: " + "; ".join(week.outcomes) + ".")
    for activity in week.activities:
        yield from page(titled(activity.title, activity.description),
                        f"{title}: {activity.title}", Kind.ACTIVITY)
    if week.project_step:
        yield from page(week.project_step, f"{title}: your project", Kind.ACTIVITY)
    if week.prompts:
        yield from page(" ".join(week.prompts), f"{title}: discussion")
    for heading, text in _body_sections(week.body):
        yield from page(text, f"{title}: {heading}" if heading else title)


def titled(title: str, text: str) -> str:
    """A title run into its text as a sentence: "Who leads?" takes no full stop after it."""
    stop = "" if title.rstrip()[-1:] in {".", "?", "!", ":"} else "."
    return f"{title}{stop} {text}".strip()


def _body_sections(body: str) -> Iterator[tuple[str, str]]:
    """(heading, paragraph) pairs of a Markdown body."""
    heading = ""
    for block in re.split(r"\n\s*\n", body):
        lines = [line.strip() for line in block.strip().splitlines() if line.strip()]
        while lines and (match := MARKDOWN_HEADING.match(lines[0])):
            heading = match.group(1).strip()
            lines = lines[1:]
        text = " ".join(line.lstrip("-*> ").strip() for line in lines)
        if text:
            yield heading, text


def _canvas_block(block: CanvasBlock) -> Passage:
    parts = [f"{block.name}: {block.meaning}", " ".join(block.questions)]
    if block.example:
        parts.append(f"For example: {block.example}")
    return Passage(block.week, f"Canvas: {block.name}", Kind.CANVAS, " ".join(parts),
                   group=f"canvas/{block.id}")


def _ideas_section(section: IdeasSection) -> Passage:
    text = titled(section.title, section.prompt)
    return Passage(section.week, f"Ideas notebook: {section.title}", Kind.TEMPLATE, text,
                   group=f"ideas/{section.week}")
