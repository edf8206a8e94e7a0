"""Who is who: display names and workspace admin status from users.info, cached briefly.

Workspace owners and admins are facilitators without being granted the role. Only
Slack knows who they are, so every message asks users.info, at most once every few
minutes per person. If Slack cannot tell us, the person is treated as not an admin:
a failure never grants rights.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from functools import partial
from typing import Any

from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack import errors
from adapters.slack.inbound import Person
from adapters.slack.patience import LOOKUP, Patience

log = logging.getLogger(__name__)

KNOWN_FOR_SECONDS = 300.0
UNKNOWN_FOR_SECONDS = 30.0
MAX_PEOPLE = 10_000


class SlackPeople:
    def __init__(self, *, clock: Callable[[], float] = time.monotonic,
                 ttl: float = KNOWN_FOR_SECONDS, patience: Patience | None = None) -> None:
        # The adapter hands in its one outbound policy (SlackConversation does).
        self.patience = patience or Patience()
        self._clock = clock
        self._ttl = ttl
        self._known: dict[tuple[str, str], tuple[float, Person]] = {}

    async def get(self, client: AsyncWebClient, team_id: str, user_id: str) -> Person:
        key = (team_id, user_id)
        cached = self._known.get(key)
        if cached is not None and cached[0] > self._clock():
            return cached[1]
        person, ttl = await self._ask(client, user_id)
        self._remember(key, person, ttl)
        return person

    async def _ask(self, client: AsyncWebClient, user_id: str) -> tuple[Person, float]:
        if not user_id:
            return Person(), UNKNOWN_FOR_SECONDS
        try:
            response = await self.patience.call(partial(client.users_info, user=user_id), LOOKUP,
                                                repeatable=True)
        except Exception as error:
            log.warning("users.info failed for %s; treating them as not an admin for %g s: %s", user_id,
                        UNKNOWN_FOR_SECONDS, errors.describe(error).reason)
            return Person(), UNKNOWN_FOR_SECONDS
        return person_from(response.get("user") or {}), self._ttl

    def _remember(self, key: tuple[str, str], person: Person, ttl: float) -> None:
        self._known.pop(key, None)
        self._known[key] = (self._clock() + ttl, person)
        while len(self._known) > MAX_PEOPLE:
            self._known.pop(next(iter(self._known)))


def person_from(user: dict[str, Any]) -> Person:
    profile = user.get("profile") or {}
    name = profile.get("display_name") or profile.get("real_name") or user.get("real_name") \
        or user.get("name") or ""
    admin = bool(user.get("is_admin") or user.get("is_owner") or user.get("is_primary_owner"))
    return Person(display_name=str(name), is_admin=admin)
