"""The Slack adapter's tables (migration 0005). They live beside the adapter because
the core must not know about Slack; they share the core's Base and migrations."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from bot.store.base import Base, TenantScoped, UtcDateTime


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
