"""A fake Slack on 127.0.0.1: the Web API, response_urls, file uploads, Socket Mode.

It records every call (method, arguments, token) and answers with Slack's JSON
shapes. Failures are scripted per method: `fail("chat.postMessage", status=429,
retry_after=3)`, `fail(..., status=500)`, `fail(..., error="channel_not_found")`.

Like Slack, it refuses a call the token lacks the scope for (`missing_scope`, naming
the one `needed`), conversations.open without `users` or `channel`, and a post whose
`channel` is a person's user id: a DM is posted to the id conversations.open returns.

It is as strict as Slack's documented rules where they decide what a person sees:
- chat.postEphemeral: "Ephemeral messages in threads are only shown if there is already
  an active thread." An ephemeral whose `thread_ts` names no thread is accepted and never
  shown: it lands in `invisible`, and the fixtures fail any test that sent one.
- chat.postMessage into a channel declared with `channel()` that the bot is not a
  member of answers `not_in_channel`, unless the token has chat:write.public ("Send
  messages to channels your Slack app isn't a member of"), and then only for a public one.
  Channels never declared are ones the bot was added to.
- A response_url "may be used up to 5 times within 30 minutes": after that it answers
  HTTP 404 (`used_url`, `expired_url`); `advance()` moves its clock.
- views.open: "Triggers expire in three seconds. [...] Triggers may only be used once"
  (Slack's "Sequencing interactions with triggers"). A trigger_id counts from when the
  request carrying it reached the app (`trigger()`, which the test driver calls), by the
  fake's clock and the real one; late it answers `expired_trigger_id`, twice
  `exchanged_trigger_id`, and one never handed out `invalid_trigger_id`.
- `drop(method)` does what the call asks and then closes the connection unanswered,
  as when a network drops after Slack read the request.
"""

from __future__ import annotations

import asyncio
import itertools
import json
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from aiohttp import WSMsgType, web

Answer = dict[str, Any]
TRIGGER_SECONDS = 3.0
MODAL_TITLE_CHARS = 24
# The bot scope each method needs (conversations.open: im:write, for a 1:1 DM).
NEEDED_SCOPES = {"chat.postMessage": "chat:write", "chat.postEphemeral": "chat:write",
                 "conversations.open": "im:write", "users.info": "users:read",
                 "users.list": "users:read", "conversations.history": "channels:history",
                 # users.conversations lists public channels with the first, private with the second
                 "users.conversations": "channels:read", "conversations.info": "channels:read",
                 "conversations.replies": "channels:history"}
RESPONSE_URL_USES = 5
RESPONSE_URL_LIFETIME = 30 * 60.0
DEFAULT_SCOPES = frozenset({"chat:write", "im:write", "users:read", "channels:history",
                            "commands", "files:write", "im:history", "app_mentions:read",
                            "channels:read", "groups:read"})


@dataclass(frozen=True)
class Call:
    method: str
    args: dict[str, Any]
    token: str | None = None
    at: float = field(default=0.0, compare=False)  # the event loop's clock when it arrived

    def blocks(self) -> list[dict[str, Any]]:
        blocks = self.args.get("blocks") or []
        return json.loads(blocks) if isinstance(blocks, str) else list(blocks)


@dataclass(frozen=True)
class Failure:
    status: int = 200
    error: str | None = None
    retry_after: float | None = None
    when: Callable[[dict[str, Any]], bool] | None = None  # only calls with these arguments


@dataclass
class FakeSlack:
    team_id: str = "T1"
    bot_user_id: str = "UBOT"
    users: dict[str, dict[str, Any]] = field(default_factory=dict)
    calls: list[Call] = field(default_factory=list)
    uploads: dict[str, bytes] = field(default_factory=dict)
    socket_acks: list[dict[str, Any]] = field(default_factory=list)
    refreshed: int = 0
    # Messages posted, per channel, oldest first (what conversations.history shows).
    history: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    on_post: Callable[[dict[str, Any], dict[str, Any]], None] | None = None
    latency: float = 0.0  # seconds before each Web API answer (benchmarks only)
    scopes: frozenset[str] = DEFAULT_SCOPES  # what the bot token was granted
    # Channels by id: whether private, and who is in them (the bot too, if it was added).
    channels: dict[str, dict[str, Any]] = field(default_factory=dict)
    # Threads that exist (channel, parent ts): a reply posted starts one; `thread()` declares one.
    threads: set[tuple[str, str]] = field(default_factory=set)
    # Calls Slack accepted but nobody will ever see (an ephemeral into no thread).
    invisible: list[Call] = field(default_factory=list)
    now: float = 0.0  # the fake's clock, in seconds; response_urls expire by it
    _issued: dict[str, tuple[float, int]] = field(default_factory=dict)  # response_url: issued, uses
    # trigger_id: (fake clock, loop clock) when its request reached the app; and those used.
    _triggers: dict[str, tuple[float, float]] = field(default_factory=dict)
    _exchanged: set[str] = field(default_factory=set)
    _drops: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    _failures: dict[str, deque[Failure]] = field(default_factory=lambda: defaultdict(deque))
    _counter: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    _runner: web.AppRunner | None = None
    _sockets: list[web.WebSocketResponse] = field(default_factory=list)
    _socket_open: asyncio.Event = field(default_factory=asyncio.Event)
    _ack_arrived: asyncio.Condition = field(default_factory=asyncio.Condition)
    _call_arrived: asyncio.Condition = field(default_factory=asyncio.Condition)
    url: str = ""

    # ---- life cycle ----------------------------------------------------------

    async def start(self) -> FakeSlack:
        app = web.Application()
        app.router.add_route("*", "/api/{method}", self._api)
        app.router.add_post("/upload/{file_id}", self._upload)
        app.router.add_post("/respond/{name}", self._respond)
        app.router.add_get("/socket", self._socket)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = self._runner.addresses[0][1]
        self.url = f"http://127.0.0.1:{port}"
        return self

    async def stop(self) -> None:
        for socket in self._sockets:
            await socket.close()
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def api_url(self) -> str:
        return f"{self.url}/api/"

    def response_url(self, name: str = "r1") -> str:
        """A fresh response_url, as Slack hands one out with a command or a click."""
        self._issued.setdefault(name, (self.now, 0))
        return f"{self.url}/respond/{name}"

    def trigger(self, trigger_id: str) -> None:
        """A request carrying `trigger_id` reached the app now."""
        self._triggers[trigger_id] = (self.now, asyncio.get_running_loop().time())

    def _open_view(self, args: dict[str, Any]) -> Answer:
        trigger_id = str(args.get("trigger_id") or "")
        if trigger_id not in self._triggers:
            return {"ok": False, "error": "invalid_trigger_id"}
        fake_at, loop_at = self._triggers[trigger_id]
        if (self.now - fake_at) + (asyncio.get_running_loop().time() - loop_at) > TRIGGER_SECONDS:
            return {"ok": False, "error": "expired_trigger_id"}
        if trigger_id in self._exchanged:
            return {"ok": False, "error": "exchanged_trigger_id"}
        self._exchanged.add(trigger_id)
        view = _json_object(args.get("view"))
        if len(str((view.get("title") or {}).get("text") or "")) > MODAL_TITLE_CHARS:
            return {"ok": False, "error": "invalid_arguments"}
        return {"ok": True, "view": {"id": "VMODAL", **view}}

    def advance(self, seconds: float) -> None:
        self.now += seconds

    def thread(self, channel: str, ts: str) -> None:
        """A thread people started in `channel` under the message `ts`."""
        self.threads.add((channel, ts))

    def drop(self, method: str, *, times: int = 1) -> None:
        """Do the next `times` calls to `method`, then hang up without an answer."""
        self._drops[method] += times

    # ---- scripting and inspection ---------------------------------------------

    def fail(self, method: str, *, status: int = 200, error: str | None = None,
             retry_after: float | None = None, times: int = 1,
             when: Callable[[dict[str, Any]], bool] | None = None) -> None:
        for _ in range(times):
            self._failures[method].append(Failure(status, error, retry_after, when))

    def _scripted(self, method: str, args: dict[str, Any]) -> Failure | None:
        failures = self._failures.get(method) or deque()
        for failure in failures:
            if failure.when is None or failure.when(args):
                failures.remove(failure)
                return failure
        return None

    async def wait_for_call(self, method: str, timeout: float = 5.0) -> Call:
        """The first call to `method`, waiting for it to arrive if need be."""
        async with self._call_arrived:
            await asyncio.wait_for(self._call_arrived.wait_for(lambda: bool(self.calls_to(method))), timeout)
        return self.calls_to(method)[0]

    async def _record(self, call: Call) -> None:
        self.calls.append(replace(call, at=asyncio.get_running_loop().time()))
        async with self._call_arrived:
            self._call_arrived.notify_all()

    def calls_to(self, method: str) -> list[Call]:
        return [c for c in self.calls if c.method == method]

    def responses(self, name: str = "r1") -> list[dict[str, Any]]:
        return [c.args for c in self.calls if c.method == f"response_url:{name}"]

    def admin(self, user_id: str, name: str = "") -> None:
        self.person(user_id, name, admin=True)

    def person(self, user_id: str, name: str, *, admin: bool = False) -> None:
        """A member of the workspace, as users.info and users.list describe them."""
        self.users[user_id] = {"id": user_id, "name": (name or user_id).lower(), "is_admin": admin,
                               "profile": {"display_name": name, "real_name": name}}

    def channel(self, channel_id: str, *members: str, private: bool = False,
                archived: bool = False) -> None:
        """A channel with these members (name the bot, `bot_user_id`, if it was added)."""
        self.channels[channel_id] = {"id": channel_id, "name": channel_id.lower(), "is_private": private,
                                     "is_archived": archived, "members": set(members)}

    # ---- Web API --------------------------------------------------------------

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        if self.latency:
            await asyncio.sleep(self.latency)
        args = await _arguments(request)
        token = _token(request, args)
        call = Call(method, args, token)
        await self._record(call)
        failure = self._scripted(method, args)
        if failure is not None:
            return _failure(failure)
        needed = NEEDED_SCOPES.get(method)
        if needed and needed not in self.scopes:
            return web.json_response({"ok": False, "error": "missing_scope", "needed": needed,
                                      "provided": ",".join(sorted(self.scopes))})
        answering: Callable[[dict[str, Any]], Answer] = self._answers().get(method, _ok)
        answer = answering(args)
        if method == "chat.postEphemeral" and answer.get("ok") and not self._shown(args):
            self.invisible.append(call)
        if self._drops.get(method):
            self._drops[method] -= 1
            return _hang_up(request)
        return web.json_response(answer)

    def _shown(self, args: dict[str, Any]) -> bool:
        thread = args.get("thread_ts")
        return not thread or (str(args.get("channel")), str(thread)) in self.threads

    def _answers(self) -> dict[str, Callable[[dict[str, Any]], Answer]]:
        return {
            "auth.test": lambda a: {"ok": True, "team_id": self.team_id, "user_id": self.bot_user_id,
                                    "bot_id": "BBOT", "team": "Team", "user": "studybot",
                                    "url": "https://team.slack.com/"},
            "users.info": lambda a: {"ok": True, "user": self.users.get(
                str(a.get("user")), {"id": a.get("user"), "name": a.get("user"), "is_admin": False})},
            "chat.postMessage": self._post_message,
            "conversations.history": self._history,
            "chat.postEphemeral": lambda a: {"ok": True, "message_ts": self._ts()},
            "users.list": self._users_list,
            "conversations.info": self._conversation_info,
            "conversations.replies": self._replies,
            "users.conversations": self._users_conversations,
            "conversations.open": self._open_conversation,
            "views.publish": lambda a: {"ok": True, "view": {"id": "VHOME"}},
            "views.open": self._open_view,
            "files.getUploadURLExternal": self._upload_url,
            "files.completeUploadExternal": lambda a: {"ok": True, "files": [
                {"id": f["id"], "title": f.get("title")} for f in _json(a.get("files"))]},
            "oauth.v2.access": self._oauth_access,
            "apps.connections.open": lambda a: {"ok": True, "url": f"ws{self.url[4:]}/socket"},
        }

    def _oauth_access(self, args: dict[str, Any]) -> Answer:
        if args.get("grant_type") == "refresh_token":
            # Token rotation: a new 12-hour bot token for the refresh token.
            self.refreshed += 1
            return {"ok": True, "app_id": "A1", "access_token": f"xoxb-refreshed-{self.refreshed}",
                    "refresh_token": f"xoxe-1-refresh-{self.refreshed}", "token_type": "bot",
                    "expires_in": 43200, "scope": "commands,chat:write", "bot_user_id": "UBOT2",
                    "team": {"id": "T2", "name": "Second"}, "enterprise": None}
        return {"ok": True, "app_id": "A1", "access_token": "xoxb-installed", "token_type": "bot",
                "scope": "commands,chat:write", "bot_user_id": "UBOT2",
                "team": {"id": "T2", "name": "Second"}, "enterprise": None,
                "authed_user": {"id": "UINSTALLER"}, "is_enterprise_install": False}

    def _open_conversation(self, args: dict[str, Any]) -> Answer:
        users = str(args.get("users") or "")
        if not users and not args.get("channel"):
            return {"ok": False, "error": "users_list_not_supplied"}
        if users.count(",") >= 8:
            return {"ok": False, "error": "too_many_users"}
        return {"ok": True, "channel": {"id": str(args.get("channel") or f"D{users.replace(',', '')}")}}

    def _post_message(self, args: dict[str, Any]) -> Answer:
        channel = str(args.get("channel") or "")
        if channel[:1] in {"U", "W"}:
            # A channel, private group or IM id (or a name): a user id is none of them.
            return {"ok": False, "error": "channel_not_found"}
        refused = self._cannot_post(channel)
        if refused:
            return {"ok": False, "error": refused}
        message = {"type": "message", "ts": self._ts(), "text": args.get("text"), "bot_id": "BBOT"}
        metadata = _json_object(args.get("metadata"))
        if metadata:
            message["metadata"] = metadata
        if args.get("thread_ts"):
            message["thread_ts"] = str(args["thread_ts"])
            self.threads.add((channel, str(args["thread_ts"])))
        self.history[channel].append(message)
        if self.on_post is not None:
            self.on_post(args, message)
        return {"ok": True, "channel": args.get("channel"), "ts": message["ts"], "message": message}

    def _cannot_post(self, channel: str) -> str | None:
        known = self.channels.get(channel)
        if known is None or self.bot_user_id in known["members"]:
            return None
        if known["is_private"]:
            return "channel_not_found"  # a private channel the bot is not in is hidden from it
        return None if "chat:write.public" in self.scopes else "not_in_channel"

    def _conversation_info(self, args: dict[str, Any]) -> Answer:
        """conversations.info: `is_member` says whether the bot is in the channel."""
        channel = str(args.get("channel") or "")
        known = self.channels.get(channel)
        if known is None:
            return {"ok": True, "channel": {"id": channel, "is_channel": True, "is_im": channel[:1] == "D",
                                            "is_private": False, "is_archived": False, "is_member": True}}
        member = self.bot_user_id in known["members"]
        if known["is_private"] and not member:
            return {"ok": False, "error": "channel_not_found"}
        shown = {k: v for k, v in known.items() if k != "members"}
        return {"ok": True, "channel": {**shown, "is_channel": True, "is_im": False, "is_member": member}}

    def _replies(self, args: dict[str, Any]) -> Answer:
        """conversations.replies: the thread's messages, oldest first."""
        channel, parent = str(args.get("channel")), str(args.get("ts"))
        messages = [m for m in self.history[channel] if m.get("thread_ts") == parent or m["ts"] == parent]
        if str(args.get("include_all_metadata")).lower() not in {"1", "true"}:
            messages = [{k: v for k, v in m.items() if k != "metadata"} for m in messages]
        return {"ok": True, "messages": messages, "has_more": False}

    def _users_list(self, args: dict[str, Any]) -> Answer:
        """users.list, a page of `limit` at a time with a cursor to the next."""
        members = list(self.users.values())
        limit, start = int(args.get("limit") or 1000), int(args.get("cursor") or 0)
        following = str(start + limit) if start + limit < len(members) else ""
        return {"ok": True, "members": members[start:start + limit],
                "response_metadata": {"next_cursor": following}}

    def _history(self, args: dict[str, Any]) -> Answer:
        """Newest first, as Slack lists them; metadata only when asked for."""
        messages = self.history[str(args.get("channel"))][::-1][: int(args.get("limit") or 100)]
        if str(args.get("include_all_metadata")).lower() not in {"1", "true"}:
            messages = [{k: v for k, v in m.items() if k != "metadata"} for m in messages]
        return {"ok": True, "messages": messages, "has_more": False}

    def _users_conversations(self, args: dict[str, Any]) -> Answer:
        """Slack's rule: a person's public channels, and their private ones only where the
        caller (the bot) is a member too; `limit` at most 999, then a cursor."""
        limit = int(args.get("limit") or 100)
        if not 1 <= limit <= 999:
            return {"ok": False, "error": "invalid_limit"}
        person = str(args.get("user") or self.bot_user_id)
        types = set(str(args.get("types") or "public_channel").split(","))
        shown = [c for c in self.channels.values()
                 if person in c["members"] and not (c["is_archived"] and _true(args.get("exclude_archived")))
                 and ("private_channel" if c["is_private"] else "public_channel") in types
                 and (not c["is_private"] or self.bot_user_id in c["members"])]
        start = int(args.get("cursor") or 0)
        page = shown[start:start + limit]
        following = str(start + limit) if start + limit < len(shown) else ""
        return {"ok": True, "channels": [{k: v for k, v in c.items() if k != "members"} for c in page],
                "response_metadata": {"next_cursor": following}}

    def _ts(self) -> str:
        return f"1700000000.{next(self._counter):06d}"

    def _upload_url(self, args: dict[str, Any]) -> Answer:
        file_id = f"F{next(self._counter)}"
        return {"ok": True, "file_id": file_id, "upload_url": f"{self.url}/upload/{file_id}"}

    async def _upload(self, request: web.Request) -> web.Response:
        file_id = request.match_info["file_id"]
        form = await request.post()
        part = form.get("file")
        data = part.file.read() if hasattr(part, "file") else await request.read()
        self.uploads[file_id] = data
        await self._record(Call("upload", {"file_id": file_id, "size": len(data)}))
        return web.Response(text=f"OK - {len(data)}", content_type="text/plain")

    async def _respond(self, request: web.Request) -> web.Response:
        name = request.match_info["name"]
        await self._record(Call(f"response_url:{name}", await request.json()))
        issued, uses = self._issued.get(name, (self.now, 0))
        self._issued[name] = (issued, uses + 1)
        if self.now - issued > RESPONSE_URL_LIFETIME:
            return web.Response(status=404, text="expired_url", content_type="text/plain")
        if uses >= RESPONSE_URL_USES:
            return web.Response(status=404, text="used_url", content_type="text/plain")
        failures = self._failures.get(f"response_url:{name}")
        if failures:
            return _failure(failures.popleft())
        if self._drops.get(f"response_url:{name}"):
            self._drops[f"response_url:{name}"] -= 1
            return _hang_up(request)
        return web.json_response({"ok": True})

    # ---- Socket Mode -----------------------------------------------------------

    async def _socket(self, request: web.Request) -> web.WebSocketResponse:
        socket = web.WebSocketResponse()
        await socket.prepare(request)
        self._sockets.append(socket)
        await socket.send_json({"type": "hello", "num_connections": 1,
                                "debug_info": {"host": "fake"}, "connection_info": {"app_id": "A1"}})
        self._socket_open.set()
        async for message in socket:
            if message.type == WSMsgType.TEXT:
                async with self._ack_arrived:
                    self.socket_acks.append(json.loads(message.data))
                    self._ack_arrived.notify_all()
        return socket

    async def send_envelope(self, envelope: dict[str, Any]) -> dict[str, Any]:
        """Send one Socket Mode envelope and wait for the app's acknowledgement."""
        await asyncio.wait_for(self._socket_open.wait(), 5)
        await self._sockets[-1].send_json(envelope)
        async with self._ack_arrived:
            await asyncio.wait_for(self._ack_arrived.wait_for(
                lambda: any(a.get("envelope_id") == envelope["envelope_id"] for a in self.socket_acks)), 5)
        return next(a for a in self.socket_acks if a.get("envelope_id") == envelope["envelope_id"])


async def _arguments(request: web.Request) -> dict[str, Any]:
    args: dict[str, Any] = dict(request.query)
    if request.content_type == "application/json":
        args.update(await request.json())
    elif request.can_read_body:
        args.update({k: v for k, v in (await request.post()).items() if isinstance(v, str)})
    return args


def _token(request: web.Request, args: dict[str, Any]) -> str | None:
    header = request.headers.get("Authorization", "")
    if header.startswith("Bearer "):
        return header.removeprefix("Bearer ")
    token = args.get("token")
    return str(token) if token else None


def _true(value: Any) -> bool:
    return str(value).lower() in {"1", "true"}


def _json(value: Any) -> list[dict[str, Any]]:
    if isinstance(value, str):
        loaded: list[dict[str, Any]] = json.loads(value)
        return loaded
    return list(value or [])


def _json_object(value: Any) -> dict[str, Any]:
    if isinstance(value, str):
        loaded: dict[str, Any] = json.loads(value) if value else {}
        return loaded
    return dict(value or {})


def _ok(args: dict[str, Any]) -> Answer:
    return {"ok": True}


def _hang_up(request: web.Request) -> web.Response:
    """Close the connection without a word: the caller cannot tell whether it was done."""
    if request.transport is not None:
        request.transport.close()
    return web.Response(status=204)


def _failure(failure: Failure) -> web.Response:
    if failure.status == 429:
        headers = {"Retry-After": f"{failure.retry_after or 1:g}"}
        return web.json_response({"ok": False, "error": "ratelimited"}, status=429, headers=headers)
    if failure.error in {"ratelimited", "rate_limited"} and failure.retry_after is not None:
        # Slack also says "slow down" in the body of an HTTP 200, with the header.
        headers = {"Retry-After": f"{failure.retry_after:g}"}
        return web.json_response({"ok": False, "error": failure.error}, headers=headers)
    if failure.status >= 500:
        return web.Response(status=failure.status, text="upstream connect error",
                            content_type="text/plain")
    if failure.status >= 400:
        return web.Response(status=failure.status, text=failure.error or "invalid_request",
                            content_type="text/plain")
    return web.json_response({"ok": False, "error": failure.error or "unknown_error"})
