"""Answer matching: choices by number, letter or words; several right; forgiving short answers."""

from __future__ import annotations

import pytest

from bot.course.quiz import QuizItem, QuizKind
from bot.quiz.answers import check


def item(kind: QuizKind, answers: list[object], choices: list[str] | None = None) -> QuizItem:
    return QuizItem.model_validate({"id": "q", "week": 1, "kind": kind, "question": "?",
                                    "choices": choices or [], "answers": answers,
                                    "explanation": "Because."})


ONE = item(QuizKind.CHOICE, [1], ["Citizens", "Open data", "Sensors"])
SEVERAL = item(QuizKind.CHOICE, [0, 2], ["Citizens", "Open data", "Sensors", "Logos"])
TRUE = item(QuizKind.TRUEFALSE, [True])
SHORT = item(QuizKind.SHORT, ["open data", "opendata"])
CAFE = item(QuizKind.SHORT, ["café"])


@pytest.mark.parametrize("said", ["2", "b", "B", " 2. ", "open data", "Open Data!", "opne data"])
def test_one_right_choice_by_number_letter_or_words(said: str) -> None:
    assert check(ONE, said).right


@pytest.mark.parametrize("said", ["1", "a", "citizens", "3"])
def test_a_wrong_choice_is_wrong(said: str) -> None:
    verdict = check(ONE, said)
    assert verdict.understood and not verdict.right


@pytest.mark.parametrize("said", ["9", "d", "something else entirely", ""])
def test_text_that_names_no_choice_is_asked_again_not_marked_wrong(said: str) -> None:
    assert not check(ONE, said).understood


@pytest.mark.parametrize("said", ["1 3", "1,3", "3, 1", "1 and 3", "a c", "1/3"])
def test_several_right_choices_need_all_of_them(said: str) -> None:
    assert check(SEVERAL, said).right


@pytest.mark.parametrize("said", ["1", "1 2 3", "3"])
def test_some_or_extra_choices_are_not_enough(said: str) -> None:
    verdict = check(SEVERAL, said)
    assert verdict.understood and not verdict.right


@pytest.mark.parametrize(("said", "right"), [("true", True), ("True.", True), ("yes", True),
                                              ("t", True), ("false", False), ("no", False)])
def test_true_or_false_in_the_usual_words(said: str, right: bool) -> None:
    assert check(TRUE, said).right is right


def test_true_or_false_that_is_neither_is_asked_again() -> None:
    assert not check(TRUE, "perhaps").understood


@pytest.mark.parametrize("said", ["open data", "OPEN DATA", "open-data", "Opendata", "open dta",
                                  "  open   data. "])
def test_short_answers_forgive_case_punctuation_and_a_typo(said: str) -> None:
    assert check(SHORT, said).right


@pytest.mark.parametrize("said", ["closed data", "data", "open"])
def test_short_answers_still_tell_different_words_apart(said: str) -> None:
    assert not check(SHORT, said).right


@pytest.mark.parametrize("said", ["cafe", "CAFÉ", "Café"])
def test_short_answers_forgive_accents(said: str) -> None:
    assert check(CAFE, said).right


NUMBER = QuizItem.model_validate({"id": "n", "week": 1, "kind": "short", "question": "?",
                                  "answers": ["3.0"], "tolerance": 0.3})


@pytest.mark.parametrize(("said", "right"), [
    ("3.3", True), ("2.7", True), ("3", True), ("3.31", False), ("3.14", True), ("4", False)])
def test_a_number_is_right_within_its_tolerance(said: str, right: bool) -> None:
    assert check(NUMBER, said).right is right


def test_a_number_item_asks_again_when_the_answer_is_not_a_number() -> None:
    assert not check(NUMBER, "about three").understood


def test_tolerance_belongs_to_items_answered_by_numbers() -> None:
    with pytest.raises(ValueError, match="tolerance"):
        QuizItem.model_validate({"id": "n", "week": 1, "kind": "short", "question": "?",
                                 "answers": ["open data"], "tolerance": 1})
