"""Many workspaces: Slack's OAuth install flow, with Bolt's stores in our database."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import aiohttp
import pytest
from slack_sdk.oauth.installation_store.models.installation import Installation

from adapters.slack.config import OAuthConfig, SlackConfig
from adapters.slack.installations import (
    DatabaseInstallationStore,
    DatabaseOAuthStateStore,
    InstallationTokens,
)
from adapters.slack.runner import RunningSlack, running_slack
from bot.app import Companion
from bot.messages import ChannelRef, Platform, Reply, TenantRef, Text
from bot.store.db import Database
from tests.adapters.slack import payloads
from tests.adapters.slack.conftest import SlackDriver
from tests.adapters.slack.fake_slack import FakeSlack


def installation(team: str | None = "T5", user: str = "U1", token: str = "xoxb-five",
                 **extra: Any) -> Installation:
    return Installation(app_id="A1", team_id=team, team_name="Five", bot_token=token, bot_id="B5",
                        bot_user_id="UBOT5", bot_scopes="commands,chat:write", user_id=user,
                        **extra)


async def test_the_store_keeps_the_latest_install_of_each_workspace(db: Database) -> None:
    store = DatabaseInstallationStore(db)
    await store.async_save(installation(user="U1", token="xoxb-old"))
    await store.async_save(installation(user="U2", token="xoxb-new"))
    latest = await store.async_find_installation(enterprise_id=None, team_id="T5")
    assert latest is not None and latest.bot_token == "xoxb-new" and latest.user_id == "U2"
    first = await store.async_find_installation(enterprise_id=None, team_id="T5", user_id="U1")
    assert first is not None and first.bot_token == "xoxb-old"
    bot = await store.async_find_bot(enterprise_id=None, team_id="T5")
    assert bot is not None and bot.bot_user_id == "UBOT5"
    assert await store.async_find_bot(enterprise_id=None, team_id="T6") is None
    assert await InstallationTokens(store).bot_token("T5") == "xoxb-new"


async def test_an_org_wide_install_is_found_by_its_enterprise(db: Database) -> None:
    store = DatabaseInstallationStore(db)
    await store.async_save(installation(team=None, enterprise_id="E1", is_enterprise_install=True))
    found = await store.async_find_bot(enterprise_id="E1", team_id="T7", is_enterprise_install=True)
    assert found is not None and found.bot_token == "xoxb-five"
    assert await InstallationTokens(store).bot_token("E1") == "xoxb-five"


async def test_uninstalling_forgets_the_workspace(db: Database) -> None:
    store = DatabaseInstallationStore(db)
    await store.async_save(installation())
    await store.async_save(installation(team="T8"))
    await store.async_delete_all(enterprise_id=None, team_id="T5")
    assert await store.async_find_installation(enterprise_id=None, team_id="T5") is None
    assert await store.async_find_installation(enterprise_id=None, team_id="T5", user_id="U1") is None
    assert await store.async_find_bot(enterprise_id=None, team_id="T8") is not None


async def test_an_oauth_state_is_good_once_and_only_while_fresh(db: Database) -> None:
    states = DatabaseOAuthStateStore(db)
    state = await states.async_issue()
    assert await states.async_consume(state) is True
    assert await states.async_consume(state) is False
    stale = DatabaseOAuthStateStore(db, lifetime=timedelta(seconds=-1))
    assert await stale.async_consume(await stale.async_issue()) is False


@pytest.fixture
async def oauth_slack(companion: Companion, fake_slack: FakeSlack) -> AsyncIterator[SlackDriver]:
    config = SlackConfig(signing_secret=payloads.SECRET, api_url=fake_slack.api_url,
                         oauth=OAuthConfig(client_id="111.222", client_secret="shh"))
    async with running_slack(companion, config, host="127.0.0.1", port=0) as running, \
            aiohttp.ClientSession() as http:
        yield SlackDriver(running, fake_slack, http)


async def install(slack: SlackDriver) -> aiohttp.ClientResponse:
    base = f"http://127.0.0.1:{slack.slack.port}"
    async with slack.http.get(f"{base}/slack/install", allow_redirects=False) as page:
        html = await page.text()
        assert page.status in {200, 302}
    match = re.search(r"state=([\w-]+)", html or page.headers.get("Location", ""))
    assert match is not None and "client_id=111.222" in (html or page.headers["Location"])
    state = match.group(1)
    async with slack.http.get(f"{base}/slack/oauth_redirect", params={"code": "c0de", "state": state},
                              headers={"Cookie": f"slack-app-oauth-state={state}"}) as done:
        await done.read()
        return done


async def test_installing_lets_a_new_workspace_use_studybot(oauth_slack: SlackDriver,
                                                            companion: Companion) -> None:
    done = await install(oauth_slack)
    assert done.status == 200
    [exchange] = oauth_slack.fake.calls_to("oauth.v2.access")
    assert exchange.args["code"] == "c0de"
    await oauth_slack.command("week 3", team="T2")
    await oauth_slack.settle()
    assert oauth_slack.fake.responses()[0]["blocks"][0]["text"]["text"].startswith("Week 3: ")
    assert oauth_slack.fake.calls_to("users.info")[0].token == "xoxb-installed"
    result = await companion.posters.post(ChannelRef(TenantRef(Platform.SLACK, "T2"), "C1"),
                                          Reply.of(Text("Reminder")))
    assert result.ok and oauth_slack.fake.calls_to("chat.postMessage")[0].token == "xoxb-installed"


async def test_a_workspace_that_never_installed_is_told_to_install(oauth_slack: SlackDriver) -> None:
    await oauth_slack.command("week", team="T404")
    await oauth_slack.settle()
    [told] = oauth_slack.fake.responses()
    assert "isn't installed in this workspace" in told["text"]
    assert oauth_slack.slack.adapter.background.started == 0


async def test_a_forged_state_installs_nothing(oauth_slack: SlackDriver) -> None:
    base = f"http://127.0.0.1:{oauth_slack.slack.port}"
    async with oauth_slack.http.get(f"{base}/slack/oauth_redirect", params={"code": "c", "state": "forged"},
                                    headers={"Cookie": "slack-app-oauth-state=forged"}) as done:
        assert done.status >= 400
    assert oauth_slack.fake.calls_to("oauth.v2.access") == []


async def test_the_running_app_is_one_of_many_workspaces(oauth_slack: SlackDriver) -> None:
    assert isinstance(oauth_slack.slack, RunningSlack)
    assert oauth_slack.slack.adapter.bolt.oauth_flow is not None


async def test_uninstalling_the_app_deletes_the_workspaces_token(oauth_slack: SlackDriver,
                                                                 companion: Companion) -> None:
    await install(oauth_slack)
    store = DatabaseInstallationStore(companion.db)
    assert await store.async_find_bot(enterprise_id=None, team_id="T2") is not None
    response = await oauth_slack.event({"type": "app_uninstalled"}, team="T2")
    assert response.status == 200
    await oauth_slack.settle()
    assert await store.async_find_bot(enterprise_id=None, team_id="T2") is None


async def test_a_rotating_token_is_stored_and_read_back(db: Database) -> None:
    store = DatabaseInstallationStore(db)
    await store.async_save(installation(bot_refresh_token="xoxe-1-r", bot_token_expires_in=43200))
    found = await store.async_find_bot(enterprise_id=None, team_id="T5")
    assert found is not None and found.bot_refresh_token == "xoxe-1-r"
    assert isinstance(found.bot_token_expires_at, int)


async def test_an_expiring_token_is_refreshed_for_requests_and_for_scheduled_posts(
        oauth_slack: SlackDriver, companion: Companion) -> None:
    store = DatabaseInstallationStore(companion.db)
    # Ten minutes left: inside Bolt's two-hour refresh margin.
    await store.async_save(installation(team="T5", token="xoxb-expiring", bot_refresh_token="xoxe-1-r",
                                        bot_token_expires_in=600))
    await oauth_slack.command("week 2", team="T5")
    await oauth_slack.settle()
    assert oauth_slack.fake.responses()[0]["blocks"][0]["text"]["text"].startswith("Week 2: ")
    [refresh] = oauth_slack.fake.calls_to("oauth.v2.access")
    assert refresh.args["grant_type"] == "refresh_token" and refresh.args["refresh_token"] == "xoxe-1-r"
    assert oauth_slack.fake.calls_to("users.info")[0].token == "xoxb-refreshed-1"
    saved = await store.async_find_installation(enterprise_id=None, team_id="T5")
    assert saved is not None and saved.bot_token == "xoxb-refreshed-1" and saved.user_id == "U1"

    await store.async_save_bot(installation(team="T5", token="xoxb-stale", bot_refresh_token="xoxe-1-s",
                                            bot_token_expires_in=60).to_bot())
    result = await companion.posters.post(ChannelRef(TenantRef(Platform.SLACK, "T5"), "C1"),
                                          Reply.of(Text("Reminder")))
    assert result.ok
    assert oauth_slack.fake.calls_to("chat.postMessage")[0].token == "xoxb-refreshed-2"
