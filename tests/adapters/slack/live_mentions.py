"""Finds anything in a Slack message payload that Slack could turn into a live mention.

Slack parses `<!here>`, `<@U…>`, `<!subteam^…>`, `<#C…>` and links in `mrkdwn` text and
in a message's top-level `text`; with `verbatim` off it may also parse bare `@here`.
`plain_text` and rich_text `text` elements are shown literally, but we hold them to the
same rule anyway. Rich-text `user`/`usergroup`/`broadcast`/`channel` elements ping by
construction, so none may appear.
"""

from __future__ import annotations

import re
from typing import Any

BROADCAST_WORD = re.compile(r"[@＠﹫](?:everyone|here|channel)", re.IGNORECASE)
CONTROL = re.compile(r"<[!@#^]")
# `<!date^UNIX^format|fallback>` only shows a time in the reader's zone: it pings no one.
DATE_TOKEN = re.compile(r"<!date\^\d+\^[^|<>]*\|[^<>]*>")
PINGING_ELEMENTS = {"user", "usergroup", "broadcast", "channel"}


def live_mentions(payload: Any) -> list[str]:
    """Every offending string or element in `payload` (a message, a view, a block list)."""
    found: list[str] = []
    _walk(payload, found, parsed=False)
    if isinstance(payload, dict) and isinstance(payload.get("text"), str):
        _check(payload["text"], found, parsed=True)
    return found


def _walk(node: Any, found: list[str], *, parsed: bool) -> None:
    if isinstance(node, list):
        for item in node:
            _walk(item, found, parsed=parsed)
        return
    if not isinstance(node, dict):
        return
    kind = node.get("type")
    if kind in PINGING_ELEMENTS:
        found.append(f"rich text {kind} element")
    if kind == "mrkdwn":
        _check(str(node.get("text", "")), found, parsed=True)
        if node.get("verbatim") is not True:
            found.append("mrkdwn without verbatim: Slack may parse bare mentions")
    elif kind in {"plain_text", "text"}:
        _check(str(node.get("text", "")), found, parsed=False)
    for value in node.values():
        if isinstance(value, dict | list):
            _walk(value, found, parsed=parsed)


def _check(text: str, found: list[str], *, parsed: bool) -> None:
    text = DATE_TOKEN.sub("", text) if parsed else text
    if BROADCAST_WORD.search(text):
        found.append(f"bare broadcast in {text!r}")
    if parsed and "<" in text:
        found.append(f"unescaped '<' in parsed text {text!r}")
    elif CONTROL.search(text):
        found.append(f"control sequence in {text!r}")
