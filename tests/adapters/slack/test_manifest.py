"""`studybot slack manifest`: a complete manifest Slack accepts, in one mode at a time,
with exactly the scopes the code uses."""

from __future__ import annotations

import re
from typing import Any

import pytest
import yaml

from adapters.cli import main
from adapters.slack.config import DEFAULT_SCOPES, HISTORY_SCOPES
from adapters.slack.manifest import BOT_EVENTS, manifest

# Slack's manifest reference (api.slack.com/reference/manifests): the keys each section
# takes, which are required, and their documented limits. A key outside this tree is
# refused when the manifest is pasted.
KNOWN: dict[str, Any] = {
    "_metadata": {"major_version": int, "minor_version": int},
    "display_information": {"name": str, "description": str, "long_description": str,
                            "background_color": str},
    "settings": {
        "allowed_ip_address_ranges": list,
        "event_subscriptions": {"request_url": str, "bot_events": list, "user_events": list},
        "interactivity": {"is_enabled": bool, "request_url": str, "message_menu_options_url": str},
        "org_deploy_enabled": bool, "socket_mode_enabled": bool, "token_rotation_enabled": bool,
    },
    "features": {
        "app_home": {"home_tab_enabled": bool, "messages_tab_enabled": bool,
                     "messages_tab_read_only_enabled": bool},
        "bot_user": {"display_name": str, "always_online": bool},
        "shortcuts": list, "slash_commands": list, "unfurl_domains": list, "workflow_steps": list,
    },
    "oauth_config": {"redirect_urls": list, "scopes": {"bot": list, "user": list}},
}
SLASH_COMMAND_KEYS = {"command", "description", "should_escape", "url", "usage_hint"}
REQUIRED = {("display_information", "name"), ("features", "bot_user", "display_name"),
            ("settings", "interactivity", "is_enabled")}
LIMITS = {("display_information", "name"): 35, ("display_information", "description"): 140,
          ("features", "bot_user", "display_name"): 80}


def unknown_keys(value: Any, schema: Any, path: tuple[str, ...] = ()) -> list[str]:
    if isinstance(schema, dict):
        if not isinstance(value, dict):
            return [f"{'.'.join(path)} should be a mapping"]
        found = [f"{'.'.join((*path, k))} is not a manifest key" for k in value if k not in schema]
        return found + [p for k, v in value.items() if k in schema
                        for p in unknown_keys(v, schema[k], (*path, k))]
    return [] if isinstance(value, schema) else [f"{'.'.join(path)} should be {schema.__name__}"]


def dig(content: dict[str, Any], path: tuple[str, ...]) -> Any:
    for key in path:
        content = content.get(key) if isinstance(content, dict) else None  # type: ignore[assignment]
    return content


def problems(content: dict[str, Any]) -> list[str]:
    found = unknown_keys(content, KNOWN)
    found += [f"{'.'.join(p)} is required" for p in REQUIRED if dig(content, p) is None]
    found += [f"{'.'.join(p)} is over {n}" for p, n in LIMITS.items() if len(dig(content, p) or "") > n]
    if not re.fullmatch(r"[\w\-.]+", dig(content, ("features", "bot_user", "display_name")) or ""):
        found.append("bot_user.display_name may only use a-z, 0-9, -, _ and .")
    for slash in dig(content, ("features", "slash_commands")) or []:
        found += [f"slash command key {k}" for k in set(slash) - SLASH_COMMAND_KEYS]
        if not (slash.get("description") and re.fullmatch(r"/.{1,31}", slash.get("command", ""))):
            found.append(f"slash command {slash} needs a /command of at most 32 and a description")
    return found


def test_the_checker_catches_what_slack_would_refuse() -> None:
    assert problems({"display_information": {"name": "x" * 40}, "settings": {"socket": True}})


@pytest.mark.parametrize("base_url", ["https://studybot.example.org", None], ids=["http", "socket"])
def test_each_mode_is_a_valid_complete_manifest(base_url: str | None) -> None:
    content = manifest(command="/study", base_url=base_url)
    assert problems(content) == []
    assert content["features"]["app_home"] == {"home_tab_enabled": True, "messages_tab_enabled": True,
                                               "messages_tab_read_only_enabled": False}
    assert content["settings"]["event_subscriptions"]["bot_events"] == list(BOT_EVENTS)
    assert content["settings"]["interactivity"]["is_enabled"] is True
    assert content["oauth_config"]["scopes"]["bot"] == list(DEFAULT_SCOPES)
    [slash] = content["features"]["slash_commands"]
    assert slash["command"] == "/study" and slash["should_escape"] is True


def test_http_mode_names_every_url_and_socket_mode_none() -> None:
    http = manifest(command="/study", base_url="https://studybot.example.org")
    events = "https://studybot.example.org/slack/events"
    assert http["settings"]["socket_mode_enabled"] is False
    assert http["features"]["slash_commands"][0]["url"] == events
    assert http["settings"]["event_subscriptions"]["request_url"] == events
    assert http["settings"]["interactivity"]["request_url"] == events
    assert http["oauth_config"]["redirect_urls"] == ["https://studybot.example.org/slack/oauth_redirect"]
    socket = manifest(command="/study", base_url=None)
    assert socket["settings"]["socket_mode_enabled"] is True
    assert "https://" not in yaml.safe_dump(socket)


def test_checking_before_a_repost_asks_for_the_history_scopes() -> None:
    content = manifest(command="/study", base_url=None, dedupe_posts=True)
    assert content["oauth_config"]["scopes"]["bot"] == [*DEFAULT_SCOPES, *HISTORY_SCOPES]


def run_studybot(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["slack", "manifest", *args])
    printed = capsys.readouterr()
    return code, printed.out, printed.err


def test_the_command_prints_yaml_that_reads_back_the_same(capsys: pytest.CaptureFixture[str],
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SLACK_COMMAND", "/learn")
    code, out, err = run_studybot(capsys, "--http", "https://bot.example.org/")
    assert code == 0, err
    printed = yaml.safe_load(out)
    assert printed == manifest(command="/learn", base_url="https://bot.example.org")
    assert problems(printed) == []


def test_a_plain_http_address_or_a_bad_command_name_is_refused_in_one_line(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    code, _, err = run_studybot(capsys, "--http", "http://bot.example.org")
    assert code == 2 and err.startswith("studybot: --http needs")
    monkeypatch.setenv("SLACK_COMMAND", "/Study Bot")
    code, _, err = run_studybot(capsys, "--socket")
    assert code == 2 and err.strip().startswith("studybot: SLACK_COMMAND should")
