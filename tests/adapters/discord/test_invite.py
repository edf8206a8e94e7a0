"""The invite link: scopes, exactly the permissions studybot uses, and the application id."""

from __future__ import annotations

import base64
from urllib.parse import parse_qs, urlsplit

import discord
import pytest

from adapters.discord.invite import InviteError, application_id_of, id_from_token, invite_url
from tests.adapters.discord import payloads as p


def real_shaped_token(user_id: int) -> str:
    """user id in base64, a timestamp part and an HMAC part, as the Developer Portal shows it."""
    first = base64.urlsafe_b64encode(str(user_id).encode()).decode().rstrip("=")
    return f"{first}.GkT3xQ.{'a1B2_c3-D4' * 3}zzzzzzzz"


def test_the_link_asks_for_both_scopes_and_only_the_permissions_used() -> None:
    query = parse_qs(urlsplit(invite_url(p.APP_ID)).query)
    granted = discord.Permissions(int(query["permissions"][0]))
    assert query["client_id"] == [str(p.APP_ID)]
    assert query["scope"] == ["bot applications.commands"]
    assert {name for name, on in granted if on} == {  # read_messages is View Channel
        "read_messages", "send_messages", "send_messages_in_threads", "embed_links", "attach_files",
        "read_message_history", "create_public_threads"}
    assert granted.value == 309237763072  # the figure docs/deploy-discord.md gives


def test_the_application_id_is_read_from_a_real_shaped_token() -> None:
    token = real_shaped_token(p.APP_ID)
    assert id_from_token(token) == p.APP_ID
    assert application_id_of({"DISCORD_TOKEN": f"Bot {token}"}) == p.APP_ID


def test_discord_application_id_wins_over_the_token() -> None:
    env = {"DISCORD_TOKEN": real_shaped_token(p.APP_ID), "DISCORD_APPLICATION_ID": "42"}
    assert application_id_of(env) == 42


@pytest.mark.parametrize("env, words", [
    ({"DISCORD_TOKEN": "not-a-token"}, "doesn't look like a bot token"),
    ({"DISCORD_TOKEN": "aGVsbG8.x.y"}, "doesn't look like a bot token"),  # "hello": no id
    ({}, "Set DISCORD_TOKEN"),
    ({"DISCORD_APPLICATION_ID": "my-app"}, "must be a number"),
])
def test_an_unreadable_setting_is_one_clear_line(env: dict[str, str], words: str) -> None:
    with pytest.raises(InviteError) as refused:
        application_id_of(env)
    assert words in str(refused.value) and "\n" not in str(refused.value)
