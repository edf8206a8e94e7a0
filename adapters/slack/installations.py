"""Bolt's installation store and OAuth state store, kept in our database.

With Slack's OAuth install flow one deployment serves many workspaces: each install
saves the workspace's bot token here, and every request is authorised by looking the
token up. The tenant of a row is the workspace (or the Enterprise Grid org for an
org-wide install). Rows hold tokens: protect the database like a secret.
"""

from __future__ import annotations

import json
import logging
import secrets
from datetime import UTC, datetime, timedelta
from typing import Any

from slack_sdk.errors import SlackTokenRotationError
from slack_sdk.oauth.installation_store.async_installation_store import AsyncInstallationStore
from slack_sdk.oauth.installation_store.models.bot import Bot
from slack_sdk.oauth.installation_store.models.installation import Installation
from slack_sdk.oauth.state_store.async_state_store import AsyncOAuthStateStore
from slack_sdk.oauth.token_rotation.async_rotator import AsyncTokenRotator
from sqlalchemy import delete, select

from adapters.slack.tables import SlackInstallationRow, SlackOAuthStateRow
from bot.messages import Platform
from bot.store.base import utcnow
from bot.store.db import Database

log = logging.getLogger(__name__)

EXPIRY_KEYS = ("bot_token_expires_at", "user_token_expires_at")
# Bolt's default: refresh a rotating token when it has two hours or less to live.
ROTATE_MINUTES_BEFORE = 120
WORKSPACE = ""  # the user_id of the row holding a workspace's latest installation
STATE_LIFETIME = timedelta(minutes=10)


def tenant_id(enterprise_id: str | None, team_id: str | None, is_enterprise_install: bool | None) -> str:
    if is_enterprise_install and enterprise_id:
        return enterprise_id
    return team_id or enterprise_id or ""


class DatabaseInstallationStore(AsyncInstallationStore):
    def __init__(self, db: Database) -> None:
        self.db = db

    @property
    def logger(self) -> logging.Logger:
        return log

    async def async_save(self, installation: Installation) -> None:
        tenant = tenant_id(installation.enterprise_id, installation.team_id,
                           installation.is_enterprise_install)
        async with self.db.session() as session:
            for user_id in {WORKSPACE, installation.user_id or WORKSPACE}:
                row = await session.get(SlackInstallationRow, _key(tenant, user_id))
                if row is None:
                    row = SlackInstallationRow(**_key(tenant, user_id))
                    session.add(row)
                _fill(row, installation)

    async def async_save_bot(self, bot: Bot) -> None:
        """A refreshed bot token (token rotation): only the bot's part of the workspace's
        row changes, so the installer recorded there is kept."""
        tenant = tenant_id(bot.enterprise_id, bot.team_id, bot.is_enterprise_install)
        async with self.db.session() as session:
            row = await session.get(SlackInstallationRow, _key(tenant, WORKSPACE))
            kept = _restored(json.loads(row.data)) if row is not None else {"user_id": WORKSPACE}
            bot_part = _jsonable(bot.to_dict_for_copying())
            merged = Installation(**{**kept, **bot_part, "user_id": kept["user_id"]})
            if row is None:
                row = SlackInstallationRow(**_key(tenant, WORKSPACE))
                session.add(row)
            _fill(row, merged)

    async def async_find_bot(self, *, enterprise_id: str | None, team_id: str | None,
                             is_enterprise_install: bool | None = False) -> Bot | None:
        installation = await self.async_find_installation(
            enterprise_id=enterprise_id, team_id=team_id, is_enterprise_install=is_enterprise_install)
        if installation is None or not installation.bot_token:
            return None
        return installation.to_bot()

    async def async_find_installation(self, *, enterprise_id: str | None, team_id: str | None,
                                      user_id: str | None = None,
                                      is_enterprise_install: bool | None = False) -> Installation | None:
        tenant = tenant_id(enterprise_id, team_id, is_enterprise_install)
        async with self.db.session() as session:
            row = await session.get(SlackInstallationRow, _key(tenant, user_id or WORKSPACE))
            return None if row is None else Installation(**_restored(json.loads(row.data)))

    async def async_delete_bot(self, *, enterprise_id: str | None, team_id: str | None) -> None:
        await self._delete(tenant_id(enterprise_id, team_id, False), only_user=WORKSPACE)

    async def async_delete_installation(self, *, enterprise_id: str | None, team_id: str | None,
                                        user_id: str | None = None) -> None:
        await self._delete(tenant_id(enterprise_id, team_id, False), only_user=user_id)

    async def _delete(self, tenant: str, *, only_user: str | None) -> None:
        query = delete(SlackInstallationRow).where(
            SlackInstallationRow.platform == Platform.SLACK.value, SlackInstallationRow.tenant_id == tenant)
        if only_user is not None:
            query = query.where(SlackInstallationRow.user_id == only_user)
        async with self.db.session() as session:
            await session.execute(query)


class InstallationTokens:
    """Bot tokens for the poster, from the installation store. With token rotation a bot
    token lives 12 hours; one close to expiry is refreshed (and saved) before it is used,
    as Bolt does for requests, so a reminder at 3 a.m. still goes out."""

    def __init__(self, store: AsyncInstallationStore, rotator: AsyncTokenRotator | None = None,
                 *, minutes_before_expiry: int = ROTATE_MINUTES_BEFORE) -> None:
        self.store = store
        self.rotator = rotator
        self.minutes_before_expiry = minutes_before_expiry

    async def bot_token(self, team_id: str) -> str | None:
        bot = await self.store.async_find_bot(enterprise_id=None, team_id=team_id)
        if bot is None:
            bot = await self.store.async_find_bot(enterprise_id=team_id, team_id=None,
                                                  is_enterprise_install=True)
        if bot is None:
            return None
        return (await self._fresh(bot)).bot_token

    async def _fresh(self, bot: Bot) -> Bot:
        if self.rotator is None or bot.bot_refresh_token is None:
            return bot
        try:
            rotated = await self.rotator.perform_bot_token_rotation(
                bot=bot, minutes_before_expiration=self.minutes_before_expiry)
        except SlackTokenRotationError as error:
            log.warning("slack: could not refresh the bot token of %s: %s", bot.team_id, error)
            return bot
        if rotated is None:
            return bot
        await self.store.async_save_bot(rotated)
        return rotated


class DatabaseOAuthStateStore(AsyncOAuthStateStore):
    """One-time `state` values of the OAuth flow, valid for ten minutes."""

    def __init__(self, db: Database, *, lifetime: timedelta = STATE_LIFETIME) -> None:
        self.db = db
        self.lifetime = lifetime

    @property
    def logger(self) -> logging.Logger:
        return log

    async def async_issue(self, *args: Any, **kwargs: Any) -> str:
        state = secrets.token_urlsafe(24)
        async with self.db.session() as session:
            await session.execute(delete(SlackOAuthStateRow).where(SlackOAuthStateRow.expires_at < utcnow()))
            session.add(SlackOAuthStateRow(state=state, expires_at=utcnow() + self.lifetime))
        return state

    async def async_consume(self, state: str) -> bool:
        async with self.db.session() as session:
            found = await session.execute(
                select(SlackOAuthStateRow).where(SlackOAuthStateRow.state == state[:64]))
            row = found.scalar_one_or_none()
            if row is None:
                return False
            await session.delete(row)
            return row.expires_at > utcnow()


def _key(tenant: str, user_id: str) -> dict[str, str]:
    return {"platform": Platform.SLACK.value, "tenant_id": tenant, "user_id": user_id}


def _fill(row: SlackInstallationRow, installation: Installation) -> None:
    row.enterprise_id = installation.enterprise_id
    row.team_id = installation.team_id
    row.is_enterprise_install = bool(installation.is_enterprise_install)
    row.data = json.dumps(_jsonable(installation.to_dict_for_copying()))
    row.installed_at = datetime.fromtimestamp(installation.installed_at, tz=UTC)


def _jsonable(values: dict[str, Any]) -> dict[str, Any]:
    return _restored({k: v.timestamp() if isinstance(v, datetime) else v for k, v in values.items()})


def _restored(values: dict[str, Any]) -> dict[str, Any]:
    """Slack's models take token expiry times as whole seconds and refuse a float, so
    rows written as floats (`1.7e9`) are read back as ints."""
    return {k: int(v) if k in EXPIRY_KEYS and isinstance(v, float) else v for k, v in values.items()}
