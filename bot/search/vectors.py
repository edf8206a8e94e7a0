"""Passage vectors kept on disk by a hash of the text encoded, one store per model.

Encoding is the slow part of semantic lookup (tens of passages a second on a laptop
CPU), and most of a course does not change between an import and the next: a store
keyed by content means a re-import, a restart or a second course that shares passages
encodes only what is new. A store is one .npz file (no pickles), replaced atomically.
Progress is saved as it goes, so stopping half way loses little: each save writes only
the vectors encoded since the last one, as a part file beside the store, and the parts are
folded into the store once encoding ends. Saving a course is so linear in its size; had
each save rewritten the whole store, a 1,000-hour course would write some 50 GB.
"""

from __future__ import annotations

import contextlib
import glob
import hashlib
import logging
import os
import re
import tempfile
import time
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from bot.search.index import FloatArray
from bot.search.ranking import Encoder

log = logging.getLogger(__name__)
KEY_BYTES = 16
# Texts handed to the encoder at a time (sorted by length first, so each of its batches
# holds texts of about one length): small, so that a stop request waits a few seconds at most.
CHUNK = 64
SAVE_EVERY_SECONDS = 30.0


def text_key(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=KEY_BYTES).digest()


class VectorStore:
    """Vectors by text hash for one model, in `folder` (None: in memory only)."""

    def __init__(self, folder: Path | None, model_id: str) -> None:
        safe = re.sub(r"[^A-Za-z0-9._-]+", "-", model_id)
        self.file = folder / f"{safe}.npz" if folder is not None else None
        self.known: dict[bytes, FloatArray] = {}
        self._unsaved: dict[bytes, FloatArray] = {}
        self.encoded = 0  # texts this store encoded (rather than found) since it was opened
        self._read()

    def vectors(self, texts: Sequence[str], encoder: Encoder,
                progress: Callable[[int, int], None] | None = None) -> FloatArray:
        """One vector per text: found in the store, or encoded now and added to it.

        `progress(done, todo)` is called after each chunk; it may raise to stop early
        (what was encoded by then is saved).
        """
        keys = [text_key(t) for t in texts]
        missing = sorted({k: t for k, t in zip(keys, texts, strict=True) if k not in self.known}.items(),
                         key=lambda pair: len(pair[1]))
        if missing:
            self._encode(missing, encoder, progress)
        if not keys:
            return np.zeros((0, 0), dtype=np.float32)
        return np.stack([self.known[k] for k in keys]).astype(np.float32, copy=False)

    def _encode(self, missing: list[tuple[bytes, str]], encoder: Encoder,
                progress: Callable[[int, int], None] | None) -> None:
        saved = time.monotonic()
        try:
            for start in range(0, len(missing), CHUNK):
                chunk = missing[start:start + CHUNK]
                found = encoder([text for _, text in chunk])
                added = {key: found[i] for i, (key, _) in enumerate(chunk)}
                self.known.update(added)
                self._unsaved.update(added)
                self.encoded += len(chunk)
                if progress is not None:
                    progress(min(start + CHUNK, len(missing)), len(missing))
                if time.monotonic() - saved > SAVE_EVERY_SECONDS:
                    self.save()
                    saved = time.monotonic()
        finally:
            self.save()
            self.compact()

    def save(self) -> None:
        """Write the vectors added since the last save as a part file; a failure only costs
        encoding them again next time."""
        if self.file is None or not self._unsaved:
            return
        if _write(self.file.with_name(f"{self.file.stem}.part-{uuid.uuid4().hex}.npz"), self._unsaved):
            self._unsaved = {}

    def compact(self) -> None:
        """Fold every part file into the store, keeping what other processes saved too."""
        if self.file is None:
            return
        parts = self._parts()
        if not parts:
            return
        # Another process (an import beside the chat) may have added vectors since.
        self.known = {**self._stored(), **self.known}
        if _write(self.file, self.known):
            for part in parts:
                with contextlib.suppress(OSError):
                    part.unlink()

    def _read(self) -> None:
        self.known = self._stored()

    def _parts(self) -> list[Path]:
        assert self.file is not None
        return sorted(self.file.parent.glob(f"{glob.escape(self.file.stem)}.part-*.npz"))

    def _stored(self) -> dict[bytes, FloatArray]:
        if self.file is None:
            return {}
        found: dict[bytes, FloatArray] = {}
        for file in [self.file, *self._parts()]:
            found.update(_load(file))
        return found


def _write(file: Path, vectors: dict[bytes, FloatArray]) -> bool:
    """Write `vectors` to `file` atomically; False (and a warning) when that fails."""
    keys = np.frombuffer(b"".join(vectors), dtype=np.uint8).reshape(-1, KEY_BYTES)
    matrix = np.stack(list(vectors.values())).astype(np.float32, copy=False)
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=file.parent, prefix=f".{file.stem}.", suffix=".npz")
        with os.fdopen(handle, "wb") as out:
            np.savez(out, keys=keys, vectors=matrix)
        os.replace(temp, file)
    except OSError as error:
        log.warning("could not save passage vectors in %s: %s", file, error)
        with contextlib.suppress(OSError, UnboundLocalError):
            os.unlink(temp)
        return False
    return True


def _load(file: Path) -> dict[bytes, FloatArray]:
    if not file.is_file():
        return {}
    try:
        with np.load(file, allow_pickle=False) as stored:
            keys, matrix = stored["keys"], stored["vectors"]
        if keys.ndim != 2 or keys.shape[1] != KEY_BYTES or len(keys) != len(matrix):
            raise ValueError("keys and vectors disagree")
    except (OSError, ValueError, KeyError, EOFError) as error:
        log.warning("ignoring unreadable passage vectors %s: %s", file, error)
        return {}
    return {k.tobytes(): matrix[i] for i, k in enumerate(keys)}
