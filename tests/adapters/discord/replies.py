"""Replies that push Discord's limits: an over-long week, a long search result, a full canvas."""

from __future__ import annotations

from dataclasses import dataclass

from bot.course.models import Activity, Course, Week
from bot.messages import Actions, Button, Field, Fields, Heading, Image, Quote, QuoteSource, Reply, Text
from bot.weeks.commands import week_reply
from bot.weeks.service import Position

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 2048


@dataclass(frozen=True)
class ThreadedReply(Reply):
    """A Reply with the field facilitator prompts will set (see adapters/discord/sending.py)."""

    open_thread: bool = True


OVERLONG = ("week", "search", "canvas")


def overlong(kind: str, course: Course) -> Reply:
    if kind == "week":
        return overlong_week(course)
    return long_search_result() if kind == "search" else full_canvas()


def overlong_week(course: Course) -> Reply:
    """The core's own week reply, for a week far longer than any real one."""
    real = course.weeks[2]
    week = Week(number=3, title=real.title + " " + "and more " * 40, summary="A long summary. " * 700,
                outcomes=tuple(f"Outcome {i}: " + "understand things " * 20 for i in range(30)),
                activities=tuple(Activity(title=f"Activity {i}", minutes=30, description="Do it. " * 120)
                                 for i in range(25)),
                project_step="Step. " * 500, prompts=real.prompts, videos=real.videos)
    return week_reply(course, week, Position(week=3))


def long_search_result() -> Reply:
    quotes = tuple(Quote("Standards let systems talk to each other. " * 20,
                         QuoteSource(week=i % 6 + 1, title=f"Video {i}", speaker="Dr Lorraine Hudson",
                                     start_seconds=61.0 * i))
                   for i in range(40))
    return Reply.of(Heading("What the course says about standards"), Text("40 places mention it:"), *quotes,
                    Actions((Button("More results", "search standards page:2"),)),
                    summary="Search: standards")


def full_canvas() -> Reply:
    fields = tuple(Field(f"Block {i}: " + "Key partners " * 30, "- an idea from a learner " * 80,
                         from_user=True) for i in range(30))
    buttons = tuple(Button(f"Open block {i}", f"canvas block-{i}") for i in range(30))
    picture = Image(PNG, "Your canvas as a picture", "canvas.png")
    return Reply.of(Heading("Your canvas"), Fields(fields), picture,
                    Text("Type `canvas add <block> <idea>` to add more."), Actions(buttons),
                    private=True, summary="Your canvas")
