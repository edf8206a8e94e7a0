"""One odd item never stops a course: it is trimmed or skipped, and the message names its file."""

from pathlib import Path

from bot.course.importers.run import import_draft
from bot.course.importers.sources import read_source
from bot.course.loader import load_pack
from tests.bot.course.importers.exports import multiple_choice, olx_course, unit

SCRIPTED = "<![CDATA[" + "var total = 0; for (var i = 0; i < 10; i++) { total += i; } " * 12 + "]]>"
SCRIPT_AS_QUESTION = (
    '<problem display_name="Widget"><customresponse><label>' + SCRIPTED + '</label>'
    '<choicegroup><choice correct="true">Go</choice><choice correct="false">Stop</choice></choicegroup>'
    '</customresponse><multiplechoiceresponse><label>' + "Explain the loop. " * 40 + '</label>'
    '<choicegroup><choice correct="true">Yes</choice><choice correct="false">No</choice></choicegroup>'
    '</multiplechoiceresponse></problem>'
)


def odd_course(folder: Path) -> Path:
    return olx_course(folder, {"one": unit(
        '<problem url_name="long_question"/>', '<problem url_name="long_choice"/>',
        '<problem url_name="template"/>', '<problem url_name="fine"/>')}, {
        "problem/long_question.xml": SCRIPT_AS_QUESTION,
        "problem/long_choice.xml": multiple_choice(
            "Which reading is right?",
            [("A reading that goes on " + "and on " * 40, True), ("Short", False)]),
        # Studio's template for a new problem lists the same wrong choice twice.
        "problem/template.xml": multiple_choice(
            "Pick the right one.", [("an incorrect answer", False), ("the correct answer", True),
                                    ("an incorrect answer", False)]),
        "problem/fine.xml": multiple_choice("Is water wet?", [("Yes", True), ("No", False)]),
    })


def test_one_item_breaking_a_rule_is_skipped_and_the_course_comes_in(tmp_path: Path) -> None:
    draft = read_source([odd_course(tmp_path / "olx")])
    pack = tmp_path / "pack"

    import_draft(pack, draft)

    ids = [item.id for item in load_pack(pack).quiz]
    assert ids == ["template", "fine"]
    reasons = [str(s) for s in draft.skipped]
    assert ("quiz item long-question (problem/long_question.xml): its question is longer than "
            "the 600 characters a quiz item holds") in reasons
    assert ("quiz item long-choice (problem/long_choice.xml): a choice is longer than "
            "the 200 characters a quiz item holds") in reasons


def test_a_choice_listed_twice_is_kept_once(tmp_path: Path) -> None:
    draft = read_source([odd_course(tmp_path / "olx")])

    [template] = [item for item in draft.quiz if item["id"] == "template"]
    assert template["choices"] == ["an incorrect answer", "the correct answer"]
    assert template["answers"] == [1]


def test_a_long_explanation_is_cut_at_a_sentence(tmp_path: Path) -> None:
    solution = "<solution><p>" + "Water runs downhill. " * 80 + "</p></solution>"
    folder = olx_course(tmp_path / "olx", {"one": unit('<problem url_name="p"/>')}, {
        "problem/p.xml": multiple_choice("Does water run uphill?", [("No", True), ("Yes", False)])
        .replace("</problem>", solution + "</problem>")})

    [item] = read_source([folder]).quiz

    assert 500 < len(item["explanation"]) <= 1000
    assert item["explanation"].endswith("Water runs downhill.")


def test_a_problem_file_that_is_not_xml_is_skipped_by_name(tmp_path: Path) -> None:
    problems = unit('<problem url_name="torn"/>', '<problem url_name="fine"/>')
    folder = olx_course(tmp_path / "olx", {"one": problems}, {
        "problem/torn.xml": "<problem><multiplechoiceresponse>",
        "problem/fine.xml": multiple_choice("Is water wet?", [("Yes", True), ("No", False)])})

    draft = read_source([folder])

    assert [item["id"] for item in draft.quiz] == ["fine"]
    [skipped] = [str(s) for s in draft.skipped]
    assert skipped.startswith("problem torn (problem/torn.xml): not well-formed XML")
