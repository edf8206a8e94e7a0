"""The console chat: a local conversation with the companion in a terminal.

Interactive on a terminal (with line editing and history); otherwise it reads one
message per line from stdin and prints each reply, so it can be scripted.
"""

from __future__ import annotations

import asyncio
import re
import sys
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import TextIO

from adapters.console.render import PictureSaver, render
from bot.messages import ChannelRef, Incoming, Need, Ping, Platform, Reply, TenantRef, UserRef

TENANT = TenantRef(Platform.CONSOLE, "local")
# A terminal has no roles: `@tutors` names one by its word (`group ping @tutors`).
NAMED = re.compile(r"(?<!\S)@([\w.-]{1,60})")
QUIT_WORDS = {"quit", "exit", "bye", ":q"}


@dataclass(frozen=True)
class ConsoleIdentity:
    """Who the console speaks as; options let one terminal play several people."""

    user_id: str = "me"
    display_name: str = ""
    channel_id: str = "dm"
    admin: bool = False

    @property
    def is_direct(self) -> bool:
        return self.channel_id == "dm"

    def incoming(self, text: str) -> Incoming:
        user = UserRef(TENANT, self.user_id, self.display_name or self.user_id)
        channel = ChannelRef(TENANT, self.channel_id if not self.is_direct else f"dm-{self.user_id}",
                             is_direct=self.is_direct)
        # One person at one terminal: no channel is hidden from anyone.
        named = tuple(Ping(word, f"@{word}") for word in dict.fromkeys(NAMED.findall(text)))
        return Incoming(user=user, channel=channel, text=text, user_is_platform_admin=self.admin,
                        sees_every_channel=True, named_groups=named)


Answer = Callable[[Incoming], Awaitable[Reply]]


def console_hint(needs: Need | None, identity: ConsoleIdentity) -> str:
    """How to get what a refusal lacked, in this console: the `studybot chat` flags."""
    if needs is Need.FACILITATOR and not identity.admin:
        channel = "" if identity.is_direct else f" --channel {identity.channel_id}"
        return (f"In this console, speak as a facilitator by starting the chat with "
                f"`studybot chat --admin{channel}`.")
    if needs is Need.GROUP_CHANNEL and identity.is_direct:
        admin = " --admin" if identity.admin else ""
        return ("In this console, speak in a group's channel by starting the chat with "
                f"`studybot chat --channel study-group{admin}` (any channel name works).")
    return ""


def show(reply: Reply, identity: ConsoleIdentity, save_picture: PictureSaver | None) -> str:
    """The reply as terminal text, with the console's own word on a refusal."""
    hint = console_hint(reply.needs, identity)
    return render(reply, save_picture).lstrip("\n") + (f"\n→ {hint}" if hint else "")


async def run_script(answer: Answer, identity: ConsoleIdentity, lines: TextIO, out: TextIO,
                     save_picture: PictureSaver | None = None) -> None:
    """One reply per non-empty input line, separated by a blank line; `quit` ends it."""
    first = True
    while True:
        line = await asyncio.to_thread(lines.readline)
        if not line:
            return
        if not line.strip():
            continue
        if line.strip().lower() in QUIT_WORDS:
            return
        reply = await answer(identity.incoming(line.rstrip("\n")))
        if not reply.parts:  # a deliberately quiet answer (e.g. flood control)
            continue
        out.write(("" if first else "\n") + show(reply, identity, save_picture) + "\n")
        out.flush()
        first = False


async def run_interactive(answer: Answer, identity: ConsoleIdentity, history: Path | None,
                          greeting: str, save_picture: PictureSaver | None = None) -> None:
    readline = _load_readline(history)
    print(greeting)
    where = "a direct message" if identity.is_direct else f"channel #{identity.channel_id}"
    role = ", a facilitator" if identity.admin else ""
    print(f"You are {identity.display_name or identity.user_id}{role}, in {where}. "
          "Type `help`, or `quit` to leave. (`studybot chat --help` shows how to speak as a "
          "facilitator or in a group's channel.)\n")
    try:
        while True:
            try:
                line = await asyncio.to_thread(input, "you> ")
            except EOFError:
                print()
                return
            if line.strip().lower() in QUIT_WORDS:
                return
            if not line.strip():
                continue
            reply = await answer(identity.incoming(line))
            if reply.parts:
                print(show(reply, identity, save_picture) + "\n")
    finally:
        if readline is not None and history is not None:
            readline.write_history_file(str(history))


def _load_readline(history: Path | None) -> ModuleType | None:
    try:
        import readline
    except ImportError:  # Windows without pyreadline: plain input still works
        return None
    if history is not None and history.exists():
        readline.read_history_file(str(history))
    readline.set_history_length(1000)
    return readline


def stdin_is_terminal() -> bool:
    return sys.stdin.isatty()
