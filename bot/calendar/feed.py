"""The group's calendar feed: a private URL (an unguessable token), or an .ics file.

The URL is served by the same HTTP server as /healthz (adapters/ops_http.py) at
`STUDYBOT_PUBLIC_URL` + /calendar/<token>.ics. A facilitator's `calendar reset` makes a
new token, so the old URL answers 404 from then on. Where no public URL is configured
(the console), the calendar is written to a file instead.
"""

from __future__ import annotations

import asyncio
import re
import secrets
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from bot.calendar.cache import FeedBody, FeedCache, revision
from bot.calendar.ical import PostEvent, group_calendar
from bot.course.catalog import Catalog
from bot.course.models import Course
from bot.groups.store import GroupSettingsRepository
from bot.ports import Clock
from bot.posts.reminders import ReminderService
from bot.schedule.course_window import occasion_title
from bot.sessions.store import SessionRepository, StudySession
from bot.store.groups import GroupRepository, StudyGroup

FEED_PATH = "/calendar/{token}.ics"
TOKEN_SHAPE = re.compile(r"^[A-Za-z0-9_-]{32,64}$")
MAX_POSTS = 100


class CalendarFeed:
    def __init__(self, groups: GroupRepository, catalog: Catalog, settings: GroupSettingsRepository,
                 sessions: SessionRepository, reminders: ReminderService, *, public_url: str,
                 folder: Path, clock: Clock) -> None:
        self.groups = groups
        self.catalog = catalog
        self.settings = settings
        self.sessions = sessions
        self.reminders = reminders
        self.public_url = public_url.rstrip("/")
        self.folder = folder
        self.clock = clock
        self.cache = FeedCache()

    async def token(self, group: StudyGroup, now: datetime) -> str:
        """The group's feed token, made on first use."""
        current = await self.settings.get(group)
        if current.feed_token:
            return current.feed_token
        return await self.reset(group, now)

    async def reset(self, group: StudyGroup, now: datetime) -> str:
        token = secrets.token_urlsafe(32)
        current = await self.settings.get(group)
        await self.settings.save(group, replace(current, feed_token=token), now)
        return token

    def url(self, token: str) -> str | None:
        return f"{self.public_url}{FEED_PATH.format(token=token)}" if self.public_url else None

    async def ics(self, token: str, with_posts: bool = False) -> bytes | None:
        """The feed that `token` opens, or None (the server answers 404)."""
        served = await self.served(token, with_posts)
        return served.body if served else None

    async def served(self, token: str, with_posts: bool = False) -> FeedBody | None:
        """The feed that `token` opens with its revision, or None (the server answers 404)."""
        if not TOKEN_SHAPE.match(token):
            return None
        found = await self.settings.by_token(token)
        group = await self.groups.get(*found) if found else None
        if group is None:
            return None
        return await self.feed_of(group, with_posts, self.clock())

    async def ics_of(self, group: StudyGroup, with_posts: bool, now: datetime) -> bytes:
        return (await self.feed_of(group, with_posts, now)).body

    async def feed_of(self, group: StudyGroup, with_posts: bool, now: datetime) -> FeedBody:
        course = self.catalog.get(group.course_id)
        sessions = await self.sessions.of_group(group)
        posts = await self._posts(group, course, now) if with_posts else []
        etag = revision(_lines(group, course, sessions, posts))
        key = (group.tenant, group.channel_id, with_posts)
        async with self.cache.building(key):
            cached = self.cache.get(key, etag)
            if cached is not None:
                return cached
            # DTSTAMP is when this revision was made: a calendar app sees it as unchanged
            # until something in it changes.
            body = await asyncio.to_thread(group_calendar, group, course, sessions, posts, now)
            return self.cache.put(key, FeedBody(body, etag))

    async def _posts(self, group: StudyGroup, course: Course | None, now: datetime) -> list[PostEvent]:
        return [PostEvent(item.at, f"post-{item.schedule.id}-{item.at:%Y%m%dT%H%M}",
                          occasion_title(item.schedule, course, group, item.at))
                for item in await self.reminders.preview(group, now, MAX_POSTS)]

    async def write(self, group: StudyGroup, now: datetime) -> Path:
        """Write the calendar (with the group's posts) to a file; returns its path."""
        body = await self.ics_of(group, True, now)
        name = re.sub(r"[^A-Za-z0-9_-]+", "-", f"{group.tenant.id}-{group.channel_id}").strip("-")
        path = self.folder / f"{name or 'group'}.ics"
        await asyncio.to_thread(_write, path, body)
        return path


def _lines(group: StudyGroup, course: Course | None, sessions: list[StudySession],
           posts: list[PostEvent]) -> Iterator[str]:
    """What the feed is made of, one line each (see bot.calendar.cache)."""
    yield f"{group.name}|{group.course_id}|{group.start_date}|{group.timezone}"
    if course is not None:
        yield course.title
        yield from (f"{w.number}|{w.title}|{w.summary}" for w in course.weeks)
    for s in sessions:
        yield (f"{s.id}|{s.number}|{s.title}|{s.place}|{s.starts_at.timestamp()}|{s.minutes}|"
               f"{s.cancelled_at.timestamp() if s.cancelled_at else ''}")
    yield from (f"{p.at.timestamp()}|{p.key}|{p.title}" for p in posts)


def _write(path: Path, body: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(body)
