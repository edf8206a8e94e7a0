"""Buttons whose command is too long for Discord's 100-character custom_id.

Such a command is kept in the database under a short reference (the start of its
SHA-256), and the button's custom_id carries "studybot:ref:<ref>" instead (RefButton
in views.py). Like every
button it then works for anyone who clicks it, on any process, after any restart, until
log retention removes the row; a click on an expired one is told to ask again.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import select

from adapters.discord.embeds import OutgoingMessage, render
from adapters.discord.safe_text import single_line
from adapters.discord.tables import DiscordButtonRow
from adapters.discord.views import REF_LENGTH, custom_id_for
from bot.messages import Reply, TenantRef
from bot.store.db import Database

log = logging.getLogger(__name__)



def ref_of(command: str) -> str:
    return hashlib.sha256(command.encode()).hexdigest()[:REF_LENGTH]


class ButtonStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def rendered(self, reply: Reply, tenant: TenantRef) -> list[OutgoingMessage]:
        """The reply as Discord messages, with every long button command kept first."""
        messages = render(reply)
        await self.keep(tenant, messages)
        return messages

    async def keep(self, tenant: TenantRef, messages: Sequence[OutgoingMessage]) -> None:
        long = {single_line(b.command) for m in messages for b in m.buttons
                if single_line(b.command) and custom_id_for(b.command) is None}
        if not long:
            return
        now = datetime.now(UTC)
        rows = [{"platform": tenant.platform.value, "tenant_id": tenant.id, "ref": ref_of(command),
                 "command": command, "created_at": now} for command in sorted(long)]
        statement = self.db.insert(DiscordButtonRow).values(rows)
        statement = statement.on_conflict_do_update(index_elements=["platform", "tenant_id", "ref"],
                                                    set_={"created_at": now})
        try:
            async with self.db.session() as session:
                await session.execute(statement)
        except Exception:  # without the row the button is left out; the answer still goes
            log.exception("could not keep %d long button command(s)", len(rows))
            return
        for message in messages:
            message.button_refs.update({command: ref_of(command) for command in long})

    async def command(self, tenant: TenantRef, ref: str) -> str | None:
        query = select(DiscordButtonRow.command).where(
            DiscordButtonRow.platform == tenant.platform.value, DiscordButtonRow.tenant_id == tenant.id,
            DiscordButtonRow.ref == ref)
        async with self.db.session() as session:
            return (await session.execute(query)).scalar_one_or_none()
