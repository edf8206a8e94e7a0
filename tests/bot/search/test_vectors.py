"""Passage vectors are kept by content per model: only new text is encoded."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from bot.search import vectors
from bot.search.index import FloatArray
from bot.search.vectors import VectorStore


class CountingEncoder:
    """A stand-in model: a text's vector is its length and its vowel count, scaled."""

    def __init__(self, model_id: str = "counting-1", scale: float = 1.0) -> None:
        self.model_id = model_id
        self.scale = scale
        self.seen: list[str] = []

    def __call__(self, texts: Sequence[str]) -> FloatArray:
        self.seen += texts
        return np.array([[len(t) * self.scale, sum(c in "aeiou" for c in t)] for t in texts],
                        dtype=np.float32)


def test_a_second_run_finds_every_vector_and_encodes_nothing(tmp_path: Path) -> None:
    texts = ["rivers carry sediment", "levees move the risk", "wetlands slow floods"]
    first = CountingEncoder()
    vectors = VectorStore(tmp_path, first.model_id).vectors(texts, first)
    again = CountingEncoder()
    store = VectorStore(tmp_path, again.model_id)
    assert np.array_equal(store.vectors(texts, again), vectors)
    assert again.seen == [] and store.encoded == 0


def test_only_new_or_changed_text_is_encoded(tmp_path: Path) -> None:
    encoder = CountingEncoder()
    VectorStore(tmp_path, encoder.model_id).vectors(["one lecture", "two lecture"], encoder)
    encoder.seen.clear()
    store = VectorStore(tmp_path, encoder.model_id)
    found = store.vectors(["one lecture", "two lectures", "three", "three"], encoder)
    assert sorted(encoder.seen) == ["three", "two lectures"]  # a repeated text once
    assert store.encoded == 2
    assert found[0].tolist() == [11.0, 5.0] and found[1].tolist() == [12.0, 4.0]


def test_another_model_does_not_reuse_the_first_models_vectors(tmp_path: Path) -> None:
    VectorStore(tmp_path, "counting-1").vectors(["a passage"], CountingEncoder("counting-1"))
    other = CountingEncoder("counting-2", scale=10.0)
    found = VectorStore(tmp_path, other.model_id).vectors(["a passage"], other)
    assert other.seen == ["a passage"] and found[0][0] == 90.0


def test_a_damaged_store_is_ignored_and_written_again(tmp_path: Path) -> None:
    encoder = CountingEncoder()
    store = VectorStore(tmp_path, encoder.model_id)
    store.vectors(["a passage"], encoder)
    assert store.file is not None
    store.file.write_bytes(b"not a zip file")
    encoder.seen.clear()
    assert VectorStore(tmp_path, encoder.model_id).vectors(["a passage"], encoder)[0][0] == 9.0
    assert encoder.seen == ["a passage"]
    assert VectorStore(tmp_path, encoder.model_id).known  # saved again, readable


def test_two_writers_keep_each_others_vectors(tmp_path: Path) -> None:
    encoder = CountingEncoder()
    chat, importer = VectorStore(tmp_path, encoder.model_id), VectorStore(tmp_path, encoder.model_id)
    importer.vectors(["imported lecture"], encoder)
    chat.vectors(["week page"], encoder)
    encoder.seen.clear()
    VectorStore(tmp_path, encoder.model_id).vectors(["imported lecture", "week page"], encoder)
    assert encoder.seen == []


def test_saving_while_encoding_writes_each_vector_about_twice_not_once_per_save(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Every save rewriting the whole store made encoding a big course quadratic in disk
    # writes; each save now writes only what is new, and the end folds the parts in once.
    monkeypatch.setattr(vectors, "CHUNK", 2)
    monkeypatch.setattr(vectors, "SAVE_EVERY_SECONDS", -1.0)  # a save after every chunk
    written: list[int] = []
    real_savez = np.savez

    def counting_savez(out: Any, **arrays: Any) -> None:
        written.append(len(arrays["keys"]))
        real_savez(out, **arrays)

    monkeypatch.setattr(np, "savez", counting_savez)
    encoder = CountingEncoder()
    texts = [f"passage number {i}" for i in range(20)]
    store = VectorStore(tmp_path, encoder.model_id)
    store.vectors(texts, encoder)
    assert written == [2] * 10 + [20]  # ten parts of two, then the store once
    assert store.file is not None and [f.name for f in tmp_path.iterdir()] == [store.file.name]
    again = CountingEncoder()
    assert np.array_equal(VectorStore(tmp_path, again.model_id).vectors(texts, again),
                          store.vectors(texts, encoder))
    assert again.seen == []


def test_parts_left_by_a_stopped_run_are_read_and_folded_in(tmp_path: Path) -> None:
    encoder = CountingEncoder()
    stopped = VectorStore(tmp_path, encoder.model_id)
    stopped.known[vectors.text_key("early lecture")] = np.array([1.0, 2.0], dtype=np.float32)
    stopped._unsaved = dict(stopped.known)
    stopped.save()  # a part, as a run saves while it encodes; then the run was killed
    store = VectorStore(tmp_path, encoder.model_id)
    assert store.vectors(["early lecture"], encoder)[0].tolist() == [1.0, 2.0]
    store.vectors(["later lecture"], encoder)
    assert encoder.seen == ["later lecture"]
    assert store.file is not None and [f.name for f in tmp_path.iterdir()] == [store.file.name]
