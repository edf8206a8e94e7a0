"""Quiz items in the pack's `quiz.yaml` format, checked as they are made from a source."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot.course.importers.draft import Skipped

MIN_CHOICES, MAX_CHOICES = 2, 8
TRUE_FALSE = ("true", "false")


def choice_item(item_id: str, week: int, question: str, choices: Sequence[str],
                right: Sequence[int], explanation: str = "") -> dict[str, Any] | Skipped:
    """A choice item, a true/false one when the choices are just True and False."""
    what = f"quiz item {item_id}"
    if not question:
        return Skipped(what, "it has no question text")
    if not MIN_CHOICES <= len(choices) <= MAX_CHOICES:
        return Skipped(what, f"it has {len(choices)} choices; a quiz item has {MIN_CHOICES} to {MAX_CHOICES}")
    if not right:
        return Skipped(what, "no choice is marked right")
    if tuple(c.casefold() for c in choices) in (TRUE_FALSE, TRUE_FALSE[::-1]) and len(right) == 1:
        return _item(item_id, week, "truefalse", question, None,
                     [choices[right[0]].casefold() == "true"], explanation)
    return _item(item_id, week, "choice", question, list(choices), sorted(set(right)), explanation)


def short_item(item_id: str, week: int, question: str, answers: Sequence[str],
               explanation: str = "") -> dict[str, Any] | Skipped:
    what = f"quiz item {item_id}"
    accepted = list(dict.fromkeys(a.strip() for a in answers if a.strip()))
    if not question:
        return Skipped(what, "it has no question text")
    if not accepted:
        return Skipped(what, "it has no accepted answer")
    return _item(item_id, week, "short", question, None, accepted, explanation)


def _item(item_id: str, week: int, kind: str, question: str, choices: list[str] | None,
          answers: list[Any], explanation: str) -> dict[str, Any]:
    item: dict[str, Any] = {"id": item_id, "week": week, "kind": kind, "question": question}
    if choices is not None:
        item["choices"] = choices
    item["answers"] = answers
    if explanation:
        item["explanation"] = explanation
    return item
