"""A canvas as Markdown: every block in order, group entries with their authors."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.canvas.export import to_markdown
from bot.canvas.service import CanvasView
from bot.canvas.store import CanvasOwner, Entry
from bot.course.models import Course
from bot.messages import ChannelRef
from tests.people import TENANT, say

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def entry(no: int, block_id: str, text: str, author: str = "Ada") -> Entry:
    return Entry(no, block_id, text, author.lower(), author, NOW)


def test_markdown_lists_every_block_with_its_entries(course: Course) -> None:
    owner = CanvasOwner.learner(say("", user="ada").user, "smart-cities")
    view = CanvasView(owner, course.canvas, (entry(1, "key-partners", "the council"),
                                             entry(2, "key-partners", "a\nuniversity")))
    markdown = to_markdown(view, "Ada's canvas", "Project canvas", NOW)
    assert markdown.startswith("# Ada's canvas\n\n_Project canvas, 1 December 2026_")
    assert "## Key Partners\n\n- the council\n- a university\n" in markdown
    assert "## Revenue Streams\n\n_(empty)_" in markdown
    assert [line for line in markdown.splitlines() if line.startswith("## ")] == [
        f"## {b.name}" for b in course.canvas]
    assert "(Ada)" not in markdown


def test_group_markdown_names_who_added_each_entry(course: Course) -> None:
    view = CanvasView(CanvasOwner.group(ChannelRef(TENANT, "C1"), "smart-cities"), course.canvas,
                      (entry(1, "channels", "SMS alerts", "Bob"),))
    assert "- SMS alerts _(Bob)_" in to_markdown(view, "Group canvas", "Project canvas", NOW)
