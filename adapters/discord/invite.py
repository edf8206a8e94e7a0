"""The link that adds studybot to a Discord server, with exactly the permissions it uses.

Permissions, and why each is needed:
- View Channels, Send Messages, Embed Links, Attach Files: answers are embeds, pictures files;
- Send Messages in Threads: answers to questions asked inside a thread;
- Read Message History: replies point at the question (a message reference), and a
  scheduled post is looked for before it is sent again (see poster.py);
- Create Public Threads: a thread for the answers under each discussion prompt.

Not asked for: Mention @everyone, @here and All Roles. The one ping studybot makes, the
group's chosen role (`/study group ping`), works without it when the role allows anyone
to mention it, and `group ping` refuses a role that does not, saying what to change. A
server that prefers not to make the role mentionable can grant the permission instead.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Mapping

import discord

SCOPES = ("bot", "applications.commands")


class InviteError(ValueError):
    """The application id cannot be found; the message is one line a person can act on."""


def bot_permissions() -> discord.Permissions:
    return discord.Permissions(view_channel=True, send_messages=True, send_messages_in_threads=True,
                               embed_links=True, attach_files=True, read_message_history=True,
                               create_public_threads=True)


def invite_url(application_id: int) -> str:
    return discord.utils.oauth_url(application_id, permissions=bot_permissions(), scopes=SCOPES)


def application_id_of(env: Mapping[str, str]) -> int:
    """DISCORD_APPLICATION_ID if set, else the bot's id, which starts its token."""
    given = env.get("DISCORD_APPLICATION_ID", "").strip()
    if given:
        if not given.isdigit():
            raise InviteError(f"DISCORD_APPLICATION_ID must be a number (the Application ID on the "
                              f"Developer Portal's General Information page); got {given[:30]!r}.")
        return int(given)
    token = env.get("DISCORD_TOKEN", "").strip().removeprefix("Bot ").strip()
    if not token:
        raise InviteError("Set DISCORD_TOKEN (your application > Bot > Reset Token) or "
                          "DISCORD_APPLICATION_ID (General Information > Application ID).")
    found = id_from_token(token)
    if found is None:
        raise InviteError("DISCORD_TOKEN doesn't look like a bot token, so I can't read the "
                          "application id from it. Copy it again, or set DISCORD_APPLICATION_ID.")
    return found


def id_from_token(token: str) -> int | None:
    """A bot token's first part is its user id in base64 (the application id, for bots)."""
    first = token.split(".", 1)[0]
    try:
        decoded = base64.b64decode(first + "=" * (-len(first) % 4), altchars=b"-_", validate=True)
        text = decoded.decode("ascii")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None
    return int(text) if text.isdigit() and 15 <= len(text) <= 21 else None
