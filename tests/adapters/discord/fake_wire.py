"""The fake Discord's wire: recorded requests, message payloads, and Discord-shaped answers."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from tests.adapters.discord import payloads as p

Payload = dict[str, Any]


@dataclass
class SentFile:
    name: str
    filename: str
    data: bytes


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, str]
    body: Any
    files: list[SentFile]
    received_at: float
    status: int = 200

    @property
    def message(self) -> Payload:
        """The message a send carries: the body, or an interaction callback's `data`."""
        if self.path.endswith("/callback"):
            return dict(self.body.get("data") or {})
        return dict(self.body or {})

    @property
    def is_send(self) -> bool:
        """Does this request put a message in front of people?"""
        if self.path.endswith("/callback"):
            return self.body.get("type") in (4, 7)
        return bool(re.fullmatch(r"/channels/\d+/messages|/webhooks/\d+/[^/]+(/messages/@original)?",
                                 self.path)) and self.method in ("POST", "PATCH")


def message_payload(message_id: int, channel_id: int, body: Payload) -> Payload:
    return {"id": str(message_id), "channel_id": str(channel_id), "author": p.user(p.BOT_ID),
            "content": body.get("content") or "", "timestamp": p.NOW, "edited_timestamp": None,
            "tts": False, "mention_everyone": False, "mentions": [], "mention_roles": [],
            "attachments": [dict(a, id=str(a.get("id", 0)), url=f"https://cdn.example/{a.get('filename')}",
                                 size=1, proxy_url="")
                            for a in body.get("attachments") or []],
            "embeds": body.get("embeds") or [], "pinned": False, "type": 0, "flags": body.get("flags", 0),
            "components": body.get("components") or [], "nonce": body.get("nonce")}


async def read_body(request: web.Request) -> tuple[Any, list[SentFile]]:
    if not request.can_read_body:
        return None, []
    if request.content_type.startswith("multipart/"):
        body: Any = None
        files: list[SentFile] = []
        reader = await request.multipart()
        async for part in reader:
            data = await part.read()  # type: ignore[union-attr]
            if part.name == "payload_json":
                body = json.loads(data)
            else:
                files.append(SentFile(part.name or "", part.filename or "", bytes(data)))  # type: ignore[union-attr]
        return body, files
    return await request.json(), []


def json_response(data: object, status: int = 200, headers: dict[str, str] | None = None) -> web.Response:
    # Exactly "application/json", as Discord sends it: discord.py compares the header as a whole.
    return web.Response(body=json.dumps(data).encode(), status=status,
                        headers={"Content-Type": "application/json", **(headers or {})})


def error(status: int, code: int, message: str, errors: object = None) -> web.Response:
    body: Payload = {"code": code, "message": message}
    if isinstance(errors, list):
        # Discord nests what was wrong under the field, each with a code and a message.
        errors = {"body": {"_errors": [{"code": "INVALID", "message": str(e)} for e in errors]}}
    if errors is not None:
        body["errors"] = errors
    return json_response(body, status=status)


def rate_limited(retry_after: float) -> web.Response:
    # Via marks a response from Discord itself (not Cloudflare); discord.py checks for it.
    return json_response({"message": "You are being rate limited.", "retry_after": retry_after,
                              "global": False}, status=429,
                             headers={"Via": "1.1 google", "Retry-After": str(retry_after),
                                      "X-RateLimit-Scope": "user"})
