"""A typed @name is looked up in the member list (users.list, paged with a cursor)."""

from __future__ import annotations

from tests.adapters.slack.conftest import SlackDriver


def a_big_workspace(slack: SlackDriver) -> None:
    """More members than one page holds (users.list gives 200 a page here), with Zed on the second."""
    for number in range(240):
        slack.fake.person(f"U{number:04d}", f"member{number}")
    slack.fake.person("UZED", "Zed Q")


async def zed_found(slack: SlackDriver, name: str) -> bool:
    """Whether the typed "@zedq" came back as Zed (a mention, shown by name), not as the
    word left unresolved."""
    await slack.command("probe-echo hello @zedq", response_url=slack.fake.response_url(name))
    await slack.settle()
    said = str(slack.fake.responses(name)[-1]["blocks"])
    assert "hello @" in said
    return "@Zed Q" in said


async def test_a_slow_down_while_paging_is_waited_out_and_the_name_found(slack: SlackDriver) -> None:
    a_big_workspace(slack)
    time = slack.fake_time()
    await slack.command("probe-echo warm up", response_url=slack.fake.response_url("warm"))  # users.info
    await slack.settle()
    slack.fake.fail("users.list", status=429, retry_after=1)
    slack.fake.calls.clear()
    assert await zed_found(slack, "r1") and time.waits == [1.0]


async def test_a_member_list_cut_short_is_not_kept_and_read_again_next_time(slack: SlackDriver) -> None:
    a_big_workspace(slack)
    slack.fake_time()
    second_page = {"when": lambda args: bool(args.get("cursor"))}
    slack.fake.fail("users.list", status=500, times=5, **second_page)  # type: ignore[arg-type]
    assert not await zed_found(slack, "r1"), "Zed is on the page Slack never gave"
    assert await zed_found(slack, "r2"), "the list is read again, not the half kept"
