"""The coach's route: people and value first, filled blocks skipped, words understood."""

from __future__ import annotations

import pytest

from bot.canvas.coach import Step, coach_order, kind_of_answer, next_step
from bot.course.models import Course


def test_customer_segments_and_value_propositions_come_first(course: Course) -> None:
    order = [b.id for b in coach_order(course.canvas)]
    assert order[:2] == ["customer-segments", "value-propositions"]
    assert sorted(order) == sorted(b.id for b in course.canvas)


def test_next_step_skips_filled_and_passed_blocks(course: Course) -> None:
    step = next_step(course.canvas, filled={"customer-segments"}, passed={"value-propositions"})
    assert step is not None and step.block.id == "channels"
    everything = {b.id for b in course.canvas}
    assert next_step(course.canvas, filled=everything, passed=()) is None


def test_another_question_cycles_through_the_blocks_questions(course: Course) -> None:
    block = coach_order(course.canvas)[0]
    asked = [Step(block, i).question for i in range(len(block.questions) + 1)]
    assert asked[:-1] == list(block.questions)
    assert asked[-1] == block.questions[0]


@pytest.mark.parametrize("said, kind", [
    ("stop", "stop"), ("Quit", "stop"), ("done.", "stop"), ("exit", "stop"),
    ("skip", "skip"), ("Skip!", "skip"), ("another", "another"),
    ("Tenants in social housing", "answer"), ("stop signs at junctions", "answer"),
])
def test_kind_of_answer(said: str, kind: str) -> None:
    assert kind_of_answer(said) == kind
