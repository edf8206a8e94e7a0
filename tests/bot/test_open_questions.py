"""Whether a message sent while the bot waits on an answer is that answer."""

from __future__ import annotations

import pytest

from bot.command import Command, Context
from bot.messages import Reply
from bot.open_questions import Verdict, choice, verdict
from bot.slips import one_edit_apart


async def _nothing(context: Context, args: str) -> Reply:
    return Reply()


COACH = Command("coach", "", ("coach",), _nothing, on_answer=_nothing)
WEEK = Command("week", "", ("week", "week 3", "week next"), _nothing)
GROUP = Command("group", "", ("group", "group join"), _nothing)


@pytest.mark.parametrize("text, command, expected", [
    ("tenants in social housing", None, Verdict.ANSWER),
    ("what week is it?", None, Verdict.ROUTE),
    ("thanks!", None, Verdict.ROUTE),
    ("who lives near the park", None, Verdict.UNSURE),
    ("week 5", WEEK, Verdict.ROUTE),
    ("week next", WEEK, Verdict.ROUTE),
    ("week", WEEK, Verdict.ROUTE),
    ("group join", GROUP, Verdict.ROUTE),
    ("group of residents", GROUP, Verdict.UNSURE),
    ("coach me", COACH, Verdict.ROUTE),
])
def test_verdict(text: str, command: Command | None, expected: Verdict) -> None:
    rest = text.partition(" ")[2]
    assert verdict(COACH, command, rest, text) is expected


def test_yes_no_or_neither() -> None:
    assert choice("Yes!") is True and choice("no thanks") is False and choice("maybe") is None


@pytest.mark.parametrize("a, b, near", [("wek", "week", True), ("weak", "week", True),
                                        ("ewek", "week", True), ("week", "week", False),
                                        ("wk", "week", False), ("seeks", "week", False)])
def test_one_edit_apart(a: str, b: str, near: bool) -> None:
    assert one_edit_apart(a, b) is near
