"""Common Cartridge as Canvas exports it: assignments, unplaced items, players, feedback."""

from pathlib import Path

from bot.course.importers.run import import_draft
from bot.course.importers.sources import read_source
from bot.course.loader import load_pack
from tests.bot.course.importers.exports import cartridge_folder, qti, qti_choice

LEARNING_APP = "associatedcontent/imscc_xmlv1p1/learning-application-resource"
QUIZ = "imsqti_xmlv1p2/imscc_xmlv1p1/assessment"
ASSIGNMENT_XML = (
    '<assignment xmlns="http://www.imsglobal.org/xsd/imscc_extensions/assignment">'
    "<title>Map your street</title><text texttype=\"text/html\">&lt;p&gt;Draw the trees on your "
    "street.&lt;/p&gt;</text></assignment>")


def course(tmp_path: Path) -> Path:
    return cartridge_folder(tmp_path / "cc", {
        "Week 1: Trees": [("Why trees", "page1"), ("Leaf diary", "task1"), ("Street map", "task2"),
                          ("Check", "quiz1")],
    }, [
        ("page1", "webcontent", "wiki_content/why-trees.html"),
        ("task1", LEARNING_APP, "task1/leaf-diary.html"),
        ("task2", "assignment_xmlv1p0", "task2/assignment.xml"),
        ("quiz1", QUIZ, "quiz1/assessment_qti.xml"),
        ("page2", "webcontent", "wiki_content/faq.html"),
        ("talk1", "imsdt_xmlv1p1", "talk1.xml"),
        ("settings", LEARNING_APP, "course_settings/canvas_export.txt"),
    ], {
        "wiki_content/why-trees.html": (
            "<html><body><p>Trees cool a street by several degrees.</p>"
            '<iframe title="Street trees in summer" src="https://www.youtube.com/embed/tree123"></iframe>'
            '<iframe src="https://player.vimeo.com/video/555"></iframe></body></html>'),
        "task1/leaf-diary.html": "<html><body><p>Keep a leaf diary for a week.</p></body></html>",
        "task2/assignment.xml": ASSIGNMENT_XML,
        "quiz1/assessment_qti.xml": qti(
            qti_choice("q1", "Which tree loses its leaves?", [
                ("a", "Oak", "Yes: oaks are deciduous."), ("b", "Pine", "Pines keep their needles.")], "a"),
            qti_choice("q1", "Which gives more shade?", [
                ("a", "A young sapling", ""), ("b", "A grown plane tree", "")], "b")),
        "wiki_content/faq.html": "<p>Questions people ask about planting.</p>",
        "talk1.xml": ('<topic xmlns="http://www.imsglobal.org/xsd/imsccv1p1/imsdt_v1p1"><title>Your tree'
                      '</title><text texttype="text/html">&lt;p&gt;Which tree do you pass every day?'
                      '&lt;/p&gt;</text></topic>'),
        "course_settings/canvas_export.txt": "settings",
    })


def test_assignments_become_activities_with_their_instructions(tmp_path: Path) -> None:
    activities = read_source([course(tmp_path)]).weeks[0].activities

    assert {"title": "Leaf diary", "description": "Keep a leaf diary for a week."} in activities
    assert {"title": "Street map", "description": "Draw the trees on your street."} in activities


def test_what_no_module_places_goes_into_a_last_week(tmp_path: Path) -> None:
    draft = read_source([course(tmp_path)])

    assert [w.title for w in draft.weeks] == ["Week 1: Trees", "More"]
    assert "Questions people ask about planting." in draft.weeks[1].body
    assert draft.weeks[1].prompts == ("Which tree do you pass every day?",)
    assert "settings" not in draft.weeks[1].body


def test_embedded_players_are_kept_as_videos_to_watch(tmp_path: Path) -> None:
    activities = read_source([course(tmp_path)]).weeks[0].activities

    assert {"title": "Video: Street trees in summer",
            "description": "https://www.youtube.com/embed/tree123"} in activities
    assert {"title": "Video: Vimeo video", "description": "https://player.vimeo.com/video/555"} in activities


def test_questions_sharing_an_identifier_are_both_kept(tmp_path: Path) -> None:
    quiz = read_source([course(tmp_path)]).quiz

    assert [item["id"] for item in quiz] == ["q1", "q1-2"]


def test_the_right_answers_own_feedback_is_the_explanation(tmp_path: Path) -> None:
    quiz = read_source([course(tmp_path)]).quiz

    assert quiz[0]["explanation"] == "Yes: oaks are deciduous."
    assert "explanation" not in quiz[1]


def test_a_broken_file_skips_its_item_and_names_it(tmp_path: Path) -> None:
    folder = course(tmp_path)
    (folder / "talk1.xml").write_text("<topic><title>Half a topic", encoding="utf-8")

    draft = read_source([folder])

    [skipped] = [str(s) for s in draft.skipped]
    assert skipped.startswith("item talk1.xml (talk1.xml): not well-formed XML")
    assert "Questions people ask about planting." in draft.weeks[1].body


def test_the_syllabus_canvas_keeps_with_its_settings_is_course_text(tmp_path: Path) -> None:
    folder = cartridge_folder(tmp_path / "cc", {}, [
        ("syllabus", LEARNING_APP, "course_settings/syllabus.html"),
        ("settings", LEARNING_APP, "course_settings/canvas_export.txt")],
        {"course_settings/syllabus.html": "<p>We meet on Tuesdays by the oak.</p>",
         "course_settings/canvas_export.txt": "settings"})

    [week] = read_source([folder]).weeks

    assert (week.title, week.body) == ("More", "We meet on Tuesdays by the oak.")
    assert week.activities == ()


def test_a_long_discussion_is_prompted_by_its_opening_paragraph(tmp_path: Path) -> None:
    text = "&lt;p&gt;Which tree do you pass every day?&lt;/p&gt;" + "&lt;p&gt;Say why.&lt;/p&gt;" * 60
    topic = f'<topic><title>Talk</title><text texttype="text/html">{text}</text></topic>'
    folder = cartridge_folder(tmp_path / "cc", {"Trees": [("Talk", "talk")]},
                              [("talk", "imsdt_xmlv1p1", "talk.xml")], {"talk.xml": topic})

    assert read_source([folder]).weeks[0].prompts == ("Which tree do you pass every day?",)


def test_a_link_with_no_title_still_comes_in(tmp_path: Path) -> None:
    folder = cartridge_folder(tmp_path / "cc", {"Trees": [("", "link")]},
                              [("link", "imswl_xmlv1p1", "link.xml")],
                              {"link.xml": '<webLink><title></title><url href=""/></webLink>'})

    draft = read_source([folder])
    pack = tmp_path / "pack"

    import_draft(pack, draft)

    assert draft.weeks[0].activities == ({"title": "Untitled"},)
    assert load_pack(pack).weeks[0].activities[0].title == "Untitled"
