import shutil
from pathlib import Path

import pytest

from bot.course.importers.run import import_draft
from bot.course.importers.sources import read_source
from bot.course.loader import load_pack
from bot.course.pack_writer import ImportProblem
from tests.packs import SMART_CITIES

PAGES = Path(__file__).parents[1] / "pages"


def test_a_folder_of_saved_pages_is_one_week_each_in_week_order(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    shutil.copytree(PAGES, folder)

    draft = read_source([folder])

    assert draft.source == "OpenLearn"
    assert [w.number for w in draft.weeks] == [2, 3]
    assert draft.weeks[0].videos[0].title == "Listening to residents"


def test_several_pages_import_into_a_pack_at_once(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    shutil.copytree(SMART_CITIES, pack)

    import_draft(pack, read_source(sorted(PAGES.iterdir())))

    course = load_pack(pack)
    assert "Listening to residents" in [v.title for v in course.weeks[1].videos]
    assert course.weeks[2].videos  # week 3's page brought its videos too


def test_two_pages_of_one_week_are_refused(tmp_path: Path) -> None:
    page = next(PAGES.glob("*.txt"))
    copy = tmp_path / "again.txt"
    copy.write_bytes(page.read_bytes())
    with pytest.raises(ImportProblem, match=r"week 2 again"):
        read_source([page, copy])
