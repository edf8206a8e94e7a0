"""While the bot waits on an answer: is a new message that answer, or a new request?

A coach question or a "are you sure?" stays open for a while (bot.store.dialogs). A
question of the learner's own ("what week is it?"), small talk, or a command that reads
like one ("week 5") is routed as usual and the open question keeps waiting. When a
message could be either ("group of residents" starts with a command word), we ask
before saving it as an answer.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

from bot.command import Command
from bot.messages import Actions, Button, Reply, Text
from bot.small_talk import small_talk
from bot.store.dialogs import Dialog

# The dialog kind of "is that your answer?"; it keeps the open question it interrupted.
PENDING = "answer"
YES_WORDS = {"yes", "y", "yep", "yeah", "yes please", "save", "save it", "it's my answer",
             "my answer", "answer"}
NO_WORDS = {"no", "n", "nope", "no thanks", "new", "new message", "run it", "it's a new message"}
QUESTION_WORDS = {"what", "what's", "whats", "which", "who", "who's", "whose", "how", "how's",
                  "when", "where", "where's", "why", "can", "could", "should", "would", "is",
                  "are", "do", "does", "did", "will"}


# Set in an open question's state once a new request went ahead of it.
YIELDED = "yielded"
# In an open question's state: the message to carry out once the question is settled
# ("which course?" and then the `canvas add ...` that made us ask).
THEN = "then"


class Verdict(Enum):
    ANSWER = "answer"
    ROUTE = "route"
    UNSURE = "unsure"


def verdict(owner: Command, command: Command | None, rest: str, text: str, *,
            state: dict[str, Any] | None = None, typo: bool = False,
            phrasing: Command | None = None) -> Verdict:
    """What to do with `text` while `owner` waits on an answer.

    `command`: the command its first word names, if any; `typo`: the first word is one
    letter off a command whose arguments fit; `phrasing`: the command a plain-language
    request stands for ("next week": `week`). `state`: the open question's own, for `owner.accepts`.
    """
    state = state or {}
    if text.rstrip().endswith("?") or small_talk(text) is not None:
        return Verdict.ROUTE
    fits = owner.accepts(state, text) if owner.accepts is not None else None
    if fits and state.get(YIELDED) and choice(text) is not None:
        # A bare yes or no that would count as an answer (true/false), after the question
        # made way for another request, may be meant for that request: ask first.
        return Verdict.UNSURE
    if fits:
        return Verdict.ANSWER
    if command is None:
        if typo:
            return Verdict.ROUTE
        if phrasing is not None:
            return Verdict.ROUTE if fits is False else Verdict.UNSURE
        if text.split(" ", 1)[0].lower() in QUESTION_WORDS:
            return Verdict.ROUTE if fits is False else Verdict.UNSURE
        # Words that are no answer and no request: the question's owner says how to answer.
        return Verdict.ANSWER
    if fits is False or command is owner or command.name == "help" or not rest.strip():
        return Verdict.ROUTE
    return Verdict.ROUTE if reads_like_usage(command, rest) else Verdict.UNSURE


def yielded(dialog: Dialog) -> Dialog:
    """The open question, marked as having made way for another request."""
    return Dialog(dialog.kind, {**dialog.state, YIELDED: True})


def reads_like_usage(command: Command, rest: str) -> bool:
    """Whether `rest` starts the way one of the command's own examples goes on."""
    first = rest.split(" ", 1)[0].lower()
    if not first or command.free_text:
        return True
    seconds = [u.split()[1].lower() for u in command.usage if len(u.split()) > 1]
    if first.lstrip("-+#").isdigit():
        return any(s.lstrip("#").isdigit() for s in seconds)
    return first in seconds


def carried(dialog: Dialog | None) -> str | None:
    """The message a settled question should now carry out, if it holds one."""
    then = dialog.state.get(THEN) if dialog is not None else None
    return then if isinstance(then, str) and then else None


def resumed(dialog: Dialog) -> Dialog:
    """The open question as it was before anything went ahead of it."""
    return Dialog(dialog.kind, {k: v for k, v in dialog.state.items() if k != YIELDED})


def pending(text: str, interrupted: Dialog) -> Dialog:
    return Dialog(PENDING, {"text": text, "kind": interrupted.kind, "state": interrupted.state})


def interrupted(dialog: Dialog) -> tuple[str, Dialog]:
    """The message we asked about, and the open question to go back to."""
    state: dict[str, Any] = dialog.state
    return str(state.get("text", "")), Dialog(str(state.get("kind", "")), dict(state.get("state", {})))


def choice(said: str) -> bool | None:
    """True: it was the answer; False: a new message; None: neither word."""
    words = " ".join(said.lower().strip(" .!").split())
    if words in YES_WORDS:
        return True
    return False if words in NO_WORDS else None


def ask(text: str) -> Reply:
    shown = text if len(text) <= 80 else text[:79] + "…"
    return Reply.of(
        Text(f"“{shown}”", from_user=True),
        Text("Is that your answer to my question? Type `yes` to keep it as your answer, or `no` "
             "and I'll take it as a new message."),
        Actions((Button("It's my answer", "answer yes"), Button("It's a new message", "answer no"))),
        summary="Is that your answer?")


def nothing_pending() -> Reply:
    return Reply.of(Text("I'm not waiting for an answer from you right now. Type `help` to see "
                         "what I can do."))
