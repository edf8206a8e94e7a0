"""The course as typed data: what a content pack holds once it has been validated."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from bot.course.quiz import QuizItem

SLUG = r"^[a-z0-9][a-z0-9-]*$"


class _Strict(BaseModel):
    # Unknown keys are errors: a typo in a pack must not silently drop content.
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Person(_Strict):
    id: str = Field(pattern=SLUG)
    name: str = Field(min_length=1)
    role: str = ""


class TranscriptTurn(_Strict):
    speaker: str | None = None
    text: str = Field(min_length=1)
    start: float | None = Field(default=None, ge=0)
    end: float | None = Field(default=None, ge=0)

    @model_validator(mode="after")
    def _end_after_start(self) -> TranscriptTurn:
        if self.start is not None and self.end is not None and self.end < self.start:
            raise ValueError("end must not be before start")
        return self


class Video(_Strict):
    title: str = Field(min_length=1)
    # True when the transcript is our own summary rather than the spoken words.
    paraphrased: bool = False
    transcript: tuple[TranscriptTurn, ...] = ()


class Activity(_Strict):
    title: str = Field(min_length=1)
    minutes: int | None = Field(default=None, ge=1, le=600)
    description: str = ""


class Week(_Strict):
    number: int = Field(ge=1)
    title: str = Field(min_length=1)
    summary: str = Field(min_length=1)
    outcomes: tuple[str, ...] = ()
    activities: tuple[Activity, ...] = ()
    project_step: str = ""
    prompts: tuple[str, ...] = ()
    videos: tuple[Video, ...] = ()
    # The Markdown body under the front matter.
    body: str = ""


# The canvas picture is drawn on a grid of this many columns and rows.
CANVAS_COLUMNS, CANVAS_ROWS = 10, 6
BANDS = ("partners", "value", "customers", "money")


class Placement(_Strict):
    """Where a block sits in the picture, in grid cells (see CANVAS_COLUMNS, CANVAS_ROWS)."""

    column: int = Field(ge=0, lt=CANVAS_COLUMNS)
    row: int = Field(ge=0, lt=CANVAS_ROWS)
    width: int = Field(default=1, ge=1, le=CANVAS_COLUMNS)
    height: int = Field(default=1, ge=1, le=CANVAS_ROWS)
    # The colour family of the block's top band.
    band: str = Field(default="customers", pattern="^(" + "|".join(BANDS) + ")$")

    @model_validator(mode="after")
    def _inside(self) -> Placement:
        if self.column + self.width > CANVAS_COLUMNS or self.row + self.height > CANVAS_ROWS:
            raise ValueError(f"the block must fit inside the {CANVAS_COLUMNS} x {CANVAS_ROWS} grid")
        return self


class CanvasBlock(_Strict):
    id: str = Field(pattern=SLUG)
    name: str = Field(min_length=1)
    aliases: tuple[str, ...] = ()
    meaning: str = Field(min_length=1)
    questions: tuple[str, ...] = Field(min_length=1)
    example: str = ""
    week: int = Field(ge=1)
    place: Placement | None = None

    @field_validator("aliases")
    @classmethod
    def _lowercase(cls, aliases: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(a.lower() for a in aliases)


class CanvasInfo(_Strict):
    """How the course names its canvas; every word of it comes from the pack."""

    # The canvas's full name, e.g. the title printed on the picture.
    title: str = Field(default="Project canvas", min_length=1)
    # What a learner calls it in a sentence ("your ... so far").
    short_name: str = Field(default="canvas", min_length=1)
    # A paragraph for `canvas about`: what the canvas is and how the course uses it.
    about: str = ""


class IdeasInfo(_Strict):
    title: str = Field(default="Project ideas", min_length=1)


class IdeasSection(_Strict):
    week: int = Field(ge=1)
    title: str = Field(min_length=1)
    prompt: str = ""


class CourseInfo(_Strict):
    id: str = Field(pattern=SLUG)
    title: str = Field(min_length=1)
    code: str = ""
    publisher: str = ""
    url: str = ""
    hours_per_week: float | None = Field(default=None, gt=0)
    description: str = ""
    people: tuple[Person, ...] = ()
    themes: tuple[str, ...] = ()


class Course(_Strict):
    info: CourseInfo
    weeks: tuple[Week, ...]
    canvas: tuple[CanvasBlock, ...] = ()
    ideas: tuple[IdeasSection, ...] = ()
    canvas_info: CanvasInfo = CanvasInfo()
    ideas_info: IdeasInfo = IdeasInfo()
    quiz: tuple[QuizItem, ...] = ()

    @property
    def has_canvas(self) -> bool:
        return bool(self.canvas)

    @property
    def id(self) -> str:
        return self.info.id

    @property
    def title(self) -> str:
        return self.info.title

    @property
    def week_count(self) -> int:
        return len(self.weeks)

    def week(self, number: int) -> Week | None:
        if 1 <= number <= len(self.weeks):
            return self.weeks[number - 1]
        return None

    def person(self, person_id: str | None) -> Person | None:
        return next((p for p in self.info.people if p.id == person_id), None)

    def speaker_name(self, speaker: str | None) -> str | None:
        """A display name for a transcript speaker id, or the id as written."""
        if speaker is None:
            return None
        person = self.person(speaker)
        return person.name if person else speaker.title()
