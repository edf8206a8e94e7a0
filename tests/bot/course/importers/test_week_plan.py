"""Modules become weeks as the facilitator plans: merged, left out, renamed, re-ordered."""

from pathlib import Path

import yaml

from bot.course.importers.run import import_draft
from bot.course.importers.sources import read_source
from bot.course.importers.week_plan import follow, read_plan, render_plan
from bot.course.loader import load_pack
from tests.bot.course.importers.exports import multiple_choice, olx_course, unit

OBJECTIVES = ("<p>Successful completion of this unit will enable you to:</p>"
              "<ul><li>Name three pond plants</li><li>Test water for oxygen</li></ul>"
              "<p>Ponds are small worlds of their own.</p>")


def course(tmp_path: Path) -> Path:
    html = ('<sequential display_name="Read"><vertical display_name="Page"><html url_name="{0}"/>'
            "</vertical></sequential>")
    return olx_course(tmp_path / "olx", {
        "faq": html.format("faq"),
        "ponds": html.format("ponds"),
        "pond_life": unit('<problem url_name="q"/>'),
        "streams": html.format("streams"),
    }, {
        "html/faq.xml": '<html filename="faq"/>', "html/faq.html": "<p>Ask us anything.</p>",
        "html/ponds.xml": '<html filename="ponds"/>', "html/ponds.html": OBJECTIVES,
        "html/streams.xml": '<html filename="streams"/>', "html/streams.html": "<p>Streams move.</p>",
        "problem/q.xml": multiple_choice("Do frogs swim?", [("Yes", True), ("No", False)]),
    })


def test_a_summary_skips_the_opening_and_objectives_become_outcomes(tmp_path: Path) -> None:
    week = read_source([course(tmp_path)]).weeks[1]

    assert week.summary == "Ponds are small worlds of their own."
    assert week.outcomes == ("Name three pond plants", "Test water for oxygen")


def test_the_plan_lists_each_module_with_its_week_and_what_it_holds(tmp_path: Path) -> None:
    plan = yaml.safe_load(render_plan(read_source([course(tmp_path)])))

    assert plan["modules"][0] == {"module": "Chapter faq", "week": 1, "title": "Chapter faq",
                                  "holds": "text, 1 activity"}
    assert [m["week"] for m in plan["modules"]] == [1, 2, 3, 4]


def test_an_edited_plan_merges_drops_renames_and_reorders(tmp_path: Path) -> None:
    draft = read_source([course(tmp_path)])
    plan_file = tmp_path / "plan.yaml"
    plan_file.write_text(yaml.safe_dump({"modules": [
        {"module": "Chapter faq", "week": "none"},
        {"module": "Chapter ponds", "week": 5, "title": "Still water"},
        {"module": "Chapter pond_life", "week": 5},
        {"module": "Chapter streams", "week": 2, "title": "Moving water"},
    ]}), encoding="utf-8")

    planned = follow(draft, read_plan(plan_file), plan_file.read_text(encoding="utf-8"))

    assert [(w.number, w.title) for w in planned.weeks] == [(1, "Moving water"), (2, "Still water")]
    assert planned.weeks[1].modules == ("Chapter ponds", "Chapter pond_life")
    assert [item["week"] for item in planned.quiz] == [2]
    assert "module Chapter faq: the plan leaves it out" in [str(s) for s in planned.skipped]


def test_the_plan_is_kept_in_the_pack(tmp_path: Path) -> None:
    draft = read_source([course(tmp_path)])
    text = "modules:\n  - module: Chapter faq\n    week: none\n"
    pack = tmp_path / "pack"

    plan_file = tmp_path / "p.yaml"
    plan_file.write_text(text, encoding="utf-8")

    planned = follow(draft, read_plan(plan_file), text)
    import_draft(pack, planned)

    assert (pack / "import-plan.yaml").read_text(encoding="utf-8") == text
    assert load_pack(pack).week_count == 3
    assert any("not in the plan" in note for note in planned.notes)
