"""What an importer read from a source, before anything is written: one shape for every format."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any


@dataclass(frozen=True)
class VideoDraft:
    title: str
    # Transcript turns as a pack writes them: text, and speaker / start / end when known.
    transcript: tuple[dict[str, Any], ...]
    cues: int = 0
    # False when the source gave the video no title and the importer made one up.
    titled: bool = True


@dataclass(frozen=True)
class WeekDraft:
    number: int
    title: str = ""
    summary: str = ""
    outcomes: tuple[str, ...] = ()  # what a learner will be able to do
    body: str = ""  # light Markdown
    activities: tuple[dict[str, Any], ...] = ()
    project_step: str = ""
    prompts: tuple[str, ...] = ()
    videos: tuple[VideoDraft, ...] = ()
    # The source's modules this week was made from, when a plan merged several.
    modules: tuple[str, ...] = ()


@dataclass
class WeekParts:
    """What a reader gathers for one week while walking the source, in course order."""

    text: list[str] = field(default_factory=list)
    activities: list[dict[str, Any]] = field(default_factory=list)
    prompts: list[str] = field(default_factory=list)
    videos: list[VideoDraft] = field(default_factory=list)


@dataclass(frozen=True)
class Skipped:
    """Something the source has that the pack cannot hold, and why."""

    what: str
    why: str
    source: str = ""  # the file in the export it came from, when known

    def __str__(self) -> str:
        where = f" ({self.source})" if self.source else ""
        return f"{self.what}{where}: {self.why}"


def distinct_titles(items: Sequence[dict[str, Any]]) -> tuple[dict[str, Any], ...]:
    """`items` with a repeated one dropped and a reused title numbered ("Quiz", "Quiz (2)").

    A pack finds a week's activities and videos again by title, so two sharing one
    would merge into one on the next import.
    """
    seen: dict[str, dict[str, Any]] = {}
    out: list[dict[str, Any]] = []
    for item in items:
        # A pack needs a title on each; a source sometimes leaves one out.
        title, number = " ".join(str(item.get("title") or "").split()) or "Untitled", 1
        while title in seen and seen[title] != item:
            number += 1
            title = f"{' '.join(str(item.get('title') or '').split()) or 'Untitled'} ({number})"
        if title not in seen:
            seen[title] = item
            out.append({**item, "title": title})
    return tuple(out)


def distinct_videos(videos: Sequence[VideoDraft]) -> tuple[VideoDraft, ...]:
    """`videos` with a title used twice numbered, so neither replaces the other in the pack."""
    titled = distinct_titles([{"title": v.title, "at": i} for i, v in enumerate(videos)])
    return tuple(replace(v, title=t["title"]) for v, t in zip(videos, titled, strict=True))


@dataclass(frozen=True)
class CourseDraft:
    source: str  # the format's name, for messages
    weeks: tuple[WeekDraft, ...]
    title: str = ""
    description: str = ""
    # Items in the pack's quiz.yaml format (docs/content-format.md).
    quiz: tuple[dict[str, Any], ...] = ()
    skipped: tuple[Skipped, ...] = field(default=())
    notes: tuple[str, ...] = ()  # what the summary should say besides counts and skips
    plan_text: str = ""  # the week plan followed, kept in the pack for later imports

    @property
    def videos(self) -> int:
        return sum(len(week.videos) for week in self.weeks)

    @property
    def cues(self) -> int:
        return sum(video.cues for week in self.weeks for video in week.videos)

    @property
    def prompts(self) -> int:
        return sum(len(week.prompts) for week in self.weeks)
