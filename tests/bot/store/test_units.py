"""One unit of work per message: a command is one transaction, within a budget of
statements, and its writes land together or not at all."""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import event

from bot.app import Companion, open_companion
from bot.command import Command, Context, Registry
from bot.config import Settings
from bot.ideas.store import IdeasRepository
from bot.messages import Platform, Reply, Text
from bot.router import Router
from bot.store.db import Database
from bot.store.dialogs import Dialog, DialogRepository
from tests.bot.schedule.fakes import FakePoster
from tests.people import FakeClock, say

GROUP = "study-tuesday"
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@dataclass
class Tally:
    transactions: int = 0
    statements: int = 0


@contextmanager
def tallied(db: Database) -> Iterator[Tally]:
    """Transactions begun and statements sent to the database while the block runs."""
    tally = Tally()
    engine = db.engine.sync_engine

    def began(_connection: Any) -> None:
        tally.transactions += 1

    def sent(*_args: Any) -> None:
        tally.statements += 1

    event.listen(engine, "begin", began)
    event.listen(engine, "before_cursor_execute", sent)
    try:
        yield tally
    finally:
        event.remove(engine, "begin", began)
        event.remove(engine, "before_cursor_execute", sent)


@pytest.fixture
async def companion(settings: Settings, clock: FakeClock) -> AsyncIterator[Companion]:
    async with open_companion(settings, clock=clock) as built:
        await built.handle(say("group setup start:2026-01-05 tz:UTC course:smart-cities",
                               channel=GROUP, admin=True))
        for line in ("week", "canvas add cs households near the river", "ideas add first thought"):
            await built.handle(say(line, channel=GROUP))  # ada is a member with rows of her own
        yield built


# The most statements each command may send, in the group's channel and in a DM (where
# the learner's group is found from their membership). Reads by key are made once per
# message; the budgets leave no room for a second read of them. With one course
# installed, the learner's course choice is not read; the facilitator check is made only
# by commands that ask it (`help` does, to show facilitators their commands).
# A first `canvas add` also creates the canvas; a canvas change and a search's record of
# the asker's last search run in a savepoint (`Database.atomic`; on SQLite after BEGIN
# IMMEDIATE when they are the message's first write).
BUDGETS = [
    ("week", 3, 3),
    ("week 3", 3, 3),
    ("weeks", 3, 3),
    ("help", 3, 3),
    ("canvas", 3, 2),
    ("canvas add kp the council's data team", 11, 11),
    ("ideas", 3, 2),
    ("ideas add sensors on the bridge", 8, 8),
    ("search standards", 11, 10),
    ("quiz", 8, 8),
]


@pytest.mark.parametrize("line, in_group, in_dm", BUDGETS)
async def test_a_command_is_one_transaction_within_its_budget_of_statements(
    companion: Companion, line: str, in_group: int, in_dm: int
) -> None:
    for channel, budget in ((GROUP, in_group), (None, in_dm)):
        with tallied(companion.db) as tally:
            reply = await companion.handle(say(line, channel=channel))
        assert "went wrong" not in reply.plain_text()
        assert tally.transactions == 1, f"{line!r} in {channel or 'a DM'}"
        assert tally.statements <= budget, f"{line!r} in {channel or 'a DM'}: {tally.statements}"


async def test_a_post_made_at_once_commits_its_claim_before_it_leaves(companion: Companion) -> None:
    """The command's rows, the claim and the record of the post are each committed, so
    another replica never posts the same prompt: more than one transaction, but few."""
    companion.posters.register(Platform.CONSOLE, FakePoster())
    with tallied(companion.db) as tally:
        reply = await companion.handle(say("prompt now What would you measure first?",
                                           channel=GROUP, admin=True))
    assert "Posted (prompt #1)" in reply.plain_text()
    assert 2 <= tally.transactions <= 6


async def test_notes_added_at_the_same_moment_each_keep_their_own_number(companion: Companion) -> None:
    lines = [f"ideas add thought number {n}" for n in range(2, 7)]
    replies = await asyncio.gather(*(companion.handle(say(line)) for line in lines))
    assert all("as note #" in reply.plain_text() for reply in replies)
    numbers = sorted(int(re.search(r"as note #(\d+)", r.plain_text()).group(1))  # type: ignore[union-attr]
                     for r in replies)
    assert numbers == [2, 3, 4, 5, 6]
    listing = (await companion.handle(say("ideas"))).plain_text()
    assert all(f"thought number {n}" in listing for n in range(2, 7))


class Halfway:
    """Commands that write an open question, then fail (or are refused) before answering."""

    def __init__(self, dialogs: DialogRepository) -> None:
        self.dialogs = dialogs

    def commands(self) -> list[Command]:
        return [Command(name="crash", summary="writes, then breaks", usage=("crash",), handler=self.crash),
                Command(name="ok", summary="writes, then answers", usage=("ok",), handler=self.ok)]

    def intents(self) -> list[Any]:
        return []

    async def crash(self, context: Context, args: str) -> Reply:
        await self.dialogs.start(context.message, Dialog(kind="ok", state={}), context.now)
        raise RuntimeError("the handler broke after writing")

    async def ok(self, context: Context, args: str) -> Reply:
        await self.dialogs.start(context.message, Dialog(kind="ok", state={}), context.now)
        return Reply.of(Text("done"))


async def test_a_command_that_breaks_halfway_leaves_nothing_half_written(db: Database) -> None:
    dialogs = DialogRepository(db)
    registry = Registry()
    registry.add(Halfway(dialogs))
    router = Router(registry, dialogs, unit_of_work=db.unit)
    broke = await router.handle(say("crash"))
    assert "went wrong" in broke.plain_text()
    assert await dialogs.get(say("crash")) is None
    assert (await router.handle(say("ok"))).plain_text() == "done"
    assert await dialogs.get(say("ok")) is not None


async def test_a_message_that_breaks_after_a_numbered_insert_leaves_nothing(db: Database) -> None:
    """The retried insert runs in a savepoint; on SQLite that must not begin and commit a
    transaction of its own, or the note would outlive the message that broke."""
    ideas = IdeasRepository(db, "smart-cities")
    ada = say("").user
    with pytest.raises(RuntimeError):
        async with db.unit():
            await ideas.add(ada, 1, "a note the message never finished", NOW)
            raise RuntimeError("the handler broke afterwards")
    assert await ideas.notes(ada) == []
    async with db.unit():
        await ideas.add(ada, 1, "a note kept", NOW)
    assert [note.text for note in await ideas.notes(ada)] == ["a note kept"]
