"""What `group setup` was told: `key:value` options in any order, merged with the group as it is.

`start:2026-12-07 tz:Europe/London name:"Tuesday group" course:smart-cities`, in any
order. A value with spaces is quoted, or runs on to the next `key:`; the older bare form
(`start 2026-12-07 tz UTC`, a lone date) still reads. Running setup again changes only
what it names: the rest stays as the group has it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from bot.command import UsageError
from bot.groups.service import DEFAULT_GROUP_NAME, EXAMPLE_START, GroupSettings
from bot.store.groups import StudyGroup

OPTION_NAMES = {"start": "start", "starts": "start", "date": "start", "tz": "tz",
                "timezone": "tz", "zone": "tz", "course": "course", "name": "name"}
# Values that may hold spaces: they run on to the next `key:`.
RUNNING_ON = {"name", "course"}
# A word, with any quoted stretch inside it kept whole: name:"Tuesday group".
TOKEN = re.compile(r'[^\s"“”]*(?:"[^"]*"?|“[^”]*”?)[^\s"“”]*|\S+')
QUOTES = "\"“”'"


@dataclass(frozen=True)
class SetupChoices:
    """The settings one `group setup` line named; None where it named nothing."""

    start: date | None = None
    timezone: str | None = None
    name: str | None = None
    course_id: str | None = None

    def over(self, current: StudyGroup | None) -> GroupSettings:
        """The group's settings once these choices are made (a new group needs a start)."""
        start = self.start or (current.start_date if current else None)
        if start is None:
            raise UsageError("When does the group start? Add `start:YYYY-MM-DD`, e.g. "
                             f"`group setup {EXAMPLE_START}`.")
        return GroupSettings(
            start=start,
            timezone=self.timezone or (current.timezone if current else "UTC"),
            name=self.name or (current.name if current else DEFAULT_GROUP_NAME),
            course_id=self.course_id or "")


def parse_setup(args: str) -> SetupChoices:
    options = options_of(args)
    start = options.get("start")
    if start is not None:
        try:
            day = date.fromisoformat(start)
        except ValueError:
            raise UsageError(f"`{start[:20]}` isn't a date I can read. Write it as YYYY-MM-DD, "
                             f"e.g. `group setup {EXAMPLE_START}`.") from None
    name = options.get("name")
    return SetupChoices(start=day if start is not None else None, timezone=options.get("tz") or None,
                        name=name[:120] if name else None, course_id=options.get("course") or None)


def options_of(args: str) -> dict[str, str]:
    options: dict[str, str] = {}
    words = TOKEN.findall(args)
    while words:
        word = words.pop(0)
        label, colon, value = word.partition(":")
        key = OPTION_NAMES.get(label.lower())
        if key is None and _looks_like_date(word):
            key, value, colon = "start", word, ":"
        if key is None:
            raise UsageError(f"I didn't understand `{word[:30]}`. Options are `start:`, `tz:`, "
                             f"`name:` and `course:`, e.g. `group setup {EXAMPLE_START} "
                             'name:"Tuesday group"`.')
        if not colon or not value:
            value = words.pop(0) if words else ""
        if key in RUNNING_ON and not _quoted(value):
            while words and not _names_a_key(words[0]):
                value += " " + words.pop(0)
        options[key] = value.strip(QUOTES + " ").strip()
    return options


def _names_a_key(word: str) -> bool:
    label, colon, _ = word.partition(":")
    return bool(colon) and label.lower() in OPTION_NAMES


def _quoted(value: str) -> bool:
    return len(value) > 1 and value[0] in QUOTES and value[-1] in QUOTES


def _looks_like_date(word: str) -> bool:
    return len(word) == 10 and word[4] == "-" and word[7] == "-"
