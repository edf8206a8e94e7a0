"""Which of the channels a message names its author is in, as Slack tells it.

`group join #study-a` from a direct message may join that channel's group only if the
learner can see the channel. Slack shows a private channel only to its members, so the
test is membership: users.conversations lists a person's channels (private ones only
where the bot is a member too, which it is in every group channel). Any failure means
"not shown to be a member": an error never opens a hidden group.
"""

from __future__ import annotations

import logging
from collections.abc import Collection
from functools import partial

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.patience import LOOKUP, Patience

log = logging.getLogger(__name__)

PAGE = 200  # Slack's advice for users.conversations (999 at most)
MAX_PAGES = 10  # a person in more than 2,000 channels joins from the channel itself


async def channels_seen(client: AsyncWebClient, user_id: str, wanted: Collection[str],
                        patience: Patience | None = None) -> frozenset[str]:
    """Those of `wanted` (channel ids) that `user_id` is a member of."""
    patience = patience or Patience()
    looking, found = set(wanted), set[str]()
    cursor = ""
    for _ in range(MAX_PAGES):
        if not looking or not user_id:
            break
        try:
            response = await patience.call(partial(
                client.users_conversations, user=user_id, types="public_channel,private_channel",
                exclude_archived=True, limit=PAGE, cursor=cursor or None), LOOKUP, repeatable=True)
        except Exception as error:
            log.warning("users.conversations failed; %s can join from the channel itself: %s",
                        user_id, _reason(error))
            break
        ids = {str(c.get("id")) for c in response.get("channels") or []}
        found |= looking & ids
        looking -= ids
        cursor = str((response.get("response_metadata") or {}).get("next_cursor") or "")
        if not cursor:
            break
    return frozenset(found)


def _reason(error: Exception) -> str:
    if isinstance(error, SlackApiError) and error.response.get("error") == "missing_scope":
        return "the app lacks channels:read/groups:read; reinstall it with the current manifest"
    return str(error)
