"""Everything course notes say to people, in small named functions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.lookup.misses import SearchMiss
from bot.messages import Actions, Bullets, Button, Part, Reply, Text, TextRequest
from bot.notes.store import CourseNote

LISTED_CHARACTERS = 160


def day(at: datetime) -> str:
    return f"{at.day} {at:%b %Y}"


@dataclass(frozen=True)
class OpenQuestion:
    """Near-duplicate open questions, shown as one numbered line."""

    number: int
    asked: tuple[SearchMiss, ...]

    @property
    def text(self) -> str:
        return self.asked[0].query

    @property
    def week(self) -> int | None:
        return next((m.week for m in self.asked if m.week is not None), None)


@dataclass(frozen=True)
class Figures:
    answered_by_notes: int  # questions a note answered in the last 7 days
    still_open: int
    median_wait: timedelta | None  # from asking to a facilitator's answer


def open_questions(found: Sequence[OpenQuestion], figures: Figures) -> Reply:
    if not found:
        parts: list[Part] = [Text("No open questions: every question was found in the course, "
                                  "answered or dismissed.")]
    else:
        lines, first = tuple(_line(q) for q in found), found[0].number
        parts = [Text("**Questions the course left open** (who asked is never shown):"),
                 Bullets(lines, from_user=True),
                 Text(f"Answer one with `misses answer {first} <your answer>`, or with result 1 of your "
                      f"last search: `misses answer {first} with 1`. `misses dismiss {first}` closes it "
                      "unanswered."),
                 Actions(tuple(_answer_button(q) for q in found[:5]))]
    parts.append(Text(_figures(figures)))
    return Reply(parts=tuple(parts), private=True, summary="Open questions")


def _answer_button(question: OpenQuestion) -> Button:
    """Opens a form for the answer where the platform has forms; else asks for the next message."""
    return Button(f"Answer {question.number}", f"misses reply {question.number}",
                  asks=TextRequest("Your answer, for every learner who asks this",
                                   f"misses answer {question.number}", shown=question.text))


def _line(question: OpenQuestion) -> str:
    learners, times = len({m.user_id for m in question.asked}), len(question.asked)
    who = (f"{learners} learners asked something like" if learners > 1
           else f"asked {times} times" if times > 1 else "asked")
    week = f", week {question.week}" if question.week is not None else ""
    # Groups only: a DM or another channel would point at a learner.
    places = [f"in {name}" for name in sorted({m.group_name for m in question.asked if m.group_name})]
    if any(m.group_name is None for m in question.asked):
        places.append("outside a group's channel")
    where = f", {' and '.join(places)}"
    latest = day(question.asked[-1].created_at)
    return f"{question.number}. {who}: “{question.text[:LISTED_CHARACTERS]}” ({latest}{week}{where})"


def _figures(figures: Figures) -> str:
    wait = ("no answers yet" if figures.median_wait is None
            else f"median time to an answer {_span(figures.median_wait)}")
    return (f"_This week notes answered {figures.answered_by_notes} question"
            f"{'' if figures.answered_by_notes == 1 else 's'}; {figures.still_open} open; {wait}._")


def _span(wait: timedelta) -> str:
    hours = wait.total_seconds() / 3600
    if hours < 1:
        return f"{max(1, round(hours * 60))} min"
    if hours < 48:
        return f"{round(hours)} h"
    return f"{round(hours / 24)} days"


def no_such_question(numbers: Sequence[int]) -> Reply:
    if not numbers:
        return Reply.of(Text("There are no open questions to answer; `misses` lists them when there are."),
                        private=True)
    shown = ", ".join(str(n) for n in numbers[:10])
    return Reply.of(Text(f"The open questions are numbered {shown}; pick one of their numbers, like "
                         f"`misses answer {numbers[0]} <your answer>`."), private=True)


def answered(note: CourseNote, asked: int, telling: bool) -> Reply:
    told = ((" I'll message the learner who asked, once." if asked == 1 else
             f" I'll message the {asked} learners who asked, once each.")
            if telling else " I couldn't find a group to send from, so askers are not messaged; "
            "answer from your group's channel to message them.")
    return Reply.of(Text(f"Saved as course note {note.number}. The next learner who asks something "
                         f"like it gets your answer first.{told}"),
                    Text("`notes` lists the notes; `notes edit "
                         f"{note.number} <text>` changes this one."), private=True, summary="Note saved")


def closed_meanwhile() -> Reply:
    return Reply.of(Text("Another facilitator answered or dismissed that question meanwhile; `misses` "
                         "lists the open ones."), private=True)


def dismissed(question: OpenQuestion) -> Reply:
    return Reply.of(Text(f"Closed without an answer: “{question.text}”.", from_user=True), private=True)


def no_last_search() -> Reply:
    return Reply.of(Text("Search first, then adopt one of its results: `search <words>`, then "
                         "`misses answer 1 with 2`."), private=True)


def no_such_result(count: int) -> Reply:
    return Reply.of(Text(f"Your last search showed {count} results; pick one of them, like "
                         "`misses answer 1 with 1`."), private=True)


def empty_answer() -> str:
    return "Write the answer after the number, like `misses answer 1 The slides are in week 2.`"


def noted(note: CourseNote) -> list[Part]:
    """A note answering a learner's question, labelled as the facilitator's."""
    return [Text(f"**Your facilitator answered this on {day(note.created_at)}:**"),
            Text(note.answer, from_user=True),
            Text(f"_Course note {note.number}, for “{note.questions[0]}”._", from_user=True)]


def answered_dm(note: CourseNote, question: SearchMiss) -> Reply:
    return Reply.of(
        Text(f"A facilitator answered the question you asked on {day(question.created_at)}:"),
        Text(f"“{question.query}”", from_user=True),
        Text(note.answer, from_user=True),
        Text("Turn these messages off with `notes off`."),
        summary="Your question was answered")


def answered_in_thread(note: CourseNote, question: SearchMiss) -> Reply:
    """In reply to the question's own message, which the platform shows (and links) above it."""
    return Reply.of(
        Text(f"A facilitator answered this question, asked on {day(question.created_at)}:"),
        Text(note.answer, from_user=True),
        Text("Turn these messages off with `notes off`."),
        summary="Your question was answered")


def notes_list(notes: Sequence[CourseNote]) -> Reply:
    if not notes:
        return Reply.of(Text("No course notes yet. Facilitators write them by answering `misses`."),
                        private=True)
    lines = tuple(f"{n.number}. “{n.questions[0][:LISTED_CHARACTERS]}”: {n.answer[:LISTED_CHARACTERS]} "
                  f"({n.author_name}, {day(n.created_at)})" for n in notes)
    return Reply.of(Text(f"**Course notes** ({len(notes)}): facilitators' answers to questions the course "
                         "left open."), Bullets(lines, from_user=True), private=True, summary="Course notes")


def no_such_note(number: str) -> Reply:
    return Reply.of(Text(f"There's no course note {number}; `notes` lists them."), private=True)


def note_changed(note: CourseNote) -> Reply:
    return Reply.of(Text(f"Course note {note.number} now says:"), Text(note.answer, from_user=True),
                    private=True)


def note_removed(note: CourseNote) -> Reply:
    return Reply.of(Text(f"Removed course note {note.number}. Its questions will no longer get it."),
                    private=True)


def notes_off(off: bool) -> Reply:
    if off:
        return Reply.of(Text("Done: I won't message you when a facilitator answers your questions. "
                             "`notes on` turns it back on."), private=True)
    return Reply.of(Text("Done: I'll message you once when a facilitator answers a question you asked."),
                    private=True)


def notes_usage() -> str:
    return ("Say `notes` to list them, `notes edit 2 <new answer>`, `notes remove 2`, or `notes off` / "
            "`notes on` for messages about your own questions.")
