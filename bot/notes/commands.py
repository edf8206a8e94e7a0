"""`misses` (answer, dismiss) and `notes` (list, edit, remove, off, on).

Facilitators answer the questions the course left open; the answer becomes a course note
that answers the next learner who asks something like it, and each asker hears back once.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from bot import replies
from bot.audit.service import AuditLog
from bot.command import Command, Context, Intent, UsageError
from bot.lookup import replies as lookup_say
from bot.lookup.last_search import LastSearchRepository
from bot.messages import Reply, Text
from bot.notes import replies as say
from bot.notes.audience import Telling
from bot.notes.replies import OpenQuestion
from bot.notes.service import NotesService
from bot.notes.store import NotesOff
from bot.store.dialogs import Dialog, DialogRepository

KIND = "misses"
ANSWER = re.compile(r"(?:answer|reply)\s+(?P<number>\d{1,4})(?:\s+(?P<text>.+))?", re.IGNORECASE | re.DOTALL)
ADOPT = re.compile(r"with\s+(?:result\s+)?(?P<result>\d{1,2})", re.IGNORECASE)
DISMISS = re.compile(r"dismiss\s+(?P<number>\d{1,4})", re.IGNORECASE)
EDIT = re.compile(r"edit\s+(?P<number>\d{1,5})(?:\s+(?P<text>.+))?", re.IGNORECASE | re.DOTALL)
REMOVE = re.compile(r"(?:remove|delete)\s+(?P<number>\d{1,5})", re.IGNORECASE)
# While a facilitator is asked for an answer, these still reach their commands.
NOT_AN_ANSWER = {"misses", "notes", "gaps"}


class NotesCommands:
    def __init__(self, service: NotesService, last: LastSearchRepository, off: NotesOff, telling: Telling,
                 dialogs: DialogRepository, audit: AuditLog | None = None) -> None:
        self.service = service
        self.last = last
        self.off = off
        self.telling = telling
        self.dialogs = dialogs
        self.audit = audit or AuditLog(None)

    def commands(self) -> Sequence[Command]:
        return [
            Command(name="misses", summary="Questions the course left open: answer or dismiss them",
                    usage=("misses", "misses answer 1 The slides are in the week 2 folder",
                           "misses answer 1 with 2", "misses dismiss 1"),
                    aliases=("gaps",), topic="lookup", facilitator_only=True, free_text=True,
                    details="An answer becomes a course note: the next learner who asks something like "
                            "it gets it first, and each learner who asked is messaged once.",
                    handler=self.misses, on_answer=self.typed_answer, accepts=_is_answer),
            Command(name="notes", summary="Facilitators' answers to questions the course left open",
                    usage=("notes", "notes edit 1 A better answer", "notes remove 1", "notes off"),
                    topic="lookup", free_text=True, handler=self.notes),
        ]

    def intents(self) -> Sequence[Intent]:
        return []

    # ---- misses -----------------------------------------------------------------
    async def misses(self, context: Context, args: str) -> Reply:
        tenant = context.message.user.tenant
        words = args.strip()
        if not words:
            found = await self.service.open_questions(tenant)
            return say.open_questions(found, await self.service.figures(tenant, context.now, len(found)))
        if match := DISMISS.fullmatch(words):
            question = await self._question(context, int(match["number"]))
            if isinstance(question, Reply):
                return question
            await self.service.dismiss(tenant, question.asked, context.now)
            await self.audit.record(context.message, "misses dismiss", context.now, detail=question.text)
            return say.dismissed(question)
        if match := ANSWER.fullmatch(words):
            question = await self._question(context, int(match["number"]))
            if isinstance(question, Reply):
                return question
            text = (match["text"] or "").strip()
            if adopted := ADOPT.fullmatch(text):
                return await self._adopt(context, question, int(adopted["result"]))
            if not text:
                return await self._ask_for_answer(context, question)
            return await self._answer(context, question, text)
        raise UsageError("Say `misses` to list the open questions, `misses answer 1 <answer>`, "
                         "`misses answer 1 with 2` (result 2 of your last search) or `misses dismiss 1`.")

    async def _question(self, context: Context, number: int) -> OpenQuestion | Reply:
        found = await self.service.open_questions(context.message.user.tenant)
        chosen = next((q for q in found if q.number == number), None)
        return chosen if chosen is not None else say.no_such_question([q.number for q in found])

    async def _answer(self, context: Context, question: OpenQuestion, text: str) -> Reply:
        note = await self.service.answer(context.message.user, question.asked, text, question.week,
                                         context.now)
        if note is None:
            return say.closed_meanwhile()
        telling = await self.telling.tell(context.message, note, context.now)
        await self.audit.record(context.message, "misses answer", context.now,
                                detail=f"note {note.number}: {question.text}")
        return say.answered(note, len({m.user_id for m in question.asked}), telling)

    async def _adopt(self, context: Context, question: OpenQuestion, result: int) -> Reply:
        """Result `result` of the facilitator's last search is the answer: the course did cover it."""
        last = await self.last.get(context.message)
        if last is None:
            return say.no_last_search()
        lookup = self.service.lookup
        query = lookup.parse(last.query)
        hits = (await lookup.search(query, limit=lookup_say.ANSWER_HITS)).hits
        page = lookup_say.moment_chain(hits, query.text or last.query, wanted=lookup_say.PER_PAGE)
        if not 1 <= result <= len(page):
            return say.no_such_result(len(page))
        # Plain words: a note is shown as text its writer gave, with no markup.
        moment = page[result - 1]
        adopted = f"The course covers this: {lookup_say.where(moment.passage, moment.start)}: {moment.text}"
        return await self._answer(context, question, adopted)

    async def _ask_for_answer(self, context: Context, question: OpenQuestion) -> Reply:
        state = {"ids": [m.id for m in question.asked], "text": question.text}
        await self.dialogs.start(context.message, Dialog(KIND, state), context.now)
        return Reply.of(Text("Your answer to this question, in one message (`cancel` leaves it open):"),
                        Text(f"“{question.text}”", from_user=True), private=True)

    async def typed_answer(self, context: Context, text: str) -> Reply:
        dialog = await self.dialogs.get(context.message, context.now)
        await self.dialogs.end(context.message)
        if text.strip().lower() in {"cancel", "stop", "never mind"}:
            return Reply.of(Text("Left open; `misses` lists it."), private=True)
        ids = set((dialog.state if dialog is not None else {}).get("ids", ()))
        found = await self.service.open_questions(context.message.user.tenant)
        question = next((q for q in found if ids & {m.id for m in q.asked}), None)
        if question is None:
            return say.closed_meanwhile()
        return await self._answer(context, question, text.strip())

    # ---- notes ------------------------------------------------------------------
    async def notes(self, context: Context, args: str) -> Reply:
        words = args.strip()
        tenant = context.message.user.tenant
        if not words:
            return say.notes_list(await self.service.notes.all(tenant))
        if words.lower() in {"off", "on"}:
            off = words.lower() == "off"
            await self.off.set(context.message.user, off, context.now)
            return say.notes_off(off)
        edit, remove = EDIT.fullmatch(words), REMOVE.fullmatch(words)
        if edit is None and remove is None:
            raise UsageError(say.notes_usage())
        if not await context.is_facilitator():
            return replies.facilitators_only("notes edit")
        if edit is not None:
            if not (edit["text"] or "").strip():
                raise UsageError(f"Write the new answer after the number: `notes edit {edit['number']} ...`.")
            changed = await self.service.notes.edit(tenant, int(edit["number"]), edit["text"].strip(),
                                                    context.now)
            if changed is None:
                return say.no_such_note(edit["number"])
            await self.audit.record(context.message, "notes edit", context.now,
                                    detail=f"note {changed.number}: {changed.answer}")
            return say.note_changed(changed)
        assert remove is not None
        removed = await self.service.notes.remove(tenant, int(remove["number"]))
        if removed is None:
            return say.no_such_note(remove["number"])
        await self.audit.record(context.message, "notes remove", context.now,
                                detail=f"note {removed.number}: {removed.questions[0]}")
        return say.note_removed(removed)


def _is_answer(state: dict[str, Any], text: str) -> bool | None:
    first = text.strip().split(" ", 1)[0].lower()
    return first not in NOT_AN_ANSWER
