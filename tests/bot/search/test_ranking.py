"""Ranking sanity: the passage that answers comes first; filters, typos and honest misses."""

from __future__ import annotations

from bot.search.index import SearchIndex
from bot.search.passages import Kind
from bot.search.query import Query, parse_query
from bot.search.ranking import Weights, search

SPEAKERS = {"lorraine", "hudson", "gerd", "kortuem"}


def top(index: SearchIndex, text: str, **filters: object) -> str:
    results = search(index, Query(text, **filters), limit=1)  # type: ignore[arg-type]
    assert results.hits, f"no hit for {text!r}"
    return results.hits[0].passage.text


def test_a_speakers_words_on_a_topic_come_first(course_index: SearchIndex) -> None:
    query = parse_query("what did Lorraine say about standards?", speakers=SPEAKERS, week_count=6)
    results = search(course_index, query, limit=3)
    best = results.hits[0].passage
    assert results.answered
    assert best.kind == Kind.TRANSCRIPT and best.week == 5 and best.speaker == "Dr Lorraine Hudson"
    assert "standards" in best.text


def test_course_text_is_found_as_well_as_transcripts(course_index: SearchIndex) -> None:
    results = search(course_index, Query("what goes in key partners"), limit=3)
    assert any(h.passage.kind == Kind.CANVAS and "Key Partners" in h.passage.source for h in results.hits)


def test_a_misspelt_word_still_finds_its_passage(course_index: SearchIndex) -> None:
    assert "collaboration" in top(course_index, "collaberation").lower()
    assert "governance" in top(course_index, "governence models").lower()


def test_filters_keep_only_their_week_speaker_and_kind(course_index: SearchIndex) -> None:
    for hit in search(course_index, Query("data", week=3), limit=10).hits:
        assert hit.passage.week == 3
    for hit in search(course_index, Query("sustainability", speaker="gerd"), limit=10).hits:
        assert "Gerd" in (hit.passage.speaker or "")
    for hit in search(course_index, Query("partners", kind="canvas"), limit=10).hits:
        assert hit.passage.kind == Kind.CANVAS


def test_nothing_in_the_course_is_said_honestly_with_close_words(course_index: SearchIndex) -> None:
    results = search(course_index, Query("blockchain cryptocurrency mining"), limit=3)
    assert not results.answered
    assert {"blockchain", "cryptocurrency"} <= set(results.unknown_words)
    assert not search(course_index, Query("the of and"), limit=3).hits


def test_close_words_are_suggested_for_words_the_course_lacks(course_index: SearchIndex) -> None:
    results = search(course_index, Query("sustainabilitee metrixes"), limit=3)
    assert "sustainability" in results.suggestions or results.answered


def test_the_video_about_the_topic_comes_first_with_its_time(lecture_index: SearchIndex) -> None:
    results = search(lecture_index, Query("river"), limit=3)
    assert results.hits[0].passage.source == "Rivers and floods"
    assert results.hits[0].passage.start is not None


def test_overlapping_windows_of_one_moment_are_shown_once(lecture_index: SearchIndex) -> None:
    hits = search(lecture_index, Query("levees flood risk downstream"), limit=5).hits
    spans = [(h.passage.group, h.passage.start, h.passage.end) for h in hits]
    for i, (group, start, end) in enumerate(spans):
        for other_group, other_start, other_end in spans[i + 1:]:
            if group == other_group:
                assert start is not None and end is not None
                assert other_start is not None and other_end is not None
                shared = min(end, other_end) - max(start, other_start)
                assert shared <= 0.5 * min(end - start, other_end - other_start)


def test_proximity_prefers_the_words_together(lecture_index: SearchIndex) -> None:
    plain = Weights(group=0, proximity=0)
    near = Weights(group=0, proximity=1.0)
    together = search(lecture_index, Query("public transport"), limit=1, weights=near).hits[0]
    assert "Public transport" in together.passage.text
    assert search(lecture_index, Query("public transport"), limit=1, weights=plain).hits


def test_a_quoted_phrase_beats_the_same_words_apart(lecture_index: SearchIndex) -> None:
    hits = search(lecture_index, Query('"flood peak"', phrases=("flood peak",)), limit=1).hits
    assert "flood peak" in hits[0].passage.text


def test_paging_continues_where_the_first_page_stopped(course_index: SearchIndex) -> None:
    first = search(course_index, Query("data"), limit=3)
    second = search(course_index, Query("data"), limit=3, offset=3)
    assert first.total > 3 and second.total > 6
    assert not {h.position for h in first.hits} & {h.position for h in second.hits}


def test_the_askers_week_lifts_its_passages_but_filters_nothing() -> None:
    from bot.search.builder import build
    from bot.search.passages import Passage

    same = "Sensors report air quality every minute."
    index = build([Passage(2, "Air, part 1", Kind.TRANSCRIPT, same, start=0, end=30, group="w2/v0"),
                   Passage(4, "Air, part 2", Kind.TRANSCRIPT, same, start=0, end=30, group="w4/v0"),
                   Passage(1, "Intro", Kind.TRANSCRIPT, "Sensors everywhere.", start=0, end=30,
                           group="w1/v0")])
    assert search(index, Query("air quality sensors", near_week=4), limit=1).hits[0].passage.week == 4
    assert search(index, Query("air quality sensors", near_week=2), limit=1).hits[0].passage.week == 2
    assert search(index, Query("air quality sensors", near_video="w4/v0"), limit=1).hits[0].passage.week == 4
    # A week far from the question's answer does not hide the answer.
    hits = search(index, Query("air quality sensors", near_week=1), limit=3).hits
    assert hits[0].passage.week in (2, 4) and len(hits) == 3


def _lectures(rival: str) -> SearchIndex:
    """Three moments of one lecture on tram ticketing, and one moment of `rival`'s lecture."""
    from bot.search.builder import build
    from bot.search.passages import Passage

    lecture = [Passage(3, "Trams", Kind.TRANSCRIPT, text, start=60.0 * n, end=60.0 * n + 50, group="w3/v1")
               for n, text in enumerate(("Tram ticketing by phone cut queues at every tram stop.",
                                         "Tram ticketing data shows which tram stops are busy.",
                                         "Tram ticketing across the region uses one smart card."))]
    return build([*lecture, Passage(3, "Buses", Kind.TRANSCRIPT, rival, start=0, end=50, group="w3/v2")])


def test_a_lecture_that_clearly_leads_may_fill_the_top_results() -> None:
    index = _lectures("Buses share some tram stops.")
    steep = Weights(same_video_decay=0.3)  # without a clear lead, the lecture's 3rd moment would sink
    hits = search(index, Query("tram ticketing"), limit=4, weights=steep).hits
    groups = [hit.passage.group for hit in hits]
    assert groups == ["w3/v1", "w3/v1", "w3/v1", "w3/v2"]


def test_when_no_lecture_clearly_leads_the_others_are_not_crowded_out() -> None:
    index = _lectures("Tram ticketing on buses and tram stops alike.")
    steep = Weights(same_video_decay=0.3)
    hits = search(index, Query("tram ticketing"), limit=4, weights=steep).hits
    groups = [hit.passage.group for hit in hits]
    assert groups[:2] == ["w3/v1", "w3/v2"], groups
