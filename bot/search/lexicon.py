"""Whether a word is English, so typo matching leaves real words alone.

"deduce" is one edit from a course's "reduce", but it is a word the learner meant: a
dictionary (the `english-words` package's GCIDE list) tells the two cases apart. The
list holds base forms, so common endings are taken off before looking a word up.
Loading it takes a moment: a background thread does it once the index is built, and a
word is looked up only when the course has a close word it could be "corrected" to.
"""

from __future__ import annotations

from functools import cache

# (ending, what replaces it): "deduced" -> "deduce", "studies" -> "study".
ENDINGS = (("ies", "y"), ("ied", "y"), ("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"),
           ("es", ""), ("s", ""), ("ly", ""), ("er", ""), ("er", "e"), ("est", ""))


@cache
def _dictionary() -> frozenset[str]:
    from english_words import get_english_words_set

    return frozenset(get_english_words_set(["gcide"], alpha=True, lower=True))


def load() -> None:
    """Read the word list now, off the event loop, rather than on the first typo."""
    _dictionary()


def is_english(word: str) -> bool:
    known = _dictionary()
    if word in known:
        return True
    return any(word.endswith(end) and word[:-len(end)] + base in known
               for end, base in ENDINGS if len(word) > len(end) + 2)
