"""A group's calendar as iCalendar (RFC 5545), built with the `icalendar` library.

The course's weeks are all-day events; live sessions are timed events in the group's
time zone (with its VTIMEZONE), cancelled ones marked CANCELLED so calendar apps drop
them; the group's scheduled posts may be added as short events. UIDs are stable, so a
calendar app that polls the feed updates events rather than duplicating them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from bot.course.models import Course
from bot.schedule.clock import week_start_date
from bot.sessions.store import StudySession
from bot.store.groups import StudyGroup

if TYPE_CHECKING:
    from icalendar import Event

PRODUCT = "-//studybot//group calendar//EN"
POST_MINUTES = 15


@dataclass(frozen=True)
class PostEvent:
    """A scheduled post shown in the feed (when asked for): when, and what it is."""

    at: datetime
    key: str
    title: str


def group_calendar(group: StudyGroup, course: Course | None, sessions: Sequence[StudySession],
                   posts: Sequence[PostEvent], now: datetime) -> bytes:
    # Read on the first feed, not at start-up: the library costs ~0.1 s to import and
    # most processes (the console, a quiet replica) never build a feed.
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", group.name if course is None else f"{group.name}: {course.title}")
    calendar.add("x-wr-timezone", group.timezone)
    uid = _uid_maker(group)
    if course is not None:
        for week in course.weeks:
            first = week_start_date(group.start_date, week.number)
            calendar.add_component(_event(uid(f"week-{week.number}"), now, f"Week {week.number}: "
                                          f"{week.title}", first, first + timedelta(days=7),
                                          week.summary))
    zone = group.zone
    for item in sessions:
        start = item.starts_at.astimezone(zone)
        event = _event(uid(f"session-{item.id}"), now, item.title, start,
                       start + timedelta(minutes=item.minutes), f"Live study session #{item.number}")
        if item.place:
            event.add("location", item.place)
            if item.place.startswith(("https://", "http://")):
                event.add("url", item.place)
        event.add("status", "CANCELLED" if item.cancelled else "CONFIRMED")
        calendar.add_component(event)
    for post in posts:
        start = post.at.astimezone(zone)
        end = start + timedelta(minutes=POST_MINUTES)
        calendar.add_component(_event(uid(post.key), now, post.title, start, end,
                                      "Posted in the group's channel"))
    calendar.add_missing_timezones()
    return bytes(calendar.to_ical())


def _event(uid: str, now: datetime, summary: str, start: object, end: object, description: str) -> Event:
    from icalendar import Event

    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", now)
    event.add("summary", summary)
    event.add("dtstart", start)
    event.add("dtend", end)
    if description:
        event.add("description", description)
    return event


def _uid_maker(group: StudyGroup) -> Callable[[str], str]:
    # The group's ids stay out of the feed; a hash keeps UIDs stable and unique.
    digest = hashlib.sha256(f"{group.tenant.platform}/{group.tenant.id}/{group.channel_id}".encode())
    prefix = digest.hexdigest()[:16]
    return lambda item: f"{item}-{prefix}@studybot"
