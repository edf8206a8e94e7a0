"""`studybot discord invite-url`: print the link that adds the bot to a server.

Registered by `adapters/cli.py`; discord.py is imported only when the command runs, so
`studybot` works without the Discord extra installed.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from bot.config import Settings


def add_discord_commands(commands: Any) -> None:
    discord_parser = commands.add_parser("discord", help="Discord set-up helpers")
    actions = discord_parser.add_subparsers(dest="discord_command", metavar="ACTION", required=True)
    invite = actions.add_parser(
        "invite-url", help="print the link that adds studybot to a Discord server",
        description="Print the OAuth2 link (scopes bot and applications.commands, with the "
        "permissions studybot uses). The application id comes from DISCORD_APPLICATION_ID, or "
        "from DISCORD_TOKEN.")
    invite.set_defaults(run=_invite_url)


def _invite_url(args: argparse.Namespace, settings: Settings) -> int:
    from adapters.environment import environment

    try:
        from adapters.discord.invite import InviteError, application_id_of, invite_url
    except ImportError:
        print("studybot: Discord support is not installed: pip install 'studybot[discord]'",
              file=sys.stderr)
        return 2
    try:
        print(invite_url(application_id_of(environment())))
    except InviteError as error:
        print(f"studybot: {error}", file=sys.stderr)
        return 2
    return 0
