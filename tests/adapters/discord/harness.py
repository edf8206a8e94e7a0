"""A real StudyClient connected to the fake Discord, and the moves tests make with it."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from typing import Any

import discord
import yarl
from discord.gateway import DiscordWebSocket

from adapters.discord.client import StudyClient
from adapters.discord.config import DiscordConfig
from bot.app import Companion
from bot.messages import Incoming, Reply
from bot.router import Router
from tests.adapters.discord import payloads as p
from tests.adapters.discord.fake_discord import TOKEN, FakeDiscord, Request

Payload = dict[str, Any]


@contextlib.contextmanager
def pointed_at(fake: FakeDiscord) -> Iterator[None]:
    """discord.py's own hooks for its endpoints: every Route, and the default gateway."""
    base, gateway = discord.http.Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY
    discord.http.Route.BASE = fake.api_base
    DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(fake.gateway_url)
    try:
        yield
    finally:
        discord.http.Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY = base, gateway


Script = Callable[[str], Reply | None]


class ScriptedRouter(Router):
    """The companion's real router, which also notes what reached it and may answer from a script.

    Tests use it to see the command line a slash command became, who the core thought
    was speaking, and to send replies the core does not produce yet (a long search result).
    """

    def __init__(self, real: Router, script: Script | None = None) -> None:
        super().__init__(real.registries, real.dialogs, is_facilitator=real.is_facilitator,
                         clock=real.clock, fallback=real.fallback)
        self.seen: list[tuple[Incoming, str]] = []
        self.script = script or (lambda line: None)

    async def handle(self, message: Incoming) -> Reply:
        self.seen.append((message, message.text))
        return self.script(message.text) or await super().handle(message)

    async def run_command_line(self, message: Incoming, line: str) -> Reply:
        self.seen.append((message, line))
        return self.script(line) or await super().run_command_line(message, line)


def script_router(companion: Companion, script: Script | None = None) -> ScriptedRouter:
    router = ScriptedRouter(companion.router, script)
    companion.router = router
    return router


@dataclass
class DiscordHarness:
    fake: FakeDiscord
    client: StudyClient

    async def interact(self, interaction: Payload) -> Request:
        """Send an interaction down the gateway; its response callback, once the bot sent it."""
        await self.fake.dispatch("INTERACTION_CREATE", interaction)
        return await self.fake.wait_for(self.fake.callback_of(interaction))

    async def answer(self, interaction: Payload) -> Payload:
        """The message answering an interaction: its callback's, or (deferred) the first message
        sent after it, whether it fills the placeholder or is posted in the channel."""
        callback = await self.interact(interaction)
        if callback.body["type"] != 5:
            return callback.message
        return dict((await self._first_answer(interaction)).body)

    async def answered_at(self, interaction: Payload) -> float:
        """When the answer to a deferred interaction reached the fake Discord."""
        return (await self._first_answer(interaction)).received_at

    async def _first_answer(self, interaction: Payload) -> Request:
        def answers(request: Request) -> bool:
            return request.is_send and (interaction["token"] in request.path or
                                        request.path == f"/channels/{interaction['channel_id']}/messages")
        callback = await self.fake.wait_for(self.fake.callback_of(interaction))
        after = self.fake.requests.index(callback)
        await self.fake.wait_until(lambda: any(map(answers, self.fake.requests[after:])))
        return next(r for r in self.fake.requests[after:] if answers(r))

    async def slash(self, subcommand: str, *options: Payload, **where: Any) -> Request:
        return await self.interact(p.slash(subcommand, *options, **where))

    async def autocomplete(self, subcommand: str, *options: Payload, **where: Any) -> list[Payload]:
        response = await self.interact(p.autocomplete(subcommand, *options, **where))
        assert response.body["type"] == 8
        return list(response.body["data"]["choices"])

    async def click(self, custom_id: str, **where: Any) -> Request:
        return await self.interact(p.click(custom_id, **where))

    async def say(self, message: Payload, *, answers: int = 1) -> list[Payload]:
        """Send a MESSAGE_CREATE; the bot's messages in that channel once `answers` arrived."""
        channel_id = int(message["channel_id"])
        before = len(self.fake.channels.get(channel_id, []))
        await self.fake.dispatch("MESSAGE_CREATE", message)
        await self.fake.wait_until(lambda: len(self.fake.channels.get(channel_id, [])) >= before + answers)
        return self.fake.channels[channel_id][before:]


@contextlib.asynccontextmanager
async def running_bot(companion: Companion, fake: FakeDiscord, config: DiscordConfig | None = None,
                      **options: Any) -> AsyncIterator[DiscordHarness]:
    config = config or DiscordConfig(token=TOKEN)
    with pointed_at(fake):
        client = StudyClient(companion, config, guild_ready_timeout=0.01, **options)
        async with client:
            await client.login(config.token)
            connection = asyncio.create_task(client.connect(reconnect=False))
            try:
                await asyncio.wait_for(client.wait_until_ready(), 5)
                yield DiscordHarness(fake, client)
            finally:
                await client.close()
                with contextlib.suppress(Exception):
                    await connection
