"""How the fake Discord answers an interaction's callback, follow-ups and edits, as Discord documents.

The rules, from Discord's "Receiving and Responding" page, each enforced here:
- "Interaction tokens are valid for 15 minutes ... you must send an initial response within
  3 seconds of receiving the event. If the 3 second deadline is exceeded, the token will be
  invalidated": a callback after 3 s is 404 Unknown interaction (10062), a second callback
  is 400 "Interaction has already been acknowledged" (40060), and a follow-up or edit after
  15 minutes is 401 Invalid Webhook Token (50027).
- Create Followup Message, right after a deferred response (type 5): "no new message will
  be created, and the loading message will be edited instead. The ephemeral flag will be
  ignored, and the value you provided in the initial defer response will be preserved";
  later follow-ups are new messages.
- Once that original response is deleted, a follow-up that would edit it, or an edit, is
  404 Unknown Message (10008).
- A modal (response type 9, "MODAL: respond to an interaction with a popup modal") is
  only ever an initial response, since the callback takes one response; and Discord lists
  it as "Not available for MODAL_SUBMIT and PING interactions": a modal answering a
  modal's submission is 400. Its title is at most 45 characters, its custom_id at most
  100, and it holds 1 to 5 top-level components.
- Edits never notify anyone; only a new message's role mention pings, and only when its
  allowed_mentions allow that role and the role is mentionable or the bot has Mention
  @everyone ("roles notify only if they are mentionable or the bot has MENTION_EVERYONE").
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from tests.adapters.discord import fake_wire as wire
from tests.adapters.discord.limits import ROLE_MENTION

Payload = dict[str, Any]
EPHEMERAL = 1 << 6
MENTION_EVERYONE = 1 << 17
RESPONSE_DEADLINE = 3.0
PING, MODAL_SUBMIT = 1, 5
TOKEN_LIFETIME = 15 * 60.0


@dataclass
class FakeInteraction:
    payload: Payload
    created: float = field(default_factory=time.perf_counter)
    response: int | None = None
    ephemeral: bool = False
    original: Payload | None = None
    original_filled: bool = False
    deleted: bool = False
    # What people were shown through it, in order; the original changes in place.
    messages: list[Payload] = field(default_factory=list)
    # The form it answered with (response type 9), as sent.
    modal: Payload | None = None

    @property
    def age(self) -> float:
        return time.perf_counter() - self.created

    def refusal(self) -> tuple[int, int, str] | None:
        """Why a follow-up or an edit is refused now, in Discord's terms."""
        if self.age > TOKEN_LIFETIME:
            return 401, 50027, "Invalid Webhook Token"
        if self.response is None:
            return 404, 10015, "Unknown Webhook"
        return None

    @property
    def follow_up_edits_original(self) -> bool:
        return self.response == 5 and not self.original_filled


def edited(message: Payload, body: Payload) -> Payload:
    """An edit changes what the message says, never who may see it."""
    shaped = wire.message_payload(int(message["id"]), int(message["channel_id"]), body)
    changed = dict(message, edited_timestamp="2026-12-01T09:00:01.000000+00:00")
    changed.update({key: shaped[key] for key in ("content", "embeds", "components", "attachments")
                    if key in body})
    return changed


def roles_pinged(body: Payload, mentionable: set[int], bot_permissions: int) -> list[int]:
    """The roles a *new* message notifies."""
    allowed = body.get("allowed_mentions")
    if body.get("flags", 0) & EPHEMERAL:
        return []
    if isinstance(allowed, dict):
        may = {int(r) for r in allowed.get("roles") or []}
        parse_all = "roles" in (allowed.get("parse") or [])
    else:  # absent: regular messages notify every mention
        may, parse_all = set(), True
    mentioned = [int(r) for r in ROLE_MENTION.findall(body.get("content") or "")]
    can_any = bool(bot_permissions & MENTION_EVERYONE)
    return [r for r in mentioned if (parse_all or r in may) and (can_any or r in mentionable)]


def modal_problems(interaction_type: int, data: Payload) -> list[str]:
    """Why Discord would refuse this modal as the response to this interaction."""
    problems = []
    if interaction_type in (PING, MODAL_SUBMIT):
        problems.append("a modal cannot answer a ping or a modal's submission")
    if not 1 <= len(str(data.get("title") or "")) <= 45:
        problems.append("title: 1 to 45 characters")
    if not 1 <= len(str(data.get("custom_id") or "")) <= 100:
        problems.append("custom_id: 1 to 100 characters")
    if not 1 <= len(data.get("components") or []) <= 5:
        problems.append("components: 1 to 5")
    return problems
