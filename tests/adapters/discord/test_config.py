"""Discord settings from the environment: sensible defaults, one clear line per mistake."""

from __future__ import annotations

import pytest

from adapters.discord.client import intents_for
from adapters.discord.config import DiscordConfig, DiscordConfigError, load_config


def test_only_the_token_is_needed() -> None:
    config = load_config({"DISCORD_TOKEN": " Bot abc.def.ghi \n"})
    assert config == DiscordConfig(token="abc.def.ghi")
    assert config.facilitator_role == "Facilitator" and config.syncs_commands


def test_every_setting_is_read() -> None:
    config = load_config({"DISCORD_TOKEN": "t", "DISCORD_GUILD_IDS": "111, 222", "DISCORD_SHARD_COUNT": "4",
                          "DISCORD_SHARD_IDS": "2,3", "DISCORD_FACILITATOR_ROLE": "Tutor",
                          "DISCORD_MESSAGE_CONTENT": "true"})
    assert config == DiscordConfig(token="t", guild_ids=(111, 222), shard_count=4, shard_ids=(2, 3),
                                   facilitator_role="Tutor", message_content=True)
    assert not config.syncs_commands  # shard 0 runs in another process


@pytest.mark.parametrize("env, words", [
    ({}, "DISCORD_TOKEN is not set"),
    ({"DISCORD_TOKEN": "two words"}, "contains spaces"),
    ({"DISCORD_TOKEN": "t", "DISCORD_SHARD_COUNT": "0"}, "at least 1"),
    ({"DISCORD_TOKEN": "t", "DISCORD_SHARD_COUNT": "2", "DISCORD_SHARD_IDS": "2"}, "numbered 0 to 1"),
    ({"DISCORD_TOKEN": "t", "DISCORD_MESSAGE_CONTENT": "maybe"}, "true or false"),
])
def test_mistakes_are_one_line_that_names_the_setting(env: dict[str, str], words: str) -> None:
    with pytest.raises(DiscordConfigError) as error:
        load_config(env)
    assert words in str(error.value) and "\n" not in str(error.value)


def test_message_content_is_the_only_privileged_intent_and_only_when_asked() -> None:
    plain = intents_for(DiscordConfig(token="t"))
    assert (plain.guilds, plain.guild_messages, plain.dm_messages) == (True, True, True)
    assert not (plain.message_content or plain.members or plain.presences)
    assert intents_for(DiscordConfig(token="t", message_content=True)).message_content
