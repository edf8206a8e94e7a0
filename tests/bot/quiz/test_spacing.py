"""FSRS spacing on an injected clock: wrong comes back sooner, due days follow local time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from fsrs import Rating

from bot.quiz.spacing import Spacing, days_until, due_cutoff, rating_for

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
LONDON = ZoneInfo("Europe/London")


def test_a_wrong_answer_comes_back_sooner_than_a_right_one() -> None:
    spacing = Spacing()
    wrong = spacing.review(None, False, 20, NOW)
    right = spacing.review(None, True, 20, NOW)
    assert NOW < wrong.due_at < right.due_at


def test_forgetting_a_known_item_brings_it_back_sooner_than_recalling_it() -> None:
    spacing = Spacing()
    first = spacing.review(None, True, 20, NOW)
    later = first.due_at
    recalled = spacing.review(first.card, True, 20, later)
    forgot = spacing.review(first.card, False, 20, later)
    assert forgot.due_at < recalled.due_at
    assert recalled.due_at - later > first.due_at - NOW  # intervals grow with each recall


def test_answer_time_rates_a_right_answer() -> None:
    assert rating_for(False, 3) is Rating.Again
    assert rating_for(True, 3) is Rating.Easy
    assert rating_for(True, 20) is Rating.Good
    assert rating_for(True, 120) is Rating.Hard
    spacing = Spacing()
    assert spacing.review(None, True, 3, NOW).due_at > spacing.review(None, True, 120, NOW).due_at


def test_the_same_answers_give_the_same_schedule_on_every_replica() -> None:
    assert Spacing().review(None, True, 20, NOW) == Spacing().review(None, True, 20, NOW)


def test_an_item_due_late_tonight_is_due_from_this_morning_in_the_learners_zone() -> None:
    morning = datetime(2026, 12, 1, 7, 0, tzinfo=UTC)
    tonight = datetime(2026, 12, 1, 23, 30, tzinfo=UTC)
    assert tonight < due_cutoff(morning, LONDON)
    tokyo = ZoneInfo("Asia/Tokyo")  # 23:30 UTC is already tomorrow morning there
    assert tonight >= due_cutoff(morning, tokyo)
    assert days_until(tonight, morning, tokyo) == 1


def test_due_days_across_the_clocks_going_back() -> None:
    # Europe/London leaves summer time at 02:00 on 25 October 2026: that day has 25 hours.
    before = datetime(2026, 10, 24, 22, 30, tzinfo=UTC)  # 23:30 BST on the 24th
    cutoff = due_cutoff(before, LONDON)
    assert cutoff == datetime(2026, 10, 24, 23, 0, tzinfo=UTC)  # midnight BST
    late_on_the_25th = datetime(2026, 10, 25, 23, 30, tzinfo=UTC)  # 23:30 GMT on the 25th
    assert days_until(late_on_the_25th, before, LONDON) == 1
    assert due_cutoff(late_on_the_25th - timedelta(minutes=1), LONDON) == datetime(
        2026, 10, 26, 0, 0, tzinfo=UTC)


def test_due_days_across_the_clocks_going_forward() -> None:
    # 29 March 2026 has 23 hours in London; an item due at 00:30 BST on the 30th is due that day.
    evening = datetime(2026, 3, 29, 21, 0, tzinfo=UTC)  # 22:00 BST on the 29th
    due = datetime(2026, 3, 29, 23, 30, tzinfo=UTC)  # 00:30 BST on the 30th
    assert due_cutoff(evening, LONDON) == datetime(2026, 3, 29, 23, 0, tzinfo=UTC)
    assert days_until(due, evening, LONDON) == 1 and not due < due_cutoff(evening, LONDON)
