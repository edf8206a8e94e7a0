"""Lookup for the chat: the index built once per process, off the event loop, then queried.

`start()` begins building (or loading from the disk cache) in a worker thread, so the
companion answers other commands at once; the first search waits for it if need be.
numpy, bm25s and the ranking code are imported in that thread too (about 150 ms that
start-up does not wait for).
"""

from __future__ import annotations

import asyncio
import logging
import re
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

from bot.course.models import Course
from bot.search.query import Query, parse_query

if TYPE_CHECKING:
    from bot.search.index import SearchIndex
    from bot.search.ranking import Encoder, Results

log = logging.getLogger(__name__)
TITLES = {"dr", "prof", "professor", "mr", "mrs", "ms"}
# A search on a built index takes a few milliseconds; past this it goes to a thread.
INLINE_SECONDS = 0.005
# The model is read on the first search, or this long after start-up if none comes, so
# reading 90 MB of weights never competes with the first replies.
SEMANTIC_DELAY = 10.0


class LookupService:
    """Builds the BM25 index first, so lookup answers within a second of start-up; with
    semantic search on, the sentence vectors follow in a second thread (minutes for a big
    pack, once, then cached) and searches use them as soon as they are ready."""

    def __init__(self, course: Course, pack: Path, *, cache: Path | None,
                 use_semantic: bool = False, model: SharedModel | None = None) -> None:
        self.course = course
        self.pack = pack
        self.cache = cache
        self.use_semantic = use_semantic or model is not None
        self.model = model or SharedModel()
        self.speakers = speaker_words(course)
        self._lexical: asyncio.Task[SearchIndex] | None = None
        self._semantic: asyncio.Task[tuple[SearchIndex, Encoder] | None] | None = None
        self._slow = False
        self._stopping = threading.Event()
        self._timer: asyncio.TimerHandle | None = None

    def start(self) -> None:
        """Begin building the index in a worker thread (the vectors follow on the first
        search or after SEMANTIC_DELAY); safe to call more than once."""
        if self._lexical is None:
            self._lexical = asyncio.create_task(asyncio.to_thread(self._build_lexical),
                                                name="lookup-index")
        if self.use_semantic and self._semantic is None and self._timer is None:
            self._timer = asyncio.get_running_loop().call_later(SEMANTIC_DELAY, self._start_semantic)

    def _start_semantic(self) -> None:
        if self.use_semantic and self._semantic is None and not self._stopping.is_set():
            self._semantic = asyncio.create_task(self._build_semantic(), name="lookup-vectors")

    async def ready(self) -> None:
        """Wait until the index, and with semantic lookup the vectors, are built."""
        self.start()
        self._start_semantic()
        await asyncio.gather(*(t for t in (self._lexical, self._semantic) if t is not None),
                             return_exceptions=True)

    async def stop(self) -> None:
        """Wait for the index; cut the encoding short (its progress is kept for next time)."""
        self._stopping.set()
        if self._timer is not None:
            self._timer.cancel()
        pending = [t for t in (self._lexical, self._semantic) if t is not None and not t.done()]
        await asyncio.gather(*pending, return_exceptions=True)

    async def index(self) -> tuple[SearchIndex, Encoder | None]:
        """The best index ready now: with vectors once they are built, else BM25 alone."""
        self.start()
        self._start_semantic()  # someone asks: time to read the model
        assert self._lexical is not None
        semantic_task = self._semantic
        if semantic_task is not None and semantic_task.done() and not semantic_task.exception():
            ready = semantic_task.result()
            if ready is not None:
                return ready
        try:
            return await self._lexical, None
        except Exception:
            self._lexical = None  # the next search tries again rather than failing for ever
            raise

    def parse(self, raw: str) -> Query:
        return parse_query(raw, speakers=self.speakers, week_count=self.course.week_count)

    async def search(self, query: Query, *, limit: int, offset: int = 0) -> Results:
        index, encoder = await self.index()
        from bot.search.ranking import search  # loaded by the build thread by now

        if self._slow or encoder is not None:
            return await asyncio.to_thread(search, index, query, limit=limit, offset=offset, encoder=encoder)
        started = time.perf_counter()
        results = search(index, query, limit=limit, offset=offset)
        # Should a big pack make searches slow, the next ones run off the event loop.
        self._slow = time.perf_counter() - started > INLINE_SECONDS
        return results

    def _build_lexical(self) -> SearchIndex:
        from bot.search import lexicon
        from bot.search.builder import load_or_build

        index = load_or_build(self.pack, self.cache, course=self.course)
        # Read the dictionary before the first typo needs it, without delaying the index
        # or the companion's exit (a daemon thread ends with the process).
        threading.Thread(target=lexicon.load, name="lookup-dictionary", daemon=True).start()
        return index

    async def _build_semantic(self) -> tuple[SearchIndex, Encoder] | None:
        """The lexical index with passage vectors: the model is read and new passages are
        encoded in a thread, while searches use the lexical index."""
        assert self._lexical is not None
        lexical = await self._lexical
        return await asyncio.to_thread(self._add_vectors, lexical)

    def _add_vectors(self, lexical: SearchIndex) -> tuple[SearchIndex, Encoder] | None:
        from bot.search.builder import vector_store, with_vectors

        # One course at a time: the encoder already keeps both cores busy.
        with self.model.lock:
            encoder = self.model.encoder()
            if encoder is None or self._stopping.is_set():
                return None
            try:
                index = with_vectors(lexical, encoder, vector_store(self.cache, encoder), self._progress)
            except EncodingStopped:
                return None
        return index, encoder

    def _progress(self, done: int, todo: int) -> None:
        if self._stopping.is_set():
            raise EncodingStopped(f"stopped after encoding {done} of {todo} passages")


class SharedModel:
    """The sentence encoder, loaded on first use (not at start-up) and shared by every
    course's lookup, so a folder of courses holds one copy of the weights."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self._loaded = False
        self._encoder: Encoder | None = None

    def encoder(self) -> Encoder | None:
        """The encoder; call with `lock` held."""
        if not self._loaded:
            from bot.search import semantic

            self._encoder = semantic.MiniLmEncoder.load()
            self._loaded = True
            if self._encoder is None:
                log.warning("semantic lookup is on, but the model is not installed; using BM25 only")
        return self._encoder


class EncodingStopped(Exception):
    """The companion is stopping: the rest of the passages are encoded next time."""


def speaker_words(course: Course) -> set[str]:
    """Words that name a speaker: ids, first names and surnames of the course's people."""
    names = {p.id for p in course.info.people} | {p.name for p in course.info.people}
    names |= {t.speaker for w in course.weeks for v in w.videos for t in v.transcript if t.speaker}
    words = {w for name in names for w in re.findall(r"[\w'-]+", name.casefold())}
    return words - TITLES
