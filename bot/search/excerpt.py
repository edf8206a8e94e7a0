"""Short quotable pieces of a passage, centred on the sentences that match the question."""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.search.analysis import stems

# A sentence ends at . ! or ? followed by a space or the end, never inside an address
# (`www.example.com/watch?v=1`) or a number (`3.5`).
SENTENCE = re.compile(r"(?:[^.!?]|[.!?]+(?![\"')\]]*(?:\s|$)))+(?:[.!?]+[\"')\]]*|$)")


def sentences(text: str) -> list[str]:
    return [s.strip() for s in SENTENCE.findall(" ".join(text.split())) if s.strip()]


def match_scores(parts: list[str], question: str) -> list[int]:
    """How many of the question's words (by stem) each sentence has."""
    wanted = set(stems(question))
    return [len(wanted & set(stems(s))) for s in parts]


def excerpt(text: str, question: str, limit: int = 400) -> str:
    """At most `limit` characters of `text`: whole sentences around the best-matching one."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    parts = sentences(text)
    if not parts:
        return _cut(text, limit)
    scores = match_scores(parts, question)
    best = max(range(len(parts)), key=lambda i: (scores[i], -i))
    first, last = grow(parts, best, limit)
    return marked(parts, first, last, limit)


def grow(parts: list[str], best: int, limit: int,
         usable: Callable[[int], bool] = lambda _: True) -> tuple[int, int]:
    """The run of sentences around `best` that fits in `limit` characters, taking only
    `usable` ones: (first, last) positions."""
    first = last = best
    while True:
        grown = False
        for candidate in (last + 1, first - 1):
            if 0 <= candidate < len(parts) and usable(candidate):
                span = parts[min(first, candidate):max(last, candidate) + 1]
                if len(" ".join(span)) <= limit:
                    first, last = min(first, candidate), max(last, candidate)
                    grown = True
        if not grown:
            return first, last


def marked(parts: list[str], first: int, last: int, limit: int) -> str:
    """Sentences first..last, with … where the passage goes on before or after."""
    chosen = " ".join(parts[first:last + 1])
    if len(chosen) > limit:
        return ("… " if first > 0 else "") + _cut(chosen, limit)
    return ("… " if first > 0 else "") + chosen + (" …" if last < len(parts) - 1 else "")


def _cut(text: str, limit: int) -> str:
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut + " …"
