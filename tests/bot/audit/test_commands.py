"""`group audit`: facilitators see who changed settings, roles and prompts, and when."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.app import Companion, open_companion
from bot.audit.store import AuditRepository
from bot.config import Settings
from bot.messages import Platform, TenantRef
from tests.people import OTHER_TENANT, FakeClock, say


@pytest.fixture
async def companion(settings: Settings, clock: FakeClock) -> AsyncIterator[Companion]:
    async with open_companion(settings, clock=clock) as built:
        yield built


async def run(companion: Companion, clock: FakeClock, line: str, **who: object) -> str:
    clock.advance(minutes=1)
    options = {"user": "ada", "channel": "general", "admin": True, **who}
    return (await companion.handle(say(line, **options))).plain_text()  # type: ignore[arg-type]


async def test_facilitator_actions_are_listed_with_who_and_when(companion: Companion,
                                                                clock: FakeClock) -> None:
    for line in ["group setup start:2026-11-30 tz:UTC", "group grant @bob", "remind monday 09:00",
                 "remind pause", "prompt add week 3 start Who owns the data?", "prompt edit 1 Who decides?",
                 "prompt cancel 1", "group revoke @bob"]:
        await run(companion, clock, line)
    shown = await run(companion, clock, "group audit")
    lines = shown.splitlines()[1:9]
    assert [line.split(" · ")[2] for line in lines] == [
        "role revoke for bob in #general", "prompt cancel in #general: #1",
        "prompt edit in #general: #1 Who decides?",
        "prompt add in #general: #1 week 3 start Who owns the data?",
        "reminder status in #general: paused", "reminder set in #general: monday 09:00",
        "role grant for bob in #general", "group setup in #general: start:2026-11-30 tz:UTC"]
    assert lines[0].startswith("01 Dec 2026 09:08 · Ada (ada)")  # the 8th action, a minute apart


async def test_refused_or_failed_actions_are_not_recorded(companion: Companion, clock: FakeClock) -> None:
    await run(companion, clock, "group setup start:2026-11-30 tz:UTC")
    await run(companion, clock, "group setup start:someday")
    await run(companion, clock, "prompt add week 3 start Who?", admin=False, user="cy")
    await run(companion, clock, "group grant @bob", admin=False, user="cy")
    entries = await AuditRepository(companion.db).recent(say("x").user.tenant, 10)
    assert [e.action for e in entries] == ["group setup"]


async def test_only_facilitators_read_the_audit_and_only_their_tenants(companion: Companion,
                                                                     clock: FakeClock) -> None:
    await run(companion, clock, "group setup start:2026-11-30 tz:UTC")
    await run(companion, clock, "group setup start:2026-11-30 tz:UTC name:Elsewhere", tenant=OTHER_TENANT)
    for line in ("group audit", "group log"):
        assert "Only the group's facilitators" in await run(companion, clock, line, admin=False, user="cy")
    shown = await run(companion, clock, "group audit")
    assert "group setup" in shown and "Elsewhere" not in shown
    assert "No facilitator actions" in await run(companion, clock, "group audit", channel="lab",
                                                 tenant=TenantRef(Platform.SLACK, "T-NEW"))


async def test_group_audit_takes_a_count(companion: Companion, clock: FakeClock) -> None:
    await run(companion, clock, "group setup start:2026-11-30 tz:UTC")
    for user in ("b1", "b2", "b3"):
        await run(companion, clock, f"group grant @{user}")
    assert (await run(companion, clock, "group audit 2")).count(" · role grant") == 2
    assert "`group audit 50` shows more" in await run(companion, clock, "group audit lots")
