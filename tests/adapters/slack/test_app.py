"""The app's listeners in one-workspace mode: Slack's uninstall events are taken."""

from __future__ import annotations

import pytest

from bot.app import Companion
from bot.messages import ChannelRef, Platform, Reply, TenantRef, Text
from tests.adapters.slack.conftest import SlackDriver


@pytest.mark.parametrize("event", [
    {"type": "app_uninstalled"},
    {"type": "tokens_revoked", "tokens": {"oauth": [], "bot": ["UBOT"]}},
], ids=["app_uninstalled", "tokens_revoked"])
async def test_one_workspace_mode_takes_uninstall_events_and_forgets_the_token(
        slack: SlackDriver, companion: Companion, event: dict[str, object]) -> None:
    response = await slack.event(event)
    assert response.status == 200
    await slack.settle()
    result = await companion.posters.post(ChannelRef(TenantRef(Platform.SLACK, "T1"), "C1"),
                                          Reply.of(Text("Reminder")))
    assert not result.ok and not result.retryable and "not installed" in (result.error or "")
    assert slack.fake.calls_to("chat.postMessage") == []


async def test_revoking_only_user_tokens_keeps_the_bot_token(slack: SlackDriver,
                                                             companion: Companion) -> None:
    await slack.event({"type": "tokens_revoked", "tokens": {"oauth": ["U1"], "bot": []}})
    await slack.settle()
    result = await companion.posters.post(ChannelRef(TenantRef(Platform.SLACK, "T1"), "C1"),
                                          Reply.of(Text("Reminder")))
    assert result.ok
