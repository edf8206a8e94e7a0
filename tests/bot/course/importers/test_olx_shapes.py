"""Open edX courses as older and newer Studio versions export them: every shape comes in."""

import json
from pathlib import Path

from bot.course.importers.sources import read_source
from tests.bot.course.importers.exports import SRT_EN, multiple_choice, olx_course, unit, write_tree

VIDEO = '<video display_name="{title}"><transcript language="en" src="{src}"/></video>'


def test_older_courses_name_things_with_name_and_skip_levels(tmp_path: Path) -> None:
    # An early export: everything inline in course.xml, `name=` for titles, components
    # straight under a chapter, `section` and `videosequence` as containers.
    course = (
        '<course name="Ponds and streams" org="Ours" course="P1">'
        '<chapter name="Still water">'
        '<html name="welcome" filename="welcome.html"/>'
        '<video name="Pond walk" youtube="0.75:slowid,1.0:pondid1"/>'
        '<videosequence name="Dipping"><html name="nets" filename="nets"/></videosequence>'
        '</chapter>'
        '<chapter name="Moving water"><section name="Streams"><sequential>'
        '<html name="flow" filename="flow"/></sequential></section></chapter></course>')
    sjson = json.dumps({"start": [0, 4000], "end": [4000, 8000],
                        "text": ["Ponds hold still water.", "Frogs lay eggs here."]})
    folder = write_tree(tmp_path / "old", {
        "course.xml": course,
        "html/welcome.html": "<p>Welcome to the water course.</p>",
        "html/nets.html": "<p>Use a fine net for dipping.</p>",
        "html/flow.html": "<p>Streams carry oxygen downhill.</p>",
        "static/subs/pondid1.srt.sjson": sjson,
    })

    draft = read_source([folder])

    assert draft.title == "Ponds and streams"
    assert [w.title for w in draft.weeks] == ["Still water", "Moving water"]
    assert "Welcome to the water course." in draft.weeks[0].body
    assert "Use a fine net for dipping." in draft.weeks[0].body
    assert "Streams carry oxygen downhill." in draft.weeks[1].body
    [video] = draft.weeks[0].videos
    assert video.title == "Pond walk" and video.cues == 2
    assert [a["title"] for a in draft.weeks[0].activities] == ["Dipping"]
    assert [a["title"] for a in draft.weeks[1].activities] == ["Streams"]
    assert not draft.skipped


def test_a_question_wrapped_in_text_is_read_from_its_paragraphs(tmp_path: Path) -> None:
    problem = ('<problem display_name="String response"><text>'
               '<p>Frogs start life in water.</p><p>What is a young frog called?</p>'
               '<stringresponse answer="tadpole" type="ci"><textline size="20"/></stringresponse>'
               '</text></problem>')
    folder = olx_course(tmp_path / "olx", {"one": unit('<problem url_name="frog"/>')},
                        {"problem/frog.xml": problem})

    [item] = read_source([folder]).quiz

    assert item["question"] == "Frogs start life in water. What is a young frog called?"
    assert item["answers"] == ["tadpole"]


def test_problem_banks_and_experiments_keep_their_problems_and_videos(tmp_path: Path) -> None:
    bank = ('<library_content display_name="Random pond questions" max_count="1">'
            '<problem url_name="bank_a"/><problem url_name="bank_b"/></library_content>')
    experiment = ('<split_test display_name="Which clip helps" user_partition_id="7">'
                  '<vertical url_name="group_a"/><vertical url_name="group_b"/></split_test>')
    folder = olx_course(tmp_path / "olx", {"one": (
        '<sequential display_name="Pond quiz"><vertical display_name="Bank">' + bank + experiment
        + '</vertical></sequential>')}, {
        "problem/bank_a.xml": multiple_choice("Do newts live in ponds?", [("Yes", True), ("No", False)]),
        "problem/bank_b.xml": multiple_choice("Do sharks live in ponds?", [("Yes", False), ("No", True)]),
        "vertical/group_a.xml": '<vertical display_name="Clip A"><video url_name="clip_a"/></vertical>',
        "vertical/group_b.xml": '<vertical display_name="Clip B"><video url_name="clip_b"/></vertical>',
        "video/clip_a.xml": VIDEO.format(title="Newts up close", src="a.srt"),
        "video/clip_b.xml": VIDEO.format(title="Pond at night", src="b.srt"),
        "static/a.srt": SRT_EN, "static/b.srt": SRT_EN,
    })

    draft = read_source([folder])

    assert [item["id"] for item in draft.quiz] == ["bank-a", "bank-b"]
    assert [v.title for v in draft.weeks[0].videos] == ["Newts up close", "Pond at night"]
    assert not [s for s in draft.skipped if "library_content" in str(s) or "split_test" in str(s)]


def test_a_video_with_only_a_youtube_link_stays_as_something_to_watch(tmp_path: Path) -> None:
    folder = olx_course(tmp_path / "olx", {"one": unit(
        '<video display_name="Heron fishing" youtube_id_1_0="&quot;heron01&quot;"/>')})

    draft = read_source([folder])

    assert {"title": "Video: Heron fishing",
            "description": "https://www.youtube.com/watch?v=heron01"} in draft.weeks[0].activities
    [skipped] = draft.skipped
    assert "kept as an activity with its link" in str(skipped)


def test_a_content_library_export_is_a_week_of_its_problems(tmp_path: Path) -> None:
    library = ('<library url_name="library" display_name="Pond question bank" org="Ours" library="Ponds">'
               '<name none="true"/><advanced_modules>[]</advanced_modules>'
               '<problem url_name="bank_a"/></library>')
    write_tree(tmp_path / "lib" / "library", {
        "library.xml": library,
        "problem/bank_a.xml": multiple_choice("Do newts live in ponds?", [("Yes", True), ("No", False)])})

    draft = read_source([tmp_path / "lib"])

    assert draft.title == "Pond question bank"
    assert [item["id"] for item in draft.quiz] == ["bank-a"]
    assert not draft.skipped


def test_a_player_embedded_in_html_is_kept_as_a_video_to_watch(tmp_path: Path) -> None:
    html = ('<html display_name="Watch"><p>Herons wait.</p>'
            '<iframe title="Heron at dawn" src="https://fast.wistia.net/embed/iframe/h1"></iframe></html>')
    folder = olx_course(tmp_path / "olx", {"one": unit(html)})

    week = read_source([folder]).weeks[0]

    assert {"title": "Video: Heron at dawn", "description": "https://fast.wistia.net/embed/iframe/h1"} \
        in week.activities
    assert "Herons wait." in week.body
