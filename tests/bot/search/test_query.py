"""Reading filters out of a question, written or said."""

from __future__ import annotations

import pytest

from bot.search.query import QueryError, parse_query

SPEAKERS = {"lorraine", "hudson", "gerd", "kortuem"}


def test_written_filters_are_taken_out_of_the_words() -> None:
    query = parse_query("week:5 speaker:lorraine open standards kind:video", speakers=SPEAKERS, week_count=6)
    assert (query.text, query.week, query.speaker) == ("open standards", 5, "lorraine")
    assert query.kind == "transcript"


def test_spoken_week_and_speaker_are_understood() -> None:
    query = parse_query("what did Lorraine say about standards in week 5?", speakers=SPEAKERS, week_count=6)
    assert query.week == 5 and query.speaker == "lorraine"
    assert "standards" in query.text and "Lorraine" not in query.text


def test_a_name_the_course_does_not_have_stays_part_of_the_question() -> None:
    query = parse_query("what did the mayor say about parking", speakers=SPEAKERS, week_count=6)
    assert query.speaker is None and "mayor" in query.text


def test_a_week_past_the_course_is_a_topic_when_said_and_an_error_when_written() -> None:
    assert parse_query("the week 9 plan", week_count=6).week is None
    with pytest.raises(QueryError, match="no week 9"):
        parse_query("week:9 plan", week_count=6)
    with pytest.raises(QueryError, match="takes a number"):
        parse_query("week:five plan", week_count=6)


def test_quoted_phrases_are_kept() -> None:
    assert parse_query('find "living lab" examples').phrases == ("living lab",)
