"""The App Home tab: the learner's week, their canvas at a glance, and buttons.

Everything on it comes from the router, so it shows whatever the core answers to
`week` (and to `canvas` when that capability is installed). The tab's buttons carry
commands too: Previous/Next week show that week in the tab, My canvas arrives in the
DM (with its picture), Search opens a form whose answer arrives in the DM.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from adapters.slack import blockkit, mrkdwn, texts
from adapters.slack.blockkit import Block
from adapters.slack.config import DEFAULT_COMMAND
from bot.messages import Heading, Incoming, Reply
from bot.router import Router

DM_ACTION = "studybot:dm"
SEARCH_ACTION = "studybot:search"
SEARCH_VIEW = "studybot:search"
SEARCH_WORDS = ("search", "lookup", "find", "ask")
CANVAS_WORD = "canvas"
GROUP_WORD = "group"
GRANT_ACTION = "studybot:grant"
SHOWN_BLOCKS = 60
GLANCE_BLOCKS = 20


Dress = Callable[[Reply], Awaitable[Reply]]


async def _as_it_is(reply: Reply) -> Reply:
    return reply


class HomeTab:
    def __init__(self, router: Router, course_title: str, command: str = DEFAULT_COMMAND) -> None:
        self.router = router
        self.course_title = course_title
        self.command = command

    def has(self, word: str) -> bool:
        """Whether any course here has the command (a course without a canvas has no `canvas`)."""
        return any(registry.find(word) is not None for registry in self.router.registries.all())

    def search_word(self) -> str | None:
        return next((w for w in SEARCH_WORDS if self.has(w)), None)

    async def view(self, incoming: Incoming, command: str = "week",
                   dress: Dress = _as_it_is) -> dict[str, Any]:
        """The Home view, showing `command`'s answer (this week by default); `dress`
        finishes each answer for Slack (names for ids)."""
        shown = await dress(await self.router.run_command_line(incoming, command))
        blocks: list[Block] = [
            blockkit.header(self.course_title),
            blockkit.context(mrkdwn.ours(texts.home_intro(self.command))),
            {"type": "divider"},
            *_without_buttons(shown, SHOWN_BLOCKS),
        ]
        if self.has(CANVAS_WORD) and not command.lower().startswith(CANVAS_WORD):
            glance = await dress(await self.router.run_command_line(incoming, CANVAS_WORD))
            titled = bool(glance.parts) and isinstance(glance.parts[0], Heading)
            blocks += [{"type": "divider"},
                       *([] if titled else [blockkit.header(texts.canvas_at_a_glance())]),
                       *_without_buttons(glance, GLANCE_BLOCKS)]
        if self.has(GROUP_WORD) and await self.router.is_facilitator(incoming):
            blocks += [{"type": "divider"}, facilitator_picker()]
        buttons = [{"type": "divider"}, {"type": "actions", "elements": self._buttons()}]
        return {"type": "home", "blocks": [*blockkit.fit(blocks, blockkit.VIEW_BLOCKS - 2), *buttons]}

    def _buttons(self) -> list[dict[str, Any]]:
        buttons = [blockkit.button("◀ Previous week", "week previous", f"{blockkit.RUN_ACTION}:home-back"),
                   blockkit.button("Next week ▶", "week next", f"{blockkit.RUN_ACTION}:home-next",
                                   style="primary")]
        if self.has(CANVAS_WORD):
            buttons.append(blockkit.button("My canvas", CANVAS_WORD, f"{DM_ACTION}:canvas"))
        word = self.search_word()
        if word is not None:
            buttons.append(blockkit.button("Search", word, f"{SEARCH_ACTION}:open"))
        return buttons


def _without_buttons(reply: Reply, limit: int) -> list[Block]:
    """A reply's blocks for the tab; its own buttons give way to the tab's."""
    blocks = blockkit.render(reply, max_blocks=limit, image_note=texts.picture_in_home()).blocks
    return [b for b in blocks if b["type"] != "actions"]


def facilitator_picker() -> Block:
    """Slack's own people menu: no typing, no mistaken names (see grant_picked)."""
    return {"type": "section", "block_id": GRANT_ACTION,
            "text": blockkit.md(mrkdwn.ours(texts.make_facilitator())),
            "accessory": {"type": "users_select", "action_id": GRANT_ACTION,
                          "placeholder": blockkit.plain(texts.pick_someone())}}


def search_modal(word: str) -> dict[str, Any]:
    return {
        "type": "modal", "callback_id": SEARCH_VIEW, "private_metadata": word,
        "title": blockkit.plain(texts.search_title()),
        "submit": blockkit.plain("Search"), "close": blockkit.plain("Cancel"),
        "blocks": [{
            "type": "input", "block_id": "query", "label": blockkit.plain(texts.search_label()),
            "element": {"type": "plain_text_input", "action_id": "query", "max_length": 500,
                        "placeholder": blockkit.plain(texts.search_placeholder())},
        }],
    }


def search_query(view: dict[str, Any]) -> str:
    values = (view.get("state") or {}).get("values") or {}
    return str(((values.get("query") or {}).get("query") or {}).get("value") or "").strip()
