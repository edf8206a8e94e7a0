"""The one outbound policy, through the real AsyncApp and the fake Slack: Slack's
"slow down" waited out within each surface's time, 5xx retried only where a repeat
cannot show twice, and an answer that still fails reaching the person another way.

Slack's rules quoted here: a 429 "include[s] a Retry-After HTTP header" saying how many
seconds to wait; a response_url may be used "up to 5 times within 30 minutes"; a
trigger_id expires 3 seconds after the click.
"""

from __future__ import annotations

import pytest

from adapters.slack.blockkit import RUN_ACTION, SHARE_ACTION
from adapters.slack.home import DM_ACTION, SEARCH_ACTION
from tests.adapters.slack import payloads
from tests.adapters.slack.conftest import SlackDriver
from tests.adapters.slack.test_slash_command import share_id


def dm_posts(slack: SlackDriver) -> list[dict[str, object]]:
    return [c.args for c in slack.fake.calls_to("chat.postMessage") if c.args["channel"] == "DU1"]


# ---- slash answers over the response_url ----------------------------------------

@pytest.mark.parametrize("retry_after", [1, 60], ids=["short", "long"])
async def test_a_slash_answer_waits_out_a_429_on_its_response_url(slack: SlackDriver,
                                                                 retry_after: int) -> None:
    time = slack.fake_time()
    slack.fake.fail("response_url:r1", status=429, retry_after=retry_after)
    await slack.command("week 3")
    await slack.settle()
    _, answer = slack.fake.responses()
    assert time.waits == [float(retry_after)]
    assert answer["blocks"][0]["text"]["text"].startswith("Week 3: ")


async def test_a_slash_answer_whose_response_url_stays_busy_arrives_in_the_dm(slack: SlackDriver) -> None:
    slack.fake_time()
    slack.fake.fail("response_url:r1", status=429, retry_after=60, times=5)
    await slack.command("week 3")
    await slack.settle()
    assert len(slack.fake.responses()) == 5  # "up to 5 times": no sixth use
    [instead] = dm_posts(slack)
    assert "couldn't answer you in <#C123>" in str(instead["blocks"])
    assert "Week 3: " in str(instead["blocks"])


@pytest.mark.parametrize("status", [500, 503])
async def test_a_5xx_on_a_response_url_is_not_repeated_there_but_copied_to_the_dm(
        slack: SlackDriver, status: int) -> None:
    slack.fake_time()
    slack.fake.fail("response_url:r1", status=status)
    await slack.command("week 3")
    await slack.settle()
    assert len(slack.fake.responses()) == 1, "Slack may have shown it: never sent twice there"
    [instead] = dm_posts(slack)
    assert "didn't confirm" in str(instead["blocks"]) and "Week 3: " in str(instead["blocks"])


async def test_a_dropped_connection_on_a_response_url_is_copied_to_the_dm(slack: SlackDriver) -> None:
    slack.fake.drop("response_url:r1")
    await slack.command("week 3")
    await slack.settle()
    assert len(slack.fake.responses()) == 1
    assert "didn't confirm" in str(dm_posts(slack)[0]["blocks"])


async def test_an_expired_response_url_is_not_tried_and_the_answer_goes_to_the_dm(
        slack: SlackDriver, probe: object) -> None:
    time = slack.fake_time()
    url = slack.fake.response_url("old")
    time.now += 31 * 60
    slack.fake.advance(31 * 60)
    await slack.command("week 3", response_url=url)
    await slack.settle()
    assert len(slack.fake.responses("old")) == 1 and "Week 3: " in str(dm_posts(slack)[0]["blocks"])


# ---- share in channel ------------------------------------------------------------

async def shared_answer(slack: SlackDriver) -> str:
    await slack.command("week 2")
    await slack.settle()
    return share_id(slack.fake.responses()[0])


@pytest.mark.parametrize("failure", [{"status": 500}, {"error": "invalid_blocks"}], ids=["5xx", "ok-false"])
async def test_a_share_slack_did_not_post_keeps_the_answer_for_another_click(
        slack: SlackDriver, failure: dict[str, object]) -> None:
    shared = await shared_answer(slack)
    slack.fake.fail("response_url:r2", **failure)  # type: ignore[arg-type]
    click = payloads.block_actions(f"{SHARE_ACTION}:9", shared, response_url=slack.fake.response_url("r2"))
    await slack.post(click)
    await slack.settle()
    failed, told = slack.fake.responses("r2")
    assert failed["response_type"] == "in_channel"
    assert told["response_type"] == "ephemeral" and "Share in channel" in told["text"]
    assert not any(r.get("delete_original") for r in slack.fake.responses("r2")), "the answer stays"
    await slack.post(payloads.block_actions(f"{SHARE_ACTION}:9", shared,
                                            response_url=slack.fake.response_url("r3")))
    await slack.settle()
    posted, deleted = slack.fake.responses("r3")
    assert posted["response_type"] == "in_channel" and "Week 2: " in str(posted["blocks"])
    assert deleted == {"delete_original": True}


# ---- mentions and DMs --------------------------------------------------------------

async def test_a_ratelimited_in_an_http_200_is_waited_out_not_a_crash(slack: SlackDriver) -> None:
    time = slack.fake_time()
    slack.fake.fail("chat.postMessage", error="ratelimited")
    await slack.event(payloads.app_mention("<@UBOT> week 4"))
    await slack.settle()
    _, answer = slack.fake.calls_to("chat.postMessage")
    assert time.waits == [1.0] and answer.blocks()[0]["text"]["text"].startswith("Week 4: ")


@pytest.mark.parametrize("event", [payloads.app_mention("<@UBOT> week 4"), payloads.direct_message("week 4")],
                         ids=["mention", "dm"])
async def test_an_answer_whose_connection_dropped_after_slack_took_it_is_posted_once(
        slack: SlackDriver, event: dict[str, object]) -> None:
    slack.fake_time()
    slack.fake.drop("chat.postMessage")
    await slack.event(event)
    await slack.settle()
    posted = [m for messages in slack.fake.history.values() for m in messages]
    assert len(posted) == 1, "the answer was looked for, found, and not posted again"


async def test_an_answer_lost_to_a_5xx_is_looked_for_then_posted_again(slack: SlackDriver) -> None:
    time = slack.fake_time()
    slack.fake.fail("chat.postMessage", status=503)
    await slack.event(payloads.direct_message("week 4"))
    await slack.settle()
    assert [c.method for c in slack.fake.calls if c.method.startswith(("chat.", "conversations.h"))] == [
        "chat.postMessage", "conversations.history", "chat.postMessage"]
    assert len(slack.fake.history["D1"]) == 1 and time.waits == []


async def test_an_unclear_answer_slack_cannot_check_is_copied_to_the_dm_not_repeated(
        slack: SlackDriver) -> None:
    slack.fake_time()
    slack.fake.scopes = slack.fake.scopes - {"channels:history"}  # the default install's scopes
    slack.fake.fail("chat.postMessage", status=500)
    await slack.event(payloads.app_mention("<@UBOT> week 4"))
    await slack.settle()
    in_channel = [c for c in slack.fake.calls_to("chat.postMessage") if c.args["channel"] == "C123"]
    assert len(in_channel) == 1
    assert "didn't confirm" in str(dm_posts(slack)[0]["blocks"])


# ---- Home, forms, pictures -------------------------------------------------------------

async def test_the_home_tab_is_published_after_a_long_429(slack: SlackDriver) -> None:
    time = slack.fake_time()
    slack.fake.fail("views.publish", status=429, retry_after=60)
    await slack.event(payloads.home_opened())
    await slack.settle()
    assert time.waits == [60.0] and len(slack.fake.calls_to("views.publish")) == 2


async def test_the_home_tab_is_published_again_after_a_5xx(slack: SlackDriver) -> None:
    time = slack.fake_time()
    slack.fake.fail("views.publish", status=500)
    await slack.event(payloads.home_opened())
    await slack.settle()
    assert time.waits == [1.0] and len(slack.fake.calls_to("views.publish")) == 2


async def test_a_search_form_slack_will_not_open_in_time_is_answered_in_the_dm(slack: SlackDriver) -> None:
    time = slack.fake_time()
    slack.fake.fail("views.open", status=429, retry_after=60)  # far past the trigger_id's 3 seconds
    await slack.post(payloads.block_actions(f"{SEARCH_ACTION}:open", "search", response_url=None,
                                            in_view=True, channel=None))
    await slack.settle()
    assert time.waits == [] and len(slack.fake.calls_to("views.open")) == 1
    [told] = dm_posts(slack)
    assert "search form couldn't open" in str(told["text"])


async def test_a_picture_is_uploaded_after_a_long_429(slack: SlackDriver) -> None:
    time = slack.fake_time()
    slack.fake.fail("files.getUploadURLExternal", status=429, retry_after=60)
    await slack.event(payloads.app_mention("<@UBOT> probe-picture"))
    await slack.settle()
    assert time.waits == [60.0]
    assert slack.fake.calls_to("files.completeUploadExternal")[0].args["channel_id"] == "C123"


async def test_a_picture_whose_completion_was_unclear_is_not_sent_twice(slack: SlackDriver) -> None:
    slack.fake_time()
    slack.fake.fail("files.completeUploadExternal", status=500)
    await slack.event(payloads.app_mention("<@UBOT> probe-picture"))
    await slack.settle()
    assert len(slack.fake.calls_to("files.completeUploadExternal")) == 1


async def test_a_home_button_whose_dm_will_not_open_is_answered_in_the_home_tab(slack: SlackDriver) -> None:
    slack.fake_time()
    slack.fake.fail("conversations.open", status=500, times=10)
    await slack.post(payloads.block_actions(f"{DM_ACTION}:week", "week 2", response_url=None,
                                            in_view=True, channel=None))
    await slack.settle()
    [published] = slack.fake.calls_to("views.publish")
    assert "Week 2: " in str(published.args["view"])


async def test_a_button_answer_replacing_its_own_message_is_retried_after_a_5xx(slack: SlackDriver) -> None:
    time = slack.fake_time()
    slack.fake.fail("response_url:r4", status=503)
    await slack.post(payloads.block_actions(f"{RUN_ACTION}:1", "week 2",
                                            response_url=slack.fake.response_url("r4")))
    await slack.settle()
    _, answer = slack.fake.responses("r4")
    assert answer["replace_original"] is True and "Week 2: " in str(answer["blocks"]) and time.waits == [1.0]
    assert dm_posts(slack) == []


async def test_a_dm_answer_slack_refuses_to_lay_out_becomes_a_short_apology(slack: SlackDriver) -> None:
    slack.fake.fail("chat.postMessage", error="invalid_blocks")
    await slack.event(payloads.direct_message("week 4"))
    await slack.settle()
    _, apology = slack.fake.calls_to("chat.postMessage")
    assert apology.args["channel"] == "D1" and "wouldn't show my answer" in str(apology.args["text"])


async def test_a_slash_answer_in_a_dm_whose_response_url_failed_is_posted_there(slack: SlackDriver) -> None:
    slack.fake_time()
    slack.fake.fail("response_url:r1", status=404)
    await slack.command("week 3", channel="DU1", channel_name="directmessage")
    await slack.settle()
    [instead] = dm_posts(slack)
    assert "Week 3: " in str(instead["blocks"])
