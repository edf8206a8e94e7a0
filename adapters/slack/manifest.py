"""`studybot slack manifest`: the Slack app manifest to paste at api.slack.com/apps.

Two shapes, never mixed: HTTP mode (Slack sends every request to https://HOST/slack/events,
installs come back to /slack/oauth_redirect) and Socket Mode (no URLs at all: Slack
sends over a WebSocket studybot opens). The command's name and the scopes follow the
same settings `studybot serve` reads (SLACK_COMMAND, SLACK_DEDUPE_POSTS), so the app
Slack knows is the app that runs.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

import yaml

from adapters.slack.config import (
    EVENTS_PATH,
    REDIRECT_PATH,
    SlackConfigError,
    command_setting,
    dedupe_setting,
    scopes_for,
)

BOT_EVENTS = ("app_home_opened", "app_mention", "message.im", "app_uninstalled", "tokens_revoked")
Manifest = dict[str, Any]


def manifest(*, command: str, base_url: str | None, dedupe_posts: bool = False) -> Manifest:
    """The manifest for HTTP mode at `base_url`, or for Socket Mode when it is None."""
    events = f"{base_url}{EVENTS_PATH}" if base_url else None
    slash: dict[str, Any] = {"command": command, "description": "Ask your study companion",
                             "usage_hint": "week | search standards | canvas | help",
                             "should_escape": True}
    subscriptions: dict[str, Any] = {"bot_events": list(BOT_EVENTS)}
    interactivity: dict[str, Any] = {"is_enabled": True}
    oauth: dict[str, Any] = {"scopes": {"bot": list(scopes_for(dedupe_posts))}}
    if events:
        slash["url"] = subscriptions["request_url"] = interactivity["request_url"] = events
        oauth["redirect_urls"] = [f"{base_url}{REDIRECT_PATH}"]
    return {
        "_metadata": {"major_version": 1, "minor_version": 1},
        "display_information": {"name": "studybot", "description": "A study companion for your course "
                                "study group", "background_color": "#2c5f7c"},
        "features": {
            "app_home": {"home_tab_enabled": True, "messages_tab_enabled": True,
                         "messages_tab_read_only_enabled": False},
            "bot_user": {"display_name": "studybot", "always_online": True},
            "slash_commands": [slash],
        },
        "oauth_config": oauth,
        "settings": {"event_subscriptions": subscriptions, "interactivity": interactivity,
                     "org_deploy_enabled": False, "socket_mode_enabled": events is None,
                     "token_rotation_enabled": False},
    }


def base_url(text: str) -> str:
    """`https://HOST[/prefix]` without a trailing slash; Slack only calls https URLs."""
    parts = urlsplit(text.strip())
    if parts.scheme != "https" or not parts.netloc or parts.query or parts.fragment:
        raise SlackConfigError(f"--http needs your server's public https address, like "
                               f"https://studybot.example.org, not {text[:60]!r}")
    return f"https://{parts.netloc}{parts.path.rstrip('/')}"


def as_yaml(content: Manifest) -> str:
    return yaml.safe_dump(content, sort_keys=False, allow_unicode=True, width=100)


def add_slack_commands(commands: Any) -> None:
    """`studybot slack manifest`, on the `studybot` command's subcommands."""
    slack = commands.add_parser("slack", help="Slack app set-up")
    actions = slack.add_subparsers(dest="slack_command", metavar="ACTION", required=True)
    printing = actions.add_parser(
        "manifest", help="print the Slack app manifest",
        description="Print the app manifest to paste under Create New App → From an app manifest "
                    "at https://api.slack.com/apps. SLACK_COMMAND renames the slash command.")
    mode = printing.add_mutually_exclusive_group(required=True)
    mode.add_argument("--http", metavar="https://HOST", help="HTTP mode, behind this public address")
    mode.add_argument("--socket", action="store_true", help="Socket Mode: no public address needed")

    def run(args: argparse.Namespace, settings: object) -> int:
        from adapters.environment import environment

        return print_manifest(args, environment())

    printing.set_defaults(run=run)


def print_manifest(args: argparse.Namespace, env: Mapping[str, str]) -> int:
    try:
        content = manifest(command=command_setting(env), dedupe_posts=dedupe_setting(env),
                           base_url=None if args.socket else base_url(args.http))
    except SlackConfigError as error:
        print(f"studybot: {error}", file=sys.stderr)
        return 2
    sys.stdout.write(as_yaml(content))
    return 0
