"""Our own caption sets: six short lectures (benchmarks/captions/*.vtt) and questions about them.

The lectures are imported with the companion's own `import-captions` code into a fresh
pack, one command per file as a course team would, and indexed as the chat indexes
them. Each question names its lecture and a few words the answering caption says; the
"asked minutes" are that caption's cues, widened by SPAN_MARGIN seconds each way.
Two sets: "ours" (`questions.tsv`), written with the captions at hand, and "blind"
(`questions-blind.tsv`), written from the lecture titles alone before the captions were
read (vague, deictic, fragmentary, as learners ask).

- hit@1: the first hit is in the right lecture;
- span@5: one of the first five quoted moments (what the learner reads, a few sentences,
  not the window ranked) is in the right lecture and overlaps the asked minutes.

Each set is scored three ways: with no context, with the asker's week (the lecture's
week), and with the video being watched (the lecture itself).

Then the same pack is imported again, to show that the second time nothing is encoded.
"""

from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

from bot.course.captions import read_captions
from bot.course.importers.caption_folder import import_captions
from bot.course.importers.merge import ImportOptions
from bot.course.loader import load_pack
from bot.search.builder import build, vector_store, with_vectors
from bot.search.index import SearchIndex
from bot.search.moments import Turns, moments
from bot.search.passages import course_passages, window_turns
from bot.search.query import parse_query
from bot.search.ranking import Encoder, Weights, search
from bot.search.service import speaker_words

CAPTIONS = Path(__file__).resolve().parent / "captions"
SPAN_MARGIN = 10.0


@dataclass(frozen=True)
class Question:
    text: str
    title: str
    week: int
    start: float
    end: float


def lecture_title(file: Path) -> tuple[int, str]:
    """`w2-loops-part-1.vtt` -> (2, "Loops part 1")."""
    week, _, rest = file.stem.partition("-")
    words = rest.replace("-", " ")
    return int(week.removeprefix("w")), words[:1].upper() + words[1:]


# Short name -> file; "blind" questions were written from the lecture titles alone.
QUESTION_SETS = {"ours": "questions.tsv", "blind": "questions-blind.tsv"}
CONTEXTS = ("no context", "asker's week", "video watched")


def questions(name: str = "questions.tsv") -> list[Question]:
    found = []
    for line in (CAPTIONS / name).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        text, stem, anchor = line.split("\t")
        file = CAPTIONS / f"{stem}.vtt"
        start, end = _anchor_span(file, anchor)
        week, title = lecture_title(file)
        found.append(Question(text, title, week, start - SPAN_MARGIN, end + SPAN_MARGIN))
    return found


def _anchor_span(file: Path, anchor: str) -> tuple[float, float]:
    """The start and end of the cues that say `anchor` (which may run over cue edges)."""
    cues = read_captions(file)
    joined, owners = "", []
    for number, cue in enumerate(cues):
        piece = " ".join(cue.text.split()).lower() + " "
        joined += piece
        owners += [number] * len(piece)
    at = joined.find(anchor.lower())
    if at < 0:
        raise ValueError(f"{file.name}: no caption says {anchor!r}")
    first, last = owners[at], owners[at + len(anchor) - 1]
    return cues[first].start, cues[last].end


def import_lectures(pack: Path) -> float:
    """Import every lecture, one command per file; returns the seconds it took."""
    started = time.perf_counter()
    for file in sorted(CAPTIONS.glob("*.vtt")):
        week, title = lecture_title(file)
        # Lectures come week by week, as a course team adds them: each new week is added.
        import_captions([file], pack, week, title=title, speaker="Lecturer",
                        options=ImportOptions(add_weeks=True))
    return time.perf_counter() - started


def score(index: SearchIndex, asked: list[Question], speakers: set[str], weights: Weights,
          encoder: Encoder | None, context: str = "no context", turns: Turns | None = None
          ) -> tuple[float, float]:
    """(hit@1, span@5) over `asked`, span@5 on the quoted moments; `context` is one of
    CONTEXTS: what the asker's place tells the search."""
    first = spans = 0
    videos = {p.source: p.group for p in index.passages if p.start is not None}
    for question in asked:
        query = parse_query(question.text, speakers=speakers, week_count=3)
        if context == "asker's week":
            query = replace(query, near_week=question.week)
        elif context == "video watched":
            query = replace(query, near_week=question.week, near_video=videos[question.title])
        hits = search(index, query, limit=10, encoder=encoder, weights=weights).hits
        quoted = moments([(h.passage, h.score) for h in hits], query.text, wanted=5,
                         limit=lambda n, _: 280 if n == 0 else 140, turns=turns)
        first += bool(hits) and hits[0].passage.source == question.title
        spans += any(m.passage.source == question.title and _overlaps(m.start, m.end, question)
                     for m in quoted)
    return first / len(asked), spans / len(asked)


def _overlaps(start: float | None, end: float | None, question: Question) -> bool:
    return start is not None and end is not None and start < question.end and end > question.start


def caption_set(encoder: Encoder | None, rows: list[tuple[str, Weights, bool]],
                summary: dict[tuple[str, str], str], cache: Path | None = None) -> None:
    """Print hit@1 and span@5 of each row, set and context; the first lexical and fused
    rows go in `summary`."""
    sets = {name: questions(file) for name, file in QUESTION_SETS.items()}
    with tempfile.TemporaryDirectory(prefix="studybot-captions-") as work:
        pack = Path(work) / "pack"
        imported = import_lectures(pack)
        course = load_pack(pack)
        index = build(course_passages(course))
        sizes = ", ".join(f"{len(asked)} {name}" for name, asked in sets.items())
        print(f"\nOur caption sets: {len(list(CAPTIONS.glob('*.vtt')))} lectures, {len(index)} passages, "
              f"questions: {sizes} (imported in {imported:.1f}s)")
        if encoder is not None:
            index = _encode_twice(index, encoder, pack, Path(cache or work) / "cache", summary)
        speakers = speaker_words(course)
        print(f"  {'ranker':<40} {'set':<6} {'context':<14} {'hit@1':>6} {'span@5':>7}")
        for name, weights, semantic in rows:
            if semantic and encoder is None:
                continue
            column = "fused" if semantic else "lexical"
            for set_name, asked in sets.items():
                for context in CONTEXTS:
                    hit, span = score(index, asked, speakers, weights, encoder if semantic else None,
                                      context, partial(window_turns, course))
                    print(f"  {name:<40} {set_name:<6} {context:<14} {hit:>6.3f} {span:>7.3f}")
                    row = f"captions {set_name}, {context}"
                    if (row, column) not in summary:
                        summary[row, column] = f"{hit:.3f} / {span:.3f}"


def _encode_twice(index: SearchIndex, encoder: Encoder, pack: Path, cache: Path,
                  summary: dict[tuple[str, str], str]) -> SearchIndex:
    """Encode the imported pack, import it all again, encode again: the second finds it all."""
    store = vector_store(cache, encoder)
    started = time.perf_counter()
    encoded = with_vectors(index, encoder, store)
    took = time.perf_counter() - started
    print(f"  encoding: {store.encoded} passages in {took:.1f}s, {store.encoded / took:.1f} passages/s")
    summary["encoding, our captions", ""] = f"{store.encoded / took:.1f} passages/s"
    import_lectures(pack)
    again = vector_store(cache, encoder)
    started = time.perf_counter()
    with_vectors(build(course_passages(load_pack(pack))), encoder, again)
    print(f"  re-import of every lecture: {again.encoded} passages encoded "
          f"({time.perf_counter() - started:.2f}s to find the stored vectors)")
    summary["re-import, passages encoded", ""] = str(again.encoded)
    return encoded
