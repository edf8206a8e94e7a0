"""A prompt's <when>, and the weekdays and clock times facilitators type."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from bot.schedule.triggers import Once, Weekly, WeekStart
from bot.schedule.when import Until, WhenError, parse_clock, parse_weekday, parse_when, take_until

LONDON = ZoneInfo("Europe/London")
TODAY = date(2026, 12, 1)


@pytest.mark.parametrize("word, weekday", [("monday", 0), ("Mon", 0), ("tues", 1), ("fridays", 4),
                                           ("SUN", 6), ("thurs", 3)])
def test_weekdays(word: str, weekday: int) -> None:
    assert parse_weekday(word) == weekday


@pytest.mark.parametrize("word, at", [("09:00", time(9)), ("9:30", time(9, 30)), ("17:05", time(17, 5)),
                                      ("9am", time(9)), ("5:30pm", time(17, 30)), ("12am", time(0))])
def test_clock_times(word: str, at: time) -> None:
    assert parse_clock(word) == at


@pytest.mark.parametrize("word", ["25:00", "9", "9:75", "13pm", "noonish"])
def test_bad_clock_times_say_what_to_type(word: str) -> None:
    with pytest.raises(WhenError, match=r"09:00|HH:MM"):
        parse_clock(word)


def test_bad_weekday_says_what_to_type() -> None:
    with pytest.raises(WhenError, match="monday"):
        parse_weekday("someday")


def test_the_three_kinds_of_when_and_the_text_after_them() -> None:
    assert parse_when("every friday 17:00 Share a win", LONDON, 6, TODAY) == (
        Weekly(4, time(17)), "Share a win")
    assert parse_when("week 3 start Who owns the data?", LONDON, 6, TODAY) == (
        WeekStart(3, time(9)), "Who owns the data?")
    assert parse_when("week 3 start 18:30 Who owns the data?", LONDON, 6, TODAY) == (
        WeekStart(3, time(18, 30)), "Who owns the data?")
    # A date and time are on the group's clock: 17:00 in London in July is 16:00 UTC.
    assert parse_when("2027-07-01 17:00 Summer!", LONDON, 6, TODAY) == (
        Once(datetime(2027, 7, 1, 16, tzinfo=UTC)), "Summer!")
    assert parse_when("2027-07-01T17:00 Summer!", LONDON, 6, TODAY)[0] == Once(
        datetime(2027, 7, 1, 16, tzinfo=UTC))


@pytest.mark.parametrize("text, hint", [("tomorrow Hi", "week 3 start"), ("week 9 start Hi", "6 weeks"),
                                        ("2026-13-01 10:00 Hi", "YYYY-MM-DD"),
                                        ("every blursday 10:00 Hi", "weekday"),
                                        ("9999-12-31 23:59 Hi", "years ahead")])
def test_unreadable_whens_explain_the_choices(text: str, hint: str) -> None:
    with pytest.raises(WhenError, match=hint):
        parse_when(text, LONDON, 6, TODAY)


def test_until_reads_a_day_or_never_and_leaves_the_rest() -> None:
    assert take_until("until:2027-04-30 Lunch check-in") == (Until(date(2027, 4, 30)), "Lunch check-in")
    assert take_until("until:never Weekly thread") == (Until(None), "Weekly thread")
    assert take_until("Lunch until:2027-04-30") == (None, "Lunch until:2027-04-30")
    with pytest.raises(WhenError, match="isn't a date I can read"):
        take_until("until:friday Hello")
