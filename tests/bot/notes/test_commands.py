"""Facilitators answer what the course left open; askers hear back once; the next learner
gets the note first, in their own workspace only."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from bot.app import Companion, open_companion
from bot.audit.service import AuditLog
from bot.audit.store import AuditRepository
from bot.config import Settings
from bot.messages import Need, Platform, Reply, TenantRef
from tests.bot.schedule.fakes import FakePoster
from tests.people import OTHER_TENANT, TENANT, FakeClock, say

GROUP = "C1"
SETUP = 'group setup start:2026-11-30 name:"Tuesday group"'
ANSWER = "Quantum effects are not part of this course; the Physics of Sensing MOOC covers them."


@pytest.fixture
async def companion(settings: Settings, clock: FakeClock) -> AsyncIterator[Companion]:
    async with open_companion(settings, clock=clock) as built:
        await built.handle(say(SETUP, user="fay", channel=GROUP, admin=True))
        yield built


async def ask(companion: Companion, text: str, user: str = "ada", channel: str | None = None,
              tenant: TenantRef = TENANT) -> Reply:
    return await companion.handle(say(text, user=user, channel=channel, tenant=tenant))


async def learner(companion: Companion, text: str, user: str = "nia", tenant: TenantRef = TENANT) -> str:
    return (await ask(companion, text, user=user, tenant=tenant)).plain_text()


async def facilitator(companion: Companion, text: str) -> str:
    return (await companion.handle(say(text, user="fay", channel=GROUP, admin=True))).plain_text()


async def three_open_questions(companion: Companion, clock: FakeClock) -> None:
    for user, channel, question in (("kim", None, "search quantum entanglement"),
                                    ("lee", GROUP, "what is quantum entanglement?"),
                                    ("max", None, "search medieval falconry"),
                                    ("kim", None, "search quantum entanglement explained")):
        await ask(companion, question, user=user, channel=channel)
        clock.advance(minutes=1)


async def test_near_duplicate_questions_are_one_numbered_line_naming_no_one(
        companion: Companion, clock: FakeClock) -> None:
    await three_open_questions(companion, clock)
    listed = await facilitator(companion, "misses")
    lines = [line for line in listed.splitlines() if "“" in line]
    assert len(lines) == 2
    assert lines[0].startswith("1. 2 learners asked something like: “quantum entanglement”")
    assert "week 1" in lines[0] and "in Tuesday group" in lines[0]
    assert lines[1].startswith("2. asked: “medieval falconry”")
    for private in ("kim", "lee", "max", "dm-"):
        assert private not in listed
    assert "2 open" in listed  # near-duplicates count once


async def test_a_learner_is_refused_misses_with_what_they_lack(
        companion: Companion, clock: FakeClock) -> None:
    refused = await ask(companion, "misses answer 1 anything", user="kim")
    assert refused.needs is Need.FACILITATOR


async def test_an_answer_by_text_becomes_a_note_and_closes_the_group(
        companion: Companion, clock: FakeClock) -> None:
    await three_open_questions(companion, clock)
    saved = await facilitator(companion, f"misses answer 1 {ANSWER}")
    assert "Saved as course note 1" in saved and "2 learners who asked" in saved
    listed = await facilitator(companion, "misses")
    assert "quantum" not in listed and "2. asked: “medieval falconry”" in listed  # numbers stay put
    notes = await facilitator(companion, "notes")
    assert "quantum entanglement" in notes and "Physics of Sensing" in notes and "Fay" in notes


async def test_a_similar_question_later_gets_the_note_first_and_a_different_one_does_not(
        companion: Companion, clock: FakeClock) -> None:
    await three_open_questions(companion, clock)
    await facilitator(companion, f"misses answer 1 {ANSWER}")
    clock.advance(days=2)
    similar = await learner(companion, "can you explain quantum entanglement to me?")
    assert similar.startswith("**Your facilitator answered this on 1 Dec 2026:**")
    assert ANSWER in similar and "doesn't seem to cover" not in similar
    other = await learner(companion, "what is quantum computing?")
    assert ANSWER not in other
    assert "1 question" in await facilitator(companion, "misses")  # answered by notes this week


async def test_a_note_in_one_workspace_never_answers_anothers_learners(
        companion: Companion, clock: FakeClock) -> None:
    await three_open_questions(companion, clock)
    await facilitator(companion, f"misses answer 1 {ANSWER}")
    elsewhere = await learner(companion, "search quantum entanglement", tenant=OTHER_TENANT)
    assert ANSWER not in elsewhere and "doesn't seem to cover" in elsewhere
    assert "No course notes yet" in await learner(companion, "notes", tenant=OTHER_TENANT)


async def test_adopting_a_search_result_answers_with_the_course_passage(
        companion: Companion, clock: FakeClock) -> None:
    await three_open_questions(companion, clock)
    found = await facilitator(companion, "search smart street lighting")
    assert "Found" in found or "Week" in found
    saved = await facilitator(companion, "misses answer 2 with 1")
    assert "Saved as course note 1" in saved
    notes = await facilitator(companion, "notes")
    assert "medieval falconry" in notes and "The course covers this: Week" in notes
    assert "Your last search showed" in await facilitator(companion, "misses answer 1 with 9")


async def test_adopting_without_a_search_says_how(companion: Companion, clock: FakeClock) -> None:
    await three_open_questions(companion, clock)
    assert "Search first" in await facilitator(companion, "misses answer 1 with 1")


async def test_dismiss_closes_a_question_without_a_note(companion: Companion, clock: FakeClock) -> None:
    await three_open_questions(companion, clock)
    assert "Closed without an answer" in await facilitator(companion, "misses dismiss 2")
    assert "falconry" not in await facilitator(companion, "misses")
    assert "No course notes yet" in await facilitator(companion, "notes")
    assert "numbered 1; pick one" in await facilitator(companion, "misses dismiss 7")


async def test_the_answer_button_asks_for_the_answer_and_takes_the_next_message(
        companion: Companion, clock: FakeClock) -> None:
    await three_open_questions(companion, clock)
    asked = await facilitator(companion, "misses reply 2")
    assert "Your answer to this question" in asked and "medieval falconry" in asked
    saved = await facilitator(companion, "Falconry is not in the course; try the library's history shelf.")
    assert "Saved as course note 1" in saved
    assert "falconry" not in await facilitator(companion, "misses")


async def test_notes_edit_and_remove_are_for_facilitators_and_audited(
        companion: Companion, clock: FakeClock) -> None:
    await three_open_questions(companion, clock)
    await facilitator(companion, f"misses answer 1 {ANSWER}")
    refused = await ask(companion, "notes edit 1 something else", user="kim")
    assert refused.needs is Need.FACILITATOR
    assert "now says" in await facilitator(companion, "notes edit 1 Ask in the physics channel.")
    assert "Ask in the physics channel." in await learner(companion, "search quantum entanglement")
    assert "Removed course note 1" in await facilitator(companion, "notes remove 1")
    assert "doesn't seem to cover" in await learner(companion, "search quantum entanglement")
    assert "no course note 4" in await facilitator(companion, "notes remove 4")
    actions = [e.action for e in await AuditLog(AuditRepository(companion.db)).recent(TENANT, 10)]
    assert {"misses answer", "notes edit", "notes remove"} <= set(actions)


async def test_figures_count_open_questions_and_the_median_wait(
        companion: Companion, clock: FakeClock) -> None:
    await three_open_questions(companion, clock)
    clock.advance(hours=3)
    await facilitator(companion, f"misses answer 1 {ANSWER}")
    listed = await facilitator(companion, "misses")
    assert "notes answered 0 questions; 1 open; median time to an answer 3 h" in listed


async def test_each_asker_gets_one_direct_message_even_with_two_replicas_and_a_restart(
        settings: Settings, clock: FakeClock) -> None:
    posters = [FakePoster(), FakePoster(), FakePoster()]
    async with (open_companion(settings, clock=clock) as first,
                open_companion(settings, clock=clock) as second):
        for built, poster in zip((first, second), posters, strict=False):
            built.posters.register(Platform.CONSOLE, poster)
        await first.handle(say(SETUP, user="fay", channel=GROUP, admin=True))
        await three_open_questions(first, clock)
        await ask(first, "notes off", user="max")
        await ask(first, "search medieval falconry again", user="max")
        await facilitator(first, f"misses answer 1 {ANSWER}")
        await facilitator(second, "misses answer 2 Not in the course.")  # max's falconry, asked twice
        # Both replicas' outboxes run the same due occurrence at once: each asker is claimed once.
        await asyncio.gather(*(replica.scheduler.outbox.run_due(clock()) for replica in (first, second)))
    async with open_companion(settings, clock=clock) as restarted:
        restarted.posters.register(Platform.CONSOLE, posters[2])
        clock.advance(minutes=10)
        await restarted.scheduler.outbox.run_due(clock())
        await restarted.scheduler.outbox.retry_due(clock())
    sent = [p for poster in posters for p in poster.posts]
    assert sorted(p.channel.id for p in sent) == ["kim", "lee"]  # max turned them off
    assert all(p.channel.is_direct and p.channel.to_person for p in sent)
    kim = next(p for p in sent if p.channel.id == "kim").reply.plain_text()
    assert "“quantum entanglement”" in kim and ANSWER in kim and "notes off" in kim


async def test_two_facilitators_answering_one_question_keep_one_note(
        companion: Companion, clock: FakeClock) -> None:
    await three_open_questions(companion, clock)
    notes = companion.registries.by_course["smart-cities"].by_name("notes")
    assert notes is not None
    service = notes.handler.__self__.service  # type: ignore[attr-defined]
    [first, _] = await service.open_questions(TENANT)
    fay, sam = say("x", user="fay").user, say("x", user="sam").user
    answers = await asyncio.gather(service.answer(fay, first.asked, "One.", None, clock()),
                                   service.answer(sam, first.asked, "Two.", None, clock()))
    assert sum(1 for note in answers if note is not None) == 1
    listed = await facilitator(companion, "notes")
    assert ("One." in listed) != ("Two." in listed)
