"""A folder of content packs: each validated on its own, a broken one left out."""

from __future__ import annotations

import shutil
from pathlib import Path

from bot.course.catalog import load_catalog, pack_folders
from tests.packs import SMART_CITIES, write_pack


def test_a_folder_of_packs_serves_every_course_in_it(tmp_path: Path) -> None:
    shutil.copytree(SMART_CITIES, tmp_path / "smart-cities")
    write_pack(tmp_path, "gardens", "Community gardens")
    loaded = load_catalog(tmp_path)
    assert loaded.catalog.ids == ("gardens", "smart-cities")
    assert loaded.broken == {}
    assert loaded.catalog.folder("gardens") == tmp_path / "gardens"


def test_one_pack_named_directly_is_a_catalog_of_one() -> None:
    loaded = load_catalog(SMART_CITIES)
    assert loaded.catalog.ids == ("smart-cities",)
    assert loaded.catalog.only is not None


def test_a_broken_pack_is_reported_and_left_out_while_the_others_serve(tmp_path: Path) -> None:
    write_pack(tmp_path, "gardens", "Community gardens")
    broken = write_pack(tmp_path, "bees", "Urban bees")
    (broken / "weeks" / "week-2.md").write_text("---\nnumber: 2\ntitle: [unclosed\n---\n", encoding="utf-8")
    loaded = load_catalog(tmp_path)
    assert loaded.catalog.ids == ("gardens",)
    [problem] = loaded.broken[broken]
    assert str(problem).startswith(f"{broken / 'weeks' / 'week-2.md'}:")
    assert "invalid YAML" in problem.reason


def test_two_packs_with_one_course_id_keep_the_first(tmp_path: Path) -> None:
    write_pack(tmp_path, "a-gardens", "Community gardens")
    second = write_pack(tmp_path, "b-gardens", "Community gardens again")
    (second / "course.yaml").write_text((second / "course.yaml").read_text().replace(
        "id: b-gardens", "id: a-gardens"), encoding="utf-8")
    loaded = load_catalog(tmp_path)
    assert loaded.catalog.ids == ("a-gardens",)
    assert "already used" in loaded.broken[second][0].reason


def test_folders_that_are_not_packs_are_ignored_and_an_empty_folder_is_a_problem(tmp_path: Path) -> None:
    (tmp_path / "notes").mkdir()
    assert pack_folders(tmp_path) == []
    loaded = load_catalog(tmp_path)
    assert not loaded.catalog.courses
    assert "no content packs" in loaded.broken[tmp_path][0].reason


def test_courses_are_found_by_id_or_title_and_close_matches_suggested(tmp_path: Path) -> None:
    write_pack(tmp_path, "gardens", "Community gardens")
    write_pack(tmp_path, "bees", "Urban bees")
    catalog = load_catalog(tmp_path).catalog
    assert catalog.find("Community Gardens") is catalog.get("gardens")
    assert catalog.find("garden") is None
    assert [c.id for c in catalog.close_to("garden")] == ["gardens"]
