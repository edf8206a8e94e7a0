"""Tokens never appear in logs, error messages or exports.

The logs are captured the way production writes them (bot.ops.logs.configure_logging,
both formats) while real failures happen, then scanned for every token pattern the
redactor knows and for the literal secrets used.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from adapters.discord.config import DiscordConfigError, load_config
from adapters.slack.config import SlackConfigError, slack_config
from bot.command import Command, Context, Registry
from bot.ideas.store import IdeasRepository
from bot.messages import Reply
from bot.ops.logs import REDACTED, SECRET_PATTERNS, configure_logging
from bot.router import Router
from bot.safeguards.privacy import PrivacyService
from bot.store import migrate
from bot.store.db import Database
from bot.store.dialogs import DialogRepository
from bot.store.erasure import PersonalRows
from tests.people import say

SLACK_BOT = "xoxb-" + "2222222222-3333333333333-QwErTyUiOpAsDfGhJkLzXcVb"
SLACK_USER = "xoxp-" + "2222222222-3333333333333-4444444444444-0123456789abcdef"
SLACK_APP = "xapp-" + "1-A0999999999-5555555555555-fedcba9876543210"
DISCORD = "MTA" + "yNjM0NTY3ODkwMTIzNDU2Nw.GzYxWv.zyxwvutsrqponmlkjihgfedcba9876543210ZY"
DB_PASSWORD = "pl41ns1ght-pw"
SECRETS = (SLACK_BOT, SLACK_USER, SLACK_APP, DISCORD, DB_PASSWORD)


def leaks(text: str) -> list[str]:
    """The secrets used here, and anything else shaped like a token."""
    found = [s for s in SECRETS if s in text]
    shaped = [m.group(0) for pattern in SECRET_PATTERNS for m in pattern.finditer(text)]
    return found + [s for s in shaped if s != REDACTED]


@pytest.fixture(params=[True, False], ids=["json lines", "terminal"])
def captured(request: pytest.FixtureRequest) -> Iterator[io.StringIO]:
    out = io.StringIO()
    configure_logging("DEBUG", out, json_lines=request.param)
    try:
        yield out
    finally:
        configure_logging("WARNING", io.StringIO(), json_lines=False)


async def test_a_failing_command_logs_no_token_and_tells_the_user_none(db: Database,
                                                                       captured: io.StringIO) -> None:
    async def fails(context: Context, args: str) -> Reply:
        raise RuntimeError(f"api refused token={SLACK_BOT} auth Bot {DISCORD} for {args}")

    registry = Registry()
    registry.commands.append(Command("boom", "fails", ("boom",), fails))
    router = Router(registry, DialogRepository(db))
    reply = await router.handle(say(f"boom {SLACK_USER} {SLACK_APP}"))
    button = await router.run_command_line(say("x"), f"boom {SLACK_APP}")
    assert leaks(reply.plain_text()) == [] and leaks(button.plain_text()) == []
    assert "command failed" in captured.getvalue()
    assert leaks(captured.getvalue()) == []


async def test_library_debug_lines_with_headers_and_urls_are_redacted(captured: io.StringIO) -> None:
    logging.getLogger("slack_sdk.web.async_base_client").debug(
        "Sending a request - url: https://slack.com/api/chat.postMessage, headers: "
        "{'Authorization': 'Bearer %s'}", SLACK_BOT)
    logging.getLogger("discord.http").debug("Authorization: Bot %s", DISCORD)
    logging.getLogger("sqlalchemy.engine").info("connect postgresql://bot:%s@db:5432/studybot", DB_PASSWORD)
    logging.getLogger("studybot").warning("installation saved", extra={"token": SLACK_USER})
    assert leaks(captured.getvalue()) == []


async def test_a_database_that_cannot_be_reached_logs_no_password(captured: io.StringIO) -> None:
    db = Database(f"postgresql://bot:{DB_PASSWORD}@127.0.0.1:9/studybot")
    try:
        with pytest.raises(OSError) as failure:
            await migrate.upgrade(db)
        logging.getLogger("studybot").error("database unreachable", exc_info=failure.value)
    finally:
        await db.close()
    assert "database unreachable" in captured.getvalue()
    assert leaks(captured.getvalue()) == []


def test_configuration_errors_never_repeat_a_token() -> None:
    with pytest.raises(SlackConfigError) as slack:
        slack_config({"SLACK_BOT_TOKEN": SLACK_USER, "SLACK_SIGNING_SECRET": "s"})
    with pytest.raises(SlackConfigError) as app:
        slack_config({"SLACK_BOT_TOKEN": SLACK_BOT, "SLACK_APP_TOKEN": SLACK_BOT})
    with pytest.raises(DiscordConfigError) as discord:
        load_config({"DISCORD_TOKEN": f"{DISCORD} {DISCORD}"})
    for error in (slack, app, discord):
        assert leaks(str(error.value)) == []


async def test_exports_never_carry_a_token(db: Database) -> None:
    learner = say("x").user
    await IdeasRepository(db, "smart-cities").add(learner, 1, f"pasted by mistake: {SLACK_BOT} and {DISCORD}",
                                  datetime.now(UTC))
    export = await PrivacyService(PersonalRows(db), retention_days=180).export(learner, datetime.now(UTC))
    assert "pasted by mistake" in export.json_text
    assert leaks(export.json_text) == [] and leaks(export.markdown) == []
