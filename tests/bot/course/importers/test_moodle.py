"""Moodle course backups come in: sections as weeks, their activities, the quiz's questions."""

from pathlib import Path

from bot.course.importers.run import import_draft
from bot.course.importers.sources import read_source
from bot.course.loader import load_pack
from tests.bot.course.importers.moodle_backup import moodle_backup


def test_sections_become_weeks_and_activities_their_parts(tmp_path: Path) -> None:
    draft = read_source([moodle_backup(tmp_path)])

    assert draft.source == "Moodle" and draft.title == "Life in ponds"
    assert [(w.number, w.title) for w in draft.weeks] == [(1, "Ponds"), (2, "Topic 2")]
    ponds, diary = draft.weeks
    assert "A pond is still fresh water." in ponds.body and "Bring boots next week." in ponds.body
    assert {"title": "Pond survey site", "description": "https://example.org/ponds"} in ponds.activities
    assert diary.activities[0] == {"title": "Pond diary",
                                   "description": "Visit a pond twice and write what you see."}
    assert diary.prompts == ("Which pond do you know?",)


def test_the_quiz_takes_its_questions_from_the_bank(tmp_path: Path) -> None:
    draft = read_source([moodle_backup(tmp_path)])

    by_kind = {item["kind"]: item for item in draft.quiz}
    assert by_kind["truefalse"]["answers"] == [True]
    assert by_kind["choice"]["question"] == "Which lives in ponds?"
    assert by_kind["choice"]["explanation"] == "Newts breed in ponds."
    assert (by_kind["short"]["answers"], by_kind["short"]["tolerance"]) == (["1.5"], 0.25)
    assert all(item["week"] == 1 for item in draft.quiz)


def test_what_cannot_come_in_is_reported(tmp_path: Path) -> None:
    reasons = [str(s) for s in read_source([moodle_backup(tmp_path)]).skipped]

    assert "question Your view (questions.xml): essay questions cannot be marked by the bot" in reasons
    assert "resource Handout (activities/resource_57/resource.xml): files are not copied" in reasons
    assert "section Staff only (sections/section_13/section.xml): hidden from learners" in reasons


def test_a_backup_makes_a_pack_that_loads(tmp_path: Path) -> None:
    pack = tmp_path / "pack"

    import_draft(pack, read_source([moodle_backup(tmp_path)]))

    assert load_pack(pack).week_count == 2


def test_the_unpacked_backup_folder_reads_the_same(tmp_path: Path) -> None:
    archived = read_source([moodle_backup(tmp_path)])

    assert read_source([tmp_path / "backup"]) == archived
