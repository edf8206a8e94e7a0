"""Prompts as posted: a facilitator's words stay theirs; the course's questions are ours."""

from __future__ import annotations

from datetime import UTC, date, datetime

from bot.messages import Heading, Text
from bot.posts.prompts import course_prompt_text, prompt_post
from bot.schedule.schedules import Kind, new_schedule
from bot.schedule.triggers import Once
from bot.store.groups import StudyGroup
from tests.people import TENANT

GROUP = StudyGroup(TENANT, "cafe", "Cafe", "smart-cities", date(2026, 12, 7), "UTC")
NOW = datetime(2026, 12, 1, tzinfo=UTC)


def test_a_facilitators_prompt_is_user_text_and_escaped_by_renderers() -> None:
    schedule = new_schedule(GROUP, Kind.PROMPT, Once(NOW), NOW, "@everyone **look**")
    reply = prompt_post(schedule)
    assert reply.parts[0] == Heading("From your facilitator")
    assert reply.parts[1] == Text("@everyone **look**", from_user=True)


def test_the_courses_questions_are_a_discussion_prompt() -> None:
    text = course_prompt_text(2, ("Why?", "How?"))
    schedule = new_schedule(GROUP, Kind.PROMPT, Once(NOW), NOW, text, "course")
    reply = prompt_post(schedule)
    assert reply.parts[0] == Heading("Discussion prompt")
    assert reply.parts[1] == Text("Week 2 questions to discuss:\n• Why?\n• How?", from_user=False)
