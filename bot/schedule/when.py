"""The words facilitators use for times: weekdays, clock times, and a prompt's <when>.

    every friday 17:00      -> Weekly
    every friday 17:00 until:2027-04-30   -> Weekly, ending that day (`until:never`: no end)
    week 3 start [09:00]    -> WeekStart (09:00 when no time is given)
    2026-12-10 17:00        -> Once (a wall-clock time in the group's zone)

Parsers raise `WhenError` with a sentence that says what to type instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, time
from zoneinfo import ZoneInfo

from bot.schedule.clock import instant_at
from bot.schedule.triggers import WEEKDAYS, Once, Trigger, Weekly, WeekStart

DEFAULT_WEEK_START_TIME = time(9, 0)
# Far enough for any course; a date past it is a typo, and dates near the end of the
# calendar (year 9999) have no wall time in some zones at all.
YEARS_AHEAD = 5
CLOCK = re.compile(r"^(\d{1,2})(?::(\d{2}))?\s*(am|pm)?$", re.IGNORECASE)
DATE_TIME = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ](\S+)\s*(.*)$", re.IGNORECASE | re.DOTALL)
EVERY = re.compile(r"^every\s+(\S+)\s+(\S+)\s*(.*)$", re.IGNORECASE | re.DOTALL)
WEEK_START = re.compile(r"^week\s+#?(\d+)\s+start(?:s|ing)?\b\s*(.*)$", re.IGNORECASE | re.DOTALL)


class WhenError(ValueError):
    """A time we could not read; the message tells the user what would work."""


def parse_weekday(word: str) -> int:
    word = word.strip().lower().rstrip("s") if len(word) > 4 else word.strip().lower()
    for index, name in enumerate(WEEKDAYS):
        if word == name or (len(word) >= 3 and name.startswith(word)):
            return index
    raise WhenError(f"I don't know the day `{word[:20]}`. Use a weekday such as `monday` or `fri`.")


def parse_clock(word: str) -> time:
    match = CLOCK.match(word.strip())
    if match is None:
        raise WhenError(f"I couldn't read the time `{word[:20]}`. Use 24-hour `HH:MM`, e.g. `09:00`.")
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    suffix = (match.group(3) or "").lower()
    if suffix and not 1 <= hour <= 12:
        raise WhenError(f"`{word}` isn't a time on a 12-hour clock. Try `09:00` or `9am`.")
    if suffix:
        hour = hour % 12 + (12 if suffix == "pm" else 0)
    if hour > 23 or minute > 59 or (match.group(2) is None and not suffix):
        raise WhenError(f"`{word}` isn't a time of day. Use 24-hour `HH:MM`, e.g. `17:30`.")
    return time(hour, minute)


def parse_date(word: str) -> date:
    try:
        return date.fromisoformat(word.strip())
    except ValueError:
        raise WhenError(f"`{word[:20]}` isn't a date I can read. Write it as YYYY-MM-DD, "
                        "e.g. `2026-12-07`.") from None


def parse_when(text: str, zone: ZoneInfo, week_count: int, today: date) -> tuple[Trigger, str]:
    """Read a <when> from the start of `text`; return the trigger and the rest (the prompt)."""
    text = text.strip()
    if match := EVERY.match(text):
        return Weekly(parse_weekday(match.group(1)), parse_clock(match.group(2))), match.group(3)
    if match := WEEK_START.match(text):
        return _week_start(int(match.group(1)), match.group(2), week_count)
    if match := DATE_TIME.match(text):
        day, wall = _within_reach(parse_date(match.group(1)), today), parse_clock(match.group(2))
        return Once(instant_at(day, wall, zone)), match.group(3)
    raise WhenError("I couldn't tell when to post it. Start with a date and time "
                    "(`2026-12-10 17:00`), `week 3 start`, or `every friday 17:00`.")


def _within_reach(day: date, today: date) -> date:
    if day.year > today.year + YEARS_AHEAD:
        raise WhenError(f"{day:%Y-%m-%d} is more than {YEARS_AHEAD} years ahead. Pick a date "
                        "within the course, e.g. its last week.")
    return day


def _week_start(week: int, rest: str, week_count: int) -> tuple[Trigger, str]:
    if not 1 <= week <= week_count:
        raise WhenError(f"The course has {week_count} weeks, so there is no week {week}.")
    first, _, after = rest.partition(" ")
    try:
        return WeekStart(week, parse_clock(first)), after.strip()
    except WhenError:
        return WeekStart(week, DEFAULT_WEEK_START_TIME), rest


@dataclass(frozen=True)
class Until:
    """A facilitator's end for a weekly series: its last day, or never (`until:never`)."""

    day: date | None


UNTIL = re.compile(r"^until:(\S*)\s*(.*)$", re.IGNORECASE | re.DOTALL)
NEVER_WORDS = {"never", "none", "forever"}


def take_until(text: str) -> tuple[Until | None, str]:
    """Read an optional `until:YYYY-MM-DD` (or `until:never`) from the start of `text`."""
    match = UNTIL.match(text.strip())
    if match is None:
        return None, text
    word, rest = match.group(1), match.group(2)
    if word.lower() in NEVER_WORDS:
        return Until(None), rest
    return Until(parse_date(word)), rest
