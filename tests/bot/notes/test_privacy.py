"""Course notes and open questions under the privacy rules: a learner's question is theirs
until answered, a note keeps no asker, a facilitator's authorship is theirs."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.app import Companion, open_companion
from bot.config import Settings
from bot.messages import Platform, UserRef
from bot.store.erasure import PersonalRows
from bot.store.personal import FORMER_MEMBER_ID, FORMER_MEMBER_NAME
from tests import table_scan
from tests.bot.schedule.fakes import FakePoster
from tests.people import TENANT, FakeClock, say

GROUP = "C1"
KIM = UserRef(TENANT, "kim", "Kim")
FAY = UserRef(TENANT, "fay", "Fay")


@pytest.fixture
async def companion(settings: Settings, clock: FakeClock) -> AsyncIterator[Companion]:
    async with open_companion(settings, clock=clock) as built:
        await built.handle(say('group setup start:2026-11-30 name:"Tuesday group"', user="fay",
                               channel=GROUP, admin=True))
        yield built


async def test_a_learners_open_question_is_in_their_export_and_gone_with_them(companion: Companion) -> None:
    await companion.handle(say("search quantum entanglement", user="kim"))
    rows = PersonalRows(companion.db)
    exported = {t.table: t.rows for t in await rows.collect(KIM)}
    assert [r["query"] for r in exported["search_misses"]] == ["quantum entanglement"]
    await rows.erase(KIM)
    listed = (await companion.handle(say("misses", user="fay", channel=GROUP, admin=True))).plain_text()
    assert "quantum" not in listed
    left = [(table, column) for table, column, value in await table_scan.text_values(companion.db, TENANT)
            if value == "kim"]
    assert left == []


async def test_an_asker_erased_before_the_message_goes_is_not_messaged_and_the_note_stays(
        companion: Companion, clock: FakeClock) -> None:
    poster = FakePoster()
    companion.posters.register(Platform.CONSOLE, poster)
    await companion.handle(say("search quantum entanglement", user="kim"))
    await companion.handle(say("misses answer 1 Not in this course.", user="fay", channel=GROUP, admin=True))
    await PersonalRows(companion.db).erase(KIM)
    await companion.scheduler.outbox.run_due(clock())
    assert poster.posts == []
    notes = (await companion.handle(say("notes", user="lee"))).plain_text()
    assert "quantum entanglement" in notes and "kim" not in notes.lower()


async def test_a_facilitators_erasure_keeps_their_notes_without_their_name(companion: Companion) -> None:
    await companion.handle(say("search quantum entanglement", user="kim"))
    await companion.handle(say("misses answer 1 Not in this course.", user="fay", channel=GROUP, admin=True))
    rows = PersonalRows(companion.db)
    [note] = {t.table: t.rows for t in await rows.collect(FAY)}["course_notes"]
    assert note["author_name"] == "Fay" and note["answer"] == "Not in this course."
    assert "user_id" not in note and "kim" not in str(note)  # a note keeps no asker
    await rows.erase(FAY)
    listed = (await companion.handle(say("notes", user="lee"))).plain_text()
    assert "Not in this course." in listed and FORMER_MEMBER_NAME in listed and "Fay" not in listed
    assert "course_notes" not in {t.table for t in await rows.collect(FAY)}
    former = UserRef(TENANT, FORMER_MEMBER_ID)
    assert [n["answer"] for n in {t.table: t.rows for t in await rows.collect(former)}["course_notes"]] == [
        "Not in this course."]


async def test_turning_answers_off_is_the_learners_data(companion: Companion) -> None:
    await companion.handle(say("notes off", user="kim"))
    rows = PersonalRows(companion.db)
    assert "notes_off" in {t.table for t in await rows.collect(KIM)}
    await rows.erase(KIM)
    assert "notes_off" not in {t.table for t in await rows.collect(KIM)}
