"""Buttons that carry a command back through the router, and still work after a restart.

Each button's custom_id is "studybot:cmd:<command line>". The client registers
CommandButton as a dynamic item at start-up, so a click on any message we ever sent,
by any process, is matched by its custom_id alone: nothing is kept in memory.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from typing import Any, Protocol, runtime_checkable

import discord

from adapters.discord.safe_text import defuse_mentions, single_line, trim
from bot.messages import Button

log = logging.getLogger(__name__)

CUSTOM_ID_PREFIX = "studybot:cmd:"
CUSTOM_ID_TEMPLATE = re.compile(r"^studybot:cmd:(?P<command>.+)$", re.DOTALL)
MAX_CUSTOM_ID = 100
MAX_LABEL = 80
MAX_BUTTONS = 25  # five rows of five


@runtime_checkable
class ButtonHandler(Protocol):
    async def on_button(self, interaction: discord.Interaction[Any], command: str) -> None: ...


def custom_id_for(command: str) -> str | None:
    """None for a command no custom_id can carry: too long, or empty (Discord's template
    needs at least one character after the prefix)."""
    line = single_line(command)
    custom_id = CUSTOM_ID_PREFIX + line
    return custom_id if line and len(custom_id) <= MAX_CUSTOM_ID else None


class CommandButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=CUSTOM_ID_TEMPLATE):
    def __init__(self, command: str, label: str = "Open") -> None:
        custom_id = custom_id_for(command)
        if custom_id is None:
            raise ValueError(f"command too long for a button: {command[:40]!r}")
        label = trim(defuse_mentions(single_line(label)), MAX_LABEL) or "Open"
        super().__init__(discord.ui.Button(label=label, custom_id=custom_id,
                                           style=discord.ButtonStyle.secondary))
        self.command = command

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any],
                             match: re.Match[str], /) -> CommandButton:
        return cls(match["command"], label=getattr(item, "label", None) or "Open")

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        handler = getattr(interaction.client, "button_handler", None)
        if not isinstance(handler, ButtonHandler):
            log.warning("button clicked but no handler is installed: %s", self.command)
            return
        await handler.on_button(interaction, self.command)


def command_view(buttons: Sequence[Button]) -> discord.ui.View | None:
    """A view for the reply's buttons: one per distinct command, at most 25."""
    view = discord.ui.View(timeout=None)
    seen: set[str] = set()
    for button in buttons:
        command = single_line(button.command)
        if command in seen or custom_id_for(command) is None:
            if command not in seen:
                log.warning("button command too long for a custom_id, left out: %.40s", command)
            continue
        if len(seen) >= MAX_BUTTONS:
            log.warning("more than %d buttons in one reply; the rest are left out", MAX_BUTTONS)
            break
        seen.add(command)
        view.add_item(CommandButton(command, label=button.label))
    return view if seen else None
