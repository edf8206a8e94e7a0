"""Limits on what a person types, checked once where their words are read.

A number that picks something from a list (`session 3`, `ideas remove 2`) is a few
ASCII digits: twenty digits overflow a database integer, and `²` or `١٢` pass
`str.isdigit` but not `int`. A time zone name is an IANA name, and none is longer
than a few dozen characters: a longer one would reach the file system as a path.
"""

from __future__ import annotations

MAX_LISTED_DIGITS = 9  # up to 999,999,999: past any real list, inside every integer column
MAX_ZONE_CHARS = 64


def listed_number(word: str) -> int | None:
    """`word` as the number of an item in a list, or None when it cannot be one."""
    if word.isascii() and word.isdigit() and len(word) <= MAX_LISTED_DIGITS:
        return int(word)
    return None


def zone_name_or_none(name: str) -> str | None:
    """`name` when it could be an IANA time zone name (short, printable ASCII)."""
    if 0 < len(name) <= MAX_ZONE_CHARS and name.isascii() and name.isprintable():
        return name
    return None
