"""The ops endpoints every `studybot serve` answers: /healthz, /readyz and /metrics,
and the groups' calendar feeds (/calendar/<token>.ics; a wrong token gets 404).

With Slack configured they are routes on Slack's own aiohttp app (one port for both;
Slack's app has /healthz already); otherwise `serving_ops` runs a small server of
their own on --port.
"""

from __future__ import annotations

import logging
import os
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass

from aiohttp import web

from bot.calendar.cache import FeedBody
from bot.ops.health import Probe, readiness
from bot.ops.metrics import CONTENT_TYPE, Metrics

log = logging.getLogger(__name__)
HEALTH_PATH, READY_PATH, METRICS_PATH = "/healthz", "/readyz", "/metrics"
CALENDAR_PATH = "/calendar/{token}.ics"
ICS_TYPE = "text/calendar"
# The calendar that a token opens (with the group's posts, or not), or None.
CalendarSource = Callable[[str, bool], Awaitable[FeedBody | None]]


class PortTaken(Exception):
    """--port is in use; the message is one line for the operator."""


@dataclass(frozen=True)
class Ops:
    metrics: Metrics
    probes: Mapping[str, Probe]
    calendar: CalendarSource | None = None

    def routes(self, *, with_health: bool = True) -> list[web.RouteDef]:
        routes = [web.get(READY_PATH, self.readyz), web.get(METRICS_PATH, self.metrics_text)]
        if self.calendar is not None:
            routes.append(web.get(CALENDAR_PATH, self.calendar_feed))
        return [web.get(HEALTH_PATH, healthz), *routes] if with_health else routes

    async def calendar_feed(self, request: web.Request) -> web.Response:
        assert self.calendar is not None
        with_posts = request.query.get("posts", "") in {"1", "yes", "true"}
        feed = await self.calendar(request.match_info["token"], with_posts)
        if feed is None:
            return web.Response(status=404, text="No calendar here.")
        # A calendar app that sends back the feed's ETag is told "not modified" until the
        # feed changes; no-cache makes it ask each time rather than keep an old copy.
        headers = {"ETag": f'"{feed.etag}"', "Cache-Control": "private, no-cache"}
        if _etag_matches(request.headers.get("If-None-Match", ""), feed.etag):
            return web.Response(status=304, headers=headers)
        return web.Response(body=feed.body, content_type=ICS_TYPE, charset="utf-8", headers=headers)

    async def readyz(self, request: web.Request) -> web.Response:
        report = await readiness(self.probes)
        return web.json_response(report.as_json(), status=200 if report.ready else 503)

    async def metrics_text(self, request: web.Request) -> web.Response:
        response = web.Response(body=self.metrics.exposition())
        response.headers["Content-Type"] = CONTENT_TYPE
        return response


def _etag_matches(header: str, etag: str) -> bool:
    """If-None-Match: `*`, or a list of (possibly weak) entity tags."""
    tags = {tag.strip().removeprefix("W/").strip('"') for tag in header.split(",") if tag.strip()}
    return "*" in tags or etag in tags


async def healthz(request: web.Request) -> web.Response:
    return web.json_response({"ok": True})


@asynccontextmanager
async def serving_ops(ops: Ops, *, host: str, port: int) -> AsyncIterator[int]:
    """Serve the ops routes until the block ends; yields the bound port (port 0 picks one)."""
    app = web.Application()
    app.add_routes(ops.routes())
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    try:
        try:
            await web.TCPSite(runner, host, port).start()
        except OSError as error:
            reason = os.strerror(error.errno) if error.errno else str(error)
            raise PortTaken(f"--port {port} is not free ({reason}): stop the other server "
                            "or choose another port with --port") from None
        bound = _bound_port(runner, port)
        log.info("ops endpoints up", extra={"url": f"http://{host}:{bound}{HEALTH_PATH}"})
        yield bound
    finally:
        await runner.cleanup()


def _bound_port(runner: web.AppRunner, asked: int) -> int:
    for address in runner.addresses:
        if isinstance(address, tuple) and len(address) >= 2:
            return int(address[1])
    return asked
