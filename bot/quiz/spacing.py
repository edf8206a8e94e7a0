"""When a quiz item comes back: FSRS, rated from whether the answer was right and how fast.

FSRS (the `fsrs` package, the scheduler modern Anki uses) keeps a memory model per item
and learner and picks the next review so that recall stays near 90%. We use it in whole
days, without its minute-long learning steps: a chat companion asks again tomorrow,
not in ten minutes. "Due" is then a calendar day in the learner's time zone, so an item
due at 23:00 is offered from that morning, and a change of clocks moves nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from fsrs import Card, Rating, Scheduler

# Answer times (seconds) under which a right answer counts as easy, or over which as hard.
EASY_WITHIN = 8.0
HARD_AFTER = 45.0


@dataclass(frozen=True)
class Review:
    """An item's memory state after an answer: the FSRS card (as JSON) and when it is due."""

    card: str
    due_at: datetime
    rating: int


def rating_for(right: bool, seconds: float | None) -> Rating:
    if not right:
        return Rating.Again
    if seconds is None:
        return Rating.Good
    if seconds <= EASY_WITHIN:
        return Rating.Easy
    return Rating.Hard if seconds > HARD_AFTER else Rating.Good


class Spacing:
    def __init__(self, *, desired_retention: float = 0.9) -> None:
        # No fuzzing: the same answers give the same schedule on every replica and in tests.
        self.scheduler = Scheduler(desired_retention=desired_retention, learning_steps=(),
                                   relearning_steps=(), enable_fuzzing=False)

    def review(self, card_json: str | None, right: bool, seconds: float | None,
               now: datetime) -> Review:
        # The card id is FSRS's own bookkeeping (it would be the clock); ours is the item id.
        card = Card.from_json(card_json) if card_json else Card(card_id=1)
        rating = rating_for(right, seconds)
        card, _ = self.scheduler.review_card(card, rating, now.astimezone(UTC))
        return Review(card=card.to_json(), due_at=card.due.astimezone(UTC), rating=int(rating))

    def recall(self, card_json: str, now: datetime) -> float:
        """The chance, by the model, that the learner still recalls the item now (0-1)."""
        return float(self.scheduler.get_card_retrievability(Card.from_json(card_json),
                                                            now.astimezone(UTC)))


def local_day(instant: datetime, zone: ZoneInfo) -> date:
    return instant.astimezone(zone).date()


def due_cutoff(now: datetime, zone: ZoneInfo) -> datetime:
    """Items due before this instant are due today: the start of tomorrow, local time."""
    tomorrow = local_day(now, zone) + timedelta(days=1)
    return datetime.combine(tomorrow, time(0), tzinfo=zone).astimezone(UTC)


def days_until(due_at: datetime, now: datetime, zone: ZoneInfo) -> int:
    """Calendar days (in the learner's zone) from today to the item's due day; 0 = today."""
    return max(0, (local_day(due_at, zone) - local_day(now, zone)).days)
