"""Moments: the sentence or two of a hit that answer the question, each shown once.

A caption window is 90 seconds and overlaps its neighbours by half, so one sentence sits
in two windows, and one window holds several candidate moments. The moment quoted is
where the question's words are explained, not where they are first named: a sentence
counts its own matches and half of its neighbours', so the sentence inside a run about
the topic beats an introduction that mentions it in passing. `more` walks moments rather than
passages: the next-best run of sentences not shown yet, in the same passage or another.
A moment is known by its sentences (video and words), so a sentence quoted once is not
quoted again however it is reached.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

from bot.course.models import TranscriptTurn
from bot.search.excerpt import grow, marked, match_scores, sentences
from bot.search.passages import Passage

# The caption turns a window was made of (bot.search.passages.window_turns), for exact times.
Turns = Callable[[Passage], Sequence[TranscriptTurn]]

# A passage's weaker sentence ranks between half and all of the passage's score, by how
# much of the question it has next to the passage's best sentence.
WEAKER_SENTENCE = 0.5
# Share of a neighbouring sentence's matches a sentence takes: words explained around it.
EXPLAINED_AROUND = 0.5
# A quoted moment spans at most this long (unless its one sentence is longer): about the
# 20 seconds of a few sentences, however sparse the captions.
MOMENT_SECONDS = 25.0


@dataclass(frozen=True)
class Moment:
    passage: Passage
    text: str  # the sentences quoted, with … where the passage goes on
    keys: tuple[str, ...]  # one per sentence quoted
    score: float
    # Where in the video the sentences fall: from the caption turns that say them, or
    # estimated from their place in the window (captions run at about one pace); None for pages.
    start: float | None
    end: float | None


def sentence_key(passage: Passage, sentence: str) -> str:
    where = passage.group or passage.source
    words = " ".join(sentence.casefold().split())
    return hashlib.blake2b(f"{where}\0{words}".encode(), digest_size=6).hexdigest()


def moments(hits: Sequence[tuple[Passage, float]], question: str, *, wanted: int,
            shown: Collection[str] = (),
            limit: Callable[[int, Passage], int] = lambda *_: 280,
            turns: Turns | None = None) -> list[Moment]:
    """Up to `wanted` moments of `hits` (passage, score; best first), best first, none
    sharing a sentence with another or with `shown`. `limit(n, passage)` is the length
    of the n-th moment (from 0), so the first can be quoted longer than the rest; with
    `turns`, a moment's seconds are those of the captions that say it."""
    used = set(shown)
    found: list[Moment] = []
    for score, passage, parts, best in _candidates(hits, question):
        if len(found) >= wanted:
            break
        keys = [sentence_key(passage, s) for s in parts]
        if keys[best] in used:
            continue
        length = limit(len(found), passage)
        times = (_turn_times(passage, parts, turns(passage)) if turns else None) or _times(passage, parts)
        first, last = grow(parts, best, length, _usable(keys, used, times, best))
        taken = tuple(keys[first:last + 1])
        used.update(taken)
        when = (times[first][0], times[last][1]) if times else (passage.start, passage.end)
        found.append(Moment(passage, marked(parts, first, last, length), taken, score, *when))
    return found


def _candidates(hits: Sequence[tuple[Passage, float]],
                question: str) -> list[tuple[float, Passage, list[str], int]]:
    """(score, passage, its sentences, the sentence the moment centres on), best first."""
    found = []
    for order, (passage, score) in enumerate(hits):
        parts = sentences(passage.text) or [" ".join(passage.text.split())]
        matched = explained(match_scores(parts, question))
        top = max(matched)
        # A passage found by meaning alone may share no word: its moment starts at its top.
        centres = [i for i in range(len(parts)) if matched[i] > 0] if top else [0]
        for i in centres:
            share = matched[i] / top if top else 1.0
            weight = WEAKER_SENTENCE + (1 - WEAKER_SENTENCE) * share
            found.append((score * weight, order, -matched[i], i, passage, parts))
    found.sort(key=lambda c: (-c[0], c[1], c[2], c[3]))
    return [(score, passage, parts, i) for score, _, _, i, passage, parts in found]


def explained(matched: Sequence[int]) -> list[float]:
    """Each sentence's matches plus EXPLAINED_AROUND of those just before and after it;
    a sentence with no match of its own stays at 0 (it is never the centre)."""
    around = [0, *matched, 0]
    return [m + EXPLAINED_AROUND * (around[i] + around[i + 2]) if m else 0.0
            for i, m in enumerate(matched)]


def _usable(keys: list[str], used: set[str], times: list[tuple[float, float]] | None,
            best: int) -> Callable[[int], bool]:
    """Sentences a moment centred on `best` may take: not quoted yet, and within
    MOMENT_SECONDS of the centre's, so a moment stays a moment however sparse the captions."""
    def usable(i: int) -> bool:
        if keys[i] in used:
            return False
        return times is None or (max(times[i][1], times[best][1]) - min(times[i][0], times[best][0])
                                 <= MOMENT_SECONDS)
    return usable


def _turn_times(passage: Passage, parts: list[str],
                turns: Sequence[TranscriptTurn]) -> list[tuple[float, float]] | None:
    """Each sentence's (start, end), read from the turns that say it (within a long turn,
    by its place in the turn); None when the turns are not the window's words."""
    spans, at = [], 0
    for turn in turns:
        words = " ".join(turn.text.split())
        start = turn.start or 0.0
        spans.append((at, at + len(words), start, turn.end if turn.end is not None else start))
        at += len(words) + 1
    text = " ".join(passage.text.split())
    if not spans or " ".join(" ".join(t.text.split()) for t in turns) != text:
        return None

    def when(position: int) -> float:
        lo, hi, start, end = next(span for span in spans if position <= span[1])
        return start + (end - start) * max(0, position - lo) / max(hi - lo, 1)

    found, at = [], 0
    for part in parts:
        at = text.find(part, at)
        if at < 0:
            return None
        found.append((when(at), when(at + len(part))))
    return found


def _times(passage: Passage, parts: list[str]) -> list[tuple[float, float]] | None:
    """Each sentence's (start, end) estimated from its place in the window; None for pages."""
    if passage.start is None or passage.end is None:
        return None
    lengths = [len(p) + 1 for p in parts]
    total = sum(lengths) or 1
    span = passage.end - passage.start
    found, before = [], 0
    for length in lengths:
        found.append((passage.start + span * before / total,
                      passage.start + span * (before + length) / total))
        before += length
    return found
