"""The App Home tab: this week, the canvas at a glance, and its buttons."""

from __future__ import annotations

from typing import Any

import pytest

from adapters.slack.blockkit import RUN_ACTION
from adapters.slack.home import DM_ACTION, SEARCH_ACTION, SEARCH_VIEW, HomeTab
from bot.app import Companion
from bot.command import Registry
from bot.router import Router
from tests.adapters.slack import payloads
from tests.adapters.slack.conftest import SlackDriver
from tests.adapters.slack.live_mentions import live_mentions
from tests.adapters.slack.probe import StandInCanvasAndSearch
from tests.people import say


@pytest.fixture
def with_canvas_and_search(companion: Companion) -> None:
    registry = companion.registries.all()[0]
    registry.add(StandInCanvasAndSearch({w for w in ("canvas", "search") if registry.find(w) is None}))


def published_view(slack: SlackDriver) -> dict[str, Any]:
    view: dict[str, Any] = slack.fake.calls_to("views.publish")[-1].args["view"]
    return view


def texts(view: dict[str, Any]) -> str:
    return str(view["blocks"])


def buttons(view: dict[str, Any]) -> dict[str, str]:
    actions = view["blocks"][-1]
    return {e["text"]["text"]: e["action_id"] for e in actions["elements"]}


async def test_opening_home_shows_this_week_and_the_buttons(slack: SlackDriver,
                                                            with_canvas_and_search: None) -> None:
    assert (await slack.event(payloads.home_opened())).status == 200
    await slack.settle()
    [publish] = slack.fake.calls_to("views.publish")
    view = publish.args["view"]
    assert publish.args["user_id"] == "U1" and view["type"] == "home"
    assert "Week 1: " in texts(view) and "canvas" in texts(view).lower()
    assert list(buttons(view)) == ["◀ Previous week", "Next week ▶", "My canvas", "Search"]
    assert [b["type"] for b in view["blocks"]].count("actions") == 1
    assert len(view["blocks"]) <= 100 and live_mentions(view) == []
    assert slack.fake.calls_to("conversations.open") == []  # the event told us the DM channel


async def test_next_week_in_home_shows_the_next_week_there(slack: SlackDriver) -> None:
    await slack.event(payloads.home_opened())
    await slack.settle()
    next_week = buttons(published_view(slack))["Next week ▶"]
    await slack.post(payloads.block_actions(next_week, "week next", response_url=None, in_view=True,
                                            channel=None))
    await slack.settle()
    assert "Week 2: " in texts(published_view(slack))
    [welcome] = slack.fake.calls_to("chat.postMessage")  # the first visit's hello, nothing else
    assert welcome.args["text"].startswith("Hello!")


async def test_my_canvas_arrives_in_the_dm(slack: SlackDriver, with_canvas_and_search: None) -> None:
    await slack.post(payloads.block_actions(f"{DM_ACTION}:canvas", "canvas", response_url=None,
                                            in_view=True, channel=None))
    await slack.settle()
    assert slack.fake.calls_to("chat.postMessage")[0].args["channel"] == "DU1"


async def test_search_opens_a_form_and_answers_in_the_dm(slack: SlackDriver,
                                                         with_canvas_and_search: None) -> None:
    await slack.post(payloads.block_actions(f"{SEARCH_ACTION}:open", "search", response_url=None,
                                            in_view=True, channel=None))
    await slack.settle()
    [opened] = slack.fake.calls_to("views.open")
    assert opened.args["trigger_id"] == "1337.43.efgh"
    assert opened.args["view"]["callback_id"] == SEARCH_VIEW
    submitted = await slack.post(payloads.view_submission(SEARCH_VIEW, "standards", word="search"))
    assert submitted.status == 200
    await slack.settle()
    [answer] = slack.fake.calls_to("chat.postMessage")
    assert answer.args["channel"] == "DU1" and answer.blocks()


async def test_the_messages_tab_publishes_nothing(slack: SlackDriver) -> None:
    await slack.event(payloads.home_opened(tab="messages"))
    await slack.settle()
    assert slack.fake.calls_to("views.publish") == []


async def test_without_canvas_or_search_their_buttons_are_not_offered(companion: Companion) -> None:
    registry = Registry(commands=[c for c in companion.registries.all()[0].commands
                                  if not {"canvas", "search", "lookup", "find", "ask"} & set(c.words)])
    home = HomeTab(Router(registry, companion.router.dialogs), "Smart cities")
    view = await home.view(say("week"))
    assert [e["action_id"] for e in view["blocks"][-1]["elements"]] == [
        f"{RUN_ACTION}:home-back", f"{RUN_ACTION}:home-next"]
    assert "canvas at a glance" not in texts(view)


async def test_the_first_visit_to_either_tab_is_welcomed_once(slack: SlackDriver) -> None:
    await slack.event(payloads.home_opened(tab="messages"), event_id="Ev1")
    await slack.settle()
    await slack.event(payloads.home_opened(tab="home"), event_id="Ev2")
    await slack.event(payloads.home_opened(user="U2", channel="D2", tab="home"), event_id="Ev3")
    await slack.settle()
    welcomes = slack.fake.calls_to("chat.postMessage")
    assert [w.args["channel"] for w in welcomes] == ["D1", "D2"]
    assert "`/study help`" in str(welcomes[0].blocks()) and live_mentions(welcomes[0].args) == []
    assert len(slack.fake.calls_to("views.publish")) == 2  # the Messages tab has no view to publish


async def test_a_facilitator_picks_a_facilitator_from_a_people_menu_in_home(slack: SlackDriver) -> None:
    slack.fake.admin("U3", "Grace")
    slack.fake.person("U02BOB45678", "Bob")
    await slack.event(payloads.home_opened(user="U1"), event_id="Ev1")
    await slack.event(payloads.home_opened(user="U3", channel="D3"), event_id="Ev2")
    await slack.settle()
    views = {c.args["user_id"]: c.args["view"] for c in slack.fake.calls_to("views.publish")}
    assert "users_select" not in texts(views["U1"])
    [picker] = [b for b in views["U3"]["blocks"] if b.get("accessory", {}).get("type") == "users_select"]
    pick = payloads.block_actions(picker["accessory"]["action_id"], "", response_url=None, user="U3",
                                  in_view=True, channel=None, selected_user="U02BOB45678")
    assert (await slack.post(pick)).status == 200
    await slack.settle()
    answer = slack.fake.calls_to("chat.postMessage")[-1]
    assert answer.args["channel"] == "D3" and answer.args["text"].startswith("@Bob is now a facilitator")
