"""Lookup fixtures: the bundled course's index, and a small course with timed captions."""

from __future__ import annotations

import pytest

from bot.course.models import Course, CourseInfo, Person, TranscriptTurn, Video, Week
from bot.search.builder import build
from bot.search.index import SearchIndex
from bot.search.passages import course_passages


@pytest.fixture(scope="session")
def course_index(course: Course) -> SearchIndex:
    return build(course_passages(course))


def timed_turns(texts: list[str], seconds: float = 15.0, speaker: str = "ana") -> tuple[TranscriptTurn, ...]:
    return tuple(TranscriptTurn(speaker=speaker, text=t, start=i * seconds, end=(i + 1) * seconds)
                 for i, t in enumerate(texts))


@pytest.fixture(scope="session")
def lecture_course() -> Course:
    """Two weeks of lecture captions about different things, with times."""
    rivers = timed_turns([
        "Welcome to the lecture on rivers.", "Rivers carry sediment from the mountains to the sea.",
        "Flooding happens when rainfall exceeds what the channel can hold.",
        "Engineers build levees, but levees move the flood risk downstream.",
        "Wetlands soak up water and slow the flood peak.", "Next time we look at deltas.",
    ])
    cities = timed_turns([
        "This lecture is about how cities grow.", "Zoning rules decide what can be built where.",
        "Public transport shapes which neighbourhoods grow fastest.",
        "A river through a city was once its main road for trade.",
    ], speaker="ben")
    weeks = (
        Week(number=1, title="Water", summary="Water in the landscape.",
             videos=(Video(title="Rivers and floods", transcript=rivers),)),
        Week(number=2, title="Cities", summary="How cities grow.",
             videos=(Video(title="Growing cities", transcript=cities),)),
    )
    info = CourseInfo(id="lectures", title="Lectures",
                      people=(Person(id="ana", name="Dr Ana Silva"), Person(id="ben", name="Ben Okafor")))
    return Course(info=info, weeks=weeks)


@pytest.fixture(scope="session")
def lecture_index(lecture_course: Course) -> SearchIndex:
    return build(course_passages(lecture_course))
