"""How a live session is shown: its fields, its announcement with RSVP buttons, its card."""

from __future__ import annotations

from collections.abc import Sequence

from bot.messages import Actions, Bullets, Button, Field, Fields, Heading, Reply, Text
from bot.schedule.clock import shown_time
from bot.sessions.store import Answer, Rsvp, StudySession
from bot.store.groups import StudyGroup

ANSWER_WORDS = {Answer.GOING: "Going", Answer.MAYBE: "Maybe", Answer.CANT: "Can't"}


def session_fields(item: StudySession, group: StudyGroup) -> tuple[Field, ...]:
    fields = [Field("When", shown_time(item.starts_at, group.zone, countdown=True)),
              Field("Length", length(item.minutes))]
    if item.place:
        fields.append(Field("Where", item.place, from_user=True))
    return tuple(fields)


def length(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{minutes} min"
    return f"{hours} h {rest} min" if rest else f"{hours} h"


def rsvp_buttons(item: StudySession) -> Actions:
    return Actions(tuple(Button(label, f"session {item.number} {answer.value}")
                         for answer, label in ANSWER_WORDS.items()))


def announcement(items: Sequence[StudySession], group: StudyGroup) -> Reply:
    """What the channel sees when sessions are added: the first, with RSVP buttons."""
    first = items[0]
    parts: list[Heading | Text | Fields | Bullets | Actions] = [
        Heading(f"Live study session #{first.number}"), Text(first.title, from_user=True),
        Fields(session_fields(first, group)), rsvp_buttons(first)]
    if len(items) > 1:
        later = tuple(f"#{s.number} {shown_time(s.starts_at, group.zone)}" for s in items[1:])
        parts += [Text(f"Also in this series ({len(later)} more); answer each with `session ID`:"),
                  Bullets(later)]
    parts.append(Text("Going or maybe? I'll send you a reminder by direct message before it starts."))
    return Reply(parts=tuple(parts), summary=f"Live study session: {first.title[:80]}")


def session_card(item: StudySession, group: StudyGroup, answers: Sequence[Rsvp]) -> Reply:
    """`session ID`: the session and who is coming."""
    state = " (cancelled)" if item.cancelled else ""
    parts: list[Heading | Text | Fields | Bullets | Actions] = [
        Heading(f"Live study session #{item.number}{state}"), Text(item.title, from_user=True),
        Fields(session_fields(item, group))]
    who = [Field(f"{label} ({len(names)})", ", ".join(names), from_user=True)
           for answer, label in ANSWER_WORDS.items()
           if (names := [a.name or a.user_id for a in answers if a.answer is answer])]
    if who:
        parts.append(Fields(tuple(who)))
    else:
        parts.append(Text("No answers yet."))
    if not item.cancelled:
        parts.append(rsvp_buttons(item))
    return Reply(parts=tuple(parts), summary=f"Study session #{item.number}: {item.title[:80]}")


def session_line(item: StudySession, group: StudyGroup, coming: int) -> str:
    return (f"#{item.number} {shown_time(item.starts_at, group.zone)} ({length(item.minutes)}): "
            f"{item.title} ({coming} coming)")
