"""The chat's lookup service: BM25 answers at once; sentence vectors join when ready."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from bot.course.models import Course, CourseInfo, Week
from bot.search import semantic
from bot.search.service import LookupService
from tests.packs import SMART_CITIES


def _streets_course() -> Course:
    week = Week(number=1, title="Streets", summary="Fewer cars in the centre make driving calmer.")
    return Course(info=CourseInfo(id="streets", title="Streets"), weeks=(week,))


class SlowFakeEncoder:
    """Knows that "automobile" means cars; waits until released, like a slow model."""

    model_id = "fake-cars"

    def __init__(self) -> None:
        self.released = threading.Event()

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        return np.array([[1.0, 0.0] if "car" in t or "automobile" in t else [0.0, 1.0] for t in texts],
                        dtype=np.float32)

    def load(self) -> SlowFakeEncoder:
        assert self.released.wait(timeout=10), "the test never released the encoder"
        return self


async def test_bm25_answers_before_the_vectors_are_ready_then_meaning_joins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    encoder = SlowFakeEncoder()
    monkeypatch.setattr(semantic.MiniLmEncoder, "load", encoder.load)
    lookup = LookupService(_streets_course(), SMART_CITIES, cache=None, use_semantic=True)
    lookup.start()
    try:
        assert (await lookup.search(lookup.parse("cars"), limit=3)).hits  # BM25, no waiting
        assert not (await lookup.search(lookup.parse("automobile"), limit=3)).hits
    finally:
        encoder.released.set()
    await lookup.ready()
    found = await lookup.search(lookup.parse("automobile"), limit=3)
    assert found.hits and "cars" in found.hits[0].passage.text


async def test_a_search_before_start_builds_the_index_and_waits_for_it(tmp_path: Path) -> None:
    lookup = LookupService(_streets_course(), SMART_CITIES, cache=tmp_path)
    assert (await lookup.search(lookup.parse("driving"), limit=3)).answered
    assert list(tmp_path.glob("lookup/*/index-*"))  # and keeps it for next time


class HeldEncoder:
    """Encodes a text at a time; the first call holds until the test lets it go."""

    model_id = "fake-held"

    def __init__(self) -> None:
        self.started = threading.Event()
        self.go_on = threading.Event()
        self.calls = 0

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        self.calls += 1
        self.started.set()
        assert self.go_on.wait(timeout=10), "the test never let the encoder go on"
        return np.ones((len(texts), 2), dtype=np.float32)

    def load(self) -> HeldEncoder:
        return self


async def test_stopping_cuts_encoding_short_and_keeps_what_was_encoded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import asyncio

    from bot.search import vectors

    encoder = HeldEncoder()
    monkeypatch.setattr(semantic.MiniLmEncoder, "load", encoder.load)
    monkeypatch.setattr(vectors, "CHUNK", 1)
    week = Week(number=1, title="Streets", summary="Fewer cars in the centre make driving calmer.",
                outcomes=("plan a car-free street", "count cyclists"))
    course = Course(info=CourseInfo(id="streets", title="Streets"), weeks=(week,))
    lookup = LookupService(course, SMART_CITIES, cache=tmp_path, use_semantic=True)
    await lookup.index()  # a first search sets the model reading
    assert await asyncio.to_thread(encoder.started.wait, 10)
    stopping = asyncio.create_task(lookup.stop())
    await asyncio.sleep(0)  # let stop() raise its flag before the encoder goes on
    encoder.go_on.set()
    await stopping
    assert encoder.calls == 1  # of two passages: the second was left for next time
    index, used = await lookup.index()
    assert used is None and index.embeddings is None
    assert len(vectors.VectorStore(tmp_path / "lookup" / "vectors", "fake-held").known) == 1


async def test_the_model_is_read_on_the_first_search_not_at_start_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    loads: list[str] = []
    encoder = HeldEncoder()
    encoder.go_on.set()
    monkeypatch.setattr(semantic.MiniLmEncoder, "load", lambda: loads.append("model") or encoder)
    idle = LookupService(_streets_course(), SMART_CITIES, cache=tmp_path, use_semantic=True)
    idle.start()
    await idle.index()  # the lexical index alone, as `help` and the first replies need
    await idle.stop()
    # index() is a search's first step, so it asked for the model; a service nobody
    # searched never reads it.
    assert loads == ["model"]
    unasked = LookupService(_streets_course(), SMART_CITIES, cache=tmp_path, use_semantic=True)
    unasked.start()
    await unasked.stop()
    assert loads == ["model"]
