"""`/study`: real INTERACTION_CREATE payloads through discord.py's CommandTree, answers at the HTTP layer."""

from __future__ import annotations

from typing import Any

import pytest

from adapters.discord.answers import DEFER_AFTER_SECONDS
from adapters.discord.config import DiscordConfig
from adapters.discord.embeds import render
from bot.app import Companion
from bot.course.models import Course
from bot.messages import Reply, Text
from bot.safeguards.flood import FloodGate, FloodLimits
from tests.adapters.discord import payloads as p
from tests.adapters.discord.fake_discord import EPHEMERAL, TOKEN, FakeDiscord
from tests.adapters.discord.harness import DiscordHarness, running_bot, script_router
from tests.adapters.discord.limits import command_size, problems_with_command
from tests.adapters.discord.replies import OVERLONG, PNG, ThreadedReply, long_search_result, overlong


def synced_commands(fake: FakeDiscord) -> list[dict[str, Any]]:
    [sync] = [r for r in fake.requests if r.method == "PUT" and r.path.endswith("/commands")]
    return list(sync.body)


async def test_study_is_synced_as_a_typed_tree_within_discords_limits(bot: DiscordHarness) -> None:
    [study] = synced_commands(bot.fake)
    assert problems_with_command(study) == []  # the fake refuses a bad sync too; say why here
    assert command_size(study) <= 4000
    tree = {o["name"]: o for o in study["options"]}
    assert set(tree) == {"week", "search", "help", "ask", "canvas", "ideas", "group", "remind", "prompt",
                         "session", "quiz"}
    leaves = {branch: {o["name"] for o in tree[branch]["options"]}
              for branch in ("canvas", "ideas", "group", "remind", "prompt", "session", "quiz")}
    assert leaves["canvas"] == {"show", "add", "edit", "remove", "image", "export", "coach", "history"}
    assert {"set", "off", "pause", "resume", "preview"} <= leaves["remind"]
    assert {"add", "list", "edit", "cancel", "now"} <= leaves["prompt"]
    assert {"setup", "show", "grant"} <= leaves["group"]
    assert leaves["session"] == {"add", "list", "show", "rsvp", "cancel"}
    assert leaves["quiz"] == {"start", "stop", "stats"}
    [number] = tree["week"]["options"]
    assert (number["type"], number["min_value"], number["autocomplete"], number["required"]) == (
        p.INTEGER, 1, True, False)


def option_of(study: dict[str, Any], path: str) -> dict[str, Any]:
    node = study
    for name in path.split():
        node = next(o for o in node["options"] if o["name"] == name)
    return node


async def test_small_sets_are_choices_and_large_ones_autocomplete(bot: DiscordHarness) -> None:
    [study] = synced_commands(bot.fake)
    day = option_of(study, "remind set day")
    assert [c["value"] for c in day["choices"]][:2] == ["monday", "tuesday"] and day["required"]
    for path in ("canvas add block", "group setup tz", "group setup course", "group setup start",
                 "search speaker", "ideas promote block", "remind set time"):
        assert option_of(study, path)["autocomplete"], path
    entry = option_of(study, "canvas edit entry")
    assert (entry["type"], entry["min_value"]) == (p.INTEGER, 1)
    assert option_of(study, "group grant member")["type"] == p.USER


async def test_guild_ids_sync_to_those_servers_only(companion: Companion, fake_discord: FakeDiscord) -> None:
    config = DiscordConfig(token=TOKEN, guild_ids=(p.GUILD_ID,))
    async with running_bot(companion, fake_discord, config):
        paths = [r.path for r in fake_discord.requests if r.method == "PUT"]
    assert paths == [f"/applications/{p.APP_ID}/guilds/{p.GUILD_ID}/commands"]


async def test_week_number_answers_with_that_week_for_everyone(bot: DiscordHarness) -> None:
    response = await bot.slash("week", p.option("number", 5))
    assert response.body["type"] == 4
    message = response.message
    assert message["embeds"][0]["title"] == "Week 5: Smart leadership and strategy"
    assert not message.get("flags", 0) & EPHEMERAL
    assert message["allowed_mentions"] == {"parse": []}
    labels = [b["label"] for row in message["components"] for b in row["components"]]
    assert labels == ["I'm watching: Leadership, partnerships and standards", "Make week 5 my week",
                      "◀ Previous week", "Next week ▶", "All weeks"]


@pytest.mark.parametrize("subcommand, options, line", [
    ("week", (), "week"),
    ("week", (p.option("number", 5),), "week 5"),
    ("search", (p.option("query", "open  standards"), p.option("week", 3), p.option("speaker", "lorraine")),
     "search open standards week:3 speaker:lorraine"),
    ("search", (p.option("query", "data"), p.option("speaker", "dr lorraine  hudson")),
     "search data speaker:lorraine"),
    ("search", (p.option("query", "data"), p.option("speaker", "A Guest")), "search data speaker:A-Guest"),
    ("canvas show", (), "canvas"),
    ("canvas show", (p.option("block", "key-partners"),), "canvas key-partners"),
    ("canvas add", (p.option("block", "key-partners"), p.option("text", "the council")),
     "canvas add key-partners the council"),
    ("canvas edit", (p.option("block", "key-partners"), p.option("entry", 2), p.option("text", "a\nb")),
     "canvas edit key-partners 2 a b"),
    ("canvas remove", (p.option("block", "costs"), p.option("entry", 1)), "canvas remove costs 1"),
    ("canvas image", (), "canvas image"),
    ("canvas add", (p.option("block", "costs"), p.option("text", "sensors"), p.option("shared", True)),
     "canvas group add costs sensors"),
    ("canvas history", (p.option("shared", False),), "canvas history"),
    ("ideas list", (), "ideas"),
    ("ideas list", (p.option("week", 3),), "ideas week 3"),
    ("ideas promote", (p.option("number", 2), p.option("block", "key-partners")),
     "ideas promote 2 key-partners"),
    ("group setup", (p.option("start", "2026-12-07"), p.option("tz", "Europe/London")),
     "group setup start:2026-12-07 tz:Europe/London"),
    ("group setup", (p.option("start", "2026-12-07"), p.option("course", "smart-cities"),
                     p.option("name", "Tuesday  group")),
     "group setup start:2026-12-07 course:smart-cities name:Tuesday group"),
    ("group show", (), "group"),
    ("remind set", (p.option("day", "monday"), p.option("time", "09:00")), "remind monday 09:00"),
    ("remind pause", (), "remind pause"),
    ("remind preview", (p.option("count", 10),), "reminders preview 10"),
    ("prompt add", (p.option("when", "week 3 start"), p.option("text", "Who owns city data?")),
     "prompt add week 3 start Who owns city data?"),
    ("prompt cancel", (p.option("number", 2),), "prompt cancel 2"),
    ("help", (p.option("topic", "week"),), "help week"),
    ("session add", (p.option("when", "2027-03-04 18:00"), p.option("title", 'The "big" catch-up'),
                     p.option("minutes", 90), p.option("where", "Room 4, level 2")),
     """session add 2027-03-04 18:00 90m "The 'big' catch-up" where:Room 4, level 2"""),
    ("session add", (p.option("when", "every thursday 18:00"), p.option("title", "Catch-up"),
                     p.option("until", "2027-04-29")),
     'session add every thursday 18:00 "Catch-up" until:2027-04-29'),
    ("session list", (), "sessions"),
    ("session show", (p.option("number", 3),), "session 3"),
    ("session rsvp", (p.option("number", 3), p.option("answer", "cant")), "session 3 cant"),
    ("session cancel", (p.option("number", 3),), "session cancel 3"),
    ("quiz start", (), "quiz"),
    ("quiz start", (p.option("week", 4),), "quiz week 4"),
    ("quiz stop", (), "quiz stop"),
    ("quiz stats", (), "quiz stats"),
])
async def test_typed_options_become_the_command_line_the_router_runs(
    companion: Companion, bot: DiscordHarness, subcommand: str, options: tuple[dict[str, Any], ...], line: str
) -> None:
    router = script_router(companion)
    await bot.answer(p.slash(subcommand, *options))  # a change runs once the deferral is accepted
    assert [seen_line for _, seen_line in router.seen] == [line]


async def test_a_member_option_arrives_as_a_mention_the_core_can_read(companion: Companion,
                                                                     bot: DiscordHarness) -> None:
    router = script_router(companion)
    await bot.answer(p.slash("group grant", p.user_option("member", p.ADA),
                             by=p.FACILITATOR, resolved=p.resolved_member(p.ADA)))
    assert router.seen[0][1] == f"group grant <@{p.ADA}>"


async def test_ask_routes_plain_words_like_a_message(bot: DiscordHarness) -> None:
    message = await bot.answer(p.slash("ask", p.option("question", "what's this week's material?")))
    assert message["embeds"][0]["title"].startswith("Week 1:")


@pytest.mark.parametrize("who, admin", [(p.ADA, False), (p.FACILITATOR, True), (p.MODERATOR, True)])
async def test_manage_server_or_the_facilitator_role_make_a_platform_admin(
    companion: Companion, bot: DiscordHarness, who: int, admin: bool
) -> None:
    router = script_router(companion)
    await bot.slash("help", by=who)
    incoming = router.seen[0][0]
    assert incoming.user_is_platform_admin is admin
    assert (incoming.user.tenant.id, incoming.user.id) == (str(p.GUILD_ID), str(who))
    assert (incoming.channel.id, incoming.channel.is_direct, incoming.channel.thread) == (
        str(p.CHANNEL_ID), False, None)


async def test_in_a_thread_the_group_channel_is_the_parent(companion: Companion, bot: DiscordHarness) -> None:
    router = script_router(companion)
    await bot.slash("week", channel=p.thread())
    channel = router.seen[0][0].channel
    assert (channel.id, channel.thread) == (str(p.CHANNEL_ID), str(p.THREAD_ID))


async def test_in_a_dm_the_tenant_is_dm_and_nobody_is_admin(companion: Companion,
                                                            bot: DiscordHarness) -> None:
    router = script_router(companion)
    response = await bot.slash("week", p.option("number", 2), in_dm=True, by=p.MODERATOR)
    incoming = router.seen[0][0]
    assert (incoming.user.tenant.id, incoming.channel.is_direct, incoming.user_is_platform_admin) == (
        "dm", True, False)
    assert response.message["embeds"][0]["title"].startswith("Week 2:")


async def test_a_private_answer_is_ephemeral(companion: Companion, bot: DiscordHarness) -> None:
    script_router(companion, lambda line: Reply.of(Text("Just for you."), private=True))
    response = await bot.slash("canvas show")
    assert response.message["flags"] & EPHEMERAL
    assert response.message["content"] == "Just for you."


async def test_a_long_answer_continues_in_follow_ups_within_discords_limits(
    companion: Companion, bot: DiscordHarness
) -> None:
    script_router(companion, lambda line: long_search_result())
    interaction = p.slash("search", p.option("query", "standards"))
    await bot.interact(interaction)
    await bot.fake.wait_until(lambda: len(bot.fake.followups_of(interaction)) == 4)  # deferred at once
    assert all(r.status == 200 for r in bot.fake.requests)
    assert bot.fake.followups_of(interaction)[-1].body["embeds"][-1]["description"].endswith("…more")


@pytest.mark.parametrize("kind", OVERLONG)
async def test_overlong_replies_are_accepted_by_discord(companion: Companion, bot: DiscordHarness,
                                                        course: Course, kind: str) -> None:
    reply = overlong(kind, course)
    script_router(companion, lambda line: reply)
    interaction = p.slash("ask", p.option("question", kind))
    await bot.interact(interaction)
    expected = len(render(reply))  # plain words defer privately at once; public answers are posted
    posted = (lambda: bot.fake.followups_of(interaction)) if reply.private else (
        lambda: [r for r in bot.fake.requests if r.path == f"/channels/{p.CHANNEL_ID}/messages"])
    await bot.fake.wait_until(lambda: len(posted()) == expected)
    assert expected >= 1
    refused = [r.body for r in bot.fake.requests if r.status >= 400]
    assert refused == []
    if kind == "canvas":  # the picture travels as a real attachment, with its alt text
        [picture] = bot.fake.followups_of(interaction)[-1].files
        assert (picture.filename, picture.data) == ("canvas.png", PNG)
        [attachment] = bot.fake.followups_of(interaction)[-1].body["attachments"]
        assert attachment["description"] == "Your canvas as a picture"


async def test_a_slow_answer_shows_thinking_first_then_follows_up(
    companion: Companion, fake_discord: FakeDiscord
) -> None:
    async with running_bot(companion, fake_discord, defer_after=0) as bot:
        interaction = p.slash("week", p.option("number", 4))
        placeholder = await bot.interact(interaction)
        await fake_discord.wait_until(lambda: bool(fake_discord.followups_of(interaction)))
    assert placeholder.body == {"type": 5}
    [answer] = fake_discord.followups_of(interaction)
    assert answer.body["embeds"][0]["title"].startswith("Week 4:")
    assert answer.body["allowed_mentions"] == {"parse": []}


async def test_a_slow_private_command_defers_privately_at_once(companion: Companion,
                                                              bot: DiscordHarness) -> None:
    interaction = p.slash("canvas image")
    placeholder = await bot.interact(interaction)
    await bot.fake.wait_until(lambda: bool(bot.fake.followups_of(interaction)))
    assert placeholder.body == {"type": 5, "data": {"flags": EPHEMERAL}}
    [picture] = bot.fake.followups_of(interaction)
    assert picture.body["flags"] & EPHEMERAL and picture.files[0].filename == "canvas.png"
    assert not [r for r in bot.fake.requests if r.method == "DELETE"]


async def test_a_facilitator_prompt_opens_a_thread_for_answers(companion: Companion,
                                                               bot: DiscordHarness) -> None:
    script_router(companion, lambda line: ThreadedReply(parts=(Text("What surprised you this week?"),),
                                                        summary="Discussion: what surprised you?"))
    response = await bot.slash("prompt list", by=p.FACILITATOR)
    await bot.fake.wait_until(lambda: bool(bot.fake.threads))
    [thread] = bot.fake.threads
    message_id = bot.fake.channels[p.CHANNEL_ID][-1]["id"]
    assert response.status == 200
    assert (thread["id"], thread["parent_id"], thread["name"]) == (
        message_id, str(p.CHANNEL_ID), "Discussion: what surprised you?")


# ---- autocomplete ----------------------------------------------------------------------


async def test_week_numbers_autocomplete_with_titles(bot: DiscordHarness) -> None:
    choices = await bot.autocomplete("week", p.option("number", "lead", focused=True))
    assert choices == [{"name": "Week 5: Smart leadership and strategy", "value": 5}]
    assert len(await bot.autocomplete("week", p.option("number", "", focused=True))) == 6


async def test_speakers_autocomplete_by_name_to_their_id(bot: DiscordHarness) -> None:
    choices = await bot.autocomplete("search", p.option("query", "x"),
                                     p.option("speaker", "lor", focused=True))
    assert choices == [{"name": "Dr Lorraine Hudson", "value": "lorraine"}]


@pytest.mark.parametrize("subcommand", ["canvas add", "canvas show", "ideas promote"])
async def test_canvas_blocks_autocomplete_from_the_course(bot: DiscordHarness, course: Course,
                                                          subcommand: str) -> None:
    blocks = await bot.autocomplete(subcommand, p.option("block", "partn", focused=True))
    partners = [b.id for b in course.canvas if "partn" in b.name.lower()]
    assert partners and [c["value"] for c in blocks] == partners


async def test_group_setup_suggests_time_zones_mondays_and_courses(bot: DiscordHarness,
                                                                  course: Course) -> None:
    zones = await bot.autocomplete("group setup", p.option("tz", "london", focused=True))
    assert zones[0] == {"name": "Europe/London", "value": "Europe/London"}
    starts = await bot.autocomplete("group setup", p.option("start", "", focused=True))
    assert starts[0]["value"] == "2026-12-07" and starts[0]["name"].startswith("Monday 7 December")
    courses = await bot.autocomplete("group setup", p.option("course", "", focused=True))
    assert [c["value"] for c in courses] == [course.info.id]


async def test_help_topics_autocomplete(bot: DiscordHarness) -> None:
    choices = await bot.autocomplete("help", p.option("topic", "week", focused=True))
    assert {"name": "week: This week's material, or any week's", "value": "week"} in choices


async def test_an_expired_interaction_is_let_go_and_the_next_is_answered(bot: DiscordHarness) -> None:
    late = p.slash("week", p.option("number", 2))
    bot.fake.expired.add(late["id"])
    refused = await bot.interact(late)
    answered = await bot.slash("week", p.option("number", 3))
    assert (refused.status, answered.status) == (404, 200)
    assert len([r for r in bot.fake.requests if bot.fake.callback_of(late)(r)]) == 1


async def test_a_command_held_back_by_flood_control_still_gets_a_private_answer(
    companion: Companion, bot: DiscordHarness
) -> None:
    companion.router.gate = FloodGate(FloodLimits(per_user=1)).admit
    answered, warned, held = [await bot.slash("week", p.option("number", n)) for n in (1, 2, 3)]
    assert answered.message["embeds"][0]["title"].startswith("Week 1:")
    assert warned.message["flags"] & EPHEMERAL and "faster than I can keep up" in warned.message["content"]
    assert held.body["type"] == 4 and held.message["flags"] & EPHEMERAL
    assert "Give me a minute" in held.message["content"]


def test_the_deferral_deadline_leaves_at_least_one_and_a_half_seconds() -> None:
    assert DEFER_AFTER_SECONDS <= 3.0 - 1.5


async def test_your_canvas_answers_privately_and_the_groups_in_the_open(bot: DiscordHarness) -> None:
    own = await bot.slash("canvas show")
    shared = await bot.slash("canvas show", p.option("shared", True))
    assert own.message["flags"] & EPHEMERAL
    assert not shared.message.get("flags", 0) & EPHEMERAL
    assert "Group canvas" in str(shared.message)


async def test_people_are_shown_by_name_and_pinged_by_nobody(bot: DiscordHarness) -> None:
    """Discord shows `<@id>` as the person's name; allowed_mentions none keeps it silent."""
    await bot.answer(p.slash("group setup", p.option("start", "2026-12-07"), by=p.MODERATOR))
    granted = await bot.answer(p.slash("group grant", p.user_option("member", p.FACILITATOR),
                                       by=p.MODERATOR, resolved=p.resolved_member(p.FACILITATOR)))
    assert granted["content"].startswith(f"<@{p.FACILITATOR}> is now a facilitator")
    assert granted["allowed_mentions"] == {"parse": []}
    card = await bot.answer(p.slash("group show"))
    [facilitators] = [f for e in card["embeds"] for f in e.get("fields", []) if f["name"] == "Facilitators"]
    assert facilitators["value"].startswith(f"<@{p.FACILITATOR}>")
    assert card["allowed_mentions"] == {"parse": []}



async def test_a_command_that_fails_before_it_runs_still_gets_a_private_apology(
    bot: DiscordHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def broken(*_: Any) -> None:
        raise RuntimeError("the course could not be read")

    monkeypatch.setattr("adapters.discord.choices.Suggestions.course", broken)
    response = await bot.slash("search", p.option("query", "data"))
    assert response.message["flags"] & EPHEMERAL and "went wrong" in response.message["content"]
