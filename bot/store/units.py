"""One unit of work per message: every read and write made while answering it shares one
session and one transaction.

Answering a message touches several stores (the group, the asker's membership and role,
their course choice, an open question, their progress, then the command's own rows). Each
store opens `Database.session()`; inside a unit that returns the unit's session instead
of a new one, so a command is one transaction whose writes land together or not at all,
and a row read twice is fetched once (the session's identity map keeps it).

A unit belongs to the task that opened it. Work the handler hands to another task (a
scheduler pass it kicks, an encoder warming up) inherits the context variable but not the
unit: it opens sessions of its own, as it would have outside a unit, because one session
must never be used by two tasks at once.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import ORMExecuteState

log = logging.getLogger(__name__)
Row = TypeVar("Row")


@dataclass
class Unit:
    owner: object  # the Database whose session this is
    session: AsyncSession
    task: asyncio.Task[object] | None
    ended: list[Callable[[], object]] = field(default_factory=list)
    wrote_around_the_map: bool = False
    # Whether the unit has written since it began or last committed: only then does it
    # hold a lock another writer could be waiting on.
    wrote: bool = False
    # Rows read by primary key, and keys found empty, until the unit next writes: the
    # session's identity map holds rows only while something else does, and never misses.
    known: dict[tuple[type[Any], tuple[tuple[str, str], ...]], Any] = field(default_factory=dict)

    def saw(self, state: ORMExecuteState) -> None:
        # An INSERT … ON CONFLICT or UPDATE statement changes rows behind the session's
        # identity map, which would go on handing out the rows as they were.
        if state.is_insert or state.is_update or state.is_delete:
            self.wrote_around_the_map = True
            self.wrote = True
            self.known.clear()


_OPEN: ContextVar[Unit | None] = ContextVar("studybot_unit_of_work", default=None)


def current(owner: object | None = None) -> Unit | None:
    """The unit this task opened (for `owner`'s database, when given), if any."""
    unit = _OPEN.get()
    if unit is None or unit.task is not _this_task():
        return None
    return unit if owner is None or unit.owner is owner else None


def opened(unit: Unit) -> object:
    return _OPEN.set(unit)


def closed(token: object) -> None:
    _OPEN.reset(token)  # type: ignore[arg-type]


def after_unit(callback: Callable[[], object]) -> None:
    """Run `callback` once this task's unit of work has ended, or now outside one.

    For telling other tasks about rows just written: a scheduler pass started before the
    commit would not see them yet.
    """
    unit = current()
    if unit is None:
        callback()
    else:
        unit.ended.append(callback)


@asynccontextmanager
async def apart() -> AsyncIterator[None]:
    """Commit what this task's unit has written so far, then run the block on transactions
    of its own. For work that other processes must see as it goes (the outbox's claims
    must be committed before a post leaves, or another replica would post it too), and
    for slow work, so a unit that has written holds no lock meanwhile."""
    unit = current()
    if unit is None:
        yield
        return
    if unit.wrote:
        await unit.session.commit()
        unit.wrote = False
    token = _OPEN.set(None)
    try:
        yield
    finally:
        _OPEN.reset(token)


async def fetch(session: AsyncSession, model: type[Row], key: dict[str, str]) -> Row | None:
    """`session.get(model, key)`, read once per unit of work while the unit does not write."""
    unit = current()
    if unit is None or unit.session is not session:
        return await session.get(model, key)
    remembered = (model, tuple(sorted(key.items())))
    if remembered not in unit.known:
        unit.known[remembered] = await session.get(model, key)
    found: Row | None = unit.known[remembered]
    return found


async def settled(unit: Unit) -> None:
    """A store's block inside the unit has ended: its writes go to the database now, as
    they would have with a transaction of its own, so the next store reads them."""
    session = unit.session
    if session.new or session.dirty or session.deleted:
        unit.known.clear()
        unit.wrote = True
    await session.flush()
    if unit.wrote_around_the_map:
        unit.session.expunge_all()
        unit.wrote_around_the_map = False


def run_ended(unit: Unit) -> None:
    for callback in unit.ended:
        try:
            callback()
        except Exception:  # one failing listener must not hide the answer from the asker
            log.exception("a callback after a unit of work failed")


def _this_task() -> asyncio.Task[object] | None:
    try:
        return asyncio.current_task()
    except RuntimeError:
        return None
