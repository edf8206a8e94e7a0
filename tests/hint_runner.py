"""Collect the command examples the bot shows and run each where it was shown.

A hint is a span in backticks (or a button's command) whose first word is a command word
(or a plain-language phrasing the router takes, like `course ID`). Placeholders in it
(`ID`, `N`, `<your idea>`, `<block>`, ...) are filled in with what a reader would type.
Each hint is run as the same person in the same place that was shown it; the reply must
be neither a refusal nor a "did you mean".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from bot.app import Companion
from bot.messages import Actions, Bullets, Fields, Heading, Incoming, Reply, Text
from bot.store.dialogs import DialogRepository
from tests.people import say

CODE = re.compile(r"`([^`\n]+)`")
SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z`(])")
REFUSALS = ("Did you mean", "I don't know the command", "I have no help on that topic",
            "Only the group's facilitators", "Only workspace or server admins",
            "Sorry, something went wrong", "isn't a study group yet")
# What a reader puts in place of a placeholder.
FILLS = (("<your idea>", "cheaper bus tickets"), ("<new wording>", "cheaper night buses"),
         ("<an idea for the group>", "a repair café"), ("<something you noticed this week>",
                                                        "sensors on lamp posts"),
         ("<block>", "key partners"), ("<n>", "1"), ("<text>", "shared bikes"),
         ("<command>", "week"), ("#channel", "#study-group"))
WORD_FILLS = {"ID": "", "N": "1"}
# The group that already meets in the workspace of every place (see `tests/bot/test_hints.py`).
GROUP_CHANNEL = "study-group"
SEEN = (GROUP_CHANNEL,)


@dataclass(frozen=True)
class Place:
    """Who reads the hints, and where."""

    name: str
    user: str
    channel: str | None
    admin: bool

    def message(self, text: str) -> Incoming:
        # Learners can see the workspace's group channels, as on the platforms.
        return say(text, user=self.user, channel=self.channel, admin=self.admin, sees=SEEN)


@dataclass
class Run:
    found: set[str] = field(default_factory=set)
    ran: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)


MOVERS = ("group join", "group leave", "group course", "privacy delete", "course ", "courses ")
# A sentence that sends its hint to another place or person is not run here.
ELSEWHERE_IN_A_DM = ("in its channel", "in the group's channel", "in a group's channel",
                     "in that group's channel", "in the channel itself", "in the study group's channel",
                     "only facilitators can use this", "also answers to")
ELSEWHERE_IN_A_CHANNEL = ("in a direct message", "only facilitators can use this", "also answers to")


def spans(reply: Reply, place: Place) -> list[str]:
    """Every backticked span and button command of a reply, but those it addresses elsewhere."""
    away = ELSEWHERE_IN_A_DM if place.channel is None else ELSEWHERE_IN_A_CHANNEL
    if not place.admin:
        away = (*away, "a facilitator can", "facilitators see", "facilitators can")
    if any(marker in reply.plain_text().lower() for marker in ("only facilitators can use this",)) \
            and not place.admin:
        return []
    found: list[str] = []
    for part in reply.parts:
        match part:
            case Text(text=text) | Heading(text=text):
                found += [s for sentence in SENTENCE.split(text)
                          if not any(m in sentence.lower() for m in away)
                          for s in CODE.findall(sentence)]
            case Bullets(items=items):
                found += [s for item in items for s in CODE.findall(item)]
            case Fields(items=items):
                found += [s for f in items for s in CODE.findall(f"{f.label} {f.value}")]
            case Actions(buttons=buttons):
                found += [b.command for b in buttons]
    return found


# Answers about where the reader is, not about the hint: `week previous` on week 1 was
# typed right, and says so.
STATE_ANSWERS = ("You're on week 1, the first week", "You're on the last week already")


def refused(reply: Reply, usage_problems: int) -> str | None:
    """The reply's text when it refuses: the router's usage problem, a missing role or place,
    or a "did you mean"."""
    text = reply.plain_text()
    if text.startswith(STATE_ANSWERS):
        return None
    if reply.needs is not None or usage_problems:
        return text
    return text if any(marker in text for marker in REFUSALS) else None


class HintRunner:
    def __init__(self, companion: Companion, place: Place) -> None:
        self.companion = companion
        self.place = place
        self.run = Run()
        self.dialogs = DialogRepository(companion.db)
        self.course_id = companion.catalog.ids[0]
        # The router's refusals of commands it understood, as they happen (see `watch`).
        self.usage_problems: list[str] = []

    def watch(self, explanation: str) -> None:
        self.usage_problems.append(explanation)

    def is_command(self, hint: str) -> bool:
        words = hint.split()
        if not words or "..." in hint:
            return False
        first = words[0].lower()
        registry = self.companion.registries.all()[0]
        return registry.find(first) is not None or first == "course" or hint.lower().startswith("what ")

    def filled(self, hint: str) -> str:
        for placeholder, text in FILLS:
            hint = hint.replace(placeholder, text)
        words = [WORD_FILLS.get(w, w) or self.course_id for w in hint.split()]
        return " ".join(words).replace(":ID", f":{self.course_id}")

    async def say(self, text: str) -> Reply:
        return await self.companion.handle(self.place.message(text))

    async def crawl(self, seeds: Iterable[str], *, rounds: int = 3) -> Run:
        """Say each seed, then run every hint its replies showed, and theirs in turn."""
        queue = [h for seed in seeds for h in spans(await self.say(seed), self.place)]
        for _ in range(rounds):
            fresh = [h for h in dict.fromkeys(queue) if self.is_command(h) and h not in self.run.found]
            if not fresh:
                break
            # Hints that move the reader elsewhere (another group, course, or none) go last,
            # so the others are run where they were shown.
            fresh.sort(key=lambda h: h.lower().startswith(MOVERS))
            queue = []
            for hint in fresh:
                self.run.found.add(hint)
                line = self.filled(hint)
                before = len(self.usage_problems)
                reply = await self.say(line)
                # Each hint stands alone: a question it opens is not the next hint's business.
                await self.dialogs.end(self.place.message(line))
                self.run.ran.append(line)
                problem = refused(reply, len(self.usage_problems) - before)
                if problem is not None:
                    self.run.failed.append((line, problem[:300]))
                queue += spans(reply, self.place)
        return self.run
