"""Buttons that ask for a few words first (`TextRequest`): a click answers with a modal,
and its submission runs the button's command followed by what was typed.

A modal can only be an interaction's first response: Discord lists MODAL (9) among the
ways to respond to a click, and any other first response (a deferral) uses that up. So
a click on one of these never goes through the deferring path of other buttons.

The button's custom_id ("studybot:ask:<prompt>:<command>") carries all the form needs,
so it works on any message we ever sent, in any process. The open form itself is known
only to the process that opened it, by a custom_id of its own.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any, Protocol, runtime_checkable

import discord

from adapters.discord.safe_text import single_line, trim
from bot.messages import Button

log = logging.getLogger(__name__)

ASK_PREFIX = "studybot:ask:"
ASK_TEMPLATE = re.compile(r"^studybot:ask:(?P<prompt>[^:]*):(?P<command>.+)$", re.DOTALL)
FORM_PREFIX = "studybot:form:"
MAX_CUSTOM_ID = 100
MAX_TITLE = 45  # a modal's title, and a text input's label
MAX_TYPED = 3000
# How long an open form waits for its submission before this process forgets it.
FORM_LIFETIME = timedelta(minutes=30)

Submit = Callable[[discord.Interaction[Any], str], Awaitable[None]]


@runtime_checkable
class FormHandler(Protocol):
    async def open_form(self, interaction: discord.Interaction[Any], title: str, prompt: str,
                        command: str) -> None: ...


def ask_custom_id(button: Button) -> str | None:
    """The custom_id of a button that opens a form; None when it cannot carry one."""
    if button.asks is None:
        return None
    command = single_line(button.asks.command)
    prompt = trim(single_line(button.asks.prompt).replace(":", " -"), MAX_TITLE)
    for carried in (prompt, ""):  # without its prompt, the form falls back to a plain label
        custom_id = f"{ASK_PREFIX}{carried}:{command}"
        if command and len(custom_id) <= MAX_CUSTOM_ID:
            return custom_id
    return None


class AskButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=ASK_TEMPLATE):
    def __init__(self, custom_id: str, label: str) -> None:
        super().__init__(discord.ui.Button(label=label, custom_id=custom_id,
                                           style=discord.ButtonStyle.primary))
        match = ASK_TEMPLATE.fullmatch(custom_id)
        self.prompt = match["prompt"] if match else ""
        self.command = match["command"] if match else ""
        self.label = label

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any],
                             match: re.Match[str], /) -> AskButton:
        return cls(match.string, getattr(item, "label", None) or "Answer")

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        handler = getattr(interaction.client, "button_handler", None)
        if not isinstance(handler, FormHandler):
            log.warning("form button clicked but no handler is installed: %s", self.command)
            return
        await handler.open_form(interaction, self.label, self.prompt, self.command)


class TypedForm(discord.ui.Modal):
    """One opening of a form: `submit` gets the command line it completes."""

    def __init__(self, opened_by: int, title: str, prompt: str, command: str, submit: Submit) -> None:
        super().__init__(title=trim(single_line(title), MAX_TITLE) or "Your words",
                         custom_id=f"{FORM_PREFIX}{opened_by}",
                         timeout=FORM_LIFETIME.total_seconds())
        self.command = command
        self.submit = submit
        self.typed: discord.ui.TextInput[Any] = discord.ui.TextInput(
            label=trim(prompt, MAX_TITLE) or "Your words", style=discord.TextStyle.paragraph,
            max_length=MAX_TYPED, required=True)
        self.add_item(self.typed)

    async def on_submit(self, interaction: discord.Interaction[Any], /) -> None:
        typed = self.typed.value.strip()
        await self.submit(interaction, f"{self.command} {typed}")
