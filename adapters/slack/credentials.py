"""Ask Slack at start-up whether the tokens work, so a wrong one stops `studybot serve`
with one line instead of failing every request later. If Slack cannot be reached,
start anyway: it may be a blip, and every request is authorised again anyway."""

from __future__ import annotations

import logging
from collections.abc import Awaitable

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.web.async_slack_response import AsyncSlackResponse

from adapters.slack.config import APPS_PAGE, SlackConfig, SlackConfigError

log = logging.getLogger(__name__)

REFUSED = {"invalid_auth", "not_authed", "account_inactive", "token_revoked", "token_expired",
           "not_allowed_token_type", "invalid_token"}


async def check_credentials(config: SlackConfig) -> None:
    async with aiohttp.ClientSession() as session:
        client = AsyncWebClient(base_url=config.api_url, session=session)
        if config.bot_token:
            await _ask(client.auth_test(token=config.bot_token), "SLACK_BOT_TOKEN",
                       f"copy the current Bot User OAuth Token from OAuth & Permissions at {APPS_PAGE}")
        if config.app_token:
            await _ask(client.apps_connections_open(app_token=config.app_token), "SLACK_APP_TOKEN",
                       f"create a new app-level token with connections:write at {APPS_PAGE}")


async def _ask(call: Awaitable[AsyncSlackResponse], variable: str, remedy: str) -> None:
    try:
        await call
    except SlackApiError as error:
        data = getattr(error.response, "data", None)
        code = str(data.get("error", "")) if isinstance(data, dict) else ""
        if code in REFUSED:
            raise SlackConfigError(f"{variable} was refused by Slack ({code}): {remedy}") from None
        log.warning("slack: could not check %s (%s); starting anyway", variable, code or error)
    except (aiohttp.ClientError, TimeoutError) as error:
        log.warning("slack: could not reach Slack to check %s (%s); starting anyway", variable, error)
