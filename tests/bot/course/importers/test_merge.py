"""Importing into a pack that people have edited: their words stay, the diff stays small."""

import difflib
import shutil
from pathlib import Path

import yaml

from bot.course.importers.caption_folder import import_captions
from bot.course.importers.merge import ImportOptions, plan_import
from bot.course.importers.run import import_draft
from bot.course.importers.sources import read_source
from bot.course.loader import load_pack
from tests.bot.course.importers.exports import olx_tarball
from tests.packs import SMART_CITIES


def test_a_one_video_import_changes_only_the_lines_of_that_video(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    shutil.copytree(SMART_CITIES, pack)
    before = (pack / "weeks" / "week-5.md").read_text(encoding="utf-8").splitlines()
    captions = tmp_path / "talk.srt"
    captions.write_text("1\n00:00:01,000 --> 00:00:03,000\nPartners share the risk.\n", encoding="utf-8")

    import_captions([captions], pack, 5, title="Partners")

    after = (pack / "weeks" / "week-5.md").read_text(encoding="utf-8").splitlines()
    changed = [line for line in difflib.unified_diff(before, after, lineterm="", n=0)
               if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert all(line.startswith("+") for line in changed)
    assert len(changed) <= 6


def test_reimporting_replaces_its_own_import_and_keeps_hand_edits(tmp_path: Path) -> None:
    source = olx_tarball(tmp_path)
    pack = tmp_path / "plots"
    import_draft(pack, read_source([source]))
    week_file = pack / "weeks" / "week-1.md"
    edited = week_file.read_text(encoding="utf-8").replace("title: Know your soil", "title: Soil, by hand")
    week_file.write_text(edited, encoding="utf-8")

    plan = import_draft(pack, read_source([source]))

    week = load_pack(pack).week(1)
    assert week is not None and week.title == "Soil, by hand"
    assert plan.outcome.kept == ["week 1 title"]
    assert plan.changed == []  # nothing else differs from the earlier import
    replaced = import_draft(pack, read_source([source]), ImportOptions(replace=True))
    assert load_pack(pack).week(1).title == "Know your soil"  # type: ignore[union-attr]
    assert replaced.outcome.changes == ["updated week 1 title"]


def test_quiz_items_are_written_in_the_agreed_format_and_hand_written_ones_kept(tmp_path: Path) -> None:
    pack = tmp_path / "plots"
    import_draft(pack, read_source([olx_tarball(tmp_path)]))
    quiz = pack / "quiz.yaml"
    data = yaml.safe_load(quiz.read_text(encoding="utf-8"))
    data["items"].append({"id": "my-own", "week": 2, "kind": "truefalse", "question": "Rain is free?",
                          "answers": [True]})
    quiz.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")

    import_draft(pack, read_source([olx_tarball(tmp_path)]))

    items = yaml.safe_load(quiz.read_text(encoding="utf-8"))["items"]
    assert [i["id"] for i in items] == [
        "soil-mc", "soil-boxes", "soil-drop", "soil-num", "soil-text", "my-own"]
    allowed = {"id", "week", "kind", "question", "choices", "answers", "explanation", "tolerance",
               "video", "at"}
    assert all(set(item) <= allowed and item["kind"] in {"choice", "truefalse", "short"} for item in items)


def test_a_dry_run_plans_but_writes_nothing(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    shutil.copytree(SMART_CITIES, pack)
    before = {p: p.read_bytes() for p in pack.rglob("*") if p.is_file()}

    plan = plan_import(pack, read_source([olx_tarball(tmp_path)]), ImportOptions(dry_run=True))

    assert plan.changed and {p: p.read_bytes() for p in pack.rglob("*") if p.is_file()} == before
