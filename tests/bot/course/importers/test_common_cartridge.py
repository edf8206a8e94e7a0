from pathlib import Path

from bot.course.importers.sources import read_source
from tests.bot.course.importers.exports import cartridge


def test_top_level_items_become_weeks_with_text_links_prompts_and_quiz(tmp_path: Path) -> None:
    draft = read_source([cartridge(tmp_path)])

    assert draft.title == "Bees for beginners"
    assert [(w.number, w.title) for w in draft.weeks] == [(1, "Meet the hive"), (2, "Honey and wax")]
    first = draft.weeks[0]
    assert first.body == "## The colony\n\nA hive holds one queen and thousands of _workers_."
    assert first.activities == ({"title": "Bee charity site", "description": "https://example.org/bees"},)
    assert first.prompts == ("Why do you want to keep bees?",)
    assert draft.quiz == ({"id": "q-queen", "week": 2, "kind": "choice",
                           "question": "How many queens in a hive?", "choices": ["One", "Ten"],
                           "answers": [0], "explanation": "One queen lays all the eggs."},)
    reasons = [str(s) for s in draft.skipped]
    assert "question Essay (r4/assessment.xml): essay questions cannot be marked by the bot" in reasons
    assert "tool Hive planner (r5/lti.xml): an outside (LTI) tool cannot be imported" in reasons
    assert any(r.startswith("file files/handout.pdf") for r in reasons)
