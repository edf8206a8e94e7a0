"""Buttons that ask for a few words first (`TextRequest`): a click opens a modal, and
its submission runs the button's command followed by what was typed.

Slack keeps nothing between the click and the submission, so the button's value
carries what the form needs, and the form's private_metadata carries the command and
the channel the click came from (where the answer goes, and which group it was for).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from adapters.slack.blockkit import plain

FORM_VIEW = "studybot:form"
TITLE_CHARS = 24  # Slack's limit on a modal's title
TYPED_CHARS = 3000


@dataclass(frozen=True)
class Asked:
    """What a submitted form asks the core to run, and where it was opened from."""

    line: str
    channel: str
    direct: bool


def answer_form(value: str, channel: str, direct: bool) -> dict[str, Any] | None:
    """The modal for a click on an asking button; None for a value that is not one of ours."""
    try:
        asked = json.loads(value)
        title, prompt, command = str(asked["title"]), str(asked["prompt"]), str(asked["command"])
        shown = str(asked.get("shown") or "")
    except (ValueError, KeyError, TypeError):
        return None
    blocks: list[dict[str, Any]] = []
    if shown:
        blocks.append({"type": "rich_text", "elements": [{"type": "rich_text_quote", "elements": [
            {"type": "text", "text": shown}]}]})
    blocks.append({"type": "input", "block_id": "typed", "label": plain(prompt, 2000),
                   "element": {"type": "plain_text_input", "action_id": "typed", "multiline": True,
                               "max_length": TYPED_CHARS}})
    return {"type": "modal", "callback_id": FORM_VIEW, "title": plain(title, TITLE_CHARS),
            "submit": plain("Save", TITLE_CHARS), "close": plain("Cancel", TITLE_CHARS),
            "private_metadata": json.dumps({"command": command, "channel": channel,
                                                      "direct": direct}),
            "blocks": blocks}


def submitted(view: dict[str, Any]) -> Asked | None:
    """The command line a submitted form runs; None if nothing usable was typed."""
    try:
        meta = json.loads(str(view.get("private_metadata") or ""))
        command, channel, direct = str(meta["command"]), str(meta["channel"]), bool(meta["direct"])
    except (ValueError, KeyError, TypeError):
        return None
    values = (view.get("state") or {}).get("values") or {}
    typed = str(((values.get("typed") or {}).get("typed") or {}).get("value") or "").strip()
    return Asked(f"{command} {typed}", channel, direct) if typed and command else None


def typed_instead(view: dict[str, Any]) -> str:
    """The command to type when the form cannot open."""
    return str(json.loads(view["private_metadata"])["command"])
