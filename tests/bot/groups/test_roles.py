"""Who is a facilitator: platform admins, and whoever was granted the role in the tenant."""

from __future__ import annotations

from datetime import datetime

import pytest

from bot.groups.roles import RoleService, user_id_from_mention
from bot.store.db import Database
from bot.store.groups import GroupRepository
from tests.people import OTHER_TENANT, TENANT, FakeClock, say


@pytest.mark.parametrize("text, user_id", [
    ("U123", "U123"), ("<@U123>", "U123"), ("<@!4242>", "4242"), ("<@U123|ada>", "U123"),
    ("@ada", "ada"), ("  @ada  ", "ada"),
])
def test_user_ids_from_mentions(text: str, user_id: str) -> None:
    assert user_id_from_mention(text) == user_id


@pytest.mark.parametrize("text", ["", "@", "two words", "<#C123>", "@here!"])
def test_things_that_are_not_one_user(text: str) -> None:
    assert user_id_from_mention(text) is None


async def test_admins_always_granted_users_in_their_tenant_only(db: Database, clock: FakeClock) -> None:
    roles = RoleService(GroupRepository(db))
    now: datetime = clock()
    assert await roles.is_facilitator(say("hi", user="boss", admin=True))
    assert not await roles.is_facilitator(say("hi", user="bob"))
    assert await roles.grant(TENANT, "bob", "boss", now)
    assert await roles.is_facilitator(say("hi", user="bob"))
    assert not await roles.is_facilitator(say("hi", user="bob", tenant=OTHER_TENANT))
    assert [g.user_id for g in await roles.granted(TENANT)] == ["bob"]
    assert await roles.granted(OTHER_TENANT) == []
    assert await roles.revoke(TENANT, "bob")
    assert not await roles.is_facilitator(say("hi", user="bob"))


async def test_a_grant_for_one_group_reaches_that_group_only(db: Database, clock: FakeClock) -> None:
    roles = RoleService(GroupRepository(db))
    assert await roles.grant(TENANT, "bob", "boss", clock(), "group1")
    assert await roles.is_facilitator(say("hi", user="bob", channel="group1"))
    assert not await roles.is_facilitator(say("hi", user="bob", channel="group3"))
    assert not await roles.is_facilitator(say("hi", user="bob"))  # a DM, and bob is in no group
    assert await roles.grant(TENANT, "bob", "boss", clock())  # now for every group as well
    assert await roles.is_facilitator(say("hi", user="bob", channel="group3"))
