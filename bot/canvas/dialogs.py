"""Conversations the canvas command holds: confirming `clear`, and the coach.

Both keep their state in the dialog row (see bot.store.dialogs), so an answer may
arrive at any replica or after a restart.
"""

from __future__ import annotations

from typing import Any

from bot.canvas import replies as say
from bot.canvas.coach import Step, kind_of_answer, next_step
from bot.canvas.service import CanvasService
from bot.canvas.target import OWN, actor, resolve
from bot.command import Context, UsageError
from bot.course.models import Course
from bot.messages import Reply
from bot.store.dialogs import Dialog, DialogRepository
from bot.weeks.service import WeekService

KIND = "canvas"
YES_WORDS = {"yes", "y", "yes please", "yep", "yeah", "sure", "ok", "okay", "clear", "clear it",
             "do it", "confirm"}


class CanvasDialogs:
    def __init__(self, course: Course, canvas: CanvasService, weeks: WeekService,
                 dialogs: DialogRepository) -> None:
        self.course = course
        self.canvas = canvas
        self.weeks = weeks
        self.dialogs = dialogs

    async def ask_to_clear(self, context: Context, scope: str) -> Reply:
        owner, target = await resolve(context, scope, self.weeks)
        count = len((await self.canvas.view(owner)).entries)
        if count == 0:
            return say.already_empty(target)
        await self.dialogs.start(context.message, Dialog(KIND, {"mode": "clear", "scope": scope}),
                                 context.now)
        return say.confirm_clear(count, target)

    async def start_coach(self, context: Context, scope: str) -> Reply:
        owner, target = await resolve(context, scope, self.weeks)
        step = next_step(self.course.canvas, (await self.canvas.view(owner)).filled(), ())
        if step is None:
            return say.nothing_to_coach(target)
        await self._remember(context, _coach_state(scope, step, passed=[], saved=0))
        return say.coach_intro(step, target)

    async def answer(self, context: Context, text: str) -> Reply:
        dialog = await self.dialogs.get(context.message, context.now)
        state = dialog.state if dialog is not None else {}
        if state.get("mode") == "clear":
            return await self._clear_answer(context, state, text)
        if state.get("mode") == "coach":
            return await self._coach_answer(context, state, text)
        await self.dialogs.end(context.message)
        raise UsageError("I lost track of what we were doing. Type `canvas` to start again.")

    async def _clear_answer(self, context: Context, state: dict[str, Any], text: str) -> Reply:
        await self.dialogs.end(context.message)
        owner, target = await resolve(context, state.get("scope", OWN), self.weeks)
        if " ".join(text.lower().strip(" .!").split()) not in YES_WORDS:
            return say.kept(target)
        count = await self.canvas.clear(owner, await actor(context), context.now)
        return say.cleared(count, target)

    async def _coach_answer(self, context: Context, state: dict[str, Any], text: str) -> Reply:
        scope = state.get("scope", OWN)
        owner, target = await resolve(context, scope, self.weeks)
        step = self._step(state)
        saved, passed = int(state.get("saved", 0)), list(state.get("passed", []))
        kind = kind_of_answer(text)
        if kind == "stop" or step is None:
            await self.dialogs.end(context.message)
            return say.coach_finished(saved, "stopped", target)
        if kind == "another":
            step = Step(step.block, step.question_index + 1)
            await self._remember(context, _coach_state(scope, step, passed, saved))
            return say.coach_another(step, target)
        if kind == "answer":
            try:
                await self.canvas.add(owner, step.block, text, await actor(context), context.now,
                                      action="coach")
            except UsageError as problem:
                await self._remember(context, state)
                return say.coach_retry(str(problem), step, target)
            saved += 1
        passed.append(step.block.id)
        return await self._move_on(context, scope, step, passed, saved, skipped=kind == "skip")

    async def _move_on(self, context: Context, scope: str, done: Step, passed: list[str],
                       saved: int, *, skipped: bool) -> Reply:
        owner, target = await resolve(context, scope, self.weeks)
        filled = (await self.canvas.view(owner)).filled()
        following = next_step(self.course.canvas, filled, passed)
        if following is None:
            await self.dialogs.end(context.message)
            complete = len(filled) == len(self.course.canvas)
            return say.coach_finished(saved, "complete" if complete else "gaps", target)
        await self._remember(context, _coach_state(scope, following, passed, saved))
        if skipped:
            return say.coach_skipped_then(following, target)
        return say.coach_saved_then(done.block, following, target)

    def _step(self, state: dict[str, Any]) -> Step | None:
        block = next((b for b in self.course.canvas if b.id == state.get("block")), None)
        return Step(block, int(state.get("question", 0))) if block else None

    async def _remember(self, context: Context, state: dict[str, Any]) -> None:
        await self.dialogs.start(context.message, Dialog(KIND, state), context.now)


def _coach_state(scope: str, step: Step, passed: list[str], saved: int) -> dict[str, Any]:
    return {"mode": "coach", "scope": scope, "block": step.block.id,
            "question": step.question_index, "passed": passed, "saved": saved}
