"""Autocomplete suggestions: from the course a message is about, the commands, and the clock.

The course comes from a `CourseSource` (the companion): the one a group follows, or a
learner's in a DM, so suggestions follow the course without this module knowing how.
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import Protocol

from discord import app_commands

from bot.command import Registry
from bot.course.models import Course
from bot.help import TOPIC_TITLES
from bot.messages import Incoming

MAX_CHOICES = 25
MAX_CHOICE_TEXT = 100
COMMON_ZONES = ("UTC", "Europe/London", "Europe/Dublin", "Europe/Paris", "Europe/Berlin",
                "America/New_York", "America/Chicago", "America/Los_Angeles", "Asia/Kolkata",
                "Asia/Singapore", "Asia/Tokyo", "Australia/Sydney")
START_WEEKS_OFFERED = 6


class CourseSource(Protocol):
    async def course_for(self, message: Incoming) -> Course: ...

    def courses(self) -> Sequence[Course]: ...


@dataclass(frozen=True)
class Suggestion:
    name: str
    value: str | int

    def matches(self, typed: str) -> bool:
        typed = typed.strip().casefold()
        return not typed or typed in self.name.casefold() or typed in str(self.value).casefold()


class Suggestions:
    def __init__(self, source: CourseSource, registry: Registry) -> None:
        self.source = source
        self.registry = registry

    async def course(self, message: Incoming) -> Course:
        return await self.source.course_for(message)

    def courses(self, typed: str) -> list[app_commands.Choice[str]]:
        return strings((Suggestion(f"{c.title} ({c.info.id})", c.info.id) for c in self.source.courses()),
                       typed)

    def help_topics(self, typed: str) -> list[app_commands.Choice[str]]:
        topics = [Suggestion(f"{c.name}: {c.summary}", c.name) for c in self.registry.commands]
        topics += [Suggestion(title, topic) for topic, title in TOPIC_TITLES.items()]
        return strings(topics, typed)


def weeks(course: Course, typed: str) -> list[app_commands.Choice[int]]:
    found = [Suggestion(f"Week {w.number}: {w.title}", w.number) for w in course.weeks]
    return [app_commands.Choice(name=s.name[:MAX_CHOICE_TEXT], value=int(s.value))
            for s in best(found, typed)]


def speakers(course: Course, typed: str) -> list[app_commands.Choice[str]]:
    return strings((Suggestion(name, speaker_id) for speaker_id, name in speaker_names(course).items()),
                   typed)


def speaker_id(course: Course, typed: str) -> str:
    """The id for a speaker typed by name ("Dr Lorraine Hudson" -> "lorraine"), else as typed."""
    wanted = " ".join(typed.split()).casefold()
    for known_id, name in speaker_names(course).items():
        if wanted in (known_id.casefold(), name.casefold()):
            return known_id
    return "-".join(typed.split())


def speaker_names(course: Course) -> dict[str, str]:
    people = {p.id: p.name for p in course.info.people}
    for week in course.weeks:
        for video in week.videos:
            for turn in video.transcript:
                if turn.speaker and turn.speaker not in people:
                    people[turn.speaker] = course.speaker_name(turn.speaker) or turn.speaker
    return people


def canvas_blocks(course: Course, typed: str) -> list[app_commands.Choice[str]]:
    return strings((Suggestion(f"{b.name} (week {b.week})", b.id) for b in course.canvas), typed)


def time_zones(typed: str) -> list[app_commands.Choice[str]]:
    wanted = typed.strip().casefold().replace(" ", "_")
    if not wanted:
        return [app_commands.Choice(name=zone, value=zone) for zone in COMMON_ZONES]
    found = [z for z in _all_zones() if wanted in z.casefold()]
    found.sort(key=lambda z: (not z.casefold().split("/")[-1].startswith(wanted), len(z), z))
    return [app_commands.Choice(name=zone, value=zone) for zone in found[:MAX_CHOICES]]


@cache
def _all_zones() -> tuple[str, ...]:
    return tuple(sorted(zoneinfo.available_timezones()))


def start_dates(today: date, typed: str) -> list[app_commands.Choice[str]]:
    """The next few Mondays, written as the date the command wants (YYYY-MM-DD)."""
    monday = today + timedelta(days=-today.weekday() % 7)
    days = [monday + timedelta(weeks=n) for n in range(START_WEEKS_OFFERED)]
    found = [Suggestion(f"{d:%A} {d.day} {d:%B %Y}", d.isoformat()) for d in days]
    return strings(found, typed)


def clock_times(typed: str) -> list[app_commands.Choice[str]]:
    times = [f"{hour:02d}:{minute:02d}" for hour in range(7, 22) for minute in (0, 30)]
    wanted = typed.strip()
    return [app_commands.Choice(name=t, value=t) for t in times if t.startswith(wanted)][:MAX_CHOICES]


def prompt_times(course: Course, typed: str) -> list[app_commands.Choice[str]]:
    found = [Suggestion(f"Start of week {w.number}: {w.title}", f"week {w.number} start")
             for w in course.weeks]
    found += [Suggestion("Every Friday at 17:00", "every friday 17:00")]
    return strings(found, typed)


def best(found: Iterable[Suggestion], typed: str) -> list[Suggestion]:
    return [s for s in found if s.matches(typed)][:MAX_CHOICES]


def strings(found: Iterable[Suggestion], typed: str) -> list[app_commands.Choice[str]]:
    return [app_commands.Choice(name=s.name[:MAX_CHOICE_TEXT], value=str(s.value)[:MAX_CHOICE_TEXT])
            for s in best(found, typed)]
