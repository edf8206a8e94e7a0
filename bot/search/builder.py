"""Build the lookup index for a pack, or load it from the cache when the pack is unchanged."""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Sequence
from pathlib import Path

from bot.course.loader import load_pack
from bot.course.models import Course
from bot.search.cache import load_index, pack_fingerprint, prune, save_index
from bot.search.index import SearchIndex, build_index
from bot.search.passages import Passage, course_passages
from bot.search.ranking import Encoder

log = logging.getLogger(__name__)


def embedding_text(passage: Passage) -> str:
    # Title and text together, as BEIR's own runs of sentence encoders do.
    return f"{passage.source} {passage.text}"


def build(passages: Sequence[Passage], encoder: Encoder | None = None) -> SearchIndex:
    index = build_index(passages)
    if encoder is not None:
        index.embeddings = encoder([embedding_text(p) for p in passages])
    return index


def load_or_build(pack: Path, cache: Path | None, *, course: Course | None = None,
                  encoder: Encoder | None = None) -> SearchIndex:
    """The pack's index: from `cache` if the pack's files are unchanged, else built and saved.

    `course` saves loading the pack again when the caller already has it.
    """
    started = time.perf_counter()
    folder = None
    if cache is not None:
        fingerprint = pack_fingerprint(pack, "semantic" if encoder is not None else "lexical")
        folder = cache / "lookup" / _pack_key(pack) / f"index-{fingerprint}"
        cached = load_index(folder)
        if cached is not None:
            log.info("lookup index loaded from %s in %.2fs", folder, time.perf_counter() - started)
            return cached
    index = build(course_passages(course or load_pack(pack)), encoder)
    log.info("lookup index built (%d passages) in %.2fs", len(index), time.perf_counter() - started)
    if folder is not None:
        save_index(index, folder)
        prune(folder.parent, keep=folder.name)
    return index


def _pack_key(pack: Path) -> str:
    """One cache folder per pack location, so two packs do not evict each other."""
    return hashlib.sha256(str(Path(pack).resolve()).encode()).hexdigest()[:12]
