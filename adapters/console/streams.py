"""The terminal's streams, made safe for any locale or PYTHONIOENCODING.

Input is read as bytes and decoded as UTF-8 with a leading byte order mark dropped and
any byte that is not UTF-8 replaced (U+FFFD): one stray byte must not end the chat, nor
lose the lines already read with it. Output keeps the terminal's own encoding but
replaces what it cannot show (`•` on an ASCII terminal becomes `?`).
"""

from __future__ import annotations

import io
from typing import TextIO


def tolerant_input(stream: TextIO) -> TextIO:
    raw = getattr(stream, "buffer", None)
    if raw is None:  # already text all the way down (a test's StringIO)
        return stream
    return io.TextIOWrapper(raw, encoding="utf-8-sig", errors="replace", newline=None)


def tolerate_unshowable(*streams: TextIO) -> None:
    """Replace, rather than fail on, what a stream's encoding cannot hold (both ways:
    `input()` on a terminal reads through sys.stdin)."""
    for stream in streams:
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="replace")
