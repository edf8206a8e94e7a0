"""One round of questions as a conversation, kept in the dialog row.

The state (the round's item ids, where we are, the score, when the question was asked)
lives in the database (bot.store.dialogs), so the answer may reach any replica, or
arrive after a restart; a button names its item, so a second click cannot count twice.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.command import Context
from bot.course.quiz import QuizItem, QuizKind
from bot.messages import Part, Reply
from bot.quiz import replies as say
from bot.quiz.answers import check
from bot.quiz.service import QuizService, Where
from bot.quiz.spacing import days_until
from bot.store.dialogs import Dialog, DialogRepository

KIND = "quiz"
STOP_WORDS = {"stop", "quit", "done", "exit", "cancel", "enough", "later", "quiz stop"}
SKIP_WORDS = {"skip", "pass", "next", "don't know", "dont know", "no idea", "quiz skip"}


class QuizRound:
    def __init__(self, quiz: QuizService, dialogs: DialogRepository) -> None:
        self.quiz = quiz
        self.dialogs = dialogs

    async def start(self, context: Context, items: list[QuizItem], where: Where) -> Reply:
        state = {"items": [i.id for i in items], "at": 0, "right": 0, "asked": 0, "back": {},
                 "zone": where.zone.key, "group": where.group_id}
        return await self._ask(context, state, [])

    async def typed(self, context: Context, text: str) -> Reply:
        state = await self._state(context)
        if state is None:
            return say.stopped_elsewhere()
        said = " ".join(text.lower().strip(" .!?").split())
        if said in STOP_WORDS:
            return await self.stop(context)
        if said in SKIP_WORDS:
            return await self.skip(context)
        item = self._current(state)
        if item is None:
            return await self.stop(context)
        return await self._grade(context, state, item, text)

    def accepts(self, state: dict[str, Any], text: str) -> bool | None:
        """Whether `text` answers the question asked (None: a short answer, can't tell)."""
        said = " ".join(text.lower().strip(" .!?").split())
        if said in STOP_WORDS or said in SKIP_WORDS:
            return True
        item = self._current(dict(state)) if "items" in state else None
        if item is None:
            return None
        if item.kind is QuizKind.SHORT:
            return True if check(item, text).right else None
        return check(item, text).understood

    async def clicked(self, context: Context, item_id: str, text: str) -> Reply:
        state = await self._state(context)
        if state is None:
            return say.stopped_elsewhere()
        item = self._current(state)
        if item is None or item.id != item_id:
            return say.answered_already()
        return await self._grade(context, state, item, text)

    async def skip(self, context: Context) -> Reply:
        state = await self._state(context)
        if state is None:
            return say.stopped_elsewhere()
        state["at"] += 1
        return await self._ask(context, state, [])

    async def stop(self, context: Context) -> Reply:
        state = await self._state(context)
        await self.dialogs.end(context.message)
        if state is None:
            return say.stopped_elsewhere()
        return Reply(parts=tuple(_summary(state)), private=True, summary="Quiz finished")

    async def _grade(self, context: Context, state: dict[str, Any], item: QuizItem,
                     text: str) -> Reply:
        verdict = check(item, text)
        if not verdict.understood:
            return say.unclear(item)
        seconds = _seconds_since(state.get("asked_at"), context.now)
        review = await self.quiz.answer(context.message, item, verdict.right, seconds, context.now,
                                        state.get("group", ""))
        days = days_until(review.due_at, context.now, ZoneInfo(state["zone"]))
        back = state["back"]
        back[str(days)] = back.get(str(days), 0) + 1
        state["asked"] += 1
        state["right"] += 1 if verdict.right else 0
        state["at"] += 1
        return await self._ask(context, state, say.feedback(self.quiz.course, item, verdict.right))

    async def _ask(self, context: Context, state: dict[str, Any], before: list[Part]) -> Reply:
        item = self._current(state)
        if item is None:
            await self.dialogs.end(context.message)
            parts = [*before, *_summary(state)]
            return Reply(parts=tuple(parts), private=True, summary="Quiz finished")
        state["asked_at"] = context.now.isoformat()
        await self.dialogs.start(context.message, Dialog(KIND, state), context.now)
        parts = [*before, *say.question(item, state["at"] + 1, len(state["items"]))]
        return Reply(parts=tuple(parts), private=True, summary=item.question)

    def _current(self, state: dict[str, Any]) -> QuizItem | None:
        """The question being asked; items a pack has since removed are passed over."""
        items: list[str] = state["items"]
        while state["at"] < len(items):
            item = self.quiz.item(items[state["at"]])
            if item is not None:
                return item
            state["at"] += 1
        return None

    async def _state(self, context: Context) -> dict[str, Any] | None:
        dialog = await self.dialogs.get(context.message, context.now)
        if dialog is None or dialog.kind != KIND or "items" not in dialog.state:
            return None
        return dialog.state


def _summary(state: dict[str, Any]) -> list[Part]:
    back = {int(days): count for days, count in state.get("back", {}).items()}
    return say.summary(state.get("right", 0), state.get("asked", 0), back)


def _seconds_since(asked_at: str | None, now: datetime) -> float | None:
    if not asked_at:
        return None
    try:
        return max(0.0, (now - datetime.fromisoformat(asked_at)).total_seconds())
    except ValueError:
        return None
