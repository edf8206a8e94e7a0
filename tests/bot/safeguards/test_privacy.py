"""Learners' data rights, end to end through the router: what we keep, a copy, forgetting.

`privacy delete` is checked by reading every table the schema knows afterwards
(tests/table_scan.py iterates Base.metadata, Slack's tables included), so a table
added later is checked without touching this file.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest
from slack_sdk.oauth.installation_store.models.installation import Installation

from adapters.slack.installations import DatabaseInstallationStore
from adapters.slack.shares import ShareStore
from bot.app import Companion, open_companion
from bot.canvas.store import CanvasOwner, CanvasRepository
from bot.config import Settings
from bot.ideas.store import IdeasRepository
from bot.messages import ChannelRef, Incoming, Platform, Reply, TenantRef, UserRef
from bot.safeguards.privacy import PrivacyService
from bot.store.erasure import PersonalRows
from bot.store.groups import GroupRepository
from bot.store.personal import FORMER_MEMBER_ID, FORMER_MEMBER_NAME
from tests import table_scan
from tests.people import FakeClock

SCHOOL = TenantRef(Platform.SLACK, "T0SCHOOL")
ELSEWHERE = TenantRef(Platform.CONSOLE, "T0SCHOOL")  # same id, another platform: another tenant
LEARNER, NAME = "U0ZEBEDEE", "Zebedee Quartermain"
OTHER, OTHER_NAME = "U0OTHERONE", "Olive Other"
BOT_TOKEN, USER_TOKEN = "xoxb-1111-2222-abcdefghijkl", "xoxp-3333-4444-mnopqrstuvwx"


def said(text: str, *, user: str = LEARNER, name: str = NAME, channel: str | None = None,
         tenant: TenantRef = SCHOOL, admin: bool = False) -> Incoming:
    where = ChannelRef(tenant, channel or f"D-{user}", is_direct=channel is None)
    return Incoming(UserRef(tenant, user, name), where, text, user_is_platform_admin=admin)


@pytest.fixture
async def companion(settings: Settings, clock: FakeClock) -> AsyncIterator[Companion]:
    async with open_companion(settings, clock=clock) as built:
        yield built


async def ask(companion: Companion, text: str, **who: object) -> Reply:
    return await companion.handle(said(text, **who))  # type: ignore[arg-type]


async def learner_leaves_traces_everywhere(companion: Companion) -> None:
    """The learner studies, runs a group as a facilitator, installs the app on Slack."""
    lines_in_general = [
        "group setup start:2026-11-02 tz:UTC name:Riverside",
        "canvas group add value propositions safer walks to school",
        "prompt add week 6 start Who owns the city's data?",
        "remind monday 09:00", f"group grant @{OTHER}", "canvas coach",
    ]
    for line in ["week next", "canvas add key partners the council", "ideas add flooding sensors",
                 "search blorptastic zoning quibbles", "search open data"]:
        await ask(companion, line)  # in a DM, before any group: at their own pace
    for line in lines_in_general:
        await ask(companion, line, channel="general", admin=True)
    await ask(companion, f"group grant @{LEARNER}", user=OTHER, name=OTHER_NAME, channel="general",
              admin=True)
    db = companion.db
    await DatabaseInstallationStore(db).async_save(Installation(
        app_id="A1", team_id=SCHOOL.id, user_id=LEARNER, bot_token=BOT_TOKEN, bot_id="B1",
        bot_user_id="UBOT", user_token=USER_TOKEN, installed_at=1_700_000_000.0))
    await ShareStore(db).keep(SCHOOL, {"text": f"{NAME}'s canvas", "blocks": []})


async def others_leave_traces(companion: Companion) -> None:
    await ask(companion, "canvas add key partners the library", user=OTHER, name=OTHER_NAME)
    await ask(companion, "canvas group add channels the parish newsletter", user=OTHER,
              name=OTHER_NAME, channel="general")
    # The same user id in another tenant is another person.
    await ask(companion, "canvas add key partners the harbour board", tenant=ELSEWHERE)
    await ask(companion, "ideas add tidal energy", tenant=ELSEWHERE)


async def test_privacy_says_what_is_kept_and_why(companion: Companion) -> None:
    reply = await ask(companion, "privacy")
    text = reply.plain_text()
    assert reply.private
    for title in ("Your project idea notes", "Your project canvas", "Where you are in the course",
                  "Questions you asked that the course didn't answer", "Your installation of studybot"):
        assert title in text
    assert "Deleted after 180 days" in text
    assert "`privacy export`" in text and "`privacy delete`" in text


async def test_export_has_everything_about_the_learner_and_no_token(companion: Companion) -> None:
    await learner_leaves_traces_everywhere(companion)
    await others_leave_traces(companion)
    export = await ask(companion, "privacy export")
    assert export.private
    service = PrivacyService(PersonalRows(companion.db), retention_days=180)
    full = await service.export(UserRef(SCHOOL, LEARNER, NAME), datetime.now(UTC))
    document = json.loads(full.json_text)
    tables = {t["table"]: t["rows"] for t in document["tables"]}
    assert {"idea_notes", "canvas_entries", "learner_progress", "search_misses", "group_members",
            "facilitators", "schedules", "study_groups", "audit_log", "slack_installations",
            "slack_shared_replies"} <= set(tables)
    assert [r["text"] for r in tables["idea_notes"]] == ["flooding sensors"]
    assert {r["text"] for r in tables["canvas_entries"]} == {"the council", "safer walks to school"}
    assert "the library" not in full.json_text and "harbour board" not in full.json_text
    for secret in (BOT_TOKEN, USER_TOKEN, "xoxb-", "xoxp-"):
        assert secret not in full.json_text and secret not in full.markdown
    assert "### Your project idea notes (1)" in full.markdown
    # Course data is grouped by the course it belongs to.
    assert document["by_course"]["smart-cities"]["idea_notes"] == 1
    assert full.markdown.index("## In the course `smart-cities`") < full.markdown.index(
        "### Your project idea notes") < full.markdown.index("## Not tied to one course")
    assert "flooding sensors" in export.plain_text()


async def test_delete_leaves_no_trace_of_the_learner_in_any_table(companion: Companion) -> None:
    await learner_leaves_traces_everywhere(companion)
    await others_leave_traces(companion)
    before = {table for table, _, value in await table_scan.text_values(companion.db, SCHOOL)
              if LEARNER in value or NAME in value}
    assert before >= {"learner_progress", "idea_notes", "canvases", "canvas_entries", "canvas_changes",
                      "search_misses", "last_searches", "dialogs", "group_members", "facilitators",
                      "study_groups", "schedules", "audit_log", "slack_installations",
                      "slack_shared_replies"}

    asked = await ask(companion, "privacy delete")
    assert "Type `yes`" in asked.plain_text() and asked.private
    done = await ask(companion, "yes")
    assert done.plain_text().startswith("Done: I deleted or anonymised")

    traces = [(table, column) for table, column, value in await table_scan.text_values(companion.db, SCHOOL)
              if LEARNER in value or NAME in value]
    assert traces == []
    scanned = {t.name for t in table_scan.all_tables()}
    assert {"slack_installations", "slack_shared_replies", "audit_log", "deliveries"} <= scanned


async def test_delete_keeps_group_work_signed_by_a_former_member(companion: Companion) -> None:
    await learner_leaves_traces_everywhere(companion)
    await others_leave_traces(companion)
    await ask(companion, "privacy delete")
    await ask(companion, "yes")

    group = await CanvasRepository(companion.db).entries(
        CanvasOwner.group(ChannelRef(SCHOOL, "general"), "smart-cities"))
    assert [(e.text, e.author_id, e.author_name) for e in group] == [
        ("safer walks to school", FORMER_MEMBER_ID, FORMER_MEMBER_NAME),
        ("the parish newsletter", OTHER, OTHER_NAME)]
    shown = (await ask(companion, "canvas group", user=OTHER, name=OTHER_NAME,
                       channel="general")).plain_text()
    assert "a former member" in shown and "safer walks to school" in shown
    groups = GroupRepository(companion.db)
    assert await groups.is_granted(SCHOOL, OTHER, "general")  # the role they gave stays
    assert not await groups.is_granted(SCHOOL, LEARNER, "general")
    installation = await DatabaseInstallationStore(companion.db).async_find_bot(
        enterprise_id=None, team_id=SCHOOL.id)
    assert installation is not None and installation.bot_token == BOT_TOKEN  # the app keeps working


async def test_delete_touches_no_one_else(companion: Companion) -> None:
    await learner_leaves_traces_everywhere(companion)
    await others_leave_traces(companion)
    before_other = await table_scan.snapshot(companion.db, [ELSEWHERE])
    await ask(companion, "privacy delete")
    await ask(companion, "yes")
    assert await table_scan.snapshot(companion.db, [ELSEWHERE]) == before_other
    ideas = IdeasRepository(companion.db, "smart-cities")
    assert [n.text for n in await ideas.notes(UserRef(ELSEWHERE, LEARNER))] == ["tidal energy"]
    own = await CanvasRepository(companion.db).entries(
        CanvasOwner.learner(UserRef(SCHOOL, OTHER), "smart-cities"))
    assert [e.text for e in own] == ["the library"]


async def test_anything_but_yes_deletes_nothing(companion: Companion) -> None:
    await ask(companion, "ideas add flooding sensors")
    await ask(companion, "forget me")
    assert (await ask(companion, "no thanks")).plain_text() == "OK, I deleted nothing."
    assert "flooding sensors" in (await ask(companion, "ideas")).plain_text()


async def test_a_facilitator_removes_a_whole_groups_data(companion: Companion) -> None:
    await learner_leaves_traces_everywhere(companion)
    await ask(companion, "stop", channel="general")  # ends the canvas coach's questions
    refused = await ask(companion, "privacy delete group", channel="general", user="U0LEARNS", name="L")
    assert "Only the group's facilitators" in refused.plain_text()

    asked = await ask(companion, "privacy delete group", channel="general", admin=True)
    assert "Type `yes`" in asked.plain_text()
    done = await ask(companion, "yes", channel="general", admin=True)
    assert "I deleted this group's data" in done.plain_text()

    left = [(table, column) for table, column, value in await table_scan.text_values(companion.db, SCHOOL)
            if value == "general" and table != "audit_log"]
    assert left == []
    audit = (await ask(companion, "group audit", channel="general", admin=True)).plain_text()
    assert "group data removed" in audit
    own = await CanvasRepository(companion.db).entries(
        CanvasOwner.learner(UserRef(SCHOOL, LEARNER), "smart-cities"))
    assert [e.text for e in own] == ["the council"]  # learners' own work is theirs, not the group's


async def test_export_of_someone_we_know_nothing_about(companion: Companion) -> None:
    reply = await ask(companion, "privacy export", user="U0NEWCOMER", name="New")
    assert reply.plain_text() == "I keep no data about you: there is nothing to export."


def _general() -> ChannelRef:
    return ChannelRef(SCHOOL, "general")

