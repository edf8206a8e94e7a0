"""The Discord adapter's table (migration 0008): button commands too long for a custom_id.

It lives beside the adapter because the core must not know about Discord; it shares
the core's Base and migrations, as the Slack adapter's tables do.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from bot.store.base import Base, TenantScoped, UtcDateTime
from bot.store.personal import PersonalData, Retention, declare


class DiscordButtonRow(TenantScoped, Base):
    """A button's command, by a short reference that its custom_id carries instead."""

    __tablename__ = "discord_buttons"

    ref: Mapped[str] = mapped_column(String(32), primary_key=True)
    command: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)


declare(DiscordButtonRow, PersonalData(
    title="Buttons on answers whose command was too long to carry (a search's words)",
    why="so such a button works for anyone who clicks it, also after a restart",
    containing=("command",), retention=Retention("created_at")))
