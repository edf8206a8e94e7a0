"""Short quotable pieces of a passage, centred on the sentences that match the question."""

from __future__ import annotations

import re

from bot.search.analysis import stems

SENTENCE = re.compile(r"[^.!?]+(?:[.!?]+[\"')\]]*|$)")


def excerpt(text: str, question: str, limit: int = 400) -> str:
    """At most `limit` characters of `text`: whole sentences around the best-matching one."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    sentences = [s.strip() for s in SENTENCE.findall(text) if s.strip()]
    if not sentences:
        return _cut(text, limit)
    wanted = set(stems(question))
    scores = [len(wanted & set(stems(s))) for s in sentences]
    best = max(range(len(sentences)), key=lambda i: (scores[i], -i))
    first = last = best
    while True:
        grown = False
        for candidate in (last + 1, first - 1):
            if 0 <= candidate < len(sentences):
                span = sentences[min(first, candidate):max(last, candidate) + 1]
                if len(" ".join(span)) <= limit:
                    first, last = min(first, candidate), max(last, candidate)
                    grown = True
        if not grown:
            break
    chosen = " ".join(sentences[first:last + 1])
    if len(chosen) > limit:
        return ("… " if first > 0 else "") + _cut(chosen, limit)
    return ("… " if first > 0 else "") + chosen + (" …" if last < len(sentences) - 1 else "")


def _cut(text: str, limit: int) -> str:
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut + " …"
