"""Quiz items in the pack's `quiz.yaml` format, checked as they are made from a source.

Every item goes through the pack's own rules (`bot.course.quiz.QuizItem`) here, before
anything is written: an item that breaks one is trimmed when that keeps its meaning (a
long explanation, a wrong choice listed twice) and otherwise skipped with the reason and
the source file, so one odd question never stops a course from coming in.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from typing import Any

from pydantic import ValidationError

from bot.course.importers.draft import Skipped
from bot.course.quiz import QuizItem, number_in

MIN_CHOICES, MAX_CHOICES = 2, 8
TRUE_FALSE = ("true", "false")
ID_LENGTH = 64  # QuizItem.id's limit
EXPLANATION_LENGTH = 1000
# Names of the item's fields, as a facilitator reads them in a reason.
FIELD_WORDS = {"question": "its question", "choices": "a choice", "explanation": "its explanation",
               "answers": "its answers", "id": "its id"}


def choice_item(item_id: str, week: int, question: str, choices: Sequence[str],
                right: Sequence[int], explanation: str = "") -> dict[str, Any] | Skipped:
    """A choice item, a true/false one when the choices are just True and False."""
    what = f"quiz item {item_id}"
    if not question:
        return Skipped(what, "it has no question text")
    if not right:
        return Skipped(what, "no choice is marked right")
    merged = _merge_repeats(choices, right)
    if merged is None:
        return Skipped(what, "two choices say the same thing but one is right and one is wrong")
    choices, right = merged
    if not MIN_CHOICES <= len(choices) <= MAX_CHOICES:
        return Skipped(what, f"it has {len(choices)} choices; a quiz item has {MIN_CHOICES} to {MAX_CHOICES}")
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


def number_item(item_id: str, week: int, question: str, answer: str, tolerance: str,
                explanation: str = "") -> dict[str, Any] | Skipped:
    """A short item answered by a number, right within `tolerance` ("0.3", or "5%" of it)."""
    what = f"quiz item {item_id}"
    value = number_in(answer)
    if value is None:
        return Skipped(what, f"its answer {answer!r} is a formula, not a number")
    spread = number_in(tolerance.removesuffix("%")) if tolerance else 0.0
    if spread is None:
        return Skipped(what, f"its tolerance {tolerance!r} is not a number")
    if tolerance.endswith("%"):
        spread = abs(value) * spread / 100
    item = short_item(item_id, week, question, [answer], explanation)
    if isinstance(item, dict):
        item["tolerance"] = abs(spread)
    return item


def checked(made: dict[str, Any] | Skipped, source: str) -> dict[str, Any] | Skipped:
    """`made` as the pack will take it (trimmed where that keeps its meaning), or why not."""
    if isinstance(made, Skipped):
        return Skipped(made.what, made.why, made.source or source)
    item = dict(made)
    explanation = str(item.get("explanation") or "")
    if len(explanation) > EXPLANATION_LENGTH:
        item["explanation"] = _shortened(explanation, EXPLANATION_LENGTH)
    try:
        QuizItem.model_validate(item)
    except ValidationError as error:
        return Skipped(f"quiz item {item.get('id')}", _reason(error), source)
    return item


def unique_ids(items: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Items with ids made unique in the order they come (`q1`, `q1-2`, ...): none is lost."""
    seen: set[str] = set()
    out: list[dict[str, Any]] = []
    for item in items:
        base, number, ident = item["id"], 1, item["id"]
        while ident in seen:
            number += 1
            ident = short_id(f"{base}-{number}")
        seen.add(ident)
        out.append(item if ident == base else {**item, "id": ident})
    return out


def short_id(ident: str) -> str:
    """`ident` within the pack's id length; a cut one ends with a hash so it stays distinct."""
    if len(ident) <= ID_LENGTH:
        return ident
    digest = hashlib.sha256(ident.encode("utf-8")).hexdigest()[:8]
    return f"{ident[:ID_LENGTH - 9].rstrip('-')}-{digest}"


def _merge_repeats(choices: Sequence[str], right: Sequence[int]) -> tuple[list[str], list[int]] | None:
    """Choices with repeats folded into one, when the repeats agree on being right or wrong."""
    kept: list[str] = []
    is_right: dict[str, bool] = {}
    for index, choice in enumerate(choices):
        key, good = choice.casefold(), index in right
        if key in is_right:
            if is_right[key] != good:
                return None
            continue
        is_right[key] = good
        kept.append(choice)
    return kept, [i for i, c in enumerate(kept) if is_right[c.casefold()]]


def _shortened(text: str, limit: int) -> str:
    """`text` cut after the last whole sentence that fits (or a word, with an ellipsis)."""
    head = text[:limit - 1]
    ends = [m.end() for m in re.finditer(r"[.!?](\s|$)", head)]
    if ends and ends[-1] > limit // 2:
        return head[:ends[-1]].rstrip()
    cut = head.rfind(" ")
    return head[:cut if cut > 0 else limit - 1].rstrip() + "…"


def _reason(error: ValidationError) -> str:
    detail = error.errors()[0]
    field = str(detail["loc"][0]) if detail["loc"] else ""
    words = FIELD_WORDS.get(field, field)
    bound = (detail.get("ctx") or {}).get("max_length")
    if detail["type"] == "string_too_long" and bound is not None:
        return f"{words} is longer than the {bound} characters a quiz item holds"
    message = str(detail["msg"]).removeprefix("Value error, ")
    return f"{field}: {message}" if field else message


def _item(item_id: str, week: int, kind: str, question: str, choices: list[str] | None,
          answers: list[Any], explanation: str) -> dict[str, Any]:
    item: dict[str, Any] = {"id": short_id(item_id), "week": week, "kind": kind, "question": question}
    if choices is not None:
        item["choices"] = choices
    item["answers"] = answers
    if explanation:
        item["explanation"] = explanation
    return item
