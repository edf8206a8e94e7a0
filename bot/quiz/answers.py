"""Whether a typed (or clicked) answer is right: pure, forgiving where people slip.

Choices may be given by number ("2"), letter ("b") or their words; several right
choices as "1 3", "1, 3" or "1 and 3". True/false takes the usual words, or the place of
its button (1 or a for true, 2 or b for false). Short answers
ignore case, accents, punctuation and a small typo (one slip in a short word, two in a
longer one).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from bot.course.quiz import QuizItem, QuizKind, number_in

TRUE_WORDS = {"true", "t", "yes", "y", "right", "correct", "vrai"}
FALSE_WORDS = {"false", "f", "no", "n", "wrong", "incorrect", "faux"}
LETTERS = "abcdefgh"
# The True and False buttons, by their place: "1" and "a" for True, "2" and "b" for False.
TRUE_FALSE_BUTTONS = {"1": "true", "a": "true", "2": "false", "b": "false"}
_SEPARATORS = re.compile(r"\s*(?:,|;|/|&|\+|\band\b|\s)\s*")


@dataclass(frozen=True)
class Verdict:
    right: bool
    # False when the text could not be read as an answer at all ("7" to a 3-choice item):
    # the learner is asked again instead of being marked wrong.
    understood: bool = True


UNCLEAR = Verdict(right=False, understood=False)


def check(item: QuizItem, text: str) -> Verdict:
    if item.kind is QuizKind.CHOICE:
        picked = picked_choices(item, text)
        return UNCLEAR if picked is None else Verdict(picked == item.right_choices)
    if item.kind is QuizKind.TRUEFALSE:
        said = TRUE_FALSE_BUTTONS.get(fold(text), fold(text))
        if said in TRUE_WORDS or said in FALSE_WORDS:
            return Verdict((said in TRUE_WORDS) == item.truth)
        return UNCLEAR
    if item.tolerance is not None:
        return _number_verdict(item, text)
    said = fold(text)
    if not said:
        return UNCLEAR
    return Verdict(any(close_enough(said, fold(accepted)) for accepted in item.accepted))


def _number_verdict(item: QuizItem, text: str) -> Verdict:
    """A number is right when it is within the item's tolerance of an accepted one."""
    said = number_in(text)
    if said is None:
        return UNCLEAR
    tolerance = (item.tolerance or 0.0) + 1e-9  # 3.3 against 3.0 ± 0.3 in floating point
    return Verdict(any(abs(said - (number_in(a) or 0.0)) <= tolerance for a in item.accepted))


def picked_choices(item: QuizItem, text: str) -> frozenset[int] | None:
    """The 0-based choices a learner named, or None if the text names none clearly."""
    said = fold(text)
    by_words = [i for i, choice in enumerate(item.choices) if close_enough(said, fold(choice))]
    if by_words:
        return frozenset(by_words)
    picked: set[int] = set()
    for token in (t for t in _SEPARATORS.split(said) if t):
        index = _index_of(token, len(item.choices))
        if index is None:
            return None
        picked.add(index)
    return frozenset(picked) or None


def _index_of(token: str, count: int) -> int | None:
    if token.isdigit() and 1 <= int(token) <= count:
        return int(token) - 1
    if len(token) == 1 and token in LETTERS[:count]:
        return LETTERS.index(token)
    return None


def fold(text: str) -> str:
    """Lower case, no accents, punctuation as spaces, single spaces."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = re.sub(r"[^\w\s]|_", " ", plain)
    return " ".join(plain.split())


def close_enough(said: str, accepted: str) -> bool:
    if said == accepted:
        return True
    if min(len(said), len(accepted)) < 4:  # "no" and "nox" are different answers
        return False
    allowed = 1 if len(accepted) <= 8 else 2
    return Levenshtein.distance(said, accepted, score_cutoff=allowed) <= allowed
