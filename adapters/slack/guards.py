"""Bolt middleware that runs before any listener: whose request it is, and whether it
was answered already.

One-workspace mode holds one workspace's token (SLACK_BOT_TOKEN), so a signed request
from any other workspace (or none) is refused before any work, with one log line per
workspace: otherwise it would be answered with the installed workspace's token and its
rows stored under a tenant that never installed the app. Slash commands are answered
once across replicas, the way events are: Slack gives each invocation its own
trigger_id, so a second request carrying it is a replay. That is checked after the
acknowledgement, before the answer (SlackConversation.slash_command): the
acknowledgement is the same empty 200 either way, and Slack's 3 seconds should not
wait on the database.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from slack_bolt.async_app import AsyncApp, AsyncBoltContext
from slack_bolt.response import BoltResponse
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack import texts

log = logging.getLogger(__name__)
Next = Callable[[], Awaitable[BoltResponse]]
MAX_WORKSPACES_TOLD = 1000


def guard(bolt: AsyncApp, *, one_workspace: bool) -> None:
    if one_workspace:
        bolt.middleware(_only_the_installed_workspace())


def _only_the_installed_workspace() -> Callable[..., Awaitable[BoltResponse]]:
    installed: dict[str, str | None] = {}
    told: set[str] = set()

    async def only_the_installed_workspace(context: AsyncBoltContext, client: AsyncWebClient,
                                           next: Next) -> BoltResponse:
        if not installed:
            try:
                found = await client.auth_test()
            except SlackApiError as error:
                log.warning("slack: cannot tell which workspace SLACK_BOT_TOKEN belongs to (%s); "
                            "request refused", error.response.get("error"))
                return BoltResponse(status=200, body="")
            installed.update(team=found.get("team_id"), enterprise=found.get("enterprise_id"))
        team, enterprise = context.team_id or "", context.enterprise_id
        if team == installed["team"] and (not enterprise or enterprise == installed["enterprise"]):
            return await next()
        if team not in told and len(told) < MAX_WORKSPACES_TOLD:
            told.add(team)
            log.warning("slack: refused requests from workspace %r: not the installed workspace %s "
                        "(one-workspace mode; set SLACK_CLIENT_ID and SLACK_CLIENT_SECRET to serve "
                        "many)", team, installed["team"])
        return BoltResponse(status=200, body=texts.not_installed_here())

    return only_the_installed_workspace
