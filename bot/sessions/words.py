"""The words of `session add` and `session edit`: when, how long, what, where.

    session add 2027-03-04 18:00 60m "Week 1 catch-up" where:https://meet.example/abc
    session add every thursday 18:00 90m "Weekly catch-up" until:2027-04-29 where:Room 4
    session add thursday 18:00 60m "Catch-up"     (the coming Thursday)
    session edit 3 2027-03-05 19:00      session edit 3 "New title"      session edit 3 45m

`where:` takes the rest of the line, a title goes in quotes (or is whatever words are
left), and the duration and `until:` may come anywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from bot.schedule.triggers import Trigger
from bot.schedule.when import Until, WhenError, parse_weekday, parse_when, take_until

DURATION = re.compile(r"^(\d{1,4})\s*(m|min|mins|minutes|h|hr|hrs|hours)$", re.IGNORECASE)
TITLE = re.compile(r"[\"“”]([^\"“”]*)[\"“”]")
WHERE = re.compile(r"\bwhere:\s*(.*)$", re.IGNORECASE | re.DOTALL)
MAX_MINUTES = 12 * 60
MAX_TITLE = 200
MAX_PLACE = 500


@dataclass(frozen=True)
class SessionWords:
    trigger: Trigger | None = None
    until: Until | None = None
    minutes: int | None = None
    title: str | None = None
    place: str | None = None


def read_session(text: str, zone: ZoneInfo, week_count: int, today: date) -> SessionWords:
    """Whatever of when, until, length, title and place `text` gives."""
    place, text = _take(WHERE, text)
    title, text = _take(TITLE, text)
    until, minutes, rest = None, None, []
    for word in text.split():
        found_until, left = take_until(word)
        if found_until is not None and not left:
            until = found_until
        elif match := DURATION.match(word):
            minutes = _minutes(int(match.group(1)), match.group(2))
        else:
            rest.append(word)
    trigger, leftover = None, _dated(" ".join(rest), today)
    if (leftover[:1].isdigit()) or leftover.lower().startswith(("every ", "week ")):
        trigger, leftover = parse_when(leftover, zone, week_count, today)
    leftover = leftover.strip()
    if leftover and title is not None:
        raise WhenError(f"I couldn't read `{leftover[:30]}`. Put the title in quotes and the "
                        "place after `where:`.")
    title = title if title is not None else (leftover or None)
    return SessionWords(trigger, until, minutes, _checked(title, MAX_TITLE, "title"),
                        _checked(place, MAX_PLACE, "place"))


def _dated(text: str, today: date) -> str:
    """"thursday 18:00 ..." as the coming Thursday's date (today, if today is Thursday)."""
    first, space, rest = text.partition(" ")
    if not first.isalpha() or len(first) < 3 or first.lower() in ("every", "week"):
        return text
    try:
        weekday = parse_weekday(first)
    except WhenError:
        return text
    day = today + timedelta(days=(weekday - today.weekday()) % 7)
    return day.isoformat() + space + rest


def _take(pattern: re.Pattern[str], text: str) -> tuple[str | None, str]:
    match = pattern.search(text)
    if match is None:
        return None, text
    return match.group(1).strip(), text[:match.start()] + " " + text[match.end():]


def _minutes(amount: int, unit: str) -> int:
    minutes = amount * 60 if unit.lower().startswith("h") else amount
    if not 5 <= minutes <= MAX_MINUTES:
        raise WhenError(f"A session lasts between 5 minutes and {MAX_MINUTES // 60} hours; "
                        "try `60m` or `2h`.")
    return minutes


def _checked(value: str | None, limit: int, what: str) -> str | None:
    if value is not None and len(value) > limit:
        raise WhenError(f"That {what} is too long (over {limit} characters). Could you shorten it?")
    return value
