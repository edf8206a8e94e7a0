"""Fitting text into pixels: wrap, break long words, cut with an ellipsis."""

from __future__ import annotations

from bot.render.fonts import load_font
from bot.render.text_fit import ellipsize, wrap

FONT = load_font(20)


def test_wrap_keeps_every_line_within_the_width_and_every_word() -> None:
    text = "The flood alert service gives riverside households an hour's warning to move cars"
    lines = wrap(text, FONT, 200, 10)
    assert len(lines) > 1
    assert all(FONT.getlength(line) <= 200 for line in lines)
    assert " ".join(lines) == text


def test_a_word_longer_than_a_line_is_broken_not_spilled() -> None:
    lines = wrap("x" * 200, FONT, 120, 50)
    assert "".join(lines) == "x" * 200
    assert all(FONT.getlength(line) <= 120 for line in lines)


def test_cut_text_ends_with_an_ellipsis_within_the_width() -> None:
    lines = wrap("word " * 100, FONT, 150, 3)
    assert len(lines) == 3 and lines[-1].endswith("…")
    assert FONT.getlength(lines[-1]) <= 150
    assert wrap("anything", FONT, 150, 0) == []


def test_ellipsize_leaves_short_text_alone() -> None:
    assert ellipsize("Channels", FONT, 300) == "Channels"
    cut = ellipsize("Customer Relationships and more", FONT, 120)
    assert cut.endswith("…") and FONT.getlength(cut) <= 120
