"""Serialised calendar feeds, kept per group until what they are made of changes.

Turning 200 sessions into iCalendar text takes the `icalendar` library hundreds of
milliseconds, while reading them takes a few. So every request still reads the group,
its sessions and (with posts) its next posts, and a digest of exactly that is the
feed's revision: the same revision is served from memory, a changed one (a session
added, edited or cancelled, a new start date, time zone or course, a post due or gone)
is built afresh. Nothing stale can be served, and the revision doubles as the ETag.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass

KEPT = 128  # feeds in memory at most; the least recently served goes first


@dataclass(frozen=True)
class FeedBody:
    """A feed as served: its bytes and its revision (an HTTP entity tag)."""

    body: bytes
    etag: str


def revision(lines: Iterable[str]) -> str:
    """A digest of everything a feed is made of, one line per thing. The same on every
    replica (no hash() randomness), so an ETag from one is good at another."""
    digest = hashlib.sha256()
    for line in lines:
        digest.update(line.encode("utf-8", "surrogatepass"))
        digest.update(b"\x00")
    return digest.hexdigest()[:32]


class FeedCache:
    def __init__(self, kept: int = KEPT) -> None:
        self.kept = kept
        self._feeds: OrderedDict[object, FeedBody] = OrderedDict()
        self._building: dict[object, asyncio.Lock] = {}
        self.built = 0  # how many were serialised (what a cache miss costs)

    def building(self, key: object) -> asyncio.Lock:
        """Held while a group's feed is built, so requests that arrive meanwhile (calendar
        apps polling right after an edit) wait for that one build instead of each making one."""
        return self._building.setdefault(key, asyncio.Lock())

    def get(self, key: object, etag: str) -> FeedBody | None:
        found = self._feeds.get(key)
        if found is None or found.etag != etag:
            return None
        self._feeds.move_to_end(key)
        return found

    def put(self, key: object, feed: FeedBody) -> FeedBody:
        self.built += 1
        self._feeds[key] = feed
        self._feeds.move_to_end(key)
        while len(self._feeds) > self.kept:
            gone, _ = self._feeds.popitem(last=False)
            lock = self._building.get(gone)
            if lock is not None and not lock.locked():
                del self._building[gone]
        return feed
