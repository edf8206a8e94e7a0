"""A mistyped question word is put right; a real word is left as it is."""

from __future__ import annotations

import pytest

from bot.slips import respell


@pytest.mark.parametrize("typed, meant", [
    ("whta goes in key partners?", "what goes in key partners?"),
    ("wehre is week 3", "where is week 3"),
    ("hwich week covers open data", "which week covers open data"),
])
def test_a_slipped_question_word_is_put_right(typed: str, meant: str) -> None:
    assert respell(typed) == meant


@pytest.mark.parametrize("typed", ["were we meant to read week 2", "what goes in key partners?",
                                   "canvas", "whom", "wht is this"])
def test_real_words_and_short_slips_are_left_alone(typed: str) -> None:
    assert respell(typed) is None
