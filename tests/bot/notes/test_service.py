"""Serving notes with the sentence model: rephrasings found by meaning, and a cold start
that never keeps a learner waiting for thousands of questions to be encoded."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any

import numpy as np

from bot.lookup.misses import SearchMissRepository
from bot.messages import UserRef
from bot.notes import service as notes_service
from bot.notes.service import NotesService
from bot.notes.store import NoteRepository
from bot.store.db import Database
from tests.people import OTHER_TENANT, TENANT

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
# Words that mean the same, as a sentence model would see them: one direction each.
MEANINGS = {"subtitles": 0, "captions": 0, "transcript": 0, "deadline": 1, "due": 1, "falcons": 2,
            "falconry": 2}


class FakeEncoder:
    """Unit vectors from word meanings; counts the texts it was asked to encode."""

    model_id = "fake"

    def __init__(self) -> None:
        self.encoded = 0

    def __call__(self, texts: Sequence[str]) -> Any:
        self.encoded += len(texts)
        rows = np.zeros((len(texts), 8), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in text.lower().strip("?").split():
                rows[row, MEANINGS.get(word, 3 + sum(map(ord, word)) % 5)] += 1
        return rows / np.linalg.norm(rows, axis=1, keepdims=True)


class FakeLookup:
    def __init__(self, encoder: FakeEncoder | None) -> None:
        self.encoder = encoder

    async def index(self) -> tuple[Any, Any]:
        return SimpleNamespace(idf=np.ones(1, dtype=np.float32), vocab={}), self.encoder


def service(db: Database, encoder: FakeEncoder | None) -> NotesService:
    return NotesService(NoteRepository(db, "smart-cities"), SearchMissRepository(db, "smart-cities"),
                        FakeLookup(encoder))  # type: ignore[arg-type]


async def add(db: Database, question: str, answer: str, tenant: Any = TENANT) -> None:
    fay = UserRef(tenant, "fay", "Fay")
    await NoteRepository(db, "smart-cities").add(fay, answer, (question,), None, NOW)


async def test_a_rephrasing_sharing_no_word_is_found_by_meaning(db: Database) -> None:
    await add(db, "are there subtitles on the videos", "Yes, turn on CC.")
    notes = service(db, FakeEncoder())
    found = await notes.closest(TENANT, "do the videos have captions?")
    assert found is not None and found.answer == "Yes, turn on CC."
    assert await notes.closest(TENANT, "when is the project deadline?") is None
    assert await notes.closest(OTHER_TENANT, "do the videos have captions?") is None
    assert await service(db, None).closest(TENANT, "do the videos have captions?") is None  # lexical only


async def test_many_notes_without_vectors_are_encoded_in_the_background(db: Database) -> None:
    for n in range(notes_service.ENCODED_WHILE_ASKING + 8):
        await add(db, f"question number {n} about tramlines", f"answer {n}")
    await add(db, "are there subtitles on the videos", "Yes, turn on CC.")
    encoder = FakeEncoder()
    notes = service(db, encoder)
    assert await notes.closest(TENANT, "do the videos have captions?") is None  # not encoded yet: lexical
    assert await notes.closest(TENANT, "subtitles on the videos?") is not None  # lexical still serves
    assert notes._encoding is not None
    await notes._encoding
    found = await notes.closest(TENANT, "do the videos have captions?")
    assert found is not None and found.answer == "Yes, turn on CC."
    before = encoder.encoded
    await add(db, "when is the deadline", "Friday.")
    assert (await notes.closest(TENANT, "when is it due")) is not None
    assert encoder.encoded - before <= 2  # the new question and the asked one, not every note again
