"""One grammar for every surface: turn a line of chat into a command and run it.

Order of decisions for a message:
1. a question the bot is waiting on an answer to takes the text, unless the text is a
   bare command word, `help ...`, or the asking command itself;
2. otherwise, an explicit command word ("week 5", "canvas add ...") wins;
3. otherwise, plain-language phrasings ("show me week 3") are rewritten to commands;
4. otherwise, the fallback command (lookup, when it is installed) gets the question,
   or the user is told what we do understand.
"""

from __future__ import annotations

import difflib
import logging
import re
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Protocol

from bot import replies
from bot.command import Command, Context, Registry, UsageError
from bot.messages import Incoming, Reply
from bot.ports import Clock
from bot.store.dialogs import DialogRepository

log = logging.getLogger(__name__)

MAX_MESSAGE_CHARS = 4000
FacilitatorCheck = Callable[[Incoming], Awaitable[bool]]
# Flood control (bot.services.flood): None lets a message in, else the reply to send
# instead; an empty Reply() means "send nothing".
Gate = Callable[[Incoming, datetime], Reply | None]
# Words people put before a command out of habit: "/study week 5", "please show week 5".
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
LEADING_NOISE = re.compile(r"^(?:/?study\b|studybot\b|@studybot\b|please\b)[\s,:]*", re.IGNORECASE)


class Registries(Protocol):
    """The commands a message can reach (they differ by course: see bot.registries)."""

    async def for_message(self, message: Incoming) -> Registry: ...

    def all(self) -> list[Registry]: ...


class OneRegistry:
    def __init__(self, registry: Registry) -> None:
        self.registry = registry

    async def for_message(self, message: Incoming) -> Registry:
        return self.registry

    def all(self) -> list[Registry]:
        return [self.registry]


async def platform_admins_only(message: Incoming) -> bool:
    return message.user_is_platform_admin


def utc_clock() -> datetime:
    return datetime.now(UTC)


class Router:
    def __init__(
        self,
        registries: Registry | Registries,
        dialogs: DialogRepository,
        *,
        is_facilitator: FacilitatorCheck = platform_admins_only,
        clock: Clock = utc_clock,
        fallback: str | None = None,
        gate: Gate | None = None,
    ) -> None:
        self.registries = OneRegistry(registries) if isinstance(registries, Registry) else registries
        self.dialogs = dialogs
        self.is_facilitator = is_facilitator
        self.clock = clock
        self.fallback = fallback
        self.gate = gate

    async def handle(self, message: Incoming) -> Reply:
        """Answer one message. Never raises: every failure becomes a friendly reply."""
        try:
            held = self._held(message)
            return held if held is not None else await self._route(message)
        except UsageError as error:
            return replies.usage_problem(str(error))
        except Exception:
            log.exception("command failed", extra={"text": message.text[:200]})
            return replies.internal_error()

    async def _route(self, message: Incoming) -> Reply:
        text = normalise(message.text)
        if len(text) > MAX_MESSAGE_CHARS:
            return replies.too_long(MAX_MESSAGE_CHARS)
        if not text:
            return replies.empty_message()
        registry = await self.registries.for_message(message)
        word, _, rest = text.partition(" ")
        command = registry.find(word)
        owner = await self._dialog_owner(registry, message)
        if owner is not None and not _leaves_dialog(owner, command, rest):
            return await self._run(owner, message, text, answer=True)
        if command is not None:
            return await self._run(command, message, rest.strip())
        rewritten = _rewrite(registry, text)
        if rewritten is not None:
            word, _, rest = rewritten.partition(" ")
            command = registry.find(word)
            if command is not None:
                return await self._run(command, message, rest.strip())
        if self.fallback is not None:
            command = registry.find(self.fallback)
            if command is not None:
                return await self._run(command, message, text)
        return replies.not_understood(word, closest_command(registry, word))

    async def _dialog_owner(self, registry: Registry, message: Incoming) -> Command | None:
        dialog = await self.dialogs.get(message, self.clock())
        if dialog is None:
            return None
        owner = registry.by_name(dialog.kind)
        return owner if owner is not None and owner.on_answer is not None else None

    async def run_command_line(self, message: Incoming, line: str) -> Reply:
        """Run text as a command (buttons use this): no dialogs, no guessing."""
        held = self._held(message)
        if held is not None:
            return held
        try:
            registry = await self.registries.for_message(message)
            word, _, rest = normalise(line).partition(" ")
            command = registry.find(word)
            if command is None:
                return replies.not_understood(word, closest_command(registry, word))
            return await self._run(command, message, rest.strip())
        except UsageError as error:
            return replies.usage_problem(str(error))
        except Exception:
            log.exception("button command failed", extra={"text": line[:200]})
            return replies.internal_error()

    async def _run(
        self, command: Command, message: Incoming, args: str, *, answer: bool = False
    ) -> Reply:
        facilitator = await self.is_facilitator(message)
        if command.facilitator_only and not facilitator:
            return replies.facilitators_only(command.name)
        context = Context(message=message, now=self.clock(), is_facilitator=facilitator)
        handler = command.on_answer if answer and command.on_answer else command.handler
        return await handler(context, args)

    def _held(self, message: Incoming) -> Reply | None:
        return self.gate(message, self.clock()) if self.gate is not None else None



def _rewrite(registry: Registry, text: str) -> str | None:
    for phrasing in registry.intents:
        match = phrasing.pattern.search(text)
        if match is not None:
            command_line = phrasing.rewrite(match)
            if command_line is not None:
                return command_line
    return None


def closest_command(registry: Registry, word: str) -> str | None:
    words = [w for c in registry.commands for w in c.words]
    close = difflib.get_close_matches(word.lower(), words, n=1, cutoff=0.6)
    if not close:
        return None
    command = registry.find(close[0])
    return command.name if command else None


def _leaves_dialog(owner: Command, command: Command | None, rest: str) -> bool:
    """Whether a message sent while a question is open is a new command instead.

    Answers often start with a command word ("more cycle lanes", "group of residents"),
    so only a bare command word, `help`, or the dialog's own command leave it.
    """
    if command is None:
        return False
    return command is owner or command.name == "help" or not rest.strip()


def normalise(text: str) -> str:
    """Collapse white space and drop habitual prefixes; keep the user's words.

    Control characters go too: they mean nothing in chat, and PostgreSQL refuses NUL.
    """
    text = CONTROL_CHARACTERS.sub("", text)
    text = " ".join(text.split())
    text = LEADING_NOISE.sub("", text, count=1)
    return text.strip()
