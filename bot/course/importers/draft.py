"""What an importer read from a source, before anything is written: one shape for every format."""

from __future__ import annotations

from dataclasses import dataclass, field
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
    body: str = ""  # light Markdown
    activities: tuple[dict[str, Any], ...] = ()
    project_step: str = ""
    prompts: tuple[str, ...] = ()
    videos: tuple[VideoDraft, ...] = ()


@dataclass(frozen=True)
class Skipped:
    """Something the source has that the pack cannot hold, and why."""

    what: str
    why: str
    source: str = ""  # the file in the export it came from, when known

    def __str__(self) -> str:
        where = f" ({self.source})" if self.source else ""
        return f"{self.what}{where}: {self.why}"


@dataclass(frozen=True)
class CourseDraft:
    source: str  # the format's name, for messages
    weeks: tuple[WeekDraft, ...]
    title: str = ""
    description: str = ""
    # Items in the pack's quiz.yaml format (docs/content-format.md).
    quiz: tuple[dict[str, Any], ...] = ()
    skipped: tuple[Skipped, ...] = field(default=())

    @property
    def videos(self) -> int:
        return sum(len(week.videos) for week in self.weeks)

    @property
    def cues(self) -> int:
        return sum(video.cues for week in self.weeks for video in week.videos)

    @property
    def prompts(self) -> int:
        return sum(len(week.prompts) for week in self.weeks)
