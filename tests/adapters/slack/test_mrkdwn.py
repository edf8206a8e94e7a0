"""Escaping and splitting text for Slack."""

from __future__ import annotations

from adapters.slack import mrkdwn


def test_escape_leaves_no_angle_bracket_and_breaks_broadcasts() -> None:
    assert mrkdwn.escape("<!here> & @channel") == "&lt;!here&gt; &amp; @\u2060channel"


def test_defuse_keeps_literal_text_readable_but_inert() -> None:
    assert mrkdwn.defuse("<@U1> ＠everyone a<b") == "<\u2060@U1> ＠\u2060everyone a<b"


def test_ours_converts_bold_outside_code_only() -> None:
    assert mrkdwn.ours("**a** `**b**` _c_") == "*a* `**b**` _c_"


def test_unmarked_drops_our_markers() -> None:
    assert mrkdwn.unmarked("**Week** _one_ `code`") == "Week one code"


def test_split_prefers_paragraphs_then_lines_then_words() -> None:
    text = "first paragraph\n\nsecond one is here"
    assert mrkdwn.split(text, 20) == ["first paragraph", "second one is here"]
    assert mrkdwn.split("a b c d e f", 5) == ["a b c", "d e f"]
    assert mrkdwn.split("", 5) == []


def test_clip_marks_the_cut() -> None:
    assert mrkdwn.clip("abcdef", 4) == "abc…"
    assert mrkdwn.clip("abc", 4) == "abc"
