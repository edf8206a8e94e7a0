"""The ideas template: notes by week, limits, and promotion into the canvas."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.canvas.limits import CanvasLimits, LimitReached
from bot.canvas.service import CanvasService
from bot.canvas.store import CanvasOwner, CanvasRepository
from bot.command import UsageError
from bot.course.models import Course
from bot.ideas.service import IdeasService
from bot.ideas.store import IdeasRepository
from bot.store.db import Database
from tests.people import say

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
ADA = say("", user="ada").user
BOB = say("", user="bob").user


def build(db: Database, course: Course, limits: CanvasLimits | None = None) -> IdeasService:
    canvas = CanvasService(CanvasRepository(db), course.canvas)
    if limits is None:
        return IdeasService(course, IdeasRepository(db, "smart-cities"), canvas)
    return IdeasService(course, IdeasRepository(db, "smart-cities"), canvas, limits)


async def test_notes_are_filed_by_week_and_kept_per_learner(db: Database, course: Course) -> None:
    ideas = build(db, course)
    await ideas.add(ADA, 3, "air quality sensors near schools", NOW)
    await ideas.add(ADA, 1, "the river floods every winter", NOW)
    await ideas.add(BOB, 1, "bob's own idea", NOW)
    assert [(n.week, n.text) for n in await ideas.notes(ADA)] == [
        (1, "the river floods every winter"), (3, "air quality sensors near schools")]
    assert [n.text for n in await ideas.notes(ADA, week=3)] == ["air quality sensors near schools"]
    assert [n.text for n in await ideas.notes(BOB)] == ["bob's own idea"]


async def test_promote_copies_a_note_into_the_learners_canvas(db: Database, course: Course) -> None:
    ideas = build(db, course)
    note = await ideas.add(ADA, 2, "residents who have been flooded before", NOW)
    segments = next(b for b in course.canvas if b.id == "customer-segments")
    promoted, entry_number = await ideas.promote(ADA, note.number, segments, NOW)
    assert entry_number == 1 and promoted.text == note.text
    view = await ideas.canvas.view(CanvasOwner.learner(ADA, "smart-cities"))
    assert [e.text for e in view.of("customer-segments")] == [note.text]
    assert (await ideas.notes(ADA))[0].promoted_to == "customer-segments"


async def test_limits_refuse_kindly_and_keep_existing_notes(db: Database, course: Course) -> None:
    ideas = build(db, course, CanvasLimits(note_chars=20, notes=2))
    await ideas.add(ADA, 1, "first", NOW)
    with pytest.raises(LimitReached, match="up to 20"):
        await ideas.add(ADA, 1, "x" * 21, NOW)
    await ideas.add(ADA, 1, "second", NOW)
    with pytest.raises(LimitReached, match="You have 2 notes"):
        await ideas.add(ADA, 1, "third", NOW)
    assert [n.text for n in await ideas.notes(ADA)] == ["first", "second"]


async def test_removing_or_promoting_a_missing_note_says_how_to_find_numbers(
    db: Database, course: Course
) -> None:
    ideas = build(db, course)
    with pytest.raises(UsageError, match="Type `ideas`"):
        await ideas.remove(ADA, 7)
    with pytest.raises(UsageError, match="no note #7"):
        await ideas.promote(ADA, 7, course.canvas[0], NOW)
