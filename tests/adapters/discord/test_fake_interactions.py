"""The fake Discord's interaction rules, each as Discord's "Receiving and Responding" page states it.

Here the test plays the application itself, over HTTP, on an interaction the bot leaves
alone (a button of another app), so each rule is seen on its own.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest

from tests.adapters.discord import payloads as p
from tests.adapters.discord.fake_discord import EPHEMERAL, FakeDiscord
from tests.adapters.discord.harness import DiscordHarness

Payload = dict[str, Any]
ROLE = f"<@&{p.STUDY_ROLE_ID}>"
ONLY_THE_ROLE = {"parse": [], "roles": [str(p.STUDY_ROLE_ID)]}


class App:
    """What an application sends for one interaction."""

    def __init__(self, http: aiohttp.ClientSession, fake: FakeDiscord, interaction: Payload) -> None:
        self.http, self.fake, self.interaction = http, fake, interaction
        self.webhook = f"{fake.api_base}/webhooks/{p.APP_ID}/{interaction['token']}"

    async def callback(self, body: Payload) -> tuple[int, Payload]:
        interaction = self.interaction
        url = f"{self.fake.api_base}/interactions/{interaction['id']}/{interaction['token']}/callback"
        return await self._send("POST", url, body)

    async def follow_up(self, body: Payload) -> tuple[int, Payload]:
        return await self._send("POST", self.webhook, body)

    async def edit_original(self, body: Payload) -> tuple[int, Payload]:
        return await self._send("PATCH", self.webhook + "/messages/@original", body)

    async def delete_original(self) -> int:
        async with self.http.delete(self.webhook + "/messages/@original") as response:
            return response.status

    async def _send(self, method: str, url: str, body: Payload) -> tuple[int, Payload]:
        async with self.http.request(method, url, json=body) as response:
            return response.status, await response.json()


@pytest.fixture
async def app(bot: DiscordHarness) -> AsyncIterator[App]:
    interaction = p.click("another-app:anything")  # not ours: the bot does not answer it
    await bot.fake.dispatch("INTERACTION_CREATE", interaction)
    async with aiohttp.ClientSession() as http:
        yield App(http, bot.fake, interaction)


def said(content: str, **more: Any) -> Payload:
    return {"content": content, "allowed_mentions": {"parse": []}, **more}


async def test_the_first_follow_up_after_a_deferral_fills_it_and_keeps_its_visibility(app: App) -> None:
    """Create Followup Message: "no new message will be created, and the loading message will
    be edited instead. The ephemeral flag will be ignored"."""
    assert (await app.callback({"type": 5, "data": {"flags": EPHEMERAL}}))[0] == 200
    await app.follow_up(said("first", flags=0))
    await app.follow_up(said("second", flags=0))
    first, second = app.fake.shown_by(app.interaction)
    assert (first["content"], first["flags"] & EPHEMERAL) == ("first", EPHEMERAL)
    assert (second["content"], second["flags"] & EPHEMERAL) == ("second", 0)


async def test_after_the_original_is_deleted_filling_it_is_unknown_message(app: App) -> None:
    await app.callback({"type": 5})
    assert await app.delete_original() == 204
    status, error = await app.follow_up(said("too late"))
    assert (status, error["code"]) == (404, 10008)
    status, error = await app.edit_original(said("too late"))
    assert (status, error["code"]) == (404, 10008)


async def test_an_edit_never_notifies_but_a_new_message_may(app: App) -> None:
    app.fake.mentionable_roles.add(p.STUDY_ROLE_ID)
    await app.callback({"type": 5})
    await app.follow_up(said(ROLE, allowed_mentions=ONLY_THE_ROLE))  # fills the placeholder: an edit
    await app.follow_up(said(ROLE, allowed_mentions=ONLY_THE_ROLE))  # a new message
    edited, new = app.fake.shown_by(app.interaction)
    assert (app.fake.pinged.get(edited["id"], []), app.fake.pinged[new["id"]]) == ([], [p.STUDY_ROLE_ID])


async def test_a_response_after_three_seconds_is_unknown_interaction(app: App) -> None:
    """"you must send an initial response within 3 seconds of receiving the event\""""
    app.fake.let_time_pass(app.interaction, 3.1)
    status, error = await app.callback({"type": 5})
    assert (status, error["code"]) == (404, 10062)


async def test_a_second_response_is_already_acknowledged(app: App) -> None:
    await app.callback({"type": 5})
    status, error = await app.callback({"type": 4, "data": said("again")})
    assert (status, error["code"]) == (400, 40060)


async def test_follow_ups_and_edits_end_with_the_fifteen_minute_token(app: App) -> None:
    """"Interaction tokens are valid for 15 minutes\""""
    await app.callback({"type": 5})
    assert (await app.follow_up(said("in time")))[0] == 200
    app.fake.let_time_pass(app.interaction, 15 * 60 + 1)
    for status, error in (await app.follow_up(said("late")), await app.edit_original(said("late"))):
        assert (status, error["code"]) == (401, 50027)


FORM = {"custom_id": "another-app:form", "title": "Your words", "components": [
    {"type": 1, "components": [{"type": 4, "custom_id": "words", "label": "Words", "style": 2}]}]}


async def test_a_modal_is_only_a_first_response(app: App) -> None:
    """MODAL (9): "respond to an interaction with a popup modal"; a deferral uses up the one response."""
    await app.callback({"type": 5})
    status, error = await app.callback({"type": 9, "data": FORM})
    assert (status, error["code"]) == (400, 40060)
    assert app.fake.modal_of(app.interaction) is None


async def test_a_modal_cannot_answer_a_modals_submission(bot: DiscordHarness) -> None:
    """MODAL: "Not available for MODAL_SUBMIT and PING interactions"."""
    submitted = p.modal_submit(FORM, "hello")
    submitted["data"]["custom_id"] = "another-app:form"  # not ours: the bot leaves it alone
    await bot.fake.dispatch("INTERACTION_CREATE", submitted)
    async with aiohttp.ClientSession() as http:
        status, error = await App(http, bot.fake, submitted).callback({"type": 9, "data": FORM})
    assert (status, error["code"]) == (400, 50035)
