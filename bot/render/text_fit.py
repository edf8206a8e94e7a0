"""Fitting text to a width in pixels: wrap at spaces, break words too long for a line,
and end with "…" whatever has to be cut."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol


class Font(Protocol):
    """Anything that measures text in pixels: a Pillow font, or a chain of them."""

    def getlength(self, text: str) -> float: ...


ELLIPSIS = "…"


def wrap(text: str, font: Font, width: int, max_lines: int) -> list[str]:
    """At most `max_lines` lines no wider than `width`; the last ends in "…" if cut."""
    if max_lines <= 0:
        return []
    lines: list[str] = []
    for line in _lines(text, font, width):
        if len(lines) == max_lines:
            lines[-1] = ellipsize(lines[-1] + ELLIPSIS, font, width)
            break
        lines.append(line)
    return lines


def ellipsize(text: str, font: Font, width: int) -> str:
    """`text` if it fits, else its longest start that fits with "…" after it."""
    if font.getlength(text) <= width:
        return text
    cut = _fitting_prefix(text, font, width - font.getlength(ELLIPSIS))
    return text[:cut].rstrip() + ELLIPSIS


def _lines(text: str, font: Font, width: int) -> Iterator[str]:
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if font.getlength(candidate) <= width:
            current = candidate
            continue
        if current:
            yield current
        while font.getlength(word) > width:
            cut = max(1, _fitting_prefix(word, font, width))
            yield word[:cut]
            word = word[cut:]
        current = word
    if current:
        yield current


def _fitting_prefix(text: str, font: Font, width: float) -> int:
    """The most leading characters of `text` that fit in `width` (binary search)."""
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if font.getlength(text[:middle]) <= width:
            low = middle
        else:
            high = middle - 1
    return low
