"""The door of /slack/events: a request is read only after its signature is checked.

Bolt parses a body before it verifies the signature, so a stranger's invalid UTF-8, bad
JSON or deeply nested JSON would reach its parser (and its 500 with a traceback). Here
the raw bytes are checked first: no valid signature or timestamp, 401; signed but not
a body Slack sends (not UTF-8, not a JSON object), 400. Each refusal is one log line.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import time
from collections.abc import Callable

from aiohttp import web
from slack_bolt.request.async_request import AsyncBoltRequest

log = logging.getLogger(__name__)

# Slack's replay window: a request stamped further than this from now is refused.
FIVE_MINUTES = 5 * 60
TIMESTAMP_DIGITS = 12


class SlackDoor:
    def __init__(self, signing_secret: str, *, clock: Callable[[], float] = time.time) -> None:
        self._secret = signing_secret.encode()
        self._clock = clock

    async def admit(self, request: web.Request) -> AsyncBoltRequest | web.Response:
        """The request for Bolt, or the answer that refuses it."""
        body = await request.read()
        stamp = request.headers.get("X-Slack-Request-Timestamp", "")
        if not self._signed(body, stamp, request.headers.get("X-Slack-Signature", "")):
            return _refused(401, "not signed by Slack (signature or timestamp missing, wrong or stale)")
        try:
            text = body.decode("utf-8")
            admitted = AsyncBoltRequest(body=text, query=request.query_string,
                                        headers=request.headers)  # type: ignore[arg-type]
        except (ValueError, RecursionError, TypeError, AttributeError) as error:
            return _refused(400, f"a signed request that cannot be read ({type(error).__name__})")
        if not isinstance(admitted.body, dict):
            return _refused(400, "a signed request whose body is not an object")
        return admitted

    def _signed(self, body: bytes, stamp: str, signature: str) -> bool:
        if not (stamp.isascii() and stamp.isdigit() and len(stamp) <= TIMESTAMP_DIGITS) or not signature:
            return False
        if abs(self._clock() - int(stamp)) > FIVE_MINUTES:
            return False
        # Over the raw bytes: a body that is not UTF-8 is still checked, then refused.
        digest = hmac.new(self._secret, b"v0:" + stamp.encode() + b":" + body, hashlib.sha256).hexdigest()
        return hmac.compare_digest(f"v0={digest}".encode(), signature.encode("utf-8", "replace"))


def _refused(status: int, why: str) -> web.Response:
    log.warning("slack: refused a request to /slack/events with %s: %s", status, why)
    return web.Response(status=status, text="Unauthorized" if status == 401 else "Bad request")
