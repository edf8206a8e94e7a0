"""Block names as learners type them: aliases, case, plurals, abbreviations and typos."""

from __future__ import annotations

import pytest

from bot.canvas.blocks import BlockMatcher
from bot.course.models import Course


@pytest.fixture
def matcher(course: Course) -> BlockMatcher:
    return BlockMatcher(course.canvas)


@pytest.mark.parametrize("typed, block_id", [
    ("Key Partners", "key-partners"),
    ("key partner", "key-partners"),
    ("KP", "key-partners"),
    ("the key partners block", "key-partners"),
    ("VP", "value-propositions"),
    ("value proposition", "value-propositions"),
    ("Value-Propositions", "value-propositions"),
    ("revenue", "revenue-streams"),
    ("REVENUE STREAM", "revenue-streams"),
    ("customer segment", "customer-segments"),
    ("my customer segments", "customer-segments"),
    ("costs", "cost-structure"),
    ("channel", "channels"),
])
def test_names_aliases_case_and_plurals(matcher: BlockMatcher, typed: str, block_id: str) -> None:
    block = matcher.find(typed)
    assert block is not None and block.id == block_id


@pytest.mark.parametrize("typed, block_id", [
    ("key partnres", "key-partners"),
    ("kee partners", "key-partners"),
    ("custmer segments", "customer-segments"),
    ("valu propositon", "value-propositions"),
    ("revenu streams", "revenue-streams"),
    ("cost structur", "cost-structure"),
    ("key resorces", "key-resources"),
])
def test_typos_are_forgiven(matcher: BlockMatcher, typed: str, block_id: str) -> None:
    block = matcher.find(typed)
    assert block is not None and block.id == block_id


@pytest.mark.parametrize("typed", ["council", "open data", "sensors", "xyz", "", "week 3", "cat"])
def test_words_that_are_no_block_match_nothing(matcher: BlockMatcher, typed: str) -> None:
    assert matcher.find(typed) is None


@pytest.mark.parametrize("text, block_id, rest", [
    ("key partners the city council", "key-partners", "the city council"),
    ("kp: the city council", "key-partners", "the city council"),
    ("revenue grants from the council", "revenue-streams", "grants from the council"),
    ("customer segments tenants in social housing", "customer-segments",
     "tenants in social housing"),
    ("value proposition 2 safer streets", "value-propositions", "2 safer streets"),
    ("key partnres the council", "key-partners", "the council"),
    ("Cost Structure - sensors", "cost-structure", "sensors"),
])
def test_split_finds_the_block_at_the_start_and_keeps_the_rest(
    matcher: BlockMatcher, text: str, block_id: str, rest: str
) -> None:
    found = matcher.split(text)
    assert found is not None
    assert (found.block.id, found.rest) == (block_id, rest)


def test_split_prefers_an_exact_name_to_a_longer_near_miss(matcher: BlockMatcher) -> None:
    # "customer segments tenants" is close to "customer segments", but the exact
    # two-word name must win so the entry keeps the word "tenants".
    found = matcher.split("customer segments tenants")
    assert found is not None and found.rest == "tenants"


def test_split_without_a_block_is_none(matcher: BlockMatcher) -> None:
    assert matcher.split("the city council") is None


@pytest.mark.parametrize("text, rest", [("kr ✨", "✨"), ("vp ✨ sparkly bus stops", "✨ sparkly bus stops"),
                                        ("key partners 🚲 repair café", "🚲 repair café")])
def test_an_emoji_after_the_block_name_begins_the_entry(matcher: BlockMatcher, text: str, rest: str) -> None:
    found = matcher.split(text)
    assert found is not None and found.rest == rest
