"""Generated tenants, people, groups and actions: no command in one tenant reads or changes
another tenant's data, and nobody sees another learner's own canvas or notes.

Tenants are drawn so that they collide where a missing filter would hurt: the same
tenant id on three platforms, the same user ids and channel names in every tenant.
Everything a person writes carries a unique marker ("zq17q"); each reply is searched
for markers its reader may not see, and after every action every other tenant's rows
must be exactly as they were.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot import replies
from bot.messages import ChannelRef, Incoming, Platform, Reply, TenantRef, UserRef
from tests import table_scan
from tests.properties.conftest import Live, scaled

EXAMPLES = scaled(30)
MARKER = re.compile(r"zq\d+q")
TENANTS = ((Platform.CONSOLE, "acme"), (Platform.SLACK, "acme"), (Platform.DISCORD, "beta"))
USERS = ("ada", "bob")
CHANNELS = (None, "general", "lab")  # None: a direct message
PRIVATE, SHARED = "private", "shared"
# What each action says; {m} is a fresh marker and {p} a person. The visibility is the
# marker's: PRIVATE to its writer, SHARED with everyone in the tenant.
WRITES = {
    "canvas add key partners {m}": PRIVATE,
    "ideas add {m}": PRIVATE,
    "canvas group add channels {m}": SHARED,
    "prompt add week 6 start {m}": SHARED,
    "prompt now {m}": SHARED,
    "group setup start:2026-11-30 tz:UTC name:{m}": SHARED,
    "search {m} zoning": SHARED,  # facilitators see unanswered questions (`misses`)
}
OTHERS = (
    "canvas", "canvas group", "ideas", "week", "week next", "group", "group join", "group leave",
    "reminders", "remind monday 09:00", "prompt list", "group audit", "misses", "privacy",
    "privacy export", "more", "moment 1", "canvas history", "canvas group history", "group grant @{p}",
    "group revoke @{p}", "canvas group remove channels 1", "canvas remove key partners 1",
    "privacy delete\nyes", "privacy delete group\nyes", "canvas clear\nyes", "canvas coach\nstop",
)
ACTIONS = (*WRITES, *OTHERS)
# At the end of each case, tenant by tenant, everyone reads whatever could have been stored,
# then undoes what they can: every read and every delete path runs in every case.
SWEEP = (("ideas", None), ("canvas", None), ("canvas group", "general"), ("misses", "general"),
         ("group audit", "general"), ("privacy export", None),
         ("canvas group remove channels 1", "general"), ("canvas clear\nyes", None),
         ("group leave", None), ("privacy delete\nyes", None), ("privacy delete group\nyes", "general"))


@dataclass(frozen=True)
class Action:
    tenant: int
    user: str
    channel: str | None
    admin: bool
    line: str
    person: str


actions = st.builds(Action, st.integers(0, len(TENANTS) - 1), st.sampled_from(USERS),
                    st.sampled_from(CHANNELS), st.booleans(), st.sampled_from(ACTIONS),
                    st.sampled_from(USERS))


@dataclass
class World:
    """One generated case: its tenants, and who may see each marker written so far."""

    tag: int
    seen: dict[str, tuple[TenantRef, str | None]] = field(default_factory=dict)

    def tenant(self, index: int) -> TenantRef:
        platform, name = TENANTS[index]
        return TenantRef(platform, f"{name}-{self.tag}")

    def may_see(self, marker: str, tenant: TenantRef, user: str) -> bool:
        owner_tenant, owner = self.seen[marker]
        return owner_tenant == tenant and owner in (None, user)


COUNTER = itertools.count(1)
CASES = itertools.count(1)
STATS = {"cases": 0, "actions": 0, "replies": 0}


def message(world: World, action: Action, text: str) -> Incoming:
    tenant = world.tenant(action.tenant)
    channel = ChannelRef(tenant, action.channel or f"dm-{action.user}", is_direct=action.channel is None)
    return Incoming(UserRef(tenant, action.user, action.user.title()), channel, text,
                    user_is_platform_admin=action.admin)


def lines_of(world: World, action: Action) -> list[str]:
    marker = f"zq{next(COUNTER)}q"
    if action.line in WRITES:
        owner = action.user if WRITES[action.line] == PRIVATE else None
        world.seen[marker] = (world.tenant(action.tenant), owner)
    return action.line.format(m=marker, p=action.person).split("\n")


def check_reply(world: World, action: Action, reply: Reply) -> None:
    assert reply != replies.internal_error(), f"{action.line!r} failed inside"
    tenant = world.tenant(action.tenant)
    for marker in MARKER.findall(reply.plain_text()):
        assert world.may_see(marker, tenant, action.user), (
            f"{action.user} in {tenant} saw {marker} of {world.seen[marker]} after {action.line!r}")


async def play(live: Live, world: World, steps: list[list[Action]]) -> None:
    """Runs each group of actions (all in one tenant), then checks the other tenants: the
    tables a group wrote are scanned again, the others cannot have changed."""
    tenants = [world.tenant(i) for i in range(len(TENANTS))]
    db = live.companion.db
    written = table_scan.WrittenTables(db)
    try:
        before = await table_scan.snapshot(db, tenants)
        for group in steps:
            written.take()
            for action in group:
                await act(live, world, action)
            changed = await table_scan.snapshot(db, tenants, written.take())
            acting = world.tenant(group[0].tenant)
            for tenant in tenants:
                after = {**before[tenant], **changed[tenant]}
                if tenant != acting:
                    assert after == before[tenant], (
                        f"{[a.line for a in group]} in {acting} changed {tenant}")
                before[tenant] = after
    finally:
        written.close()


async def act(live: Live, world: World, action: Action) -> None:
    for text in lines_of(world, action):
        live.clock.advance(seconds=5)  # stays under the flood limits
        check_reply(world, action, await live.companion.handle(message(world, action, text)))
        STATS["replies"] += 1
    STATS["actions"] += 1


def setup_groups() -> list[Action]:
    return [Action(i, "ada", "general", True, "group setup start:2026-11-30 tz:UTC name:{m}", "bob")
            for i in range(len(TENANTS))]


def sweep() -> list[list[Action]]:
    """Per tenant, everyone reads everything readable."""
    return [[Action(i, user, channel, True, line, user) for user in USERS for line, channel in SWEEP]
            for i in range(len(TENANTS))]


@settings(max_examples=EXAMPLES, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(steps=st.lists(actions, min_size=1, max_size=14))
def test_no_command_crosses_tenants_or_reads_anothers_private_work(live: Live, steps: list[Action]) -> None:
    world = World(tag=next(CASES))
    live.run(play(live, world, [[a] for a in setup_groups() + steps] + sweep()))
    STATS["cases"] += 1


def test_report_generated_cases() -> None:
    """Prints how many cases and actions ran (see the closing note of issue 9)."""
    print(f"\nisolation: {STATS['cases']} cases, {STATS['actions']} actions, {STATS['replies']} replies")
