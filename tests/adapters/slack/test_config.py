"""Slack settings: every mistake is one line naming the variable and where to get it."""

from __future__ import annotations

import pytest

from adapters.slack.config import DEFAULT_API_URL, DEFAULT_SCOPES, SlackConfigError, slack_config

HTTP = {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s3cret"}


def test_http_mode_with_one_workspace() -> None:
    config = slack_config(HTTP)
    assert config.bot_token == "xoxb-1" and not config.socket_mode and config.oauth is None
    assert config.api_url == DEFAULT_API_URL


def test_socket_mode_needs_no_signing_secret() -> None:
    config = slack_config({"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xapp-1"})
    assert config.socket_mode and config.signing_secret == ""


def test_oauth_serves_many_workspaces_with_default_scopes() -> None:
    config = slack_config({"SLACK_CLIENT_ID": "1.2", "SLACK_CLIENT_SECRET": "x",
                           "SLACK_SIGNING_SECRET": "s", "SLACK_BOT_TOKEN": "xoxb-ignored"})
    assert config.oauth is not None and config.oauth.scopes == DEFAULT_SCOPES
    assert config.bot_token is None
    custom = slack_config({"SLACK_CLIENT_ID": "1.2", "SLACK_CLIENT_SECRET": "x", "SLACK_SIGNING_SECRET": "s",
                           "SLACK_SCOPES": "commands, chat:write"})
    assert custom.oauth is not None and custom.oauth.scopes == ("commands", "chat:write")


def test_the_api_url_can_be_overridden_and_always_ends_with_a_slash() -> None:
    assert slack_config({**HTTP, "SLACK_API_URL": "http://127.0.0.1:8000/api"}).api_url == \
        "http://127.0.0.1:8000/api/"


@pytest.mark.parametrize(("env", "variable"), [
    ({"SLACK_BOT_TOKEN": "xoxb-1"}, "SLACK_SIGNING_SECRET"),
    ({**HTTP, "SLACK_BOT_TOKEN": "xoxp-user"}, "SLACK_BOT_TOKEN"),
    ({"SLACK_SIGNING_SECRET": "s"}, "SLACK_BOT_TOKEN"),
    ({**HTTP, "SLACK_APP_TOKEN": "xoxb-wrong"}, "SLACK_APP_TOKEN"),
    ({**HTTP, "SLACK_CLIENT_ID": "1.2"}, "SLACK_CLIENT_SECRET"),
    ({**HTTP, "SLACK_CLIENT_SECRET": "x"}, "SLACK_CLIENT_ID"),
    ({**HTTP, "SLACK_API_URL": "slack.com/api"}, "SLACK_API_URL"),
])
def test_each_mistake_names_its_variable_in_one_line(env: dict[str, str], variable: str) -> None:
    with pytest.raises(SlackConfigError) as raised:
        slack_config(env)
    message = str(raised.value)
    assert message.startswith(variable) and "\n" not in message


def test_the_slash_command_can_be_renamed_and_must_look_like_one() -> None:
    assert slack_config(HTTP).command == "/study"
    assert slack_config({**HTTP, "SLACK_COMMAND": "/learn"}).command == "/learn"
    for wrong in ("learn", "/Learn", "/two words", "/" + "x" * 32):
        with pytest.raises(SlackConfigError, match=r"^SLACK_COMMAND should be a slash command"):
            slack_config({**HTTP, "SLACK_COMMAND": wrong})


def test_checking_before_a_repost_is_off_unless_asked_and_asks_for_history_scopes() -> None:
    assert slack_config(HTTP).dedupe_posts is False
    assert slack_config({**HTTP, "SLACK_DEDUPE_POSTS": "on"}).dedupe_posts is True
    oauth = slack_config({"SLACK_CLIENT_ID": "1.2", "SLACK_CLIENT_SECRET": "x", "SLACK_SIGNING_SECRET": "s",
                          "SLACK_DEDUPE_POSTS": "yes"}).oauth
    assert oauth is not None and oauth.scopes == (*DEFAULT_SCOPES, "channels:history", "groups:history")
    with pytest.raises(SlackConfigError, match=r"^SLACK_DEDUPE_POSTS should be on or off"):
        slack_config({**HTTP, "SLACK_DEDUPE_POSTS": "maybe"})
