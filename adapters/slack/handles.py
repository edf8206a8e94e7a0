"""`@bob` typed without picking Bob from Slack's menu arrives as the bare word "@bob",
not as Bob's id. The core would take "bob" for an id (and, say, grant a role to
nobody). So a typed @name is looked up in the workspace's member list (users.list,
kept a few minutes) and becomes `<@U…>` when exactly one person has that name; when
none or several do, it is left so no command can mistake it for an id. Only a whole
list is kept: when Slack stops answering halfway, the pages read serve this message and
the next one asks again."""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable
from functools import partial

from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack import errors
from adapters.slack.patience import LOOKUP, Patience

log = logging.getLogger(__name__)

TYPED = re.compile(r"(?<![\w@<])@([A-Za-z0-9][\w.\-]*)")
BROADCASTS = {"here", "channel", "everyone"}
KEEP_FOR_SECONDS = 300.0
PAGE = 200
# The word joiner keeps "@bob" readable but stops it being read as the id "bob".
NOT_AN_ID = "\u2060"


class Handles:
    def __init__(self, *, clock: Callable[[], float] = time.monotonic,
                 patience: Patience | None = None) -> None:
        self._clock = clock
        self._patience = patience or Patience()
        self._directories: dict[str, tuple[float, dict[str, set[str]]]] = {}

    async def resolve(self, client: AsyncWebClient, team_id: str, text: str) -> str:
        """`text` with each typed @name as a mention of its one owner."""
        typed = {m.group(1).lower() for m in TYPED.finditer(text)} - BROADCASTS
        if not typed:
            return text
        directory = await self._directory(client, team_id)

        def mention(match: re.Match[str]) -> str:
            name = match.group(1).lower()
            if name in BROADCASTS:
                return match.group(0)
            owners = directory.get(name, set())
            return f"<@{next(iter(owners))}>" if len(owners) == 1 else f"@{NOT_AN_ID}{match.group(1)}"

        return TYPED.sub(mention, text)

    async def _directory(self, client: AsyncWebClient, team_id: str) -> dict[str, set[str]]:
        kept = self._directories.get(team_id)
        if kept is not None and kept[0] > self._clock():
            return kept[1]
        directory, whole = await members(client, self._patience)
        if whole:
            self._directories[team_id] = (self._clock() + KEEP_FOR_SECONDS, directory)
        return directory


async def members(client: AsyncWebClient, patience: Patience) -> tuple[dict[str, set[str]], bool]:
    """Every active member's names (handle, display name, real name), lower-cased -> ids,
    and whether that is the whole list."""
    directory: dict[str, set[str]] = {}
    cursor = None
    try:
        while True:
            page = await patience.call(partial(client.users_list, limit=PAGE, cursor=cursor), LOOKUP,
                                       repeatable=True)
            for user in page.get("members") or []:
                if user.get("deleted") or user.get("is_bot"):
                    continue
                profile = user.get("profile") or {}
                for name in {user.get("name"), profile.get("display_name"), profile.get("real_name")}:
                    if name:
                        directory.setdefault(str(name).lower().replace(" ", ""), set()).add(str(user["id"]))
            cursor = (page.get("response_metadata") or {}).get("next_cursor")
            if not cursor:
                return directory, True
    except Exception as error:
        log.warning("slack: could not read the whole member list to find a typed @name (%s); "
                    "it will be read again for the next message", errors.describe(error).reason)
        return directory, False


class ChannelNames:
    """A channel's name from conversations.info, kept a few minutes; "" when Slack
    will not say (then the id is left as it is)."""

    def __init__(self, patience: Patience, *, clock: Callable[[], float] = time.monotonic) -> None:
        self._patience = patience
        self._clock = clock
        self._names: dict[tuple[str, str], tuple[float, str]] = {}

    async def get(self, client: AsyncWebClient, team_id: str, channel_id: str) -> str:
        kept = self._names.get((team_id, channel_id))
        if kept is not None and kept[0] > self._clock():
            return kept[1]
        try:
            response = await self._patience.call(partial(client.conversations_info, channel=channel_id),
                                                 LOOKUP, repeatable=True)
        except Exception as error:
            log.info("slack: no name for channel %s: %s", channel_id, errors.describe(error).reason)
            return ""
        name = str((response.get("channel") or {}).get("name") or "")
        self._names[(team_id, channel_id)] = (self._clock() + KEEP_FOR_SECONDS, name)
        return name
