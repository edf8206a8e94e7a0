"""The HTTP side: one aiohttp application for Slack's requests and health checks.

Routes: POST /slack/events (commands, events and interactivity, HTTP mode only),
GET /slack/install and /slack/oauth_redirect (OAuth installs), GET /healthz. Other
parts of the process (readiness, metrics) add their own routes via `extra_routes`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.async_app import AsyncApp

from adapters.slack.config import EVENTS_PATH as EVENTS_PATH
from adapters.slack.door import SlackDoor

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
HEALTH_PATH = "/healthz"


def build_web_app(bolt: AsyncApp | None, *, signing_secret: str = "", events: bool = True,
                  extra_routes: Iterable[web.AbstractRouteDef] = ()) -> web.Application:
    """`bolt` None serves only health and `extra_routes`; `events` False (Socket Mode)
    leaves out /slack/events but keeps the OAuth install pages. Requests to /slack/events
    pass `SlackDoor` (signature first) before Bolt sees them."""
    app = web.Application()
    app.router.add_get(HEALTH_PATH, healthz)
    if bolt is not None:
        if events:
            app.router.add_post(EVENTS_PATH, _dispatcher(bolt, SlackDoor(signing_secret)))
        flow = bolt.oauth_flow
        if flow is not None:
            app.router.add_get(flow.install_path, _installer(bolt))
            app.router.add_get(flow.redirect_uri_path, _redirect_handler(bolt))
    app.add_routes(list(extra_routes))
    return app


async def healthz(request: web.Request) -> web.Response:
    return web.json_response({"ok": True})


def _dispatcher(bolt: AsyncApp, door: SlackDoor) -> Handler:
    async def slack_events(request: web.Request) -> web.StreamResponse:
        admitted = await door.admit(request)
        if isinstance(admitted, web.StreamResponse):
            return admitted
        return await to_aiohttp_response(await bolt.async_dispatch(admitted))

    return slack_events


def _installer(bolt: AsyncApp) -> Handler:
    async def install(request: web.Request) -> web.StreamResponse:
        assert bolt.oauth_flow is not None
        response = await bolt.oauth_flow.handle_installation(await to_bolt_request(request))
        return await to_aiohttp_response(response)

    return install


def _redirect_handler(bolt: AsyncApp) -> Handler:
    async def oauth_redirect(request: web.Request) -> web.StreamResponse:
        assert bolt.oauth_flow is not None
        response = await bolt.oauth_flow.handle_callback(await to_bolt_request(request))
        return await to_aiohttp_response(response)

    return oauth_redirect
