"""Searches for scripts and evaluation: `studybot search "QUERY"` or one query per stdin line.

Each hit is a JSON object with week, source, kind, speaker, start, end (the window
ranked: seconds or null), text, score, and the moment chat would quote from it: moment
(its sentences), moment_start and moment_end. Filters in the query text (`week:5`,
`speaker:lorraine`) work as in chat; `--week` adds one; `--near-week` lifts a week as
the asker's week does in chat, and `--watching VIDEO` the video they are watching.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any, TextIO

from bot.course.loader import load_pack
from bot.course.models import Course, TranscriptTurn
from bot.messages import clock_time as clock
from bot.search import semantic
from bot.search.builder import load_or_build, vector_store, with_vectors
from bot.search.index import SearchIndex
from bot.search.moments import Turns, moments
from bot.search.passages import Kind, Passage, window_turns
from bot.search.query import Query, QueryError, parse_query
from bot.search.ranking import Encoder, Hit, search
from bot.search.service import TITLES
from bot.search.settings import LookupSettings


class Searcher:
    """An index and what is needed to query it, for one process."""

    encoded = 0  # passages this process had to encode (the rest were stored already)

    def __init__(self, pack: Path, settings: LookupSettings | None = None) -> None:
        settings = settings or LookupSettings()
        self.encoder: Encoder | None = semantic.MiniLmEncoder.load() if settings.use_semantic else None
        self.index: SearchIndex = load_or_build(pack, settings.cache)
        if self.encoder is not None:
            # Only passages not met before are encoded: an import re-encodes its new videos.
            store = vector_store(settings.cache, self.encoder)
            self.index = with_vectors(self.index, self.encoder, store)
            self.encoded = store.encoded
        self.pack = pack
        self._course: Course | None = None
        self.speakers = _speaker_words(self.index)
        weeks = [p.week for p in self.index.passages if p.week is not None]
        self.week_count = max(weeks, default=None)

    def query(self, text: str, week: int | None = None, near_week: int | None = None,
              watching: str | None = None) -> Query:
        query = replace(parse_query(text, speakers=self.speakers, week_count=self.week_count),
                        near_week=near_week, near_video=self.video(watching) if watching else None)
        return replace(query, week=week) if week is not None else query

    def turns(self, passage: Passage) -> list[TranscriptTurn]:
        """The captions of a timed window, for its moments' exact seconds (the pack is read
        on the first call only)."""
        if self._course is None:
            self._course = load_pack(self.pack)
        return window_turns(self._course, passage)

    def video(self, name: str) -> str:
        """The group of the video titled `name` (or whose title holds it, case aside)."""
        videos = {p.source: p.group for p in self.index.passages if p.kind == Kind.TRANSCRIPT}
        wanted = name.casefold().strip()
        exact = [g for title, g in videos.items() if title.casefold() == wanted]
        close = exact or [g for title, g in videos.items() if wanted in title.casefold()]
        if len(close) != 1:
            raise QueryError(f"No single video is titled {name!r}" if not close else
                             f"{len(close)} videos have {name!r} in their titles; give more of one")
        return close[0]

    def hits(self, text: str, *, top: int, week: int | None = None, near_week: int | None = None,
             watching: str | None = None) -> list[Hit]:
        query = self.query(text, week, near_week, watching)
        if not query.text.strip() and not query.has_filters:
            return []
        return list(search(self.index, query, limit=top, encoder=self.encoder).hits)


def hit_json(hit: Hit, question: str = "", turns: Turns | None = None) -> dict[str, Any]:
    """The hit's window, and the moment chat would quote from it for `question` (its
    seconds from the captions' own with `turns`)."""
    passage = hit.passage
    quoted = moments([(passage, hit.score)], question, wanted=1, turns=turns)[0]
    return {"week": passage.week, "source": passage.source, "kind": str(passage.kind),
            "speaker": passage.speaker, "start": passage.start, "end": passage.end,
            "text": passage.text, "score": round(hit.score, 4), "moment": quoted.text,
            "moment_start": _seconds(quoted.start), "moment_end": _seconds(quoted.end)}


def _seconds(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def json_lines(searcher: Searcher, lines: Iterable[str], *, top: int, week: int | None,
               near_week: int | None = None, watching: str | None = None) -> Iterator[str]:
    """One JSON array per input line; an empty line gives an empty array, so lines stay aligned."""
    for line in lines:
        text = line.strip()
        try:
            hits = searcher.hits(text, top=top, week=week, near_week=near_week,
                                 watching=watching) if text else []
        except QueryError:
            hits = []  # a bad filter on one line must not stop the rest
        yield json.dumps([hit_json(h, text, searcher.turns) for h in hits], ensure_ascii=False)


def print_hits(hits: list[Hit], out: TextIO) -> None:
    if not hits:
        print("No passage in the course matches that.", file=out)
    for rank, hit in enumerate(hits, start=1):
        passage = hit.passage
        where = [f"week {passage.week}"] if passage.week is not None else []
        where += [passage.source, *([passage.speaker] if passage.speaker else [])]
        if passage.start is not None:
            end = f"-{clock(passage.end)}" if passage.end is not None else ""
            where.append(f"{clock(passage.start)}{end}")
        print(f"{rank}. {' · '.join(where)}  [{passage.kind}, score {hit.score:.2f}]", file=out)
        print(f"   {passage.text}", file=out)


def _speaker_words(index: SearchIndex) -> set[str]:
    names = {p.speaker for p in index.passages if p.speaker}
    return {w for name in names for w in name.casefold().replace(",", " ").split()} - TITLES
