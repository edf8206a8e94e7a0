"""Quiz items of a pack (`quiz.yaml`): questions for retrieval practice, week by week.

Each item is checked on its own here (its kind decides what `choices` and `answers`
must look like); what needs the rest of the pack (the week exists, the video is one of
that week's) is checked by the loader.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, StrictStr, model_validator

SLUG = r"^[a-z0-9][a-z0-9-]*$"
MAX_CHOICES = 8


class QuizKind(StrEnum):
    CHOICE = "choice"
    TRUEFALSE = "truefalse"
    SHORT = "short"


# One accepted answer: an index (choice), a boolean (truefalse) or a text (short).
Answer = StrictBool | StrictInt | StrictStr
ChoiceText = Annotated[str, Field(min_length=1, max_length=200)]


class QuizItem(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    # Review history keys on the id, so a pack must keep it when it edits the wording.
    id: str = Field(pattern=SLUG, max_length=64)
    week: int = Field(ge=1)
    kind: QuizKind
    question: str = Field(min_length=1, max_length=600)
    choices: tuple[ChoiceText, ...] = ()
    answers: tuple[Answer, ...] = Field(min_length=1)
    # Written by hand it is expected; an imported question has one only when its source
    # gave feedback.
    explanation: str = Field(default="", max_length=1000)
    # A short item whose answers are numbers: any number this close to one is right.
    tolerance: float | None = Field(default=None, ge=0)
    video: str | None = Field(default=None, min_length=1)
    at: float | None = Field(default=None, ge=0)

    @model_validator(mode="after")
    def _answers_fit_kind(self) -> QuizItem:
        if self.at is not None and self.video is None:
            raise ValueError("`at` needs `video`: the time is a moment in that video")
        if self.kind is QuizKind.CHOICE:
            _check_choice(self.choices, self.answers)
        elif self.choices:
            raise ValueError(f"only choice items have `choices` (this one is {self.kind.value})")
        elif self.kind is QuizKind.TRUEFALSE:
            if len(self.answers) != 1 or not isinstance(self.answers[0], bool):
                raise ValueError("a truefalse item's answers are [true] or [false]")
        elif not all(isinstance(a, str) and a.strip() for a in self.answers):
            raise ValueError('a short item\'s answers are texts, e.g. ["open data"]; quote numbers')
        if self.tolerance is not None and not (self.kind is QuizKind.SHORT and all(
                number_in(str(a)) is not None for a in self.answers)):
            raise ValueError("`tolerance` is for short items whose answers are numbers")
        return self

    @property
    def right_choices(self) -> frozenset[int]:
        return frozenset(a for a in self.answers if type(a) is int)

    @property
    def accepted(self) -> tuple[str, ...]:
        return tuple(a for a in self.answers if isinstance(a, str))

    @property
    def truth(self) -> bool:
        return self.answers[0] is True


def number_in(text: str) -> float | None:
    """`text` read as a number ("3.3", "-2", "1,200", "5e3"), or None."""
    try:
        return float(text.strip().replace(",", ""))
    except ValueError:
        return None


def _check_choice(choices: tuple[str, ...], answers: tuple[Answer, ...]) -> None:
    if not 2 <= len(choices) <= MAX_CHOICES:
        raise ValueError(f"a choice item needs 2 to {MAX_CHOICES} choices, not {len(choices)}")
    if len({c.casefold() for c in choices}) != len(choices):
        raise ValueError("two choices say the same thing")
    if not all(type(a) is int for a in answers):
        raise ValueError("a choice item's answers are 0-based indexes of its choices, e.g. [0]")
    wrong = [a for a in answers if not 0 <= int(a) < len(choices)]
    if wrong:
        raise ValueError(f"answer {wrong[0]} is not a choice: indexes run 0 to {len(choices) - 1}")
    if len(set(answers)) != len(answers):
        raise ValueError("an answer index is listed twice")


class QuizInfo(BaseModel):
    """Top-level keys of quiz.yaml besides `items` (none yet: any other key is a typo)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
