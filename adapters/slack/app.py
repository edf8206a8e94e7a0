"""Builds the slack-bolt AsyncApp and its listeners, wired to the companion.

Every listener acknowledges at once and hands the rest to BackgroundWork (Slack
gives an app 3 seconds). The app runs with `process_before_response=True` so the ack
is sent as soon as the listener returns, without Bolt's 10 ms polling for it.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any

import aiohttp
from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncBoltContext
from slack_bolt.authorization.async_authorize import AsyncInstallationStoreAuthorize
from slack_bolt.oauth.async_oauth_settings import AsyncOAuthSettings
from slack_sdk.oauth.token_rotation.async_rotator import AsyncTokenRotator
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack import texts
from adapters.slack.background import BackgroundWork
from adapters.slack.blockkit import ASK_ACTION, RUN_ACTION, SHARE_ACTION
from adapters.slack.config import INSTALL_PATH, REDIRECT_PATH, SlackConfig
from adapters.slack.conversation import SlackConversation
from adapters.slack.delivery import Delivery
from adapters.slack.forms import FORM_VIEW
from adapters.slack.guards import guard
from adapters.slack.home import DM_ACTION, GRANT_ACTION, SEARCH_ACTION, SEARCH_VIEW
from adapters.slack.installations import (
    DatabaseInstallationStore,
    DatabaseOAuthStateStore,
    InstallationTokens,
)
from adapters.slack.people import SlackPeople
from adapters.slack.poster import SlackPoster, StaticToken, TokenSource
from adapters.slack.seen import SeenEvents
from adapters.slack.shares import ShareStore
from bot.app import Companion

log = logging.getLogger(__name__)
Body = dict[str, Any]


@dataclass
class SlackAdapter:
    """Everything the Slack side of one process holds."""

    bolt: AsyncApp
    conversation: SlackConversation
    background: BackgroundWork
    poster: SlackPoster
    config: SlackConfig

    async def close(self) -> None:
        await self.background.stop()


class _MisleadingWarnings(logging.Filter):
    """Bolt reads SLACK_BOT_TOKEN itself and warns that it goes unused because we hand
    it a client (with that token, and our base URL): true, and not worth a log line."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "will be unused" not in record.getMessage()


def build_slack_app(companion: Companion, config: SlackConfig, *, session: aiohttp.ClientSession,
                    people: SlackPeople | None = None) -> SlackAdapter:
    """The AsyncApp for `config`; `session` is shared by every Web API call."""
    _quiet_bolt()
    # No retry handlers: slack_sdk's default repeats a call whose connection dropped, which
    # can post an answer twice. Every call goes through adapters.slack.patience instead.
    client = AsyncWebClient(token=config.bot_token, base_url=config.api_url, session=session,
                            retry_handlers=[])
    bolt, tokens = (_many_workspaces(companion, config, client) if config.oauth is not None
                    else _one_workspace(config, client))
    conversation = SlackConversation(companion, Delivery(session), ShareStore(companion.db),
                                     people or SlackPeople(), SeenEvents(companion.db),
                                     command=config.command)
    background = BackgroundWork()
    guard(bolt, one_workspace=config.oauth is None)
    listen(bolt, conversation, background, command=config.command)
    poster = SlackPoster(tokens, base_url=config.api_url, session=session, dedupe_posts=config.dedupe_posts)
    return SlackAdapter(bolt=bolt, conversation=conversation, background=background, poster=poster,
                        config=config)


def _many_workspaces(companion: Companion, config: SlackConfig,
                     client: AsyncWebClient) -> tuple[AsyncApp, TokenSource]:
    """OAuth installs: tokens per workspace from the database, refreshed when they rotate."""
    assert config.oauth is not None
    oauth = config.oauth
    store = DatabaseInstallationStore(companion.db)
    settings = AsyncOAuthSettings(
        client_id=oauth.client_id, client_secret=oauth.client_secret, scopes=list(oauth.scopes),
        installation_store=store, installation_store_bot_only=True,
        state_store=DatabaseOAuthStateStore(companion.db),
        install_path=INSTALL_PATH, redirect_uri_path=REDIRECT_PATH)
    # Bolt's own authorize refreshes rotating tokens through slack.com; ours goes
    # through our client, so SLACK_API_URL (a proxy) holds for refreshes too.
    settings.authorize = AsyncInstallationStoreAuthorize(
        logger=log, installation_store=store, client_id=oauth.client_id,
        client_secret=oauth.client_secret, bot_only=True, client=client)
    bolt = AsyncApp(name="studybot", signing_secret=config.signing_secret, client=client,
                    oauth_settings=settings, installation_store_bot_only=True,
                    user_facing_authorize_error_message=texts.not_installed_here(),
                    process_before_response=True)
    bolt.enable_token_revocation_listeners()
    rotator = AsyncTokenRotator(client_id=oauth.client_id, client_secret=oauth.client_secret, client=client)
    return bolt, InstallationTokens(store, rotator)


def _one_workspace(config: SlackConfig, client: AsyncWebClient) -> tuple[AsyncApp, TokenSource]:
    bolt = AsyncApp(name="studybot", signing_secret=config.signing_secret, client=client,
                    process_before_response=True)
    token = StaticToken(config.bot_token or "")
    forget_when_uninstalled(bolt, token)
    return bolt, token


def _quiet_bolt() -> None:
    bolt_logger = logging.getLogger("slack_bolt.AsyncApp")
    if not any(isinstance(f, _MisleadingWarnings) for f in bolt_logger.filters):
        bolt_logger.addFilter(_MisleadingWarnings())


def forget_when_uninstalled(bolt: AsyncApp, token: StaticToken) -> None:
    """One-workspace mode: Slack's uninstall events (the manifest subscribes to them)
    are taken, and the token is dropped so scheduled posts stop with a reason."""

    @bolt.event("app_uninstalled")
    async def uninstalled(body: Body) -> None:
        token.forget()
        log.warning("slack: studybot was uninstalled from workspace %s; install it again and set "
                    "a fresh SLACK_BOT_TOKEN", body.get("team_id"))

    @bolt.event("tokens_revoked")
    async def revoked(body: Body) -> None:
        if (((body.get("event") or {}).get("tokens") or {}).get("bot")):
            token.forget()
            log.warning("slack: the bot token of workspace %s was revoked; set a fresh "
                        "SLACK_BOT_TOKEN", body.get("team_id"))


def listen(bolt: AsyncApp, talk: SlackConversation, work: BackgroundWork, *, command: str) -> None:
    """Every listener: ack first, then the real work in the background."""

    @bolt.command(command)
    async def study_command(ack: AsyncAck, body: Body, client: AsyncWebClient) -> None:
        await ack()
        work.spawn(talk.slash_command(body, client), name="slash command")

    @bolt.event("app_mention")
    async def mentioned(body: Body, client: AsyncWebClient, context: AsyncBoltContext) -> None:
        work.spawn(talk.mention(body, client, context.bot_user_id), name="mention")

    @bolt.event("message")
    async def message(body: Body, client: AsyncWebClient, context: AsyncBoltContext) -> None:
        work.spawn(talk.direct_message(body, client, context.bot_user_id), name="direct message")

    @bolt.event("app_home_opened")
    async def home_opened(body: Body, client: AsyncWebClient) -> None:
        work.spawn(talk.home_opened(body, client), name="home opened")

    @bolt.action(re.compile(f"^{re.escape(RUN_ACTION)}"))
    async def run_button(ack: AsyncAck, body: Body, client: AsyncWebClient) -> None:
        await ack()
        work.spawn(talk.button(body, client), name="button")

    @bolt.action(re.compile(f"^{re.escape(ASK_ACTION)}"))
    async def ask_button(ack: AsyncAck, body: Body, client: AsyncWebClient) -> None:
        await ack()
        work.spawn(talk.open_form(body, client), name="open form", at_once=True)

    @bolt.action(re.compile(f"^{re.escape(SHARE_ACTION)}"))
    async def share_button(ack: AsyncAck, body: Body, client: AsyncWebClient) -> None:
        await ack()
        work.spawn(talk.share(body, client), name="share")

    @bolt.action(re.compile(f"^{re.escape(DM_ACTION)}"))
    async def dm_button(ack: AsyncAck, body: Body, client: AsyncWebClient) -> None:
        await ack()
        work.spawn(talk.to_dm(body, client), name="home button")

    @bolt.action(re.compile(f"^{re.escape(SEARCH_ACTION)}"))
    async def search_button(ack: AsyncAck, body: Body, client: AsyncWebClient) -> None:
        await ack()
        work.spawn(talk.open_search(body, client), name="open search", at_once=True)

    @bolt.action(GRANT_ACTION)
    async def grant_picked(ack: AsyncAck, body: Body, client: AsyncWebClient) -> None:
        await ack()
        work.spawn(talk.grant_picked(body, client), name="grant picked")

    @bolt.view(FORM_VIEW)
    async def form(ack: AsyncAck, body: Body, client: AsyncWebClient) -> None:
        await ack()
        work.spawn(talk.form_submitted(body, client), name="form")

    @bolt.view(SEARCH_VIEW)
    async def search_form(ack: AsyncAck, body: Body, client: AsyncWebClient) -> None:
        await ack()
        work.spawn(talk.search_submitted(body, client), name="search")
