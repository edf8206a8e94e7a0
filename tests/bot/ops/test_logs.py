from __future__ import annotations

import io
import json
import logging

import pytest

from bot.ops.logs import configure_logging, redact

SLACK_BOT = "xoxb-" + "1234567890-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx"
SLACK_APP = "xapp-" + "1-A0123456789-1234567890123-abcdef0123456789"
DISCORD = "MTA" + "xMjM0NTY3ODkwMTIzNDU2Nw.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456789AB"


@pytest.mark.parametrize("secret", [SLACK_BOT, SLACK_APP, DISCORD])
def test_tokens_are_redacted_anywhere_in_a_line(secret: str) -> None:
    line = redact(f"request failed: POST https://x/api?token={secret} (auth {secret})")
    assert secret not in line and "[redacted]" in line


def test_database_password_is_redacted_but_host_kept() -> None:
    assert redact("cannot reach postgresql://bot:s3cr3t@db:5432/x") == \
        "cannot reach postgresql://[redacted]@db:5432/x"


def test_json_lines_carry_extra_fields_and_no_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    out = io.StringIO()
    configure_logging("INFO", out, json_lines=True)
    try:
        raise RuntimeError(f"slack said no to {SLACK_BOT}")
    except RuntimeError:
        logging.getLogger("studybot.test").exception("post failed", extra={"channel": "C1"})
    finally:
        configure_logging("WARNING", io.StringIO(), json_lines=False)
    entry = json.loads(out.getvalue())
    assert entry["message"] == "post failed" and entry["channel"] == "C1"
    assert entry["level"] == "error" and "RuntimeError" in entry["exception"]
    assert SLACK_BOT not in out.getvalue()
