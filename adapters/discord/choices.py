"""Autocomplete suggestions, from the course and the commands the companion knows.

Nothing here knows a capability's grammar: actions ("add", "show", ...) are read from
each command's own usage examples, so a capability added tomorrow is suggested too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from discord import app_commands

from bot.command import Registry
from bot.commands.help import TOPIC_TITLES
from bot.course.models import Course

ACTION_WORD = re.compile(r"^[a-z][a-z-]*$")
MAX_CHOICES = 25
MAX_CHOICE_TEXT = 100


@dataclass(frozen=True)
class Suggestion:
    name: str
    value: str | int

    def matches(self, typed: str) -> bool:
        typed = typed.strip().casefold()
        return not typed or typed in self.name.casefold() or typed in str(self.value).casefold()


class Suggestions:
    def __init__(self, course: Course, registry: Registry) -> None:
        self.course = course
        self.registry = registry

    def weeks(self, typed: str) -> list[app_commands.Choice[int]]:
        found = [Suggestion(f"Week {w.number}: {w.title}", w.number) for w in self.course.weeks]
        return [app_commands.Choice(name=s.name[:MAX_CHOICE_TEXT], value=int(s.value))
                for s in _best(found, typed)]

    def speakers(self, typed: str) -> list[app_commands.Choice[str]]:
        people = self._speakers()
        return _strings((Suggestion(name, speaker_id) for speaker_id, name in people.items()), typed)

    def speaker_id(self, typed: str) -> str:
        """The id for a speaker typed by name ("Dr Lorraine Hudson" -> "lorraine"), else as typed."""
        wanted = " ".join(typed.split()).casefold()
        for speaker_id, name in self._speakers().items():
            if wanted in (speaker_id.casefold(), name.casefold()):
                return speaker_id
        return "-".join(typed.split())

    def _speakers(self) -> dict[str, str]:
        people = {p.id: p.name for p in self.course.info.people}
        for week in self.course.weeks:
            for video in week.videos:
                for turn in video.transcript:
                    if turn.speaker and turn.speaker not in people:
                        people[turn.speaker] = self.course.speaker_name(turn.speaker) or turn.speaker
        return people

    def canvas_blocks(self, typed: str) -> list[app_commands.Choice[str]]:
        return _strings((Suggestion(f"{b.name} (week {b.week})", b.id) for b in self.course.canvas), typed)

    def actions(self, command_name: str, typed: str) -> list[app_commands.Choice[str]]:
        """Second words of the command's usage examples: "canvas add …" suggests "add".

        Words of canvas block names are left out: "canvas key partners" names a block.
        """
        command = self.registry.by_name(command_name)
        if command is None:
            return []
        block_words = {w for b in self.course.canvas for name in (b.name, b.id, *b.aliases)
                       for w in name.lower().replace("-", " ").split()}
        words: dict[str, None] = {}
        for usage in command.usage:
            first, _, rest = usage.partition(" ")
            action = rest.split(" ", 1)[0].lower() if first in command.words else ""
            if ACTION_WORD.match(action) and action not in block_words:
                words[action] = None
        return _strings((Suggestion(word, word) for word in words), typed)

    def help_topics(self, typed: str) -> list[app_commands.Choice[str]]:
        topics = [Suggestion(f"{c.name}: {c.summary}", c.name) for c in self.registry.commands]
        topics += [Suggestion(title, topic) for topic, title in TOPIC_TITLES.items()]
        return _strings(topics, typed)


def _best(found: Iterable[Suggestion], typed: str) -> list[Suggestion]:
    return [s for s in found if s.matches(typed)][:MAX_CHOICES]


def _strings(found: Iterable[Suggestion], typed: str) -> list[app_commands.Choice[str]]:
    return [app_commands.Choice(name=s.name[:MAX_CHOICE_TEXT], value=str(s.value)[:MAX_CHOICE_TEXT])
            for s in _best(found, typed)]
