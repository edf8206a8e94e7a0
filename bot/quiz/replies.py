"""What the quiz says: questions, feedback, summaries, stats and the facilitator report."""

from __future__ import annotations

from collections.abc import Sequence

from bot.course.models import Course
from bot.course.quiz import QuizItem, QuizKind
from bot.messages import Actions, Bullets, Button, Heading, Part, Quote, QuoteSource, Reply, Text
from bot.quiz.service import WeekStats
from bot.quiz.store import Missed

LABEL_CHARS = 70
STOP = Button("Stop", "quiz stop")


def question(item: QuizItem, number: int, of: int) -> list[Part]:
    parts: list[Part] = [Heading(f"Question {number} of {of} · week {item.week}"), Text(item.question)]
    if item.kind is QuizKind.CHOICE:
        parts.append(Bullets(item.choices, numbered=True))
        if len(item.right_choices) > 1:
            parts.append(Text("More than one is right: type all their numbers, e.g. `1 3`."))
            parts.append(Actions((Button("Skip", "quiz skip"), STOP)))
        else:
            parts.append(Text("Pick one, or type its number."))
            parts.append(Actions((*(_choice_button(item, i, c) for i, c in enumerate(item.choices)),
                                  STOP)))
    elif item.kind is QuizKind.TRUEFALSE:
        parts.append(Text("True or false?"))
        parts.append(Actions((Button("True", f"quiz answer {item.id} true"),
                              Button("False", f"quiz answer {item.id} false"), STOP)))
    else:
        parts.append(Text("Type your answer (a few words is enough)."))
        parts.append(Actions((Button("Skip", "quiz skip"), STOP)))
    return parts


def _choice_button(item: QuizItem, index: int, choice: str) -> Button:
    label = f"{index + 1}. {choice}"
    if len(label) > LABEL_CHARS:
        label = label[:LABEL_CHARS - 1].rstrip() + "…"
    return Button(label, f"quiz answer {item.id} {index + 1}")


def right_answer(item: QuizItem) -> str:
    if item.kind is QuizKind.CHOICE:
        return "; ".join(f"{i + 1}. {item.choices[i]}" for i in sorted(item.right_choices))
    if item.kind is QuizKind.TRUEFALSE:
        return "true" if item.truth else "false"
    return item.accepted[0]


def feedback(course: Course, item: QuizItem, right: bool) -> list[Part]:
    verdict = "**Right!**" if right else f"**Not quite.** The answer: {right_answer(item)}."
    parts: list[Part] = [Text(verdict)]
    if item.explanation:
        parts.append(Text(item.explanation))
    moment = _moment(course, item)
    if moment is not None:
        parts.append(moment)
    return parts


def _moment(course: Course, item: QuizItem) -> Quote | None:
    """The words of the video the item comes from, at its time (or its first words)."""
    week = course.week(item.week)
    video = next((v for v in week.videos if v.title == item.video), None) if week else None
    if video is None or not video.transcript:
        return None
    at = item.at or 0.0
    timed = [t for t in video.transcript if t.start is not None and t.start <= at]
    turn = timed[-1] if timed else video.transcript[0]
    text = turn.text if len(turn.text) <= 300 else turn.text[:299].rstrip() + "…"
    return Quote(text, QuoteSource(item.week, video.title, course.speaker_name(turn.speaker),
                                   turn.start))


def unclear(item: QuizItem) -> Reply:
    if item.kind is QuizKind.CHOICE:
        hint = f"Type a number from 1 to {len(item.choices)}"
    elif item.kind is QuizKind.TRUEFALSE:
        hint = "Type `true` or `false`"
    else:
        hint = "Type your answer"
    return Reply.of(Text(f"I couldn't read that as an answer. {hint}, `skip` to move on, or "
                         "`stop` to finish."), Actions((STOP,)), private=True)


def summary(right: int, asked: int, back: dict[int, int]) -> list[Part]:
    if asked == 0:
        return [Text("Quiz stopped. Type `quiz` whenever you want another go.")]
    when = ", ".join(_when(days, count) for days, count in sorted(back.items()))
    lines = [f"**{right} of {asked}** right."]
    if when:
        lines.append(f"{when}.")
    lines.append("Type `quiz stats` to see how you are doing, or `quiz` for more.")
    return [Text(" ".join(lines))]


def _when(days: int, count: int) -> str:
    what = "1 comes back" if count == 1 else f"{count} come back"
    if days <= 0:
        return f"{what} later today"
    if days == 1:
        return f"{what} tomorrow"
    return f"{what} in {days} days"


def nothing_due(week: int) -> Reply:
    return Reply.of(Text(f"Nothing to review today, and week {week} has no questions. "
                         "Try `quiz week 1`."), private=True)


def no_such_week(course: Course, week: int) -> Reply:
    weeks = sorted({item.week for item in course.quiz})
    listed = ", ".join(str(w) for w in weeks)
    return Reply.of(Text(f"Week {week} has no quiz questions. Weeks with questions: {listed}. "
                         f"Try `quiz week {weeks[0]}`."), private=True)


def stopped_elsewhere() -> Reply:
    return Reply.of(Text("That quiz has finished. Type `quiz` to start a new one."), private=True)


def answered_already() -> Reply:
    return Reply.of(Text("That question is already answered; the current one is above. "
                         "Type `quiz stop` to finish."), private=True)


def stats(course: Course, weeks: Sequence[WeekStats]) -> Reply:
    lines = [_stats_line(w) for w in weeks]
    seen = sum(w.seen for w in weeks)
    due = sum(w.due_today for w in weeks)
    parts: list[Part] = [Heading("Your quiz so far"), Bullets(tuple(lines))]
    if seen == 0:
        parts.append(Text("No answers yet. Type `quiz` to start."))
    else:
        parts.append(Text(f"{due} due today. Type `quiz` to review them." if due
                          else "Nothing due today. `quiz week N` practises any week."))
    return Reply(parts=tuple(parts), private=True, summary="Your quiz so far")


def _stats_line(week: WeekStats) -> str:
    if week.seen == 0:
        return f"Week {week.week}: {week.items} questions, none answered yet"
    recall = f"; likely recall now {round(100 * week.recall)}%" if week.recall is not None else ""
    return (f"Week {week.week}: {week.seen} of {week.items} answered, {week.right_last_time} right "
            f"last time{recall}")


def report(course: Course, group_name: str, week: int, people: int, missed: Sequence[Missed],
           questions: dict[str, QuizItem]) -> Reply:
    parts: list[Part] = [Heading(f"Quiz report · {group_name} · week {week}")]
    if people == 0:
        parts.append(Text("Nobody in this group has answered this week's questions yet. "
                          "Suggest `quiz` to the group."))
        return Reply(parts=tuple(parts), private=True)
    parts.append(Text(f"{people} {'learner has' if people == 1 else 'learners have'} answered "
                      "this week's questions. Names are never shown."))
    top = [m for m in missed if m.item_id in questions][:3]
    if top:
        parts.append(Text("Most often missed:"))
        parts.append(Bullets(tuple(f"{questions[m.item_id].question} ({m.misses} of {m.answers} "
                                   "answers missed it)" for m in top)))
    else:
        parts.append(Text("Every answer so far was right."))
    return Reply(parts=tuple(parts), private=True)
