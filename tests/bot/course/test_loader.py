from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.course.loader import MAX_FILE_BYTES, PackError, load_pack
from bot.course.models import Course
from tests.packs import SMART_CITIES


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    copy = tmp_path / "pack"
    shutil.copytree(SMART_CITIES, copy)
    return copy


def problems_of(pack: Path) -> list[str]:
    with pytest.raises(PackError) as caught:
        load_pack(pack)
    return [str(p) for p in caught.value.problems]


def test_bundled_pack_has_six_complete_weeks(course: Course) -> None:
    assert course.week_count == 6
    assert course.week(5) is not None and course.week(5).title == "Smart leadership and strategy"
    assert course.week(6) is not None and course.week(6).title == "Smart measurement and learning"
    for week in course.weeks:
        assert week.summary and week.outcomes and week.activities and week.project_step
        assert len(week.prompts) >= 2


def test_bundled_canvas_has_the_nine_blocks_with_guidance(course: Course) -> None:
    names = [b.name for b in course.canvas]
    assert names == ["Key Partners", "Key Activities", "Key Resources", "Value Propositions",
                     "Customer Relationships", "Channels", "Customer Segments", "Cost Structure",
                     "Revenue Streams"]
    assert all(len(b.questions) >= 3 and b.meaning for b in course.canvas)
    assert [s.week for s in course.ideas] == [1, 2, 3, 4, 5, 6]


def test_yaml_syntax_error_names_file_and_line(pack: Path) -> None:
    week = pack / "weeks" / "week-2.md"
    lines = week.read_text().splitlines()
    lines.insert(3, "broken: [unclosed")
    week.write_text("\n".join(lines))
    [problem] = problems_of(pack)
    assert problem.startswith(f"{week}:")
    assert "invalid YAML" in problem
    line = int(problem.split(":")[1])
    assert 4 <= line <= 6


def test_unknown_key_and_missing_field_are_reported_at_their_lines(pack: Path) -> None:
    canvas = pack / "canvas.yaml"
    text = canvas.read_text().replace("    name: Key Activities\n", "    nmae: Key Activities\n")
    canvas.write_text(text)
    problems = problems_of(pack)
    line = text.splitlines().index("    nmae: Key Activities") + 1
    assert f"{canvas}:{line}: blocks.1.nmae: Extra inputs are not permitted" in problems
    assert any(p.startswith(f"{canvas}:") and "blocks.1.name: Field required" in p for p in problems)


def test_every_problem_is_reported_not_just_the_first(pack: Path) -> None:
    (pack / "weeks" / "week-3.md").unlink()
    info = pack / "course.yaml"
    info.write_text(info.read_text().replace("hours_per_week: 3", "hours_per_week: -1"))
    problems = problems_of(pack)
    assert any("week 3 is missing" in p for p in problems)
    assert any(p.startswith(f"{info}:") and "hours_per_week" in p for p in problems)


def test_week_number_must_match_file_name(pack: Path) -> None:
    week = pack / "weeks" / "week-4.md"
    week.write_text(week.read_text().replace("number: 4", "number: 7", 1))
    problems = problems_of(pack)
    assert any("number is 7 but the file name says 4" in p for p in problems)


def test_missing_front_matter_and_bad_types(pack: Path) -> None:
    (pack / "weeks" / "week-1.md").write_text("# just a heading\n")
    week = pack / "weeks" / "week-2.md"
    week.write_text(week.read_text().replace("number: 2", "number: two", 1))
    problems = problems_of(pack)
    assert f"{pack / 'weeks' / 'week-1.md'}:1: missing YAML front matter between '---' lines" \
        in problems
    assert any(p.startswith(f"{week}:2: number:") for p in problems)


def test_missing_pack_folder(tmp_path: Path) -> None:
    assert problems_of(tmp_path / "nope") == [f"{tmp_path / 'nope'}:0: content pack folder not found"]


def test_two_files_for_one_week_are_refused(pack: Path) -> None:
    shutil.copyfile(pack / "weeks" / "week-1.md", pack / "weeks" / "week-01.md")
    assert problems_of(pack) == [
        f"{pack / 'weeks' / 'week-1.md'}:0: week-01.md is week 1 too; keep one of the two"]


def test_a_huge_week_file_is_refused_before_it_is_read(pack: Path) -> None:
    week = pack / "weeks" / "week-2.md"
    with week.open("ab") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)
    assert problems_of(pack) == [
        f"{week}:0: file is 5.0 MB; a pack file may be up to 5.0 MB (split it, or trim it)"]


def test_a_pack_too_big_in_total_is_refused(pack: Path) -> None:
    for number in range(7, 18):
        with (pack / "weeks" / f"week-{number}.md").open("wb") as handle:
            handle.truncate(MAX_FILE_BYTES)
    assert problems_of(pack) == [
        f"{pack}:0: the pack's files come to 55.0 MB; a pack may hold up to 50.0 MB"]
