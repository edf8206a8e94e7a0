"""Open edX problems become quiz items that can be answered right."""

from pathlib import Path

from bot.course.importers.sources import read_source
from bot.course.quiz import QuizItem
from bot.quiz.answers import check
from tests.bot.course.importers.exports import olx_course, unit


def quiz_of(tmp_path: Path, problem: str) -> tuple[list[dict[str, object]], list[str]]:
    folder = olx_course(tmp_path / "olx", {"one": unit('<problem url_name="p"/>')},
                        {"problem/p.xml": problem})
    draft = read_source([folder])
    return list(draft.quiz), [str(s) for s in draft.skipped]


def test_a_numerical_answer_keeps_its_tolerance(tmp_path: Path) -> None:
    [item], _ = quiz_of(tmp_path, (
        '<problem><numericalresponse answer="3.0"><label>How deep is the pond, in metres?</label>'
        '<responseparam type="tolerance" default="0.3"/><formulaequationinput/>'
        '</numericalresponse></problem>'))

    quiz_item = QuizItem.model_validate(item)
    assert check(quiz_item, "3.3").right and not check(quiz_item, "3.4").right


def test_a_tolerance_in_percent_is_worked_out(tmp_path: Path) -> None:
    [item], _ = quiz_of(tmp_path, (
        '<problem><numericalresponse answer="200"><label>Litres in the tank?</label>'
        '<responseparam type="tolerance" default="5%"/></numericalresponse></problem>'))

    assert item["tolerance"] == 10.0


def test_an_answer_computed_by_a_script_is_skipped_with_the_reason(tmp_path: Path) -> None:
    quiz, skipped = quiz_of(tmp_path, (
        '<problem><script type="loncapa/python">ans0 = 2 * 21</script>'
        '<numericalresponse answer="$ans0"><label>Twice 21?</label></numericalresponse></problem>'))

    assert quiz == []
    assert skipped == ["quiz item p (problem/p.xml): its answer is computed by a script in the course"]


def test_every_dropdown_of_a_response_is_an_item(tmp_path: Path) -> None:
    quiz, _ = quiz_of(tmp_path, (
        '<problem><optionresponse><p>Fill in both gaps.</p>'
        '<optioninput options="(\'frogs\',\'fish\')" correct="frogs"/> lay spawn, and '
        '<optioninput options="(\'newts\',\'owls\')" correct="newts"/> eat it.'
        '</optionresponse></problem>'))

    assert [(i["id"], i["choices"], i["answers"]) for i in quiz] == [
        ("p", ["frogs", "fish"], [0]), ("p-part-2", ["newts", "owls"], [0])]
    assert quiz[1]["question"] == "Fill in both gaps. (part 2)"


def test_the_right_choices_hint_is_the_explanation_when_there_is_no_solution(tmp_path: Path) -> None:
    [item], _ = quiz_of(tmp_path, (
        '<problem><multiplechoiceresponse><label>Where do dragonflies lay eggs?</label>'
        '<choicegroup><choice correct="true">In water<choicehint>Their young grow underwater.'
        '</choicehint></choice><choice correct="false">In trees<choicehint>Not quite.</choicehint>'
        '</choice></choicegroup></multiplechoiceresponse></problem>'))

    assert item["explanation"] == "Their young grow underwater."


def test_a_question_in_a_heading_inside_the_response_is_read(tmp_path: Path) -> None:
    [item], _ = quiz_of(tmp_path, (
        '<problem><choiceresponse><h3 class="hd hd-2 problem-header">Which are amphibians?</h3>'
        '<checkboxgroup><choice correct="true">Toad</choice><choice correct="false">Carp</choice>'
        '<choice correct="true">Newt</choice></checkboxgroup></choiceresponse></problem>'))

    assert item["question"] == "Which are amphibians?"
    assert item["answers"] == [0, 2]


def test_dropdowns_in_a_table_ask_by_row_and_column(tmp_path: Path) -> None:
    def cell(options: str, right: str) -> str:
        return (f'<td><optionresponse><optioninput options="{options}" correct="{right}"/>'
                "</optionresponse></td>")

    quiz, _ = quiz_of(tmp_path, (
        "<problem><p>Match each creature to its home and food.</p><table>"
        "<tr><th>Creature</th><th>Home</th><th>Food</th></tr>"
        "<tr><td><b>Newt</b></td>" + cell("('pond','desert')", "pond")
        + cell("('insects','seeds')", "insects")
        + "</tr><tr><td><b>Camel</b></td>" + cell("('pond','desert')", "desert")
        + cell("('insects','seeds')", "seeds") + "</tr></table></problem>"))

    assert [item["question"] for item in quiz] == [
        "Match each creature to its home and food. Newt: Home",
        "Match each creature to its home and food. Newt: Food",
        "Match each creature to its home and food. Camel: Home",
        "Match each creature to its home and food. Camel: Food"]
    assert [item["answers"] for item in quiz] == [[0], [0], [1], [1]]
