"""Logging set-up: JSON lines when not on a terminal, and no secret ever written.

Tokens can reach a log line in many ways (an exception carrying a request URL, a
library's debug output); redaction runs on the final text, so none slips through.
"""

from __future__ import annotations

import json
import logging
import re
import sys
from datetime import UTC, datetime
from typing import TextIO

SECRET_PATTERNS = (
    re.compile(r"xox[abposr]-[A-Za-z0-9-]{8,}"),  # Slack bot/user/config tokens
    re.compile(r"xapp-[A-Za-z0-9-]{8,}"),  # Slack app-level tokens
    re.compile(r"[MNO][A-Za-z\d_-]{23,27}\.[A-Za-z\d_-]{6}\.[A-Za-z\d_-]{27,40}"),  # Discord
    re.compile(r"(?<=://)[^:/@\s]+:[^@/\s]+(?=@)"),  # user:password in database URLs
    re.compile(r"(?i)(?<=signing_secret=)[^\s&]+"),
    re.compile(r"(?i)(?<=client_secret=)[^\s&]+"),
    re.compile(r"(?i)(?<=authorization: )(?:bot |bearer )?[^\s'\"]+"),
)
REDACTED = "[redacted]"
# Attributes every LogRecord has; anything else was passed in `extra=` and is logged.
_STANDARD = set(logging.LogRecord("", 0, "", 0, "", None, None).__dict__) | {"message", "asctime"}


def redact(text: str) -> str:
    for pattern in SECRET_PATTERNS:
        text = pattern.sub(REDACTED, text)
    return text


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry.update({k: v for k, v in record.__dict__.items() if k not in _STANDARD})
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return redact(json.dumps(entry, default=str, ensure_ascii=False))


class RedactingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


def configure_logging(level: str, stream: TextIO | None = None, *, json_lines: bool | None = None) -> None:
    """Human-readable on a terminal, JSON lines elsewhere (containers, log shippers)."""
    stream = stream or sys.stderr
    if json_lines is None:
        json_lines = not stream.isatty()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter() if json_lines else RedactingFormatter(
        "%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
