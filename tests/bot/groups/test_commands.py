"""`group`: setting a channel up as a study group, its calendar, membership and roles."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from bot.app import Companion, open_companion
from bot.config import Settings
from bot.store.groups import FacilitatorRow
from tests.people import OTHER_TENANT, FakeClock, say

SETUP = "group setup start:2026-12-07 tz:Europe/London"


@pytest.fixture
async def companion(settings: Settings, clock: FakeClock) -> AsyncIterator[Companion]:
    async with open_companion(settings, clock=clock) as built:
        yield built


async def text(companion: Companion, line: str, **who: object) -> str:
    return (await companion.handle(say(line, **who))).plain_text()  # type: ignore[arg-type]


async def test_learners_are_refused_politely_and_told_who_can(companion: Companion) -> None:
    answer = await text(companion, SETUP, user="lee", channel="cafe")
    assert "Only the group's facilitators can use `group setup`" in answer
    assert "admins are facilitators" in answer and "group grant" in answer
    assert "isn't a study group yet" in await text(companion, "group", user="lee", channel="cafe")


async def test_an_admin_sets_a_channel_up_and_everyone_sees_its_calendar(companion: Companion) -> None:
    done = await text(companion, SETUP, user="fay", channel="cafe", admin=True)
    assert "now a study group for Smart cities, starting Mon 7 Dec 2026 (Europe/London)" in done
    assert "remind monday 09:00" in done
    card = await text(companion, "group", user="lee", channel="cafe")
    for line in ["Course: Smart cities", "Starts: Mon 7 Dec 2026", "Time zone: Europe/London",
                 "Now: Starts in 6 days", "Weekly reminder: off"]:
        assert line in card


@pytest.mark.parametrize("line, zone", [
    ("group setup start 2026-12-07 tz America/New_York", "America/New_York"),
    ("group setup 2026-12-07", "UTC"),
    ("group setup start:2026-12-07 timezone:asia/tokyo name:Tuesday cafe", "Asia/Tokyo"),
])
async def test_setup_grammar_variants(companion: Companion, line: str, zone: str) -> None:
    await text(companion, line, user="fay", channel="cafe", admin=True)
    assert f"Time zone: {zone}" in await text(companion, "group", channel="cafe")


async def test_a_group_can_be_named(companion: Companion) -> None:
    await text(companion, SETUP + " name:Tuesday cafe", user="fay", channel="cafe", admin=True)
    assert "Study group: Tuesday cafe" in await text(companion, "group", channel="cafe")


@pytest.mark.parametrize("line, hint", [
    ("group setup start:2026-12-07 tz:Mars/Olympus", "I don't know the time zone `Mars/Olympus`"),
    ("group setup start:07/12/2026", "YYYY-MM-DD"),
    ("group setup tz:UTC", "When does the group start?"),
    ("group setup start:2026-12-07 colour:blue", "I didn't understand"),
])
async def test_setup_mistakes_get_friendly_answers(companion: Companion, line: str, hint: str) -> None:
    assert hint in await text(companion, line, user="fay", channel="cafe", admin=True)


async def test_setup_belongs_in_the_groups_channel(companion: Companion) -> None:
    assert "not in a direct message" in await text(companion, SETUP, user="fay", admin=True)


async def test_week_follows_the_group_calendar_in_its_channel_and_in_members_dms(
        companion: Companion, clock: FakeClock) -> None:
    await text(companion, SETUP, user="fay", channel="cafe", admin=True)
    assert "starts in 6 days" in await text(companion, "week", user="lee", channel="cafe")
    clock.now = datetime(2026, 12, 15, 10, tzinfo=UTC)
    in_channel = await text(companion, "week", user="lee", channel="cafe")
    assert in_channel.startswith("Week 2:") and "is in week 2 of 6 now" in in_channel
    # Lee spoke in the group's channel, so Lee's DMs follow it; Bob never did.
    assert (await text(companion, "week", user="lee")).startswith("Week 2:")
    assert "at your own pace" in await text(companion, "week", user="bob")
    clock.now = datetime(2027, 2, 1, tzinfo=UTC)
    assert "has finished the course" in await text(companion, "week", user="lee")


async def test_join_and_leave_from_a_dm(companion: Companion, clock: FakeClock) -> None:
    await text(companion, SETUP, user="fay", channel="cafe", admin=True)
    clock.now = datetime(2026, 12, 22, 10, tzinfo=UTC)
    assert "no group meets there" in await text(companion, "group join #nowhere", user="bob",
                                                sees=("nowhere",))
    assert "You're in" in await text(companion, "group join <#cafe>", user="bob", sees=("cafe",))
    assert (await text(companion, "week", user="bob")).startswith("Week 3:")
    assert "Now: Week 3 of 6" in await text(companion, "group", user="bob")
    await text(companion, "group leave", user="bob")
    assert "own pace" in await text(companion, "week", user="bob")
    assert "You're not in a study group" in await text(companion, "group", user="bob")


@pytest.mark.parametrize("mention", ["@bob", "bob", "<@bob>", "<@!bob>"])
async def test_facilitators_grant_and_revoke_the_role(companion: Companion, mention: str) -> None:
    await text(companion, SETUP, user="fay", channel="cafe", admin=True)
    assert "Only the group's facilitators" in await text(companion, "remind monday 09:00", user="bob",
                                                         channel="cafe")
    assert "bob is now a facilitator" in await text(companion, f"group grant {mention}", user="fay",
                                                     admin=True)
    assert "Weekly reminder set" in await text(companion, "remind monday 09:00", user="bob",
                                               channel="cafe")
    assert "bob" in await text(companion, "group facilitators", user="lee")
    # A granted facilitator can grant too, in their group's channel; and the role is per workspace.
    assert "cy is now a facilitator" in await text(companion, "group grant @cy", user="bob", channel="cafe")
    assert "Only the group's" in await text(companion, "group grant @bob", user="bob", tenant=OTHER_TENANT)
    assert "no longer a facilitator" in await text(companion, f"group revoke {mention}", user="fay",
                                                   admin=True)
    assert "Only the group's" in await text(companion, "remind off", user="bob", channel="cafe")


async def test_granting_twice_and_revoking_a_stranger_say_so(companion: Companion) -> None:
    await text(companion, "group grant @bob", user="fay", admin=True)
    assert "already" in await text(companion, "group grant @bob", user="fay", admin=True)
    assert "holds no granted facilitator role" in await text(companion, "group revoke @zed", user="fay",
                                                            admin=True)
    assert "Whom should I grant?" in await text(companion, "group grant", user="fay", admin=True)


async def test_help_has_a_study_groups_section(companion: Companion) -> None:
    learner = await text(companion, "help")
    facilitator = await text(companion, "help", admin=True)
    assert "Study groups" in learner and "`group`" in learner and "`reminders`" in learner
    assert "`remind monday 09:00`" not in learner
    assert "`remind monday 09:00`" in facilitator and "(facilitators)" in facilitator
    assert "group grant @ada" in await text(companion, "help group")


async def test_a_hidden_channel_cannot_be_joined_from_a_dm_nor_told_apart(companion: Companion) -> None:
    await text(companion, SETUP, user="fay", channel="secret", admin=True)
    hidden = await text(companion, "group join #secret", user="bob")
    missing = await text(companion, "group join #nowhere", user="bob")
    assert hidden.replace("secret", "nowhere") == missing
    assert "group invite" in hidden
    card = await text(companion, "group", user="bob")
    assert "You're not in a study group" in card and "Now: Week" not in card


async def test_in_the_channel_itself_joining_needs_no_word_from_the_platform(companion: Companion) -> None:
    await text(companion, SETUP, user="fay", channel="cafe", admin=True)
    assert "You're in" in await text(companion, "group join #cafe", user="bob", channel="cafe")


async def test_a_facilitator_invites_a_learner_who_cannot_be_seen_to_see_the_channel(
        companion: Companion, clock: FakeClock) -> None:
    await text(companion, SETUP, user="fay", channel="cafe", admin=True)
    assert "Only the group's facilitators" in await text(companion, "group invite @dan", user="bob",
                                                          channel="cafe")
    assert "dan is in" in await text(companion, "group invite <@dan>", user="fay", channel="cafe",
                                     admin=True)
    clock.now = datetime(2026, 12, 22, 10, tzinfo=UTC)
    assert (await text(companion, "week", user="dan")).startswith("Week 3:")
    assert "You're in" in await text(companion, "group join #cafe", user="dan")


async def test_a_co_facilitator_of_one_group_cannot_run_another(companion: Companion) -> None:
    for channel in ("group1", "group3"):
        await text(companion, SETUP, user="fay", channel=channel, admin=True)
    granted = await text(companion, "group grant @bob", user="fay", channel="group1", admin=True)
    assert "bob is now a facilitator of Your group (this channel's group)" in granted
    assert "Weekly reminder set" in await text(companion, "remind monday 09:00", user="bob", channel="group1")
    assert "Only the group's facilitators" in await text(companion, "remind off", user="bob",
                                                         channel="group3")
    assert "Only workspace or server admins" in await text(companion, "group grant @cy every group",
                                                           user="bob", channel="group1")
    card = await text(companion, "group", user="lee", channel="group1")
    assert "Facilitators: bob, workspace or server admins" in card
    assert "bob" not in await text(companion, "group", user="lee", channel="group3")


async def test_an_admin_grants_the_role_for_every_group_and_the_reply_says_so(companion: Companion) -> None:
    await text(companion, SETUP, user="fay", channel="group1", admin=True)
    wide = await text(companion, "group grant @bob every group", user="fay", channel="group1", admin=True)
    assert "bob is now a facilitator of every group here" in wide
    assert "Facilitators of this group: bob (every group)" in await text(
        companion, "group facilitators", user="lee", channel="group1")
    assert "bob is no longer a facilitator of every group" in await text(
        companion, "group revoke @bob every group", user="fay", channel="group1", admin=True)


async def test_group_audit_names_the_roles_kept_for_every_group_from_before(companion: Companion) -> None:
    await text(companion, "group grant @bob", user="fay", admin=True)
    async with companion.db.session() as session:  # as the migration leaves a grant made before
        await session.execute(sa.update(FacilitatorRow).values(carried_over=True))
    audit = await text(companion, "group audit", user="fay", channel="cafe", admin=True)
    assert "Granted before roles were per group, and kept for every group here: bob." in audit


async def test_a_grant_to_a_name_never_seen_here_says_so_and_one_to_a_member_does_not(
        companion: Companion) -> None:
    """A typed `@name` is the id itself (the console's people are named by `--user`), so a
    slip of the keyboard would quietly make a stranger a facilitator."""
    await text(companion, SETUP, user="fay", channel="cafe", admin=True)
    stranger = await text(companion, "group grant @nobody-here", user="fay", channel="cafe", admin=True)
    assert "nobody-here is now a facilitator" in stranger
    assert "I haven't seen `nobody-here`" in stranger and "spelling" in stranger
    await text(companion, "week", user="cy", channel="cafe")  # speaking in the channel joins the group
    member = await text(companion, "group grant @cy", user="fay", channel="cafe", admin=True)
    assert "cy is now a facilitator" in member and "haven't seen" not in member
