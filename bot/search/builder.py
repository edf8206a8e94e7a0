"""Build the lookup index for a pack, or load it from the cache when the pack is unchanged."""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from bot.course.loader import load_pack
from bot.course.models import Course
from bot.search.cache import load_index, pack_fingerprint, prune, save_index
from bot.search.index import SearchIndex, build_index
from bot.search.passages import Passage, course_passages
from bot.search.ranking import Encoder
from bot.search.vectors import VectorStore

log = logging.getLogger(__name__)


def embedding_text(passage: Passage) -> str:
    # Title and text together, as BEIR's own runs of sentence encoders do.
    return f"{passage.source} {passage.text}"


def build(passages: Sequence[Passage], encoder: Encoder | None = None) -> SearchIndex:
    index = build_index(passages)
    if encoder is not None:
        index.embeddings = encoder([embedding_text(p) for p in passages])
    return index


def vector_store(cache: Path | None, encoder: Encoder) -> VectorStore:
    """The store of `encoder`'s vectors: shared by every pack, so a passage two courses
    have in common, or that a re-import keeps, is encoded once."""
    return VectorStore(cache / "lookup" / "vectors" if cache is not None else None, encoder.model_id)


def with_vectors(index: SearchIndex, encoder: Encoder, store: VectorStore,
                 progress: Callable[[int, int], None] | None = None) -> SearchIndex:
    """A copy of `index` with a vector per passage, encoding only those `store` lacks."""
    started = time.perf_counter()
    before = store.encoded
    vectors = store.vectors([embedding_text(p) for p in index.passages], encoder, progress)
    encoded = store.encoded - before
    if encoded:
        took = time.perf_counter() - started
        log.info("encoded %d new passages of %d in %.1fs (%.1f a second)", encoded, len(index),
                 took, encoded / max(took, 1e-9))
    return dataclasses.replace(index, embeddings=vectors)


def load_or_build(pack: Path, cache: Path | None, *, course: Course | None = None) -> SearchIndex:
    """The pack's lexical index: from `cache` if the pack's files are unchanged, else built
    and saved. `course` saves loading the pack again when the caller already has it.
    """
    started = time.perf_counter()
    folder = None
    if cache is not None:
        fingerprint = pack_fingerprint(pack)
        folder = cache / "lookup" / _pack_key(pack) / f"index-{fingerprint}"
        cached = load_index(folder)
        if cached is not None:
            log.info("lookup index loaded from %s in %.2fs", folder, time.perf_counter() - started)
            return cached
    index = build(course_passages(course or load_pack(pack)))
    log.info("lookup index built (%d passages) in %.2fs", len(index), time.perf_counter() - started)
    if folder is not None:
        save_index(index, folder)
        prune(folder.parent, keep=folder.name)
    return index


def _pack_key(pack: Path) -> str:
    """One cache folder per pack location, so two packs do not evict each other."""
    return hashlib.sha256(str(Path(pack).resolve()).encode()).hexdigest()[:12]
