"""The feed cache serves a feed only at its revision, and keeps the most recently served."""

from __future__ import annotations

import asyncio

from bot.calendar.cache import FeedBody, FeedCache, revision


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


async def test_requests_arriving_during_a_build_wait_for_it_rather_than_build_again() -> None:
    cache = FeedCache()

    async def serve() -> FeedBody:
        async with cache.building("group"):
            found = cache.get("group", "r1")
            if found is not None:
                return found
            await asyncio.sleep(0)  # the build takes a while; the others arrive meanwhile
            return cache.put("group", FeedBody(b"feed", "r1"))

    served = await asyncio.gather(*(serve() for _ in range(5)))
    assert cache.built == 1 and all(s.body == b"feed" for s in served)
