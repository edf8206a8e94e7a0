"""Course notes on Discord: the facilitator's Answer button opens a form, and the asker gets one DM.

Discord's rule for the form: MODAL (9) is one of the ways to respond to an interaction,
and an interaction takes one response, so the form must be the click's first response;
the fake Discord refuses a modal after a deferral with 40060, as Discord does.
"""

from __future__ import annotations

from typing import Any

from adapters.discord.poster import DiscordPoster
from adapters.discord.views import command_view
from bot.app import Companion
from bot.messages import Actions, ChannelRef, Incoming, Platform, TenantRef, UserRef
from tests.adapters.discord import payloads as p
from tests.adapters.discord.harness import DiscordHarness

TENANT = TenantRef(Platform.DISCORD, str(p.GUILD_ID))
GROUP = ChannelRef(TENANT, str(p.CHANNEL_ID))
ANSWER = "Quantum effects are outside this course."


def from_moderator(text: str) -> Incoming:
    return Incoming(UserRef(TENANT, str(p.MODERATOR), "Mo"), GROUP, text, user_is_platform_admin=True)


async def answer_button(companion: Companion, bot: DiscordHarness) -> str:
    """A learner's question left open; the custom_id of its Answer button, as Discord shows it."""
    companion.posters.register(Platform.DISCORD, DiscordPoster(bot.client))
    await companion.handle(from_moderator('group setup start:2026-11-30 name:"Study group"'))
    ada = ChannelRef(TENANT, str(p.DM_IDS[p.ADA]), is_direct=True)
    await companion.handle(Incoming(UserRef(TENANT, str(p.ADA), "Ada"), ada, "search quantum entanglement"))
    listed = await companion.handle(from_moderator("misses"))
    [buttons] = [part.buttons for part in listed.parts if isinstance(part, Actions)]
    view = command_view(buttons)
    assert view is not None
    return str(view.children[0].custom_id)  # type: ignore[attr-defined]


async def opened_form(bot: DiscordHarness, custom_id: str, *, by: int) -> dict[str, Any]:
    click = p.click(custom_id, by=by)
    await bot.interact(click)
    form = bot.fake.modal_of(click)
    assert form is not None
    return form


async def test_the_answer_button_opens_a_form_whose_answer_is_saved_and_reaches_the_asker_once(
        companion: Companion, bot: DiscordHarness) -> None:
    click = p.click(await answer_button(companion, bot), by=p.MODERATOR)
    callback = await bot.interact(click)
    assert callback.body["type"] == 9  # the form, as the first response
    form = bot.fake.modal_of(click)
    assert form is not None
    [[field]] = [row["components"] for row in form["components"]]
    assert field["label"] == "Your answer, for every learner who asks this" and field["required"]

    saved = await bot.answer(p.modal_submit(form, ANSWER, by=p.MODERATOR))
    assert "Saved as course note 1" in str(saved)
    assert saved.get("flags", 0) & 64  # only the facilitator sees it

    for _ in range(2):  # a second pass finds nothing more to send
        await companion.scheduler.outbox.run_due(companion.scheduler.clock())
    [message] = bot.fake.channels[p.DM_IDS[p.ADA]]
    shown = str(message["embeds"])
    assert ANSWER in shown and "quantum entanglement" in shown


async def test_a_submission_is_acknowledged_before_the_note_is_saved(
        companion: Companion, bot: DiscordHarness) -> None:
    form = await opened_form(bot, await answer_button(companion, bot), by=p.MODERATOR)
    submitted = p.modal_submit(form, ANSWER, by=p.MODERATOR)
    callback = await bot.interact(submitted)
    assert callback.body["type"] == 5  # deferred: a mutation is acknowledged first
    await bot.fake.wait_until(lambda: len(bot.fake.followups_of(submitted)) > 0)
    assert ANSWER in (await companion.handle(from_moderator("notes"))).plain_text()


async def test_a_learner_submitting_the_form_is_refused_and_the_question_stays_open(
        companion: Companion, bot: DiscordHarness) -> None:
    form = await opened_form(bot, await answer_button(companion, bot), by=p.ADA)
    refused = await bot.answer(p.modal_submit(form, "A guess.", by=p.ADA))
    assert "facilitator" in str(refused).lower()
    assert "A guess." not in (await companion.handle(from_moderator("notes"))).plain_text()
    assert "Answer 1" in (await companion.handle(from_moderator("misses"))).plain_text()


async def test_the_console_style_button_still_takes_the_next_message(
        companion: Companion, bot: DiscordHarness) -> None:
    await answer_button(companion, bot)
    asked = await bot.answer(p.click("studybot:cmd:misses reply 1", by=p.MODERATOR))
    assert "Your answer to this question" in str(asked)
    saved = await companion.handle(from_moderator(ANSWER))
    assert "Saved as course note 1" in saved.plain_text()


async def test_a_question_asked_in_the_channel_is_answered_once_as_a_reply_to_it(
        companion: Companion, bot: DiscordHarness) -> None:
    """Not by DM: a reply to the question, which Discord shows (and links) above it."""
    companion.posters.register(Platform.DISCORD, DiscordPoster(bot.client))
    await companion.handle(from_moderator('group setup start:2026-11-30 name:"Study group"'))
    question = p.message_create(f"<@{p.BOT_ID}> search quantum entanglement", mentions=(p.BOT_ID,))
    await bot.say(question)
    saved = await companion.handle(from_moderator(f"misses answer 1 {ANSWER}"))
    assert "Saved as course note 1" in saved.plain_text()

    before = len(bot.fake.requests)
    for _ in range(2):  # a second pass finds nothing more to send
        await companion.scheduler.outbox.run_due(companion.scheduler.clock())
    [post] = [r for r in bot.fake.requests[before:] if r.is_send]
    assert post.path == f"/channels/{p.CHANNEL_ID}/messages"
    assert str(post.body["message_reference"]["message_id"]) == question["id"]
    assert ANSWER in str(post.body["embeds"]) and post.body["allowed_mentions"] == {"parse": []}
    assert p.DM_IDS[p.ADA] not in bot.fake.channels  # no DM as well
