"""Lookup for the chat: the index built once per process, off the event loop, then queried.

`start()` begins building (or loading from the disk cache) in a worker thread, so the
companion answers other commands at once; the first search waits for it if need be.
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
from pathlib import Path

from bot.course.models import Course
from bot.search import semantic
from bot.search.builder import load_or_build
from bot.search.index import SearchIndex
from bot.search.query import Query, parse_query
from bot.search.ranking import Encoder, Results, search

log = logging.getLogger(__name__)
TITLES = {"dr", "prof", "professor", "mr", "mrs", "ms"}
# A search on a built index takes a few milliseconds; past this it goes to a thread.
INLINE_SECONDS = 0.005


class LookupService:
    def __init__(self, course: Course, pack: Path, *, cache: Path | None,
                 use_semantic: bool = False) -> None:
        self.course = course
        self.pack = pack
        self.cache = cache
        self.use_semantic = use_semantic
        self.speakers = speaker_words(course)
        self._task: asyncio.Task[tuple[SearchIndex, Encoder | None]] | None = None
        self._slow = use_semantic

    def start(self) -> None:
        """Begin building the index in a thread; safe to call more than once."""
        if self._task is None:
            self._task = asyncio.create_task(asyncio.to_thread(self._build), name="lookup-index")

    async def stop(self) -> None:
        if self._task is not None and not self._task.done():
            await asyncio.gather(self._task, return_exceptions=True)

    async def index(self) -> tuple[SearchIndex, Encoder | None]:
        self.start()
        assert self._task is not None
        try:
            return await self._task
        except Exception:
            self._task = None  # the next search tries again rather than failing for ever
            raise

    def parse(self, raw: str) -> Query:
        return parse_query(raw, speakers=self.speakers, week_count=self.course.week_count)

    async def search(self, query: Query, *, limit: int, offset: int = 0) -> Results:
        index, encoder = await self.index()
        if self._slow:
            return await asyncio.to_thread(search, index, query, limit=limit, offset=offset, encoder=encoder)
        started = time.perf_counter()
        results = search(index, query, limit=limit, offset=offset, encoder=encoder)
        # Should a big pack make searches slow, the next ones run off the event loop.
        self._slow = time.perf_counter() - started > INLINE_SECONDS
        return results

    def _build(self) -> tuple[SearchIndex, Encoder | None]:
        encoder = semantic.MiniLmEncoder.load() if self.use_semantic else None
        if self.use_semantic and encoder is None:
            log.warning("semantic lookup is on, but the model is not installed; using BM25 only")
        return load_or_build(self.pack, self.cache, course=self.course, encoder=encoder), encoder


def speaker_words(course: Course) -> set[str]:
    """Words that name a speaker: ids, first names and surnames of the course's people."""
    names = {p.id for p in course.info.people} | {p.name for p in course.info.people}
    names |= {t.speaker for w in course.weeks for v in w.videos for t in v.transcript if t.speaker}
    words = {w for name in names for w in re.findall(r"[\w'-]+", name.casefold())}
    return words - TITLES
