"""Defusing mentions and escaping user text, string by string."""

from __future__ import annotations

import pytest

from adapters.discord.safe_text import MORE, defuse_mentions, escape_user_text, split_text, trim
from tests.adapters.discord.live_mentions import LIVE_MENTION
from tests.mention_corpus import MENTION_INJECTIONS


def test_the_shared_corpus_is_big_enough() -> None:
    assert len(MENTION_INJECTIONS) >= 30


@pytest.mark.parametrize("hostile", MENTION_INJECTIONS)
def test_no_corpus_string_stays_a_live_mention(hostile: str) -> None:
    assert LIVE_MENTION.search(defuse_mentions(hostile)) is None
    assert LIVE_MENTION.search(escape_user_text(hostile)) is None


def test_defusing_keeps_the_words_readable() -> None:
    assert defuse_mentions("hey @everyone, ask <@123456789012345678>").replace("\u200b", "") == (
        "hey @everyone, ask <@123456789012345678>")
    assert defuse_mentions("email me at ada@example.org") == "email me at ada@example.org"


def test_user_markdown_and_masked_links_are_shown_literally() -> None:
    assert escape_user_text("**bold** `code` [@everyone](https://evil.example)") == (
        "\\*\\*bold\\*\\* \\`code\\` \\[@\u200beveryone](https://evil.example)")
    assert escape_user_text("> quoted\n# big") == "\\> quoted\n\\# big"


def test_split_text_cuts_at_paragraphs_then_words_within_the_limit() -> None:
    text = "a first paragraph, long enough to end a piece\n\n" + "word " * 50
    pieces = split_text(text, 60)
    assert pieces[0] == "a first paragraph, long enough to end a piece"
    assert all(len(piece) <= 60 for piece in pieces)
    assert " ".join(pieces).split() == text.split()
    assert split_text("x" * 130, 50) == ["x" * 50, "x" * 50, "x" * 30]


def test_trim_says_there_is_more() -> None:
    assert trim("short", 10) == "short"
    trimmed = trim("a long sentence that goes on", 20)
    assert len(trimmed) <= 20 and trimmed.endswith(MORE)
