"""The Discord adapter's settings, read from the environment once at start-up.

Every problem is reported as one line that names the variable and says how to fix it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

DEFAULT_FACILITATOR_ROLE = "Facilitator"
TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"", "0", "false", "no", "off"}


class DiscordConfigError(ValueError):
    """A setting is missing or malformed; the message is one line a person can act on."""


@dataclass(frozen=True)
class DiscordConfig:
    token: str
    # Sync slash commands to these servers only (instant), instead of globally (up to an hour).
    guild_ids: tuple[int, ...] = ()
    shard_count: int | None = None
    shard_ids: tuple[int, ...] | None = None
    facilitator_role: str = DEFAULT_FACILITATOR_ROLE
    # The privileged intent; without it slash commands, mentions and DMs still work.
    message_content: bool = False

    @property
    def syncs_commands(self) -> bool:
        """Only one process registers the commands: the one running shard 0 (or the only one)."""
        return self.shard_ids is None or 0 in self.shard_ids


def load_config(env: Mapping[str, str]) -> DiscordConfig:
    token = env.get("DISCORD_TOKEN", "").strip().removeprefix("Bot ").strip()
    if not token:
        raise DiscordConfigError("DISCORD_TOKEN is not set: copy the bot token from the Discord "
                                 "Developer Portal (your application > Bot > Reset Token).")
    if any(c.isspace() for c in token):
        raise DiscordConfigError("DISCORD_TOKEN contains spaces: paste the token alone, "
                                 "without quotes or other words.")
    shard_count = _optional_int(env, "DISCORD_SHARD_COUNT")
    shard_ids = _id_list(env, "DISCORD_SHARD_IDS", "shard numbers") or None
    _check_shards(shard_count, shard_ids)
    return DiscordConfig(
        token=token,
        guild_ids=_id_list(env, "DISCORD_GUILD_IDS", "Discord server ids"),
        shard_count=shard_count,
        shard_ids=shard_ids,
        facilitator_role=env.get("DISCORD_FACILITATOR_ROLE", "").strip() or DEFAULT_FACILITATOR_ROLE,
        message_content=_flag(env, "DISCORD_MESSAGE_CONTENT"),
    )


def _id_list(env: Mapping[str, str], name: str, what: str) -> tuple[int, ...]:
    words = env.get(name, "").replace(",", " ").split()
    if not all(word.isdigit() for word in words):
        raise DiscordConfigError(f"{name} must be {what} (numbers) separated by commas; "
                                 f"got {env[name].strip()!r}.")
    return tuple(int(word) for word in words)


def _optional_int(env: Mapping[str, str], name: str) -> int | None:
    value = env.get(name, "").strip()
    if not value:
        return None
    if not value.isdigit() or int(value) < 1:
        raise DiscordConfigError(f"{name} must be a whole number of at least 1; got {value!r}.")
    return int(value)


def _check_shards(count: int | None, ids: tuple[int, ...] | None) -> None:
    if ids is None:
        return
    if count is None:
        raise DiscordConfigError("DISCORD_SHARD_IDS needs DISCORD_SHARD_COUNT too: the total "
                                 "number of shards across all processes.")
    too_big = [i for i in ids if i >= count]
    if too_big:
        raise DiscordConfigError(f"DISCORD_SHARD_IDS has shard {too_big[0]}, but shards are "
                                 f"numbered 0 to {count - 1} when DISCORD_SHARD_COUNT is {count}.")


def _flag(env: Mapping[str, str], name: str) -> bool:
    value = env.get(name, "").strip().lower()
    if value in TRUE_WORDS:
        return True
    if value in FALSE_WORDS:
        return False
    raise DiscordConfigError(f"{name} must be true or false; got {value!r}.")
