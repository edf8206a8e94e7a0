"""The Slack settings, read from the environment and checked once at start-up.

A missing or wrong value stops `studybot serve` with one line that names the
variable and says where to get it (SlackConfigError).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

DEFAULT_API_URL = "https://slack.com/api/"
# Exactly what the code calls: app_mention and message.im events, chat.postMessage and
# chat.postEphemeral, the slash command, files_upload_v2, conversations.open, users.info
# and users.list.
# channels:read and groups:read: whether someone is in a channel they name (group join).
DEFAULT_SCOPES = ("app_mentions:read", "channels:read", "chat:write", "commands", "files:write",
                  "groups:read", "im:history", "im:write", "users:read")
# SLACK_DEDUPE_POSTS reads a channel's recent messages before a scheduled post is retried.
HISTORY_SCOPES = ("channels:history", "groups:history")
DEFAULT_COMMAND = "/study"
# Slack's rule for a slash command's name: "/" and up to 31 more, lower case, no spaces.
COMMAND_NAME = re.compile(r"^/[a-z0-9_\-]{1,31}$")
TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}
APPS_PAGE = "https://api.slack.com/apps"
# Where studybot takes Slack's requests (HTTP mode) and its OAuth installs.
EVENTS_PATH = "/slack/events"
INSTALL_PATH = "/slack/install"
REDIRECT_PATH = "/slack/oauth_redirect"


class SlackConfigError(Exception):
    """One line: which variable is wrong and how to fix it."""


@dataclass(frozen=True)
class OAuthConfig:
    client_id: str
    client_secret: str
    scopes: tuple[str, ...] = DEFAULT_SCOPES


@dataclass(frozen=True)
class SlackConfig:
    bot_token: str | None = None
    app_token: str | None = None
    signing_secret: str = ""
    api_url: str = DEFAULT_API_URL
    oauth: OAuthConfig | None = None
    command: str = DEFAULT_COMMAND
    dedupe_posts: bool = False

    @property
    def socket_mode(self) -> bool:
        return self.app_token is not None


def slack_config(env: Mapping[str, str]) -> SlackConfig:
    def value(name: str) -> str | None:
        return _value(env, name)

    app_token = _app_token(value("SLACK_APP_TOKEN"))
    dedupe = dedupe_setting(env)
    oauth = _oauth(value("SLACK_CLIENT_ID"), value("SLACK_CLIENT_SECRET"), value("SLACK_SCOPES"),
                   scopes_for(dedupe))
    bot_token = None if oauth else _bot_token(value("SLACK_BOT_TOKEN"))
    signing_secret = value("SLACK_SIGNING_SECRET") or ""
    if not signing_secret and app_token is None:
        raise SlackConfigError(
            "SLACK_SIGNING_SECRET is required in HTTP mode: copy the Signing Secret from Basic "
            f"Information at {APPS_PAGE}, or set SLACK_APP_TOKEN to use Socket Mode")
    return SlackConfig(bot_token=bot_token, app_token=app_token, signing_secret=signing_secret,
                       api_url=_api_url(value("SLACK_API_URL")), oauth=oauth,
                       command=command_setting(env), dedupe_posts=dedupe)


def command_setting(env: Mapping[str, str]) -> str:
    command = _value(env, "SLACK_COMMAND") or DEFAULT_COMMAND
    if not COMMAND_NAME.match(command):
        raise SlackConfigError(
            f"SLACK_COMMAND should be a slash command like {DEFAULT_COMMAND}: a \"/\" and up to 31 "
            f"lower-case letters, digits, - or _, not {command[:40]!r}")
    return command


def dedupe_setting(env: Mapping[str, str]) -> bool:
    word = (_value(env, "SLACK_DEDUPE_POSTS") or "").lower()
    if word not in TRUE_WORDS | FALSE_WORDS:
        raise SlackConfigError(f"SLACK_DEDUPE_POSTS should be on or off, not {word[:20]!r}")
    return word in TRUE_WORDS


def scopes_for(dedupe_posts: bool) -> tuple[str, ...]:
    return DEFAULT_SCOPES + (HISTORY_SCOPES if dedupe_posts else ())


def _value(env: Mapping[str, str], name: str) -> str | None:
    text = (env.get(name) or "").strip()
    return text or None


def _bot_token(token: str | None) -> str:
    if token is None:
        raise SlackConfigError(
            "SLACK_BOT_TOKEN is not set: install the app to your workspace and copy its Bot User "
            f"OAuth Token (xoxb-…) from OAuth & Permissions at {APPS_PAGE}")
    if not token.startswith("xoxb-"):
        raise SlackConfigError(
            "SLACK_BOT_TOKEN should start with xoxb-: use the Bot User OAuth Token from OAuth & "
            f"Permissions at {APPS_PAGE}, not a user (xoxp-) or app-level (xapp-) token")
    return token


def _app_token(token: str | None) -> str | None:
    if token is not None and not token.startswith("xapp-"):
        raise SlackConfigError(
            "SLACK_APP_TOKEN should start with xapp-: create an app-level token with the "
            f"connections:write scope under Basic Information at {APPS_PAGE} (or unset it for HTTP mode)")
    return token


def _oauth(client_id: str | None, secret: str | None, scopes: str | None,
           default_scopes: tuple[str, ...]) -> OAuthConfig | None:
    if client_id is None:
        if secret is not None:
            raise SlackConfigError(
                f"SLACK_CLIENT_ID is missing: copy the Client ID from Basic Information at {APPS_PAGE}")
        return None
    if secret is None:
        raise SlackConfigError(
            f"SLACK_CLIENT_SECRET is missing: copy the Client Secret from Basic Information at {APPS_PAGE}")
    chosen = tuple(s.strip() for s in (scopes or "").split(",") if s.strip()) or default_scopes
    return OAuthConfig(client_id=client_id, client_secret=secret, scopes=chosen)


def _api_url(url: str | None) -> str:
    if url is None:
        return DEFAULT_API_URL
    if not url.startswith(("http://", "https://")):
        raise SlackConfigError(f"SLACK_API_URL should be an http(s) URL like {DEFAULT_API_URL}, not {url!r}")
    return url if url.endswith("/") else url + "/"

