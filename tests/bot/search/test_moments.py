"""Moments: the next-best sentences of a search, never the same sentence twice."""

from __future__ import annotations

from bot.course.models import TranscriptTurn
from bot.search.moments import moments, sentence_key
from bot.search.passages import Kind, Passage

SURGE = "Tidal sensors warn the harbour before a storm surge."
GATES = "Flood gates close when the sensors report a surge."
FILLER = "The weather was mild that week."


def window(text: str, start: float, end: float, video: str = "w1/v0") -> Passage:
    return Passage(1, "Harbour sensors", Kind.TRANSCRIPT, text, start=start, end=end, group=video)


def test_a_second_answer_in_the_same_window_is_the_next_moment() -> None:
    found = moments([(window(f"{SURGE} {FILLER} {GATES}", 0, 30), 1.0)], "storm surge sensors",
                    wanted=3, limit=lambda *_: 60)
    assert [m.text for m in found] == [f"{SURGE} …", f"… {GATES}"]
    first, second = found
    assert first.score > second.score
    assert first.start == 0 and first.end is not None and second.start is not None
    assert first.end <= second.start and second.end == 30  # later in the window, later in the video


def test_overlapping_windows_do_not_quote_a_sentence_twice() -> None:
    earlier = window(f"{FILLER} {SURGE}", 0, 40)
    later = window(f"{SURGE} {GATES}", 20, 60)
    found = moments([(earlier, 1.0), (later, 0.9)], "storm surge sensors", wanted=5, limit=lambda *_: 60)
    quoted = [m.text for m in found]
    assert sum(SURGE in text for text in quoted) == 1
    assert any(GATES in text for text in quoted)


def test_moments_already_shown_are_skipped_in_another_video_too() -> None:
    one, other = window(SURGE, 0, 10, "w1/v0"), window(SURGE, 0, 10, "w2/v0")
    shown = {sentence_key(one, SURGE)}
    [found] = moments([(one, 1.0), (other, 0.8)], "storm surge", wanted=3, shown=shown)
    assert found.passage is other  # the same words in another video are another moment
    assert moments([(one, 1.0)], "storm surge", wanted=3, shown=shown) == []


def test_a_passage_found_by_meaning_alone_still_gives_a_moment() -> None:
    [found] = moments([(window(FILLER, 5, 9), 0.5)], "why was it warm", wanted=2)
    assert found.text == FILLER and (found.start, found.end) == (5, 9)


def test_the_moment_that_explains_beats_the_first_mention() -> None:
    intro = "Today we meet recursion."
    aside = "Bring a pen and some paper along."
    explained = ("Recursion is a function calling itself on a smaller piece. "
                 "Each call of the recursion gets closer to the base case.")
    passage = window(f"{intro} {aside} {FILLER} {explained}", 0, 90)
    [found] = moments([(passage, 1.0)], "what is recursion", wanted=1, limit=lambda *_: 70)
    assert found.text.startswith("… Recursion is a function calling itself")
    assert found.start is not None and found.start > 20  # not the opening seconds


def test_a_moment_has_the_seconds_of_the_captions_that_say_it_and_stays_short() -> None:
    said = [("Welcome to the allotment course.", 1.0, 4.5),
            ("Today we test the soil before planting.", 4.5, 9.0),
            ("Compost feeds the soil with nitrogen.", 65.0, 70.0)]
    turns = [TranscriptTurn(text=text, start=start, end=end) for text, start, end in said]
    passage = window(" ".join(text for text, _, _ in said), 1.0, 70.0)
    [found] = moments([(passage, 1.0)], "compost nitrogen", wanted=1, turns=lambda _: turns)
    # Not the minute of sparse captions before it, which would fit the characters allowed.
    assert found.text == "… Compost feeds the soil with nitrogen."
    assert (found.start, found.end) == (65.0, 70.0)
