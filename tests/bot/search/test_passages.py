"""Cutting a course into quotable passages that know their week, source, speaker and time."""

from __future__ import annotations

import itertools

from bot.course.models import Course, Video
from bot.search.passages import WINDOW_SECONDS, Kind, course_passages, video_passages
from tests.bot.search.conftest import timed_turns


def test_every_part_of_the_course_becomes_passages(course: Course) -> None:
    passages = course_passages(course)
    kinds = {p.kind for p in passages}
    assert {Kind.TRANSCRIPT, Kind.PAGE, Kind.ACTIVITY, Kind.CANVAS, Kind.TEMPLATE, Kind.COURSE} <= kinds
    assert all(p.text.strip() for p in passages)
    assert all(len(p.text.split()) <= 120 for p in passages)  # short enough to quote


def test_untimed_transcripts_keep_week_speaker_and_the_paraphrase_flag(course: Course) -> None:
    standards = [p for p in course_passages(course) if p.kind == Kind.TRANSCRIPT and p.week == 5]
    assert standards and all(p.start is None and p.paraphrased for p in standards)
    assert {p.speaker for p in standards} >= {"Dr Lorraine Hudson"}


def test_timed_captions_become_overlapping_windows_that_cover_the_whole_video(lecture_course: Course) -> None:
    video = Video(title="Long talk", transcript=timed_turns([f"Point {i}." for i in range(20)], 10.0))
    windows = video_passages(lecture_course, 1, 0, video)
    assert windows[0].start == 0.0 and windows[-1].end == 200.0
    assert all(w.end is not None and w.start is not None and w.end - w.start <= WINDOW_SECONDS
               for w in windows)
    # Each window starts inside the one before, near its middle, so they overlap.
    for before, after in itertools.pairwise(windows):
        assert before.start is not None and before.end is not None and after.start is not None
        assert before.start + WINDOW_SECONDS / 4 <= after.start < before.end
    said = " ".join(w.text for w in windows)
    assert all(f"Point {i}." in said for i in range(20))
    assert {w.group for w in windows} == {"w1/v0"}
