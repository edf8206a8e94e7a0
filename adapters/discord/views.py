"""Buttons that carry a command back through the router, and still work after a restart.

Each button's custom_id is "studybot:cmd:<command line>"; a command too long for that
is kept in the database and the custom_id is "studybot:ref:<reference>" (see
long_buttons.py). The client registers both as dynamic items at start-up, so a click on
any message we ever sent, by any process, is matched by its custom_id alone.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence
from typing import Any, Protocol, runtime_checkable

import discord

from adapters.discord.forms import AskButton, ask_custom_id
from adapters.discord.inbound import tenant_of
from adapters.discord.safe_text import defuse_mentions, single_line, trim
from bot.messages import Button, TenantRef

log = logging.getLogger(__name__)

CUSTOM_ID_PREFIX = "studybot:cmd:"
CUSTOM_ID_TEMPLATE = re.compile(r"^studybot:cmd:(?P<command>.+)$", re.DOTALL)
REF_PREFIX = "studybot:ref:"
REF_LENGTH = 24
REF_TEMPLATE = re.compile(rf"^studybot:ref:(?P<ref>[0-9a-f]{{{REF_LENGTH}}})$")
MAX_CUSTOM_ID = 100
MAX_LABEL = 80
MAX_BUTTONS = 25  # five rows of five


@runtime_checkable
class ButtonHandler(Protocol):
    async def on_button(self, interaction: discord.Interaction[Any], command: str) -> None: ...


@runtime_checkable
class CommandLookup(Protocol):
    async def command(self, tenant: TenantRef, ref: str) -> str | None: ...


def expired_note() -> str:
    return "That button is too old to use now. Ask again, and I'll answer with fresh buttons."


def _label(label: str) -> str:
    return trim(defuse_mentions(single_line(label)), MAX_LABEL) or "Open"


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
        super().__init__(discord.ui.Button(label=_label(label), custom_id=custom_id,
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


class RefButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=REF_TEMPLATE):
    """A button whose command is kept in the database under `ref`."""

    def __init__(self, ref: str, label: str = "Open") -> None:
        super().__init__(discord.ui.Button(label=_label(label), custom_id=REF_PREFIX + ref,
                                           style=discord.ButtonStyle.secondary))
        self.ref = ref

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any],
                             match: re.Match[str], /) -> RefButton:
        return cls(match["ref"], label=getattr(item, "label", None) or "Open")

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        handler = getattr(interaction.client, "button_handler", None)
        store = getattr(interaction.client, "button_store", None)
        if not isinstance(handler, ButtonHandler) or not isinstance(store, CommandLookup):
            log.warning("button clicked but no handler is installed: %s", self.ref)
            return
        command = await store.command(tenant_of(interaction.guild_id), self.ref)
        if command is None:
            try:
                await interaction.response.send_message(expired_note(), ephemeral=True,
                                                        allowed_mentions=discord.AllowedMentions.none())
            except (discord.HTTPException, discord.RateLimited) as error:
                log.warning("could not answer a click on an old button: %s", error)
            return
        await handler.on_button(interaction, command)


def command_view(buttons: Sequence[Button], refs: Mapping[str, str] | None = None) -> discord.ui.View | None:
    """A view for the reply's buttons: one per distinct command, at most 25.

    `refs` holds the references of commands too long for a custom_id (long_buttons.py).
    """
    view = discord.ui.View(timeout=None)
    seen: set[str] = set()
    for button in buttons:
        asking = ask_custom_id(button)
        if asking is not None and asking not in seen and len(seen) < MAX_BUTTONS:
            seen.add(asking)
            view.add_item(AskButton(asking, _label(button.label)))
            continue
        command = single_line(button.command)
        ref = (refs or {}).get(command)
        if command in seen or (custom_id_for(command) is None and ref is None):
            if command not in seen:
                log.warning("button command too long for a custom_id, left out: %.40s", command)
            continue
        if len(seen) >= MAX_BUTTONS:
            log.warning("more than %d buttons in one reply; the rest are left out", MAX_BUTTONS)
            break
        seen.add(command)
        view.add_item(CommandButton(command, button.label) if ref is None else RefButton(ref, button.label))
    return view if seen else None
