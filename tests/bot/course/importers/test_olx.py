from pathlib import Path

from bot.course.importers.sources import read_source
from tests.bot.course.importers.exports import OLX_FILES, olx_tarball, write_tree


def test_chapters_become_weeks_in_course_order_with_their_titles(tmp_path: Path) -> None:
    draft = read_source([olx_tarball(tmp_path)])

    assert [(w.number, w.title) for w in draft.weeks] == [(1, "Know your soil"), (2, "Water and weather")]
    assert draft.title == "Growing food on a small plot"
    assert [a["title"] for a in draft.weeks[0].activities] == ["Testing the soil"]


def test_html_is_cleaned_to_light_markdown(tmp_path: Path) -> None:
    body = read_source([write_tree(tmp_path / "olx", OLX_FILES)], "olx").weeks[0].body

    assert body.startswith("## Soil basics\n\n## Why soil matters\n\nGood soil is **alive**.")
    assert "- Clay\n- Sand" in body
    assert "the soil guide (https://example.org/soil)" in body
    assert "alert" not in body and "<" not in body


def test_video_transcript_keeps_cue_times_and_english_first(tmp_path: Path) -> None:
    draft = read_source([olx_tarball(tmp_path)])

    [video] = draft.weeks[0].videos
    assert video.title == "Testing soil at home" and video.cues == 3
    assert [(t["start"], t["end"]) for t in video.transcript] == [(1.0, 9.0), (65.0, 70.0)]
    assert video.transcript[1]["text"] == "Compost feeds the soil with nitrogen."
    reasons = [str(s) for s in draft.skipped]
    assert any("transcripts in es not imported" in r for r in reasons)
    assert "video Silent clip (vertical/soil_unit.xml): it has no transcript" in reasons
    assert "tool Rain simulator (chapter/water.xml): an outside (LTI) tool cannot be imported" in reasons
    assert "section Staff notes (chapter/staff.xml): hidden from learners" in reasons


def test_discussions_become_prompts_and_problems_quiz_items(tmp_path: Path) -> None:
    draft = read_source([olx_tarball(tmp_path)])

    assert draft.weeks[1].prompts == ("How do you collect rain water?",)
    by_id = {item["id"]: item for item in draft.quiz}
    assert by_id["soil-mc"] == {
        "id": "soil-mc", "week": 1, "kind": "choice", "question": "Which soil drains fastest?",
        "choices": ["Clay", "Sand", "Silt"], "answers": [1],
        "explanation": "Sand has large grains, so water runs through."}
    assert by_id["soil-boxes"]["answers"] == [0, 2]
    assert (by_id["soil-drop"]["kind"], by_id["soil-drop"]["answers"]) == ("truefalse", [True])
    assert (by_id["soil-num"]["kind"], by_id["soil-num"]["answers"]) == ("short", ["7"])
    assert by_id["soil-text"]["answers"] == ["compost", "humus"]


def test_the_course_title_may_come_from_its_policy_file(tmp_path: Path) -> None:
    files = {**OLX_FILES,
             "course/2027.xml": OLX_FILES["course/2027.xml"].replace(
                 ' display_name="Growing food on a small plot"', ""),
             "policies/2027/policy.json": '{"course/2027": {"display_name": "Plots, from policy"}}'}
    draft = read_source([write_tree(tmp_path / "olx", files)])

    assert draft.title == "Plots, from policy"
    assert draft.weeks[0].activities == ({"title": "Testing the soil", "description": "Units: Soil basics."},)
