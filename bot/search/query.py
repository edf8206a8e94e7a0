"""Read a lookup question: its words, quoted phrases and filters.

Filters can be written (`week:5`, `speaker:lorraine`, `kind:canvas`) or said ("what did
Lorraine say about standards in week 5"). Spoken filters only count when they name a
week or a speaker the course has, so "the fifth element" stays a topic.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from bot.wording import count

WRITTEN_FILTER = re.compile(r"\b(week|wk|speaker|by|kind|type):(\"[^\"]*\"|\S+)", re.IGNORECASE)
SPOKEN_WEEK = re.compile(r"\b(?:in|from|during|of|for)?\s*\b(?:week|wk)\s*#?\s*(\d{1,2})\b",
                         re.IGNORECASE)
SPOKEN_SPEAKER = re.compile(
    r"\b(?:what|how|where|when|why)\s+(?:did|does|do|has|have|was|is)\s+(?P<who>[\w.' -]{2,40}?)\s+"
    r"(?:say|said|says|talk|talked|speak|spoke|think|mention|mentioned|explain|explained|"
    r"describe|described|discuss|discussed)\b|"
    r"\b(?:did|does|has)\s+(?P<who2>[\w.' -]{2,40}?)\s+(?:say|talk|speak|mention|explain)\b|"
    r"\b(?:according to|by)\s+(?P<who3>[\w.' -]{2,40}?)(?=\s+(?:about|on|in|regarding)\b|[?,.!]|$)",
    re.IGNORECASE)
PHRASE = re.compile(r"\"([^\"]+)\"|“([^”]+)”")
KIND_NAMES = {"video": "transcript", "videos": "transcript", "transcript": "transcript",
              "transcripts": "transcript", "page": "page", "pages": "page", "activity": "activity",
              "activities": "activity", "canvas": "canvas", "template": "template",
              "course": "course"}


@dataclass(frozen=True)
class Query:
    text: str
    week: int | None = None
    speaker: str | None = None
    kind: str | None = None
    phrases: tuple[str, ...] = field(default=())
    # Where the asker is: a prior toward their week and the video they are watching
    # (Passage.group), never a filter.
    near_week: int | None = None
    near_video: str | None = None

    @property
    def has_filters(self) -> bool:
        return self.week is not None or self.speaker is not None or self.kind is not None


class QueryError(ValueError):
    """A filter we understood but cannot apply, e.g. `week:x`."""


def parse_query(raw: str, *, speakers: Iterable[str] = (), week_count: int | None = None) -> Query:
    """Split `raw` into the words to search for and the filters around them."""
    text, written = _written_filters(raw)
    week = _week(written.get("week") or written.get("wk"), week_count)
    speaker = written.get("speaker") or written.get("by")
    kind = _kind(written.get("kind") or written.get("type"))
    if week is None:
        text, week = _spoken_week(text, week_count)
    if speaker is None:
        text, speaker = _spoken_speaker(text, speakers)
    phrases = tuple(a or b for a, b in PHRASE.findall(text))
    return Query(text=" ".join(text.split()), week=week, speaker=speaker, kind=kind,
                 phrases=phrases)


def _written_filters(raw: str) -> tuple[str, dict[str, str]]:
    found: dict[str, str] = {}

    def take(match: re.Match[str]) -> str:
        found[match.group(1).lower()] = match.group(2).strip('"')
        return " "

    return WRITTEN_FILTER.sub(take, raw), found


def _week(value: str | None, week_count: int | None) -> int | None:
    if value is None:
        return None
    if not value.isdigit():
        raise QueryError(f"`week:` takes a number, like `week:3`, not `{value[:20]}`.")
    number = int(value)
    if number < 1 or (week_count is not None and number > week_count):
        limit = f" The course has {count(week_count, 'week')}." if week_count else ""
        raise QueryError(f"There is no week {number}.{limit}")
    return number


def _kind(value: str | None) -> str | None:
    if value is None:
        return None
    kind = KIND_NAMES.get(value.lower())
    if kind is None:
        raise QueryError(f"`kind:` is one of video, page, activity, canvas or template, "
                         f"not `{value[:20]}`.")
    return kind


def _spoken_week(text: str, week_count: int | None) -> tuple[str, int | None]:
    match = SPOKEN_WEEK.search(text)
    if match is None:
        return text, None
    number = int(match.group(1))
    if number < 1 or (week_count is not None and number > week_count):
        return text, None
    return text[:match.start()] + " " + text[match.end():], number


def _spoken_speaker(text: str, speakers: Iterable[str]) -> tuple[str, str | None]:
    """A speaker named in the question, if the course has one by that name."""
    known = {name.casefold() for name in speakers}
    match = SPOKEN_SPEAKER.search(text)
    if match is None:
        return text, None
    who = next(g for g in (match.group("who"), match.group("who2"), match.group("who3")) if g)
    words = [w for w in re.findall(r"[\w'-]+", who.casefold()) if w not in {"dr", "prof", "professor"}]
    named = next((w for w in words if w in known), None)
    if named is None:
        return text, None
    start, end = match.span()
    # Keep the question's words apart from the name, so "say about standards" still searches.
    rest = re.sub(re.escape(who), " ", text[start:end], count=1, flags=re.IGNORECASE)
    return text[:start] + rest + text[end:], named
