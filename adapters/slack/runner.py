"""Running the Slack adapter inside `studybot serve`.

HTTP mode: the aiohttp server takes Slack's requests on /slack/events. Socket Mode
(SLACK_APP_TOKEN set): Slack's events arrive over a WebSocket we open, so no public
URL is needed; the HTTP server still answers /healthz (and the OAuth install pages).
"""

from __future__ import annotations

import asyncio
import logging
import socket
import sys
from collections.abc import AsyncIterator, Coroutine, Iterable, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import aiohttp
from aiohttp import web
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler

from adapters.slack.app import SlackAdapter, build_slack_app
from adapters.slack.config import SlackConfig, SlackConfigError, slack_config
from adapters.slack.credentials import check_credentials
from adapters.slack.web import EVENTS_PATH, build_web_app
from bot.app import Companion
from bot.messages import Platform

log = logging.getLogger(__name__)

__all__ = ["RunningSlack", "SlackConfigError", "running_slack", "slack_runner"]


@dataclass
class RunningSlack:
    adapter: SlackAdapter
    port: int


async def slack_runner(companion: Companion, *, port: int, env: Mapping[str, str], host: str = "0.0.0.0",
                       extra_routes: Iterable[web.AbstractRouteDef] = ()) -> Coroutine[Any, Any, None]:
    """Check the settings and tokens now (SlackConfigError: one line naming the variable),
    and return the coroutine that runs Slack."""
    config = slack_config(env)
    check_port_is_free(host, port)
    await check_credentials(config)

    async def run() -> None:
        async with running_slack(companion, config, host=host, port=port, extra_routes=extra_routes) as slack:
            print(started_line(config, host, slack.port), file=sys.stderr)
            await asyncio.Event().wait()

    return run()


@asynccontextmanager
async def running_slack(companion: Companion, config: SlackConfig, *, host: str = "0.0.0.0",
                        port: int = 3000, extra_routes: Iterable[web.AbstractRouteDef] = (),
                        ) -> AsyncIterator[RunningSlack]:
    """Serve Slack until the block ends; port 0 picks a free port (see `.port`)."""
    async with aiohttp.ClientSession() as session:
        adapter = build_slack_app(companion, config, session=session)
        companion.posters.register(Platform.SLACK, adapter.poster, reach=adapter.poster)
        runner = web.AppRunner(build_web_app(adapter.bolt, signing_secret=config.signing_secret,
                                             events=not config.socket_mode,
                                             extra_routes=extra_routes), access_log=None,
                                 # aiohttp waits 60 s for requests in flight by default;
                                 # SIGTERM must end the process well within 10 s.
                                 shutdown_timeout=5.0)
        await runner.setup()
        socket_mode: AsyncSocketModeHandler | None = None
        try:
            await web.TCPSite(runner, host, port).start()
            if config.socket_mode:
                socket_mode = AsyncSocketModeHandler(adapter.bolt, config.app_token,
                                                     web_client=adapter.bolt.client)
                await socket_mode.connect_async()  # type: ignore[no-untyped-call]
            yield RunningSlack(adapter=adapter, port=_bound_port(runner, port))
        finally:
            if socket_mode is not None:
                await socket_mode.close_async()  # type: ignore[no-untyped-call]
            await adapter.close()
            await runner.cleanup()


def check_port_is_free(host: str, port: int) -> None:
    """A taken port fails start-up with one line, before anything else has started."""
    if port == 0:
        return
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            raise SlackConfigError(f"--port {port} is not free ({error.strerror}): stop the other "
                                   "server or choose another port with --port") from None


def _bound_port(runner: web.AppRunner, asked: int) -> int:
    for address in runner.addresses:
        if isinstance(address, tuple) and len(address) >= 2:
            return int(address[1])
    return asked


def started_line(config: SlackConfig, host: str, port: int) -> str:
    if config.socket_mode:
        how = "Socket Mode"
    else:
        how = f"HTTP mode, Slack requests on http://{host}:{port}{EVENTS_PATH}"
    workspaces = "many workspaces (OAuth install at /slack/install)" if config.oauth else "one workspace"
    return f"studybot: Slack is on ({how}; {workspaces}); health on http://{host}:{port}/healthz"
