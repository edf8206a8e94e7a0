"""One grammar for every surface: turn a line of chat into a command and run it.

Order of decisions for a message:
1. a question the bot is waiting on an answer to takes the text, unless the text is a
   question of the learner's own, small talk or a command (bot.open_questions); when it
   could be either, we ask;
2. otherwise, an explicit command word ("week 5", "canvas add ...") wins;
3. otherwise, small talk ("thanks!") gets a short friendly word back;
4. otherwise, plain-language phrasings ("show me week 3") are rewritten to commands;
5. otherwise, a command word mistyped by one letter ("wek 5") runs, with a note;
6. otherwise, the fallback command (lookup, when it is installed) gets the question,
   or the user is told what we do understand.
"""

from __future__ import annotations

import difflib
import logging
import re
from collections.abc import Awaitable, Callable, Sequence
from contextlib import AbstractAsyncContextManager, nullcontext
from contextvars import ContextVar
from dataclasses import replace
from datetime import UTC, datetime
from typing import Protocol

from bot import open_questions as questions
from bot import replies
from bot.command import Command, Context, Intent, Registry, UsageError
from bot.messages import Incoming, Reply, Text
from bot.ports import Clock
from bot.slips import one_edit_apart, respell
from bot.small_talk import small_talk
from bot.store.dialogs import Dialog, DialogRepository

log = logging.getLogger(__name__)

MAX_MESSAGE_CHARS = 4000
FacilitatorCheck = Callable[[Incoming], Awaitable[bool]]
# Flood control (bot.safeguards.flood): None lets a message in, else the reply to send
# instead; an empty Reply() means "send nothing".
Gate = Callable[[Incoming, datetime], Reply | None]
# One transaction for all a message reads and writes (bot.store.units): `Database.unit`.
UnitOfWork = Callable[[], AbstractAsyncContextManager[object]]
# Words people put before a command out of habit: "/study week 5", "please show week 5".
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
LEADING_NOISE = re.compile(r"^(?:/?study\b|studybot\b|@studybot\b|please\b)[\s,:]*", re.IGNORECASE)


# The commands the message being handled can reach (they differ by course).
_REGISTRY: ContextVar[Registry] = ContextVar("studybot_registry")


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
        unit_of_work: UnitOfWork = nullcontext,
    ) -> None:
        self.unit_of_work = unit_of_work
        self.registries = OneRegistry(registries) if isinstance(registries, Registry) else registries
        self.dialogs = dialogs
        self.is_facilitator = is_facilitator
        self.clock = clock
        self.fallback = fallback
        self.gate = gate
        for registry in self.registries.all():
            if registry.by_name(questions.PENDING) is None:
                registry.add(self)

    @property
    def registry(self) -> Registry:
        """The commands of the message being handled (chosen in `handle`)."""
        return _REGISTRY.get()

    def commands(self) -> Sequence[Command]:
        """The router's own command: settling "is that your answer?" from its buttons."""
        return [Command(
            name=questions.PENDING, summary="Tell me whether what you typed answers my question",
            usage=("answer yes", "answer no"), handler=self._answer,
            details="When I'm waiting on an answer (a coach question, an \"are you sure?\") and "
            "your message could be a new request too, I ask. `answer yes` keeps it as your "
            "answer; `answer no` takes it as a new message.")]

    def intents(self) -> Sequence[Intent]:
        return []

    async def handle(self, message: Incoming) -> Reply:
        """Answer one message. Never raises: every failure becomes a friendly reply."""
        try:
            held = self._held(message)
            if held is not None:
                return held
            async with self.unit_of_work():
                chosen = _REGISTRY.set(await self.registries.for_message(message))
                try:
                    return await self._route(message)
                except UsageError as error:
                    # What was done before the mistake was noticed stays done.
                    return replies.usage_problem(str(error), error.needs)
                finally:
                    _REGISTRY.reset(chosen)
        except Exception:
            # What the learner wrote stays out of the logs; its length helps to reproduce.
            log.exception("command failed (a message of %d characters)", len(message.text))
            return replies.internal_error()

    async def _route(self, message: Incoming) -> Reply:
        text = normalise(message.text)
        if len(text) > MAX_MESSAGE_CHARS:
            return replies.too_long(MAX_MESSAGE_CHARS)
        if not text:
            return replies.empty_message()
        dialog = await self.dialogs.get(message, self.clock())
        if dialog is not None:
            answered = await self._open_question(message, dialog, text)
            if answered is not None:
                return await self._carry_on(message, dialog, answered)
        return await self._carry_on(message, dialog, await self._request(message, text))

    async def _carry_on(self, message: Incoming, asked: Dialog | None, reply: Reply) -> Reply:
        """Once a question that held a message is settled, carry that message out."""
        then = questions.carried(asked)
        if then is None or await self.dialogs.get(message, self.clock()) is not None:
            return reply
        chosen = _REGISTRY.set(await self.registries.for_message(message))
        try:
            resumed = await self._request(replace(message, text=then), normalise(then))
        finally:
            _REGISTRY.reset(chosen)
        return replace(resumed, parts=(*reply.parts, *resumed.parts),
                       private=reply.private or resumed.private)

    async def _request(self, message: Incoming, text: str) -> Reply:
        """A message that is not the answer to a question we asked."""
        word, _, rest = text.partition(" ")
        command = self.registry.find(word)
        if command is not None:
            return await self._run(command, message, rest.strip())
        talk = small_talk(text)
        if talk is not None:
            return talk
        rewritten = self._rewrite(text)
        if rewritten is not None:
            line_word, _, line_rest = rewritten.partition(" ")
            command = self.registry.find(line_word)
            if command is not None:
                return await self._run(command, message, line_rest.strip())
        respelled = respell(text)
        if respelled is not None:
            line = self._rewrite(respelled)
            command = self.registry.find(line.partition(" ")[0]) if line else None
            if line is not None and command is not None:
                reply = await self._run(command, message, line.partition(" ")[2].strip())
                return _noted(reply, word, respelled.partition(" ")[0])
        corrected = self._typo(word, rest)
        if corrected is not None:
            return _noted(await self._run(corrected, message, rest.strip()), word, corrected.name)
        if self.fallback is not None:
            command = self.registry.find(self.fallback)
            if command is not None:
                reply = await self._run(command, message, respelled or text)
                return _noted(reply, word, respelled.partition(" ")[0]) if respelled else reply
        return replies.not_understood(word, self._closest(word))

    async def _open_question(self, message: Incoming, dialog: Dialog, text: str) -> Reply | None:
        """The answer to the question we asked, a question back, or None: a new request."""
        if dialog.kind == questions.PENDING:
            return await self._settle(message, dialog, text)
        owner = self._owner(dialog)
        if owner is None:
            return None
        word, _, rest = text.partition(" ")
        command = self.registry.find(word)
        decision = questions.verdict(
            owner, command, rest, text, state=dialog.state,
            typo=command is None and self._typo(word, rest) is not None,
            phrasing=self._phrased(text) if command is None else None)
        if decision is questions.Verdict.ANSWER:
            if questions.YIELDED in dialog.state:
                await self.dialogs.start(message, questions.resumed(dialog), self.clock())
            return await self._run(owner, message, text, answer=True)
        if decision is questions.Verdict.UNSURE:
            await self.dialogs.start(message, questions.pending(text, dialog), self.clock())
            return questions.ask(text)
        await self.dialogs.start(message, questions.yielded(dialog), self.clock())
        return None

    async def _settle(self, message: Incoming, dialog: Dialog, said: str) -> Reply:
        """The reply to "is that your answer?": reopen the question, then act on the choice."""
        text, resumed = questions.interrupted(dialog)
        owner = self._owner(resumed)
        if owner is None:
            await self.dialogs.end(message)
            return await self._request(message, normalise(message.text))
        await self.dialogs.start(message, questions.resumed(resumed), self.clock())
        choice = questions.choice(said.removeprefix(questions.PENDING + " "))
        if choice is True:
            return await self._run(owner, replace(message, text=text), text, answer=True)
        if choice is False:
            return await self._request(replace(message, text=text), text)
        return await self._route(message)

    async def _answer(self, context: Context, args: str) -> Reply:
        """`answer yes|no`, from the buttons under "is that your answer?"."""
        dialog = await self.dialogs.get(context.message, context.now)
        if dialog is None or dialog.kind != questions.PENDING:
            return questions.nothing_pending()
        return await self._settle(context.message, dialog, args or "yes")

    def _owner(self, dialog: Dialog) -> Command | None:
        owner = self.registry.by_name(dialog.kind)
        return owner if owner is not None and owner.on_answer is not None else None

    async def run_command_line(self, message: Incoming, line: str) -> Reply:
        """Run text as a command (buttons use this): no dialogs, no guessing."""
        held = self._held(message)
        if held is not None:
            return held
        try:
            async with self.unit_of_work():
                chosen = _REGISTRY.set(await self.registries.for_message(message))
                try:
                    word, _, rest = normalise(line).partition(" ")
                    command = self.registry.find(word)
                    if command is None:
                        return replies.not_understood(word, self._closest(word))
                    asked = await self.dialogs.get(message, self.clock())
                    return await self._carry_on(message, asked,
                                                await self._run(command, message, rest.strip()))
                except UsageError as error:
                    return replies.usage_problem(str(error), error.needs)
                finally:
                    _REGISTRY.reset(chosen)
        except Exception:
            log.exception("button command failed (a command of %d characters)", len(line))
            return replies.internal_error()

    async def _run(
        self, command: Command, message: Incoming, args: str, *, answer: bool = False
    ) -> Reply:
        context = Context(message=message, now=self.clock(),
                          facilitator_check=lambda: self.is_facilitator(message))
        if command.facilitator_only and not await context.is_facilitator():
            return replies.facilitators_only(command.name)
        handler = command.on_answer if answer and command.on_answer else command.handler
        return await handler(context, args)

    def _held(self, message: Incoming) -> Reply | None:
        return self.gate(message, self.clock()) if self.gate is not None else None

    def _phrased(self, text: str) -> Command | None:
        rewritten = self._rewrite(text)
        return self.registry.find(rewritten.partition(" ")[0]) if rewritten else None

    def _rewrite(self, text: str) -> str | None:
        for phrasing in self.registry.intents:
            match = phrasing.pattern.search(text)
            if match is not None:
                command_line = phrasing.rewrite(match)
                if command_line is not None:
                    return command_line
        return None

    def _typo(self, word: str, rest: str) -> Command | None:
        """The one command `word` is a slip of the keyboard away from, if its arguments fit."""
        word = word.lower()
        if len(word) < 3 or not (word.isascii() and word.isalpha()):
            return None
        near = {c.name: c for c in self.registry.commands for w in c.words
                if len(w) >= 3 and one_edit_apart(word, w)}
        if len(near) != 1:
            return None
        (command,) = near.values()
        if command.free_text and len(word) < 5:
            return None  # "kind of ..." is a question, not a slip of `find`
        return command if questions.reads_like_usage(command, rest) else None

    def _closest(self, word: str) -> str | None:
        words = [w for c in self.registry.commands for w in c.words]
        close = difflib.get_close_matches(word.lower(), words, n=1, cutoff=0.6)
        if not close:
            return None
        command = self.registry.find(close[0])
        return command.name if command else None


def _noted(reply: Reply, typed: str, read: str) -> Reply:
    note = Text(f"(I read `{typed[:40]}` as `{read}`.)")
    return replace(reply, parts=(note, *reply.parts))


def normalise(text: str) -> str:
    """Collapse white space and drop habitual prefixes; keep the user's words.

    Control characters go too: they mean nothing in chat, and PostgreSQL refuses NUL.
    """
    text = CONTROL_CHARACTERS.sub("", text)
    text = " ".join(text.split())
    text = LEADING_NOISE.sub("", text, count=1)
    return text.strip()
