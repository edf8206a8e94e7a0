"""Rank passages for a question: BM25, the video around the passage, proximity, meaning.

1. BM25 over passages, with misspelt words mapped to the course's own and a few synonyms;
2. plus the BM25 of the whole video/page the passage belongs to (a passage in the video
   that is about the question beats a stray mention elsewhere);
3. optionally fused with semantic similarity (bot.search.semantic);
4. the best candidates get a bonus when the question's words stand close together,
   and a larger one for a quoted phrase found word for word.
Every weight here was chosen by running benchmarks/lookup.py, not by taste.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

from bot.search.analysis import stems, terms
from bot.search.expansion import close_terms, expand
from bot.search.index import FloatArray, SearchIndex
from bot.search.passages import Passage
from bot.search.query import Query
from bot.search.similarity import PARALLEL_FROM, similarities


class Encoder(Protocol):
    """Texts to unit vectors; `model_id` names the model, so stored vectors of another
    model are never mixed in."""

    model_id: str

    def __call__(self, texts: Sequence[str]) -> FloatArray: ...


@dataclass(frozen=True)
class Weights:
    group: float = 1.0
    proximity: float = 0.3
    proximity_reach: int = 8
    phrase: float = 1.0
    semantic: float = 0.5
    candidates: int = 50
    same_video_decay: float = 0.8
    # A video whose best passage scores this many times the best of any other video clearly
    # leads: its further moments are not decayed, so they may fill the page, the others after.
    clear_lead: float = 1.5
    # Share of the question's weight (by idf) the best passage must beat to count as an
    # answer: more than half, so "quantum computing" is not answered by "computing" alone.
    min_coverage: float = 0.5
    min_similarity: float = 0.45
    # Each passage takes this share of its neighbours' scores in the same video, so a
    # moment whose surroundings are on the topic beats a stray mention.
    neighbours: float = 0.0
    # Semantic similarity of a passage mixed with the best similarity in its video.
    video_semantic: float = 0.0
    # Prior toward where the asker is, never a filter: scores in the asker's week are
    # raised by this share (the weeks either side by `near_side_weeks`), so another week's
    # passage needs 1.4 times the score to win; and in the video they are watching by
    # `near_video`, so another video needs twice the score. Stronger week priors gained
    # next to nothing on our caption sets and cost SciFact dearly when the week was wrong
    # (benchmarks/lookup.py, "the asker's week on SciFact").
    near_week: float = 0.4
    near_side_weeks: float = 0.0
    near_video: float = 1.0


DEFAULT_WEIGHTS = Weights()


@dataclass(frozen=True)
class Hit:
    passage: Passage
    score: float
    position: int  # the passage's number in the index


@dataclass(frozen=True)
class Results:
    hits: tuple[Hit, ...]
    # Share of the question the best passage answers; below Weights.min_coverage we say
    # the course does not seem to cover it.
    coverage: float
    answered: bool
    unknown_words: tuple[str, ...] = ()
    suggestions: tuple[str, ...] = ()
    # Passages found, counted up to one past this page: more than offset + len(hits)
    # means there is a next page.
    total: int = 0


@dataclass
class _Plan:
    """The question turned into weighted term ids."""

    weights: dict[int, float] = field(default_factory=dict)
    # Each typed word's id, or its stand-in when it was misspelt, with its idf.
    asked: list[tuple[frozenset[int], float]] = field(default_factory=list)
    near: set[int] = field(default_factory=set)
    unknown: list[str] = field(default_factory=list)
    corrected: list[str] = field(default_factory=list)  # words the course has, for typed ones it lacks


def search(index: SearchIndex, query: Query, *, limit: int = 10, offset: int = 0,
           encoder: Encoder | None = None, weights: Weights = DEFAULT_WEIGHTS,
           parallel_from: int = PARALLEL_FROM) -> Results:
    """The page of hits for `query`; with `parallel_from` passages or more, the similarity
    with each passage is computed on several threads (bot.search.similarity)."""
    plan = _plan(index, query)
    scores = _lexical(index, plan, weights)
    similarity = None
    if encoder is not None and index.embeddings is not None and query.text.strip():
        similarity = similarities(index.embeddings, encoder([query.text])[0], parallel_from=parallel_from)
        scores = _fuse(scores, _with_video(index, similarity, weights.video_semantic), weights.semantic)
    elif not plan.weights:
        return Results((), 0.0, False, tuple(plan.unknown), _suggest(index, plan))
    scores = _prior(index, query, _smoothed(index, scores, weights.neighbours), weights)
    scores = np.where(_allowed(index, query), scores, -np.inf)
    ranked = _rerank(index, query, plan, scores, weights)
    # One more than the page, so the caller knows whether there is a next page.
    kept = _without_overlaps(index, ranked, weights.same_video_decay, offset + limit + 1,
                             _leading_group(index, ranked, weights.clear_lead))
    coverage = _coverage(index, plan, kept[0][0]) if kept else 0.0
    answered = bool(kept) and (coverage > weights.min_coverage or (
        similarity is not None and float(similarity[kept[0][0]]) >= weights.min_similarity))
    hits = tuple(Hit(index.passages[i], float(s), i) for i, s in kept[offset:offset + limit])
    return Results(hits, coverage, answered, tuple(plan.unknown),
                   () if answered else _suggest(index, plan), total=len(kept))


def _plan(index: SearchIndex, query: Query) -> _Plan:
    plan = _Plan()
    for term in terms(query.text, question=True):
        own = index.vocab.get(term.stem)
        ids = {own} if own is not None else set()
        if own is not None:
            plan.weights[own] = plan.weights.get(own, 0.0) + 1.0
        # A word the course lacks may be a typo of one it has.
        for extra_id, weight in expand(term.stem, term.word, index.vocab, index.word_terms,
                                       index.vocabulary):
            plan.weights[extra_id] = max(plan.weights.get(extra_id, 0.0), weight)
            ids.add(extra_id)
            plan.corrected.append(index.words[extra_id])
        if not ids:
            plan.unknown.append(term.word)
        plan.near |= ids
        rarest = float(index.idf.max()) if len(index.idf) else 1.0
        idf = max((float(index.idf[i]) for i in ids), default=rarest)
        plan.asked.append((frozenset(ids), idf))
    return plan


def _lexical(index: SearchIndex, plan: _Plan, weights: Weights) -> FloatArray:
    passage = index.passage_bm25.scores(plan.weights)
    group = index.group_bm25.scores(plan.weights)[index.group_of]
    top_passage, top_group = float(passage.max(initial=0)), float(group.max(initial=0))
    if top_group > 0 and weights.group > 0:
        passage = passage + np.float32(weights.group * top_passage / top_group) * group
    return passage


def _fuse(lexical: FloatArray, similarity: FloatArray, weight: float) -> FloatArray:
    """Convex mix of BM25 and cosine similarity, each scaled to 0..1 over the corpus."""
    top = float(lexical.max(initial=0))
    lexical_part = lexical / top if top > 0 else lexical
    low, high = float(similarity.min()), float(similarity.max())
    semantic_part = (similarity - low) / (high - low) if high > low else np.clip(similarity, 0, 1)
    fused: FloatArray = ((1 - weight) * lexical_part + weight * semantic_part).astype(np.float32)
    return fused


def _with_video(index: SearchIndex, similarity: FloatArray, share: float) -> FloatArray:
    """Each passage's similarity mixed with the best one in its video (lecture-level evidence)."""
    if share <= 0:
        return similarity
    best = np.full(int(index.group_of.max(initial=0)) + 1, -1.0, dtype=np.float32)
    np.maximum.at(best, index.group_of, similarity)
    mixed: FloatArray = ((1 - share) * similarity + share * best[index.group_of]).astype(np.float32)
    return mixed


def _smoothed(index: SearchIndex, scores: FloatArray, share: float) -> FloatArray:
    """Add `share` of the mean score of the passages before and after, within one video."""
    if share <= 0 or len(scores) < 2:
        return scores
    same = index.group_of[1:] == index.group_of[:-1]
    before = np.zeros_like(scores)
    after = np.zeros_like(scores)
    before[1:] = np.where(same, scores[:-1], 0)
    after[:-1] = np.where(same, scores[1:], 0)
    smoothed: FloatArray = (scores + np.float32(share / 2) * (before + after)).astype(np.float32)
    return smoothed


def _prior(index: SearchIndex, query: Query, scores: FloatArray, weights: Weights) -> FloatArray:
    """Raise, never filter: the asker's week (and the weeks either side, if so weighted) and
    the video they are watching. Course-wide pages have no week and get no lift."""
    lift = np.ones(len(scores), dtype=np.float32)
    if query.near_week is not None and weights.near_week > 0:
        distance = np.where(index.weeks >= 0, np.abs(index.weeks - query.near_week), 99)
        lift += np.where(distance == 0, weights.near_week,
                         np.where(distance == 1, weights.near_side_weeks, 0)).astype(np.float32)
    video = index.group_numbers.get(query.near_video or "")
    if video is not None and weights.near_video > 0:
        lift += np.float32(weights.near_video) * (index.group_of == video)
    out: FloatArray = scores * lift
    return out


def _allowed(index: SearchIndex, query: Query) -> np.ndarray:
    return index.allowed(week=query.week, speaker=query.speaker, kind=query.kind)


def _rerank(index: SearchIndex, query: Query, plan: _Plan, scores: FloatArray,
            weights: Weights) -> list[tuple[int, float]]:
    finite = np.isfinite(scores) & (scores > 0)
    count = int(finite.sum())
    if count == 0:
        return []
    size = min(weights.candidates, count)
    masked = np.where(finite, scores, -np.inf)
    top = np.argpartition(-masked, size - 1)[:size] if size < len(masked) else np.arange(len(masked))
    top = top[np.isfinite(masked[top])]
    scale = float(masked[top].max())
    phrases = [[index.vocab.get(s, -1) for s in stems(p)] for p in query.phrases]
    near = np.zeros(len(index.vocab), dtype=bool)
    near[list(plan.near)] = True
    use_proximity = weights.proximity > 0 and len(plan.asked) > 1
    ranked = []
    for i in top:
        bonus = weights.proximity * _proximity(index, int(i), plan, near, weights.proximity_reach) \
            if use_proximity else 0.0
        bonus += weights.phrase * sum(_has_phrase(index, int(i), p) for p in phrases if len(p) > 1)
        ranked.append((int(i), float(masked[i]) + scale * bonus))
    ranked.sort(key=lambda pair: -pair[1])
    return ranked


def _proximity(index: SearchIndex, passage: int, plan: _Plan, near: np.ndarray, reach: int) -> float:
    """Sum over neighbouring matches of different asked words: idf / distance, normalised."""
    terms_here = index.terms_of(passage)
    positions = np.flatnonzero(near[terms_here])
    if len(positions) < 2:
        return 0.0
    found = terms_here[positions].tolist()
    gaps = np.diff(positions).tolist()
    best: dict[tuple[int, int], int] = {}
    for k, gap in enumerate(gaps):
        a, b = found[k], found[k + 1]
        if a != b and gap <= reach:
            pair = (a, b) if a < b else (b, a)
            best[pair] = min(best.get(pair, reach + 1), gap)
    total_idf = sum(idf for _, idf in plan.asked) or 1.0
    idf = index.idf
    return sum(float(min(idf[a], idf[b])) / gap for (a, b), gap in best.items()) / total_idf


def _has_phrase(index: SearchIndex, passage: int, phrase: list[int]) -> bool:
    if -1 in phrase:
        return False
    here = index.terms_of(passage)
    n = len(phrase)
    if len(here) < n:
        return False
    starts = np.flatnonzero(here[: len(here) - n + 1] == phrase[0])
    return any(bool(np.array_equal(here[s:s + n], phrase)) for s in starts)


def _leading_group(index: SearchIndex, ranked: list[tuple[int, float]], lead: float) -> str | None:
    """The video (group) that clearly leads the ranking, if one does."""
    if not ranked or ranked[0][1] <= 0 or index.passages[ranked[0][0]].start is None:
        return None
    first = index.passages[ranked[0][0]].group
    runner_up = next((score for i, score in ranked if index.passages[i].group != first), 0.0)
    return first if ranked[0][1] >= lead * max(runner_up, 0.0) else None


def _without_overlaps(index: SearchIndex, ranked: list[tuple[int, float]], decay: float,
                      wanted: int, leader: str | None = None) -> list[tuple[int, float]]:
    """Drop a window that mostly repeats a better one from the same video; each further
    passage of one video scores `decay` times less, so one video does not fill the page,
    unless it is the `leader`, which clearly leads the ranking.

    Stops once the next candidate cannot reach the first `wanted`: decay only lowers scores.
    """
    kept: list[tuple[int, float]] = []
    taken: dict[str, list[Passage]] = {}
    for i, score in ranked:
        if len(kept) >= wanted and score < sorted(s for _, s in kept)[-wanted]:
            break
        passage = index.passages[i]
        same_group = taken.setdefault(passage.group, [])
        if not any(_overlapping(passage, other) for other in same_group):
            kept.append((i, score if passage.group == leader else score * decay ** len(same_group)))
            same_group.append(passage)
    kept.sort(key=lambda pair: -pair[1])
    return kept


def _overlapping(a: Passage, b: Passage) -> bool:
    if a.group != b.group or None in (a.start, a.end, b.start, b.end):
        return False
    assert a.start is not None and a.end is not None and b.start is not None and b.end is not None
    shared = min(a.end, b.end) - max(a.start, b.start)
    shortest = max(min(a.end - a.start, b.end - b.start), 1e-6)
    return shared / shortest > 0.5


def _coverage(index: SearchIndex, plan: _Plan, passage: int) -> float:
    if not plan.asked:
        return 0.0
    here = set(index.terms_of(passage).tolist())
    total = sum(idf for _, idf in plan.asked)
    covered = sum(idf for ids, idf in plan.asked if ids & here)
    return covered / total if total else 0.0


def _suggest(index: SearchIndex, plan: _Plan) -> tuple[str, ...]:
    """Words the course has that look like the ones it does not."""
    found = list(plan.corrected)
    # Only long words get a looser match: "bread" is a word, not a typo of "read".
    for word in (w for w in plan.unknown if len(w) >= 7):
        for close in close_terms(word, index.vocabulary, limit=3, looser=1):
            found.append(index.words[index.word_terms[close]])
    return tuple(dict.fromkeys(found))[:5]
