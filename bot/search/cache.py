"""Keep a built index on disk, keyed by a hash of the pack's files, so start-up stays fast.

Passage vectors are not part of it: they are kept by content (bot.search.vectors), so
an edit to one week does not throw away the vectors of the others.

A cache entry is a folder of JSON and .npy files (no pickles), written under a temporary
name and renamed into place, so a reader never sees half an entry. Any entry that does
not read back cleanly is ignored and rebuilt.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import shutil
import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import Any

import bm25s  # type: ignore[import-untyped]
import numpy as np

from bot.search.index import Bm25Scores, SearchIndex
from bot.search.passages import Kind, Passage

log = logging.getLogger(__name__)

# Bump when the analysis, the passages or the file layout change.
FORMAT = "lookup-6"
ARRAYS = ("idf", "tokens", "offsets", "group_of")


def pack_fingerprint(pack: Path, *extra: str) -> str:
    """A hash of every file in the pack (names and bytes), of `extra` settings and of this
    package's code, so a new release that cuts or analyses text differently rebuilds."""
    digest = hashlib.sha256(FORMAT.encode())
    for source in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(source.read_bytes())
    for part in extra:
        digest.update(b"\0" + part.encode())
    for file in sorted(p for p in Path(pack).rglob("*") if p.is_file() and not _hidden(p, pack)):
        digest.update(b"\0" + file.relative_to(pack).as_posix().encode() + b"\0")
        digest.update(file.read_bytes())
    return digest.hexdigest()[:24]


def _hidden(file: Path, pack: Path) -> bool:
    return any(part.startswith(".") for part in file.relative_to(pack).parts)


def load_index(folder: Path) -> SearchIndex | None:
    """The index saved in `folder`, or None when there is none or it is unreadable."""
    if not (folder / "meta.json").is_file():
        return None
    try:
        return _read(folder)
    except (OSError, ValueError, KeyError, TypeError) as error:
        log.warning("ignoring unreadable lookup cache %s: %s", folder, error)
        return None


def save_index(index: SearchIndex, folder: Path) -> None:
    """Write `index` to `folder` atomically; a failure only costs a rebuild next time."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    temp = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}."))
    try:
        _write(index, temp)
        if folder.exists():
            shutil.rmtree(folder, ignore_errors=True)
        os.replace(temp, folder)
    except OSError as error:
        log.warning("could not cache the lookup index in %s: %s", folder, error)
    finally:
        with contextlib.suppress(OSError):
            shutil.rmtree(temp)


def prune(cache: Path, keep: str) -> None:
    """Remove older entries next to `keep`, so the cache does not grow with every edit."""
    if not cache.is_dir():
        return
    for entry in cache.glob("index-*"):
        if entry.name != keep and entry.is_dir():
            shutil.rmtree(entry, ignore_errors=True)


def _write(index: SearchIndex, folder: Path) -> None:
    passages = [asdict(p) for p in index.passages]
    (folder / "passages.json").write_text(json.dumps(passages), encoding="utf-8")
    terms = {"stems": list(index.vocab), "words": index.words, "word_terms": index.word_terms}
    (folder / "terms.json").write_text(json.dumps(terms), encoding="utf-8")
    for name in ARRAYS:
        np.save(folder / f"{name}.npy", getattr(index, name), allow_pickle=False)
    index.passage_bm25.model.save(str(folder / "bm25-passages"), show_progress=False)
    index.group_bm25.model.save(str(folder / "bm25-groups"), show_progress=False)
    (folder / "meta.json").write_text(json.dumps({"format": FORMAT, "passages": len(passages)}),
                                      encoding="utf-8")


def _read(folder: Path) -> SearchIndex:
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    if meta.get("format") != FORMAT:
        raise ValueError(f"cache format {meta.get('format')!r} is not {FORMAT!r}")
    passages = [_passage(item) for item in json.loads((folder / "passages.json").read_text("utf-8"))]
    terms = json.loads((folder / "terms.json").read_text(encoding="utf-8"))
    arrays = {name: np.load(folder / f"{name}.npy", allow_pickle=False) for name in ARRAYS}
    if len(passages) != meta["passages"] or len(arrays["offsets"]) != len(passages) + 1:
        raise ValueError("passages and arrays disagree")
    return SearchIndex(
        passages=passages, vocab={s: i for i, s in enumerate(terms["stems"])}, words=terms["words"],
        word_terms=terms["word_terms"],
        passage_bm25=_bm25(folder / "bm25-passages"), group_bm25=_bm25(folder / "bm25-groups"),
        **arrays)


def _bm25(folder: Path) -> Bm25Scores:
    return Bm25Scores(bm25s.BM25.load(str(folder), show_progress=False, verbosity=0))


def _passage(item: dict[str, Any]) -> Passage:
    return Passage(**{**item, "kind": Kind(item["kind"])})
