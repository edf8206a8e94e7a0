"""Slips of the keyboard: a word one letter off another, and a mistyped question word."""

from __future__ import annotations

from bot.open_questions import QUESTION_WORDS
from bot.search.lexicon import is_english


def respell(text: str) -> str | None:
    """The text with a slipped question word first put right ("whta goes in ..."), or None.

    Only a word no dictionary knows is put right: "were" stays "were", not "where".
    """
    first, space, rest = text.partition(" ")
    word = first.lower()
    if len(word) < 4 or not (word.isascii() and word.isalpha()) or word in QUESTION_WORDS:
        return None
    near = [q for q in QUESTION_WORDS if q.isalpha() and one_edit_apart(word, q)]
    if len(near) != 1 or is_english(word):
        return None
    return near[0] + space + rest


def one_edit_apart(a: str, b: str) -> bool:
    """One letter added, dropped, changed, or two neighbours swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))
