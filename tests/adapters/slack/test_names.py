"""People by name: ids and mentions in replies become "@Name", which pings no one."""

from __future__ import annotations

from adapters.slack.names import ids_in, with_names
from bot.messages import Field, Fields, Reply, Text
from tests.adapters.slack import payloads
from tests.adapters.slack.conftest import SlackDriver
from tests.adapters.slack.live_mentions import live_mentions

BOB = "U02BOB45678"


async def names(user_id: str) -> str:
    return {BOB: "Bob"}.get(user_id, "")


async def test_ids_and_mentions_become_names_and_unknown_ones_stay() -> None:
    reply = Reply.of(Text(f"{BOB} is now a facilitator."), Text(f"hi <@{BOB}> and <@U09NOBODY99>"),
                     Fields((Field("Facilitators", f"{BOB}, workspace admins", from_user=True),)),
                     summary=f"{BOB} granted")
    named = await with_names(reply, names)
    assert named.parts[0] == Text("@Bob is now a facilitator.")
    assert named.parts[1] == Text("hi @Bob and <@U09NOBODY99>")
    assert named.parts[2] == Fields((Field("Facilitators", "@Bob, workspace admins", from_user=True),))
    assert named.summary == "@Bob granted"


def test_words_that_only_look_like_ids_are_left_alone() -> None:
    assert ids_in(Reply.of(Text("UNDERSTANDING W3C and U2 in UTC"))) == set()


async def test_a_granted_facilitator_is_named_not_pinged(slack: SlackDriver) -> None:
    slack.fake.admin("U3", "Grace")
    slack.fake.person(BOB, "Bob")
    await slack.command(f"group grant <@{BOB}|bob>", user="U3")
    await slack.settle()
    [answer] = slack.fake.responses()
    assert answer["text"].startswith("@Bob is now a facilitator")
    assert BOB not in str(answer) and live_mentions(answer) == []


async def test_a_typed_name_is_the_person_of_that_name(slack: SlackDriver) -> None:
    slack.fake.admin("U3", "Grace")
    slack.fake.person(BOB, "Bob")
    for line, url in (("group grant @bob", "r1"), ("group grant @nobody", "r2"),
                      ("group facilitators", "r3")):
        await slack.command(line, user="U3", response_url=slack.fake.response_url(url))
        await slack.settle()
    assert slack.fake.responses()[0]["text"].startswith("@Bob is now a facilitator")
    assert slack.fake.responses("r2")[0]["text"].startswith("Whom should I grant?")
    assert slack.fake.responses("r3")[0]["text"] == "Facilitators here: @Bob, and workspace or server admins."


async def test_a_mention_in_a_dm_names_the_person(slack: SlackDriver) -> None:
    slack.fake.person(BOB, "Bob")
    await slack.event(payloads.direct_message(f"probe-echo ask <@{BOB}>"))
    await slack.settle()
    [post] = slack.fake.calls_to("chat.postMessage")
    assert "ask @Bob" in str(post.blocks())
