"""The feed cache serves a feed only at its revision, and keeps the most recently served."""

from __future__ import annotations

from bot.services.feed_cache import FeedBody, FeedCache, revision


def test_a_feed_is_served_only_at_the_revision_it_was_built_for() -> None:
    cache = FeedCache()
    built = cache.put("group", FeedBody(b"old", revision(["Week 1 catch-up"])))
    assert cache.get("group", revision(["Week 1 catch-up"])) == built
    assert cache.get("group", revision(["Week 1 catch-up, moved online"])) is None
    assert revision(["a", "b"]) != revision(["ab"]), "lines are kept apart"


def test_the_least_recently_served_feed_goes_first() -> None:
    cache = FeedCache(kept=2)
    for name in ("a", "b"):
        cache.put(name, FeedBody(name.encode(), name))
    assert cache.get("a", "a") is not None
    cache.put("c", FeedBody(b"c", "c"))
    assert cache.get("b", "b") is None and cache.get("a", "a") is not None and cache.built == 3
