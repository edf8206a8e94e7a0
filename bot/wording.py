"""Small pieces of English shared by every reply: counts with the right plural."""

from __future__ import annotations


def count(number: int, word: str, plural: str | None = None) -> str:
    """"1 week", "6 weeks"."""
    return f"{number} {word if number == 1 else plural or word + 's'}"
