"""Which Discord servers studybot serves when DISCORD_GUILD_IDS names them.

The bot may sit in more servers than it was set up for (an invite passed on, a test
server). With DISCORD_GUILD_IDS set, a command, button or mention from any other server
is refused before any work, with one log line per server; direct messages are served.
"""

from __future__ import annotations

import logging
from collections.abc import Collection

from bot.messages import Reply, Text

log = logging.getLogger(__name__)
MAX_SERVERS_TOLD = 1000


class GuildDoor:
    def __init__(self, guild_ids: Collection[int]) -> None:
        self.guild_ids = frozenset(guild_ids)
        self._told: set[int] = set()

    def admits(self, guild_id: int | None) -> bool:
        if not self.guild_ids or guild_id is None or guild_id in self.guild_ids:
            return True
        if guild_id not in self._told and len(self._told) < MAX_SERVERS_TOLD:
            self._told.add(guild_id)
            log.warning("discord: refused requests from server %s: it is not in DISCORD_GUILD_IDS", guild_id)
        return False


def not_served_here() -> Reply:
    return Reply.of(Text("studybot isn't set up for this server. Ask whoever runs it to add this "
                         "server to DISCORD_GUILD_IDS."), private=True, summary="Not set up here")
