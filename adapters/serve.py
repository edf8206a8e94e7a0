"""`studybot serve`: run every platform adapter the environment configures.

Also always on: the scheduler, and the ops endpoints (/healthz, /readyz, /metrics) on
--port, on Slack's HTTP server when Slack runs, else on a small one of their own.
When `stop` is set (SIGTERM, Ctrl-C), the scheduler drains first, while the platforms
are still connected to finish posts in flight, then the platforms disconnect.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import sys
from collections.abc import Coroutine, Iterator
from typing import Any

from adapters.ops_http import Ops, PortTaken, serving_ops
from adapters.stopped import PlatformStopped
from bot.app import Companion
from bot.messages import Platform
from bot.ops.health import Probe, database_probe
from bot.ops.instrument import DrainGate, instrument
from bot.ops.metrics import Metrics
from bot.ops.shutdown import drain_scheduler

log = logging.getLogger(__name__)
Runner = Coroutine[Any, Any, None]


def configured_platforms(env: dict[str, str]) -> list[str]:
    platforms = []
    if env.get("SLACK_BOT_TOKEN") or env.get("SLACK_CLIENT_ID"):
        platforms.append("slack")
    if env.get("DISCORD_TOKEN"):
        platforms.append("discord")
    return platforms


async def serve(companion: Companion, *, port: int, env: dict[str, str] | None = None,
                stop: asyncio.Event | None = None, host: str = "0.0.0.0") -> int:
    """Run until `stop` is set or the task is cancelled; returns the exit code."""
    env = dict(os.environ) if env is None else env
    platforms = configured_platforms(env)
    if not platforms:
        print("studybot: nothing to serve. Set SLACK_BOT_TOKEN (Slack) or DISCORD_TOKEN "
              "(Discord); see docs/. To try the companion locally, run `studybot chat`.",
              file=sys.stderr)
        return 2
    metrics, gate = Metrics(), DrainGate()
    ops = Ops(metrics, readiness_probes(companion, platforms), calendar=companion.calendar.served)
    instrument(companion, metrics, gate)
    runners = await platform_runners(companion, platforms, port=port, env=env, host=host, ops=ops)
    if isinstance(runners, int):
        return runners
    if "slack" in platforms:  # Slack's HTTP server carries the ops routes
        return await _run_until_stopped(companion, runners, stop, gate, metrics)
    try:
        async with serving_ops(ops, host=host, port=port):
            return await _run_until_stopped(companion, runners, stop, gate, metrics)
    except PortTaken as error:
        print(f"studybot: {error}", file=sys.stderr)
        return _closed(runners, 2)


async def platform_runners(companion: Companion, platforms: list[str], *, port: int, env: dict[str, str],
                           host: str, ops: Ops) -> list[Runner] | int:
    """Each configured platform's runner, checked now; an exit code when one cannot start."""
    runners: list[Runner] = []
    if "slack" in platforms:
        try:
            from adapters.slack.runner import SlackConfigError, slack_runner
        except ImportError:
            print("studybot: Slack support is not installed: pip install 'studybot[slack]'",
                  file=sys.stderr)
            return 2
        try:
            runners.append(await slack_runner(companion, port=port, env=env, host=host,
                                              extra_routes=ops.routes(with_health=False)))
        except SlackConfigError as error:
            print(f"studybot: {error}", file=sys.stderr)
            return 2
    if "discord" in platforms:
        try:
            from adapters.discord.runner import DiscordConfigError, discord_runner
        except ImportError:
            print("studybot: Discord support is not installed: pip install 'studybot[discord]'",
                  file=sys.stderr)
            return _closed(runners, 2)
        try:
            runners.append(discord_runner(companion, env))
        except DiscordConfigError as error:
            print(f"studybot: {error}", file=sys.stderr)
            return _closed(runners, 2)
    return runners


def _closed(runners: list[Runner], code: int) -> int:
    for runner in runners:
        runner.close()  # never started; closing avoids "coroutine was never awaited"
    return code


async def _run_until_stopped(companion: Companion, runners: list[Runner], stop: asyncio.Event | None,
                             gate: DrainGate, metrics: Metrics) -> int:
    # Scheduled posts go out through the posters the runners register as they connect.
    await companion.scheduler.start()
    tasks = [asyncio.ensure_future(runner) for runner in runners]
    waiter = asyncio.ensure_future((stop or asyncio.Event()).wait())
    try:
        done, _ = await asyncio.wait([*tasks, waiter], return_when=asyncio.FIRST_COMPLETED)
        for task in done:
            if task is not waiter and task.exception() is not None:
                raise task.exception()  # type: ignore[misc]
        return 0
    except PlatformStopped as error:
        print(f"studybot: {error}", file=sys.stderr)
        return 2
    finally:
        # The scheduler first: posts in flight still need the platforms' connections.
        await drain_scheduler(companion, gate, metrics)
        waiter.cancel()
        for task in tasks:
            task.cancel()
        await asyncio.gather(waiter, *tasks, return_exceptions=True)


def readiness_probes(companion: Companion, platforms: list[str]) -> dict[str, Probe]:
    probes: dict[str, Probe] = {"database": database_probe(companion.db)}
    for name in platforms:
        probes[name] = _platform_probe(companion, Platform(name))
    return probes


def _platform_probe(companion: Companion, platform: Platform) -> Probe:
    async def connected() -> bool:
        # A platform's runner registers its poster once it is up (see adapters/*/runner.py).
        return platform in companion.posters.platforms()

    return connected


@contextlib.contextmanager
def stop_on_signals(stop: asyncio.Event) -> Iterator[None]:
    """SIGTERM (docker stop, Kubernetes) and SIGINT (Ctrl-C) set `stop` instead of killing."""
    loop = asyncio.get_running_loop()
    signals = (signal.SIGTERM, signal.SIGINT)

    def requested(signum: int) -> None:
        log.warning("stopping", extra={"signal": signal.Signals(signum).name})
        stop.set()

    for signum in signals:
        loop.add_signal_handler(signum, requested, signum)
    try:
        yield
    finally:
        for signum in signals:
            loop.remove_signal_handler(signum)
