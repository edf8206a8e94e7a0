"""The shape of a chat command, shared by every capability module and the router."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from bot.messages import Incoming, Need, Reply


async def _nobody_facilitates() -> bool:
    return False


@dataclass(frozen=True)
class Context:
    """What a handler may know about the message it answers."""

    message: Incoming
    now: datetime
    # Asked only by the commands that need it, once per message: most messages never do.
    facilitator_check: Callable[[], Awaitable[bool]] = _nobody_facilitates
    _answer: list[bool] = field(default_factory=list, compare=False, repr=False)

    async def is_facilitator(self) -> bool:
        """Whether the sender facilitates the group this message is about."""
        if not self._answer:
            self._answer.append(await self.facilitator_check())
        return self._answer[0]


Handler = Callable[[Context, str], Awaitable[Reply]]
# Whether a message answers the open question (its dialog state given): True, surely;
# False, it cannot (so it is taken as a new request, not a wrong answer); None, can't tell.
Accepts = Callable[[dict[str, Any], str], bool | None]


@dataclass(frozen=True)
class Command:
    name: str
    summary: str
    usage: tuple[str, ...]
    handler: Handler
    aliases: tuple[str, ...] = ()
    details: str = ""
    facilitator_only: bool = False
    # Section of `help` the command is listed under.
    topic: str = "course"
    # Answers to a question this command asked (see bot.store.dialogs).
    on_answer: Handler | None = None
    accepts: Accepts | None = None
    # Takes any words after it (a question to search for): a slip in the command word
    # ("serch ...") is then forgiven whatever follows.
    free_text: bool = False

    @property
    def words(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Intent:
    """A plain-language phrasing and the command text it stands for.

    `rewrite` gets the match and returns the command line to run, e.g. "week 3", or
    None when the phrase matched but should fall through to the next intent.
    """

    pattern: re.Pattern[str]
    rewrite: Callable[[re.Match[str]], str | None]


def intent(regex: str, rewrite: Callable[[re.Match[str]], str | None]) -> Intent:
    return Intent(re.compile(regex, re.IGNORECASE), rewrite)


class UsageError(Exception):
    """The user asked for something we understood but cannot do as asked.

    The message is shown to the user as it is: write it friendly, and say what to
    do next. `needs` says what the asker lacked, when that was the reason.
    """

    def __init__(self, message: str, *, needs: Need | None = None) -> None:
        super().__init__(message)
        self.needs = needs


class Capability(Protocol):
    """A module of related commands (weeks, lookup, canvas, ...)."""

    def commands(self) -> Sequence[Command]: ...

    def intents(self) -> Sequence[Intent]: ...


@dataclass
class Registry:
    """The commands and phrasings of every capability, in the order they were added."""

    commands: list[Command] = field(default_factory=list)
    intents: list[Intent] = field(default_factory=list)

    def add(self, capability: Capability) -> None:
        for command in capability.commands():
            clash = set(command.words) & {w for c in self.commands for w in c.words}
            if clash:
                raise ValueError(f"command word {sorted(clash)[0]!r} is defined twice")
            self.commands.append(command)
        self.intents.extend(capability.intents())

    def find(self, word: str) -> Command | None:
        word = word.lower()
        return next((c for c in self.commands if word in c.words), None)

    def by_name(self, name: str) -> Command | None:
        return next((c for c in self.commands if c.name == name), None)
