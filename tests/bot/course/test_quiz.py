"""Quiz items in a pack: what a valid item looks like, and what `content check` refuses."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from bot.course.loader import PackError, load_pack
from tests.packs import AIR_QUALITY, SMART_CITIES, write_pack

GOOD = """items:
  - id: w1-compost
    week: 1
    kind: choice
    question: What goes in a compost heap?
    choices: [Peelings, Plastic bags]
    answers: [0]
    explanation: Peelings rot; plastic does not.
    video: Compost in practice 1
    at: 12
"""


def pack_with_quiz(tmp_path: Path, quiz: str) -> Path:
    pack = tmp_path / "compost"
    if not pack.exists():
        write_pack(tmp_path, "compost", "Compost club")
    (pack / "quiz.yaml").write_text(quiz, encoding="utf-8")
    return pack


def problems(tmp_path: Path, quiz: str) -> str:
    with pytest.raises(PackError) as error:
        load_pack(pack_with_quiz(tmp_path, quiz))
    return str(error.value)


def test_a_valid_quiz_loads_with_its_items(tmp_path: Path) -> None:
    course = load_pack(pack_with_quiz(tmp_path, GOOD))
    (item,) = course.quiz
    assert item.id == "w1-compost" and item.right_choices == {0} and item.at == 12


def test_a_pack_without_quiz_yaml_has_no_items(tmp_path: Path) -> None:
    assert load_pack(write_pack(tmp_path, "compost", "Compost club")).quiz == ()


@pytest.mark.parametrize(("change", "reason"), [
    (("answers: [0]", "answers: [2]"), "answer 2 is not a choice"),
    (("choices: [Peelings, Plastic bags]", "choices: [Peelings]"), "needs 2 to 8 choices"),
    (("kind: choice", "kind: essay"), "items.0.kind"),
    (("week: 1", "week: 4"), "week 4 is past the course's 2 weeks"),
    (("video: Compost in practice 1", "video: Another video"), "has no video 'Another video'"),
    (("    video: Compost in practice 1\n", ""), "`at` needs `video`"),
    (("explanation: Peelings rot; plastic does not.", "hint: Peelings rot."), "Extra inputs"),
    (("answers: [0]", "answers: [true]"), "0-based indexes"),
])
def test_content_check_names_each_problem(tmp_path: Path, change: tuple[str, str], reason: str) -> None:
    assert reason in problems(tmp_path, GOOD.replace(*change))


def test_a_problem_in_an_item_points_at_its_line(tmp_path: Path) -> None:
    found = problems(tmp_path, GOOD.replace("kind: choice", "kind: essay"))
    assert "quiz.yaml:4:" in found


def test_truefalse_and_short_answers_must_fit_their_kind(tmp_path: Path) -> None:
    truefalse = GOOD.replace("kind: choice", "kind: truefalse").replace(
        "    choices: [Peelings, Plastic bags]\n", "").replace("answers: [0]", "answers: [maybe]")
    assert "[true] or [false]" in problems(tmp_path, truefalse)
    short = truefalse.replace("kind: truefalse", "kind: short").replace("answers: [maybe]", "answers: [42]")
    assert "quote numbers" in problems(tmp_path, short)
    with_choices = GOOD.replace("kind: choice", "kind: short").replace("answers: [0]", "answers: [peel]")
    assert "only choice items have `choices`" in problems(tmp_path, with_choices)


def test_ids_are_unique_in_a_pack(tmp_path: Path) -> None:
    twice = GOOD + GOOD.removeprefix("items:\n")
    assert "item id 'w1-compost' is used twice" in problems(tmp_path, twice)


def test_the_bundled_course_has_at_least_six_questions_a_week() -> None:
    course = load_pack(SMART_CITIES)
    per_week = Counter(item.week for item in course.quiz)
    assert all(per_week[week.number] >= 6 for week in course.weeks), per_week
    assert all(item.explanation for item in course.quiz)  # written by hand: every one explained


def test_the_second_bundled_course_has_questions_too() -> None:
    course = load_pack(AIR_QUALITY)
    assert len(course.quiz) >= 6
    assert {item.week for item in course.quiz} == {week.number for week in course.weeks}
