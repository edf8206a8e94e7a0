"""The Slack adapter's tables (migrations 0005 and 0008). They live beside the adapter because
the core must not know about Slack; they share the core's Base and migrations."""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import Boolean, String, Table, Text, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from bot.messages import UserRef
from bot.store.base import Base, TenantScoped, UtcDateTime
from bot.store.personal import USER, PersonalData, Retention, declare


class SlackInstallationRow(TenantScoped, Base):
    """One installation (Bolt's Installation as JSON). `user_id` "" is the workspace's
    latest install, whose bot token the app uses; other rows are per installing user."""

    __tablename__ = "slack_installations"

    user_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    enterprise_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    team_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    is_enterprise_install: Mapped[bool] = mapped_column(Boolean, default=False)
    data: Mapped[str] = mapped_column(Text)
    installed_at: Mapped[datetime] = mapped_column(UtcDateTime())


class SlackOAuthStateRow(Base):
    """A one-time OAuth `state`, so an install started on one replica can finish on another."""

    __tablename__ = "slack_oauth_states"

    state: Mapped[str] = mapped_column(String(64), primary_key=True)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime())


class SlackSharedReplyRow(TenantScoped, Base):
    """An ephemeral answer the asker may still "Share in channel"."""

    __tablename__ = "slack_shared_replies"

    share_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    message: Mapped[str] = mapped_column(Text)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)


class SlackSeenEventRow(Base):
    """An Events API event already taken, so Slack's re-send of it (to any replica, or
    after a restart) is not answered again. Event ids are unique per app."""

    __tablename__ = "slack_seen_events"

    event_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)


class SlackWelcomeRow(TenantScoped, Base):
    """Someone studybot has greeted in its DM, so the welcome comes once."""

    __tablename__ = "slack_welcomes"

    user_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    welcomed_at: Mapped[datetime] = mapped_column(UtcDateTime())


# The workspace's row keeps the latest installer's id and user token inside its JSON.
INSTALLER_KEYS = ("user_token", "user_refresh_token", "user_scopes", "user_token_expires_at",
                  "user_token_expires_in")


async def forget_installer(session: AsyncSession, table: Table, user: UserRef) -> int:
    """Take a departing installer out of the workspace's installation; the bot token stays."""
    rows = await session.execute(select(table.c.tenant_id, table.c.data).where(
        table.c.platform == user.tenant.platform.value, table.c.tenant_id == user.tenant.id,
        table.c.user_id == ""))
    changed = 0
    for tenant_id, data in rows.all():
        installation = json.loads(data)
        if installation.get("user_id") != user.id:
            continue
        installation["user_id"] = ""
        for key in INSTALLER_KEYS:
            installation.pop(key, None)
        await session.execute(update(table).where(
            table.c.platform == user.tenant.platform.value, table.c.tenant_id == tenant_id,
            table.c.user_id == "").values(data=json.dumps(installation)))
        changed += 1
    return changed


declare(SlackInstallationRow, PersonalData(
    title="Your installation of studybot in Slack",
    why="Slack hands the app its tokens when someone installs it (tokens are never exported)",
    owned=({"user_id": USER},), secret=("data",), custom=forget_installer))
declare(SlackOAuthStateRow, PersonalData.none(
    "one-time values of an installation in progress", retention=Retention("expires_at")))
declare(SlackSharedReplyRow, PersonalData(
    title="Answers you may still share in a channel",
    why="so Share in channel can post an answer for a few minutes after you asked",
    containing=("message",), retention=Retention("expires_at")))
declare(SlackSeenEventRow, PersonalData.none(
    "ids of Slack events already answered, for a few minutes", retention=Retention("expires_at")))
declare(SlackWelcomeRow, PersonalData(
    title="That studybot has said hello to you in Slack",
    why="so the welcome message is sent only the first time you open studybot",
    owned=({"user_id": USER},)))
