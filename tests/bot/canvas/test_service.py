"""The canvas service: each change, who made it, the limits, and who may see what."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.canvas.limits import CanvasLimits, LimitReached
from bot.canvas.service import CanvasService
from bot.canvas.store import Actor, CanvasOwner, CanvasRepository
from bot.command import UsageError
from bot.course.models import CanvasBlock, Course
from bot.messages import ChannelRef
from bot.store.db import Database
from tests.people import OTHER_TENANT, TENANT, say

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
ADA = Actor("ada", "Ada")
BOB = Actor("bob", "Bob")
FACILITATOR = Actor("fay", "Fay", facilitator=True)


@pytest.fixture
def service(db: Database, course: Course) -> CanvasService:
    return CanvasService(CanvasRepository(db), course.canvas)


def block(course: Course, block_id: str) -> CanvasBlock:
    return next(b for b in course.canvas if b.id == block_id)


def ada_canvas() -> CanvasOwner:
    return CanvasOwner.learner(say("", user="ada").user, "smart-cities")


def group_canvas(channel: str = "C1") -> CanvasOwner:
    return CanvasOwner.group(ChannelRef(TENANT, channel), "smart-cities")


async def test_add_numbers_entries_within_their_block(service: CanvasService, course: Course) -> None:
    kp, vp = block(course, "key-partners"), block(course, "value-propositions")
    assert await service.add(ada_canvas(), kp, "the council", ADA, NOW) == 1
    assert await service.add(ada_canvas(), vp, "safer streets", ADA, NOW) == 1
    assert await service.add(ada_canvas(), kp, "  a   university  ", ADA, NOW) == 2
    view = await service.view(ada_canvas())
    assert [e.text for e in view.of("key-partners")] == ["the council", "a university"]


async def test_edit_and_remove_by_number_and_renumber(service: CanvasService, course: Course) -> None:
    kp = block(course, "key-partners")
    for text in ("council", "university", "residents"):
        await service.add(ada_canvas(), kp, text, ADA, NOW)
    before = await service.edit(ada_canvas(), kp, 2, "the university's hydrology group", ADA, NOW)
    assert before.text == "university"
    await service.remove(ada_canvas(), kp, 1, ADA, NOW)
    entries = (await service.view(ada_canvas())).of("key-partners")
    assert [e.text for e in entries] == ["the university's hydrology group", "residents"]
    with pytest.raises(UsageError, match="pick a number from 1 to 2"):
        await service.remove(ada_canvas(), kp, 3, ADA, NOW)


async def test_history_keeps_who_when_and_what_newest_first(
    service: CanvasService, course: Course
) -> None:
    kp = block(course, "key-partners")
    await service.add(ada_canvas(), kp, "council", ADA, NOW)
    await service.edit(ada_canvas(), kp, 1, "city council", ADA, NOW.replace(hour=10))
    await service.remove(ada_canvas(), kp, 1, ADA, NOW.replace(hour=11))
    changes = await service.history(ada_canvas())
    assert [(c.action, c.before, c.after) for c in changes] == [
        ("remove", "city council", None), ("edit", "council", "city council"),
        ("add", None, "council")]
    assert {c.actor_name for c in changes} == {"Ada"}
    assert changes[0].at == NOW.replace(hour=11)


async def test_clear_empties_the_canvas_but_history_remembers(
    service: CanvasService, course: Course
) -> None:
    await service.add(ada_canvas(), block(course, "channels"), "SMS alerts", ADA, NOW)
    await service.add(ada_canvas(), block(course, "cost-structure"), "sensors", ADA, NOW)
    assert await service.clear(ada_canvas(), ADA, NOW) == 2
    assert (await service.view(ada_canvas())).is_empty
    latest = (await service.history(ada_canvas()))[0]
    assert latest.action == "clear" and latest.before is not None and "SMS alerts" in latest.before


async def test_group_entries_carry_their_author_and_only_they_or_a_facilitator_change_them(
    service: CanvasService, course: Course
) -> None:
    kp = block(course, "key-partners")
    await service.add(group_canvas(), kp, "residents' association", ADA, NOW)
    await service.add(group_canvas(), kp, "bus company", BOB, NOW)
    entries = (await service.view(group_canvas())).of("key-partners")
    assert [(e.text, e.author_name) for e in entries] == [
        ("residents' association", "Ada"), ("bus company", "Bob")]
    with pytest.raises(UsageError, match="Ada added that entry"):
        await service.edit(group_canvas(), kp, 1, "nobody", BOB, NOW)
    with pytest.raises(UsageError, match="Ada added that entry"):
        await service.remove(group_canvas(), kp, 1, BOB, NOW)
    await service.remove(group_canvas(), kp, 2, BOB, NOW)
    await service.edit(group_canvas(), kp, 1, "the residents' association", FACILITATOR, NOW)
    entries = (await service.view(group_canvas())).of("key-partners")
    assert [(e.text, e.author_name) for e in entries] == [("the residents' association", "Ada")]


async def test_copy_between_own_and_group_keeps_the_source(
    service: CanvasService, course: Course
) -> None:
    vp = block(course, "value-propositions")
    await service.add(ada_canvas(), vp, "an hour's warning of floods", ADA, NOW)
    await service.copy(ada_canvas(), vp, 1, group_canvas(), ADA, NOW)
    await service.add(group_canvas(), vp, "cleaner air", BOB, NOW)
    await service.copy(group_canvas(), vp, 2, ada_canvas(), ADA, NOW)
    own = [e.text for e in (await service.view(ada_canvas())).of(vp.id)]
    group = [(e.text, e.author_name) for e in (await service.view(group_canvas())).of(vp.id)]
    assert own == ["an hour's warning of floods", "cleaner air"]
    assert group == [("an hour's warning of floods", "Ada"), ("cleaner air", "Bob")]
    assert (await service.history(group_canvas()))[-1].action == "copy"


async def test_canvases_are_separate_per_learner_channel_and_tenant(
    service: CanvasService, course: Course
) -> None:
    kp = block(course, "key-partners")
    await service.add(ada_canvas(), kp, "ada's secret partner", ADA, NOW)
    others = [
        CanvasOwner.learner(say("", user="bob").user, "smart-cities"),
        CanvasOwner.learner(say("", user="ada", tenant=OTHER_TENANT).user, "smart-cities"),
        group_canvas("C1"),
    ]
    for owner in others:
        assert (await service.view(owner)).is_empty
        assert await service.history(owner) == []


async def test_an_entry_over_the_length_limit_is_refused_with_the_limit(
    service: CanvasService, course: Course
) -> None:
    kp = block(course, "key-partners")
    await service.add(ada_canvas(), kp, "council", ADA, NOW)
    with pytest.raises(LimitReached, match="up to 500"):
        await service.add(ada_canvas(), kp, "x" * 501, ADA, NOW)
    with pytest.raises(LimitReached, match="up to 500"):
        await service.edit(ada_canvas(), kp, 1, "y" * 501, ADA, NOW)
    assert [e.text for e in (await service.view(ada_canvas())).entries] == ["council"]


async def test_a_full_block_and_a_full_canvas_refuse_and_lose_nothing(
    db: Database, course: Course
) -> None:
    small = CanvasService(CanvasRepository(db), course.canvas,
                          CanvasLimits(entry_chars=50, entries_per_block=2, total_chars=100))
    kp, vp = block(course, "key-partners"), block(course, "value-propositions")
    await small.add(ada_canvas(), kp, "a" * 40, ADA, NOW)
    await small.add(ada_canvas(), kp, "b" * 40, ADA, NOW)
    with pytest.raises(LimitReached, match="Key Partners already has 2 entries"):
        await small.add(ada_canvas(), kp, "c", ADA, NOW)
    with pytest.raises(LimitReached, match="can hold up to 100"):
        await small.add(ada_canvas(), vp, "d" * 21, ADA, NOW)
    await small.add(ada_canvas(), vp, "d" * 20, ADA, NOW)  # exactly at the limit is fine
    with pytest.raises(LimitReached, match="can hold up to 100"):
        await small.edit(ada_canvas(), vp, 1, "e" * 21, ADA, NOW)
    texts = [e.text for e in (await small.view(ada_canvas())).entries]
    assert texts == ["a" * 40, "b" * 40, "d" * 20]


async def test_an_empty_entry_is_refused(service: CanvasService, course: Course) -> None:
    with pytest.raises(UsageError, match="That entry is empty"):
        await service.add(ada_canvas(), block(course, "channels"), "   ", ADA, NOW)
