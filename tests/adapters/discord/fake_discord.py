"""A local Discord for tests: its REST API and its gateway, on 127.0.0.1.

A real discord.py client logs in, syncs its commands, opens the gateway websocket and
identifies; then tests push gateway events (INTERACTION_CREATE, MESSAGE_CREATE) down
the socket. discord.py parses and dispatches them itself, and every request it sends
back lands here, where tests read it. Like Discord, the fake rejects a message over
Discord's limits, and slash commands over the command limits, with 400 "Invalid Form
Body", and a message that may ping anything but the one role its content names
(`limits.mention_problems`, our rule) likewise, answers posts to channels it was told
are forbidden or gone with 403/404 and Discord's error codes, honours enforce_nonce
(for "a few minutes": `nonce_window_passes()` ends the window), lists a channel's recent
messages newest first and without their nonces, as Discord does, and can answer 429
with a Retry-After, 503 during an outage, or 403 when a thread may not be opened.
Every request body is checked against the request schema of its operation in Discord's
own OpenAPI spec (spec_schemas.py, openapi/requests.json) and refused with 400 Invalid
Form Body when it breaks it. Interactions follow Discord's documented response rules
(fake_interactions.py): the 3-second and 15-minute deadlines, the first follow-up after
a deferral editing the original, Unknown Message once it is deleted, and which new
messages ping which role.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

from tests.adapters.discord import fake_wire as wire
from tests.adapters.discord import payloads as p
from tests.adapters.discord.fake_interactions import (
    RESPONSE_DEADLINE,
    FakeInteraction,
    edited,
    modal_problems,
    roles_pinged,
)
from tests.adapters.discord.fake_wire import Request, SentFile
from tests.adapters.discord.limits import mention_problems, problems_with_command, problems_with_message
from tests.adapters.discord.spec_schemas import spec_problems

TOKEN = "fake.bot.token"
Payload = dict[str, Any]
EPHEMERAL = 1 << 6
ACKNOWLEDGED = (400, 40060, "Interaction has already been acknowledged.")


@dataclass
class Rule:
    method: str
    pattern: re.Pattern[str]
    handler: Callable[[web.Request, re.Match[str], Any, list[SentFile]], Awaitable[web.Response]]


@dataclass
class FakeDiscord:
    token: str = TOKEN
    refuse_message_content: bool = False
    requests: list[Request] = field(default_factory=list)
    identifies: list[Payload] = field(default_factory=list)
    # channel id -> messages created there, in order
    channels: dict[int, list[Payload]] = field(default_factory=dict)
    threads: list[Payload] = field(default_factory=list)
    forbidden_channels: dict[int, tuple[int, str]] = field(default_factory=dict)
    missing_channels: set[int] = field(default_factory=set)
    closed_dms: set[int] = field(default_factory=set)
    # The next posts to a channel are answered 429 with these retry_after values.
    rate_limits: list[float] = field(default_factory=list)
    # Extra reasons to refuse a command sync with 400 Invalid Form Body (a tree Discord rejects).
    sync_problems: list[str] = field(default_factory=list)
    # (method, path pattern) -> retry_after: every such request is answered 429 while listed.
    throttled: dict[tuple[str, str], float] = field(default_factory=dict)
    dispatched_at: dict[str, float] = field(default_factory=dict)
    # Interactions whose 3 seconds are over: Discord answers their callback 404 Unknown interaction.
    expired: set[str] = field(default_factory=set)
    # After this many more messages are created, posts fail with 503 until it is set to None.
    outage_after: int | None = None
    # Channels where studybot lacks Read Message History / Create Public Threads.
    history_forbidden: set[int] = field(default_factory=set)
    threads_forbidden: set[int] = field(default_factory=set)
    # Roles anyone may mention, and the bot's permissions in the server (Mention @everyone
    # lets it ping any role): together they decide whether a role mention pings.
    mentionable_roles: set[int] = field(default_factory=set)
    bot_permissions: int = p.VIEW_AND_SEND
    # Requests whose body breaks Discord's OpenAPI request schema, with what is wrong.
    spec_violations: list[tuple[Request, list[str]]] = field(default_factory=list)
    # message id -> the roles that message notified when it was created
    pinged: dict[str, list[int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._changed = asyncio.Condition()
        self._sockets: dict[int, web.WebSocketResponse] = {}
        self._sequence = itertools.count(1)
        self._nonces: dict[tuple[int, str], Payload] = {}
        self._dm_users: dict[int, int] = {dm: user for user, dm in p.DM_IDS.items()}
        self._interactions: dict[str, FakeInteraction] = {}
        self._runner: web.AppRunner | None = None
        self.port = 0
        self._rules = self._routes()

    # ---- life cycle --------------------------------------------------------------------

    async def start(self) -> None:
        app = web.Application(client_max_size=32 * 1024 * 1024)
        app.router.add_get("/gateway", self._gateway)
        app.router.add_route("*", "/api/v10/{tail:.*}", self._rest)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    async def stop(self) -> None:
        for socket in list(self._sockets.values()):
            await socket.close()
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def api_base(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/v10"

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/gateway"

    # ---- what tests use ------------------------------------------------------------------

    async def dispatch(self, event: str, data: Payload, *, shard: int | None = None) -> None:
        """Send a gateway event to the bot, as Discord does."""
        socket = self._sockets[shard if shard is not None else min(self._sockets)]
        if event == "INTERACTION_CREATE":
            self._interactions.setdefault(data["id"], FakeInteraction(data))
            self.dispatched_at[data["id"]] = time.perf_counter()
        await socket.send_json({"op": 0, "t": event, "s": next(self._sequence), "d": data})

    async def wait_for(self, matches: Callable[[Request], bool], timeout: float = 5.0) -> Request:
        """The first request that matches, waiting for it if it has not arrived yet."""
        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(lambda: any(map(matches, self.requests))), timeout)
        return next(r for r in self.requests if matches(r))

    async def wait_until(self, condition: Callable[[], bool], timeout: float = 5.0) -> None:
        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(condition), timeout)

    async def wait_for_identify(self, timeout: float = 5.0) -> Payload:
        await self.wait_until(lambda: bool(self.identifies), timeout)
        return self.identifies[-1]

    def sends(self) -> list[Request]:
        return [r for r in self.requests if r.is_send]

    def callback_of(self, interaction: Payload) -> Callable[[Request], bool]:
        path = f"/interactions/{interaction['id']}/{interaction['token']}/callback"
        return lambda r: r.path == path

    def let_time_pass(self, interaction: Payload, seconds: float) -> None:
        """The interaction is `seconds` older than it was: its deadlines come closer."""
        self._interactions[interaction["id"]].created -= seconds

    def shown_by(self, interaction: Payload) -> list[Payload]:
        """What people were shown through an interaction: its original response as it is
        now (unless deleted), then its follow-ups; each with its flags."""
        state = self._interactions[interaction["id"]]
        return [m for m in state.messages if not (state.deleted and m is state.original)]

    def pings_in(self, channel_id: int) -> list[int]:
        """Every role a message in that channel notified, in order."""
        return [role for m in self.channels.get(channel_id, []) for role in self.pinged.get(m["id"], [])]

    def modal_of(self, interaction: Payload) -> Payload | None:
        """The form an interaction was answered with, if it was."""
        state = self._interactions.get(str(interaction["id"]))
        return state.modal if state is not None else None

    def followups_of(self, interaction: Payload) -> list[Request]:
        path = f"/webhooks/{p.APP_ID}/{interaction['token']}"
        return [r for r in self.requests if r.path == path and r.method == "POST"]

    # ---- gateway ---------------------------------------------------------------------------

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        socket = web.WebSocketResponse()
        await socket.prepare(request)
        await socket.send_json({"op": 10, "d": {"heartbeat_interval": 41250}, "s": None, "t": None})
        async for frame in socket:
            if frame.type != WSMsgType.TEXT:
                continue
            message = json.loads(frame.data)
            if message["op"] == 1:
                await socket.send_json({"op": 11})
            elif message["op"] == 2:
                await self._identify(socket, message["d"])
        return socket

    async def _identify(self, socket: web.WebSocketResponse, identify: Payload) -> None:
        self.identifies.append(identify)
        await self._notify()
        if self.refuse_message_content and identify.get("intents", 0) & p.MESSAGE_CONTENT_INTENT:
            await socket.close(code=4014, message=b"Disallowed intent(s).")
            return
        shard_id, shard_count = identify.get("shard", [0, 1])
        server = p.guild_create()
        for role in server["roles"]:
            role["mentionable"] = int(role["id"]) in self.mentionable_roles
            if role.get("tags", {}).get("bot_id"):
                role["permissions"] = str(self.bot_permissions)
        self._sockets[shard_id] = socket
        ready = {"v": 10, "user": p.user(p.BOT_ID), "session_id": f"session-{shard_id}",
                 "resume_gateway_url": self.gateway_url, "shard": [shard_id, shard_count],
                 "application": {"id": str(p.APP_ID), "flags": 0},
                 "guilds": [{"id": str(p.GUILD_ID), "unavailable": True}]}
        await socket.send_json({"op": 0, "t": "READY", "s": next(self._sequence), "d": ready})
        guild = {"op": 0, "t": "GUILD_CREATE", "s": next(self._sequence), "d": server}
        await socket.send_json(guild)

    # ---- REST ------------------------------------------------------------------------------

    def _routes(self) -> list[Rule]:
        webhook = r"/webhooks/(?P<app>\d+)/(?P<token>[^/]+)"
        table: list[tuple[str, str, Any]] = [
            ("GET", r"/users/@me", self._me),
            ("GET", r"/oauth2/applications/@me", self._application),
            ("PUT", r"/applications/\d+(?:/guilds/\d+)?/commands", self._sync_commands),
            ("GET", r"/gateway(?:/bot)?", self._gateway_info),
            ("POST", r"/interactions/(?P<id>\d+)/(?P<token>[^/]+)/callback", self._callback),
            ("POST", webhook, self._followup),
            ("PATCH", webhook + r"/messages/@original", self._edit_original),
            ("DELETE", webhook + r"/messages/@original", self._delete_original),
            ("POST", r"/channels/(?P<channel>\d+)/messages", self._create_message),
            ("GET", r"/channels/(?P<channel>\d+)/messages", self._history),
            ("POST", r"/channels/(?P<channel>\d+)/messages/(?P<message>\d+)/threads", self._start_thread),
            ("POST", r"/users/@me/channels", self._open_dm),
        ]
        return [Rule(method, re.compile(pattern), handler) for method, pattern, handler in table]

    async def _rest(self, request: web.Request) -> web.StreamResponse:
        path = "/" + request.match_info["tail"]
        body, files = await wire.read_body(request)
        recorded = Request(request.method, path, dict(request.query), body, files, time.perf_counter())
        self.requests.append(recorded)
        against_spec = spec_problems(request.method, path, body)
        if against_spec:  # Discord checks every body against its schema first
            self.spec_violations.append((recorded, against_spec))
            response = wire.error(400, 50035, "Invalid Form Body", against_spec)
        else:
            response = await self._answer(request, path, body, files)
        recorded.status = response.status
        await self._notify()
        return response

    async def _answer(self, request: web.Request, path: str, body: Any,
                      files: list[SentFile]) -> web.Response:
        is_webhook = path.startswith(("/interactions/", "/webhooks/"))
        if not is_webhook and request.headers.get("Authorization") != f"Bot {self.token}":
            return wire.error(401, 0, "401: Unauthorized")
        for (method, pattern), retry_after in self.throttled.items():
            if method == request.method and re.fullmatch(pattern, path):
                return wire.rate_limited(retry_after)
        for rule in self._rules:
            match = rule.pattern.fullmatch(path)
            if match and rule.method == request.method:
                return await rule.handler(request, match, body, files)
        return wire.error(404, 0, f"404: Not Found ({request.method} {path})")

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    async def _me(self, *_: Any) -> web.Response:
        return wire.json_response(dict(p.user(p.BOT_ID), verified=True, mfa_enabled=False, flags=0))

    async def _application(self, *_: Any) -> web.Response:
        return wire.json_response({
            "id": str(p.APP_ID), "name": "studybot", "icon": None, "description": "", "bot_public": True,
            "bot_require_code_grant": False, "owner": p.user(p.MODERATOR), "verify_key": "0" * 64,
            "flags": 0, "team": None, "summary": "", "rpc_origins": [], "interactions_endpoint_url": None,
        })

    async def _sync_commands(self, request: web.Request, match: re.Match[str], body: Any,
                             _: Any) -> web.Response:
        problems = [problem for command in body for problem in problems_with_command(command)]
        problems += self.sync_problems
        if problems:
            return wire.error(400, 50035, "Invalid Form Body", problems)
        synced = [dict(command, id=str(p.new_id()), application_id=str(p.APP_ID), version="1")
                  for command in body]
        return wire.json_response(synced)

    async def _gateway_info(self, *_: Any) -> web.Response:
        return wire.json_response({"url": self.gateway_url, "shards": 1, "session_start_limit": {
            "total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1}})

    async def _callback(self, request: web.Request, match: re.Match[str], body: Any,
                        files: list[SentFile]) -> web.Response:
        state = self._interactions.get(match["id"])
        if (state is None or state.payload["token"] != match["token"] or match["id"] in self.expired
                or state.age > RESPONSE_DEADLINE):
            return wire.error(404, 10062, "Unknown interaction")
        if state.response is not None:
            return wire.error(*ACKNOWLEDGED)
        kind = body.get("type")
        data = body.get("data") or {}
        summary: Payload = {"id": match["id"], "type": state.payload["type"], "activity_instance_id": None,
                            "response_message_loading": kind == 5,
                            "response_message_ephemeral": bool(data.get("flags", 0) & EPHEMERAL)}
        if kind in (4, 7):
            problems = _problems(data, files)
            if problems:
                return wire.error(400, 50035, "Invalid Form Body", problems)
        if kind == 9:
            problems = modal_problems(int(state.payload["type"]), data)
            if problems:
                return wire.error(400, 50035, "Invalid Form Body", problems)
            state.modal = data
        state.response, state.ephemeral = kind, bool(data.get("flags", 0) & EPHEMERAL)
        if kind in (4, 5):
            placeholder = {"flags": data.get("flags", 0)} if kind == 5 else data
            message = self._store_message(int(state.payload["channel_id"]), placeholder, notify=kind == 4)
            state.original = message
            state.messages.append(message)
            summary["response_message_id"] = message["id"]
            resource = {"type": kind, "message": message}
            return wire.json_response({"interaction": summary, "resource": resource})
        return wire.json_response({"interaction": summary})

    async def _followup(self, request: web.Request, match: re.Match[str], body: Any,
                        files: list[SentFile]) -> web.Response:
        problems = _problems(body, files)
        if problems:
            return wire.error(400, 50035, "Invalid Form Body", problems)
        state = self._by_token(match["token"])
        refused = _webhook_refusal(state)
        if refused is not None or state is None:
            return refused or wire.error(404, 10015, "Unknown Webhook")
        if state.follow_up_edits_original:
            state.original_filled = True
            return self._change_original(state, body)
        message = self._store_message(int(state.payload["channel_id"]), body)
        state.messages.append(message)
        return wire.json_response(message)

    async def _edit_original(self, request: web.Request, match: re.Match[str], body: Any,
                             files: list[SentFile]) -> web.Response:
        problems = problems_with_message(body, files)
        if problems:
            return wire.error(400, 50035, "Invalid Form Body", problems)
        state = self._by_token(match["token"])
        refused = _webhook_refusal(state)
        if refused is not None or state is None:
            return refused or wire.error(404, 10015, "Unknown Webhook")
        state.original_filled = True
        return self._change_original(state, body)

    def _change_original(self, state: FakeInteraction, body: Payload) -> web.Response:
        if state.deleted or state.original is None:
            return wire.error(404, 10008, "Unknown Message")
        changed = edited(state.original, body)
        state.original.clear()
        state.original.update(changed)  # in place: the channel shows the edit too
        return wire.json_response(state.original)

    async def _delete_original(self, request: web.Request, match: re.Match[str], *_: Any) -> web.Response:
        state = self._by_token(match["token"])
        if state is None or state.original is None or state.deleted:
            return wire.error(404, 10008, "Unknown Message")
        state.deleted = True
        return web.Response(status=204)

    def _by_token(self, token: str) -> FakeInteraction | None:
        return next((i for i in self._interactions.values() if i.payload["token"] == token), None)

    async def _create_message(self, request: web.Request, match: re.Match[str], body: Any,
                              files: list[SentFile]) -> web.Response:
        channel_id = int(match["channel"])
        refused = self._refusal(channel_id)
        if refused is not None:
            return refused
        if self.rate_limits:
            return wire.rate_limited(self.rate_limits.pop(0))
        problems = _problems(body, files)
        if problems:
            return wire.error(400, 50035, "Invalid Form Body", problems)
        if self.outage_after is not None:
            if self.outage_after <= 0:
                return wire.error(503, 0, "503: Service Unavailable")
            self.outage_after -= 1
        nonce = body.get("nonce")
        if body.get("enforce_nonce") and (channel_id, nonce) in self._nonces:
            return wire.json_response(self._nonces[(channel_id, nonce)])
        message = self._store_message(channel_id, body)
        if nonce is not None:
            self._nonces[(channel_id, nonce)] = message
        return wire.json_response(message)

    def nonce_window_passes(self) -> None:
        """Discord checks nonces only over the past few minutes: forget the ones seen so far."""
        self._nonces.clear()

    async def _history(self, request: web.Request, match: re.Match[str], body: Any, _: Any) -> web.Response:
        channel_id = int(match["channel"])
        refused = self._refusal(channel_id)
        if refused is not None:
            return refused
        if channel_id in self.history_forbidden:
            return wire.error(403, 50013, "Missing Permissions")
        limit = min(int(request.query.get("limit", "50")), 100)
        shared = [m for m in self.channels.get(channel_id, []) if not m.get("flags", 0) & EPHEMERAL]
        newest_first = list(reversed(shared))[:limit]
        return wire.json_response([dict(m, nonce=None) for m in newest_first])

    def _refusal(self, channel_id: int) -> web.Response | None:
        if channel_id in self.missing_channels:
            return wire.error(404, 10003, "Unknown Channel")
        if channel_id in self.forbidden_channels:
            code, text = self.forbidden_channels[channel_id]
            return wire.error(403, code, text)
        if self._dm_users.get(channel_id) in self.closed_dms:
            return wire.error(403, 50007, "Cannot send messages to this user")
        return None

    async def _start_thread(self, request: web.Request, match: re.Match[str], body: Any,
                            _: Any) -> web.Response:
        if int(match["channel"]) in self.threads_forbidden:
            return wire.error(403, 50013, "Missing Permissions")
        # A thread started on a message has the message's id.
        created = p.thread(int(match["message"]), name=body["name"], parent_id=int(match["channel"]))
        created["owner_id"] = str(p.BOT_ID)
        self.threads.append(dict(created, auto_archive_duration=body.get("auto_archive_duration")))
        return wire.json_response(created, status=201)

    async def _open_dm(self, request: web.Request, match: re.Match[str], body: Any, _: Any) -> web.Response:
        user_id = int(body["recipient_id"])
        return wire.json_response(p.dm_channel(p.DM_IDS[user_id], user_id))

    def _store_message(self, channel_id: int, body: Payload, *, notify: bool = True) -> Payload:
        message = wire.message_payload(p.new_id(), channel_id, body)
        self.channels.setdefault(channel_id, []).append(message)
        if notify:
            self.pinged[message["id"]] = roles_pinged(body, self.mentionable_roles, self.bot_permissions)
        return message


def _webhook_refusal(state: FakeInteraction | None) -> web.Response | None:
    """An interaction's follow-ups and edits need its token: known, and younger than 15 minutes."""
    if state is None:
        return wire.error(404, 10015, "Unknown Webhook")
    refused = state.refusal()
    return wire.error(*refused) if refused is not None else None


def _problems(message: Payload, files: list[SentFile]) -> list[str]:
    return problems_with_message(message, files) + mention_problems(message)
