"""Course notes: answering open questions, and serving the answer to the next learner."""

from __future__ import annotations

import asyncio
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

import numpy as np

from bot.lookup.misses import SearchMiss, SearchMissRepository
from bot.messages import Incoming, Part, TenantRef, UserRef
from bot.notes import replies as say
from bot.notes.closeness import Weights, asked, grouped
from bot.notes.index import Floats, NoteIndex
from bot.notes.replies import Figures, OpenQuestion
from bot.notes.store import CourseNote, NoteRepository
from bot.search.service import LookupService

if TYPE_CHECKING:  # the ranking code (and its numpy work) loads in the index thread
    from bot.search.ranking import Encoder

# The open questions `misses` groups and numbers: the latest this many.
OPEN_LISTED = 200
# Questions kept per note: the first asked and near-duplicates in other words.
QUESTIONS_KEPT = 5
WEEK = timedelta(days=7)
KEPT_VECTORS = 50_000
# With more noted questions than this lacking vectors (after a start-up), they are encoded
# in the background: 10,000 took 53 s here, too long for the learner asking meanwhile, who
# gets the lexical measure alone until they are ready.
ENCODED_WHILE_ASKING = 32


@dataclass(frozen=True)
class Measures:
    """How questions are compared: the course's stem weights and, with the model, vectors."""

    weight: Weights
    encode: Encoder | None  # the course's sentence encoder, when semantic lookup is on


class NotesService:
    def __init__(self, notes: NoteRepository, misses: SearchMissRepository, lookup: LookupService) -> None:
        self.notes = notes
        self.misses = misses
        self.lookup = lookup
        # Each workspace's index, the notes' revision it was built from, and whether it has
        # every vector it should (False while they are encoded in the background).
        self._indexes: dict[TenantRef, tuple[tuple[int, datetime | None, int], NoteIndex, bool]] = {}
        self._encoding: asyncio.Task[Floats | None] | None = None
        self._vectors: dict[str, Floats] = {}
        self._weights: tuple[int, Weights] | None = None

    # ---- open questions ---------------------------------------------------------
    async def open_questions(self, tenant: TenantRef) -> list[OpenQuestion]:
        """The open questions, near-duplicates together. Numbers count the groups of the
        latest questions, open or not, oldest first: answering number 1 leaves number 2
        where the facilitator saw it, and a question asked meanwhile comes last."""
        found = list(reversed(await self.misses.recent(tenant, limit=OPEN_LISTED)))
        measures = await self._measures()
        texts = [m.query for m in found]
        vectors = await self._encoded(texts, measures)
        compared = asked(texts, vectors.tolist() if vectors is not None else None)
        numbered = enumerate(grouped(compared, measures.weight), start=1)
        groups = ((n, [found[i] for i in group if found[i].closed_at is None]) for n, group in numbered)
        return [OpenQuestion(n, tuple(still)) for n, still in groups if still]

    async def figures(self, tenant: TenantRef, now: datetime, still_open: int) -> Figures:
        """`still_open`: the open questions as listed (near-duplicates counted once)."""
        waits = await self.misses.answer_waits(tenant, now - 4 * WEEK)
        median = timedelta(seconds=statistics.median(w.total_seconds() for w in waits)) if waits else None
        served = await self.notes.serves_since(tenant, now - WEEK)
        return Figures(served, still_open, median)

    async def answer(self, author: UserRef, asked_: Sequence[SearchMiss], text: str, week: int | None,
                     now: datetime) -> CourseNote | None:
        """A note answering `asked_`, which are closed with it; None when another facilitator
        answered or dismissed them all meanwhile (then no note is kept)."""
        questions = tuple(dict.fromkeys(" ".join(m.query.split()) for m in asked_))[:QUESTIONS_KEPT]
        note = await self.notes.add(author, text, questions, week, now)
        if not await self.misses.close(author.tenant, [m.id for m in asked_], now, note.id):
            await self.notes.remove(author.tenant, note.number)
            return None
        return note

    async def dismiss(self, tenant: TenantRef, asked_: Sequence[SearchMiss], now: datetime) -> int:
        return await self.misses.close(tenant, [m.id for m in asked_], now)

    # ---- serving ----------------------------------------------------------------
    async def answering(self, message: Incoming, question: str, now: datetime) -> Sequence[Part]:
        """The NotedAnswers port of lookup: a note close to `question`, labelled, or nothing."""
        found = await self.closest(message.user.tenant, question)
        if found is None:
            return ()
        await self.notes.served(message.user.tenant, found, now)
        return say.noted(found)

    async def closest(self, tenant: TenantRef, question: str) -> CourseNote | None:
        index, measures = await self._index(tenant)
        if not index.questions:
            return None
        vector = None
        if index.vectors is not None:
            encoded = await self._encoded([question], measures)
            vector = encoded[0] if encoded is not None else None
        match = index.best(question, vector)
        return match.note if match is not None else None

    async def _index(self, tenant: TenantRef) -> tuple[NoteIndex, Measures]:
        measures = await self._measures()
        revision = await self.notes.revision(tenant)
        kept = self._indexes.get(tenant)
        encoding = self._encoding is not None and not self._encoding.done()
        if kept is not None and kept[0] == revision and (kept[2] or encoding):
            return kept[1], measures
        index = NoteIndex.build(await self.notes.all(tenant), measures.weight)
        complete = measures.encode is None
        if not complete:
            texts = index.texts()
            missing = [t for t in dict.fromkeys(texts) if t not in self._vectors]
            if len(missing) <= ENCODED_WHILE_ASKING:
                index.vectors, complete = await self._encoded(texts, measures), True
            elif not encoding:
                self._encoding = asyncio.create_task(self._encoded(missing, measures), name="note-vectors")
        self._indexes[tenant] = (revision, index, complete)
        return index, measures

    async def _measures(self) -> Measures:
        course_index, encoder = await self.lookup.index()
        if self._weights is None or self._weights[0] != id(course_index):
            idf, vocab = course_index.idf, course_index.vocab
            rarest = float(idf.max()) if len(idf) else 1.0

            def weight(stem: str) -> float:
                term = vocab.get(stem)
                return float(idf[term]) if term is not None else rarest
            self._weights = (id(course_index), weight)
        return Measures(self._weights[1], encoder)

    async def _encoded(self, texts: Sequence[str], measures: Measures) -> Floats | None:
        """Unit vectors of `texts` (those seen before from memory), or None without the model."""
        encode = measures.encode
        if encode is None or not texts:
            return None
        known = {t: self._vectors[t] for t in texts if t in self._vectors}
        missing = [t for t in dict.fromkeys(texts) if t not in known]
        if missing:
            known.update(zip(missing, await asyncio.to_thread(encode, missing), strict=True))
            if len(self._vectors) + len(missing) > KEPT_VECTORS:
                self._vectors.clear()
            self._vectors.update((t, known[t]) for t in missing)
        return np.stack([known[t] for t in texts]).astype(np.float32)
