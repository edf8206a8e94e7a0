"""Text to index terms: words, lower-cased, stop words dropped, English stems.

Documents and queries go through the same analysis, so a stem in a question meets the
same stem in a transcript. Positions count the kept terms only, which is what the
proximity bonus needs ("smart ... standards" two terms apart).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import Stemmer  # type: ignore[import-not-found]  # PyStemmer ships no stubs

# Function words carry no topic. The list is ours: short on purpose, because a word
# that matters in one course ("may", "will") should not vanish from every search.
STOP_WORDS = frozenset((
    "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any",
    "are", "as", "at", "be", "because", "been", "before", "being", "below", "between", "both",
    "but", "by", "can", "could", "did", "do", "does", "doing", "down", "during", "each", "few",
    "for", "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers",
    "herself", "him", "himself", "his", "how", "i", "if", "in", "into", "is", "it", "its", "itself",
    "just", "me", "more", "most", "my", "myself", "no", "nor", "not", "now", "of", "off", "on",
    "once", "only", "or", "other", "our", "ours", "ourselves", "out", "over", "own", "same", "she",
    "should", "so", "some", "such", "than", "that", "the", "their", "theirs", "them", "themselves",
    "then", "there", "these", "they", "this", "those", "through", "to", "too", "under", "until",
    "up", "very", "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom",
    "why", "with", "would", "you", "your", "yours", "yourself", "yourselves"
))

# Words of asking rather than of the topic: "what did she say about X", "where is X
# discussed", "which video talks about X". Dropped from questions only. A word that can
# be a topic ("recall" in precision and recall) does not belong here.
QUESTION_WORDS = frozenset((
    "say", "says", "said", "saying", "talk", "talks", "talked", "talking", "speak", "speaks",
    "spoke", "mention", "mentions", "mentioned", "mentioning", "discuss", "discusses", "discussed",
    "discussing", "cover", "covers", "covered", "covering", "explain", "explains", "explained",
    "explaining", "describe", "describes", "described", "tell", "tells", "told", "video", "videos",
    "clip", "clips", "lecture", "lectures", "lecturer", "presenter", "professor", "prof", "teacher",
    "instructor", "find", "show", "look",
    "please", "remember", "anything", "something", "somewhere", "thing", "things", "know",
    "want", "wanted", "does", "did"
))

WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
APOSTROPHE_TAIL = re.compile(r"'(?:s|t|re|ve|ll|d|m)\b")


@dataclass(frozen=True)
class Term:
    stem: str
    word: str  # the surface word, lower-cased, for suggestions and highlighting


_stemmer = Stemmer.Stemmer("english")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    stemmed: str = _stemmer.stemWord(word)
    return stemmed


def words(text: str) -> list[str]:
    """Lower-cased words with possessive and contraction tails removed."""
    folded = unicodedata.normalize("NFKC", text).casefold().replace("’", "'")
    found: list[str] = WORD.findall(APOSTROPHE_TAIL.sub("", folded))
    return found


def terms(text: str, *, question: bool = False) -> list[Term]:
    """The index terms of a text, in order. `question` also drops words of asking."""
    dropped = STOP_WORDS | QUESTION_WORDS if question else STOP_WORDS
    return [Term(stem(w), w) for w in words(text) if w not in dropped]


def stems(text: str) -> list[str]:
    return [stem(w) for w in words(text) if w not in STOP_WORDS]
