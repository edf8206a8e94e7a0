"""Every way people pack an export comes in: a top folder, `.` as the root, any suffix."""

import io
import tarfile
import zipfile
from pathlib import Path

import pytest

from bot.course.importers.archive import Limits, tar_names
from bot.course.importers.sources import detect, read_source
from bot.course.pack_writer import ImportProblem
from tests.bot.course.importers.exports import CC_FILES, OLX_FILES, write_tree


def zipped(folder: Path, archive: Path, top: str = "") -> Path:
    with zipfile.ZipFile(archive, "w") as out:
        if top:
            out.writestr(f"{top}/", "")
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                out.write(path, f"{top}/{path.relative_to(folder)}" if top else str(path.relative_to(folder)))
    return archive


def test_a_cartridge_zipped_with_its_top_folder_is_read(tmp_path: Path) -> None:
    folder = write_tree(tmp_path / "bees", CC_FILES)

    draft = read_source([zipped(folder, tmp_path / "bees.zip", top="bees-course")])

    assert draft.source == "Common Cartridge"
    assert [w.title for w in draft.weeks] == ["Meet the hive", "Honey and wax"]


def test_a_folder_holding_the_cartridge_folder_is_read(tmp_path: Path) -> None:
    write_tree(tmp_path / "download" / "bees", CC_FILES)

    assert read_source([tmp_path / "download"]).source == "Common Cartridge"


def test_an_olx_folder_packed_from_inside_with_dot_is_read(tmp_path: Path) -> None:
    # What `tar czf course.tar.gz .` makes: members "." and "./course.xml", ...
    folder = write_tree(tmp_path / "olx", OLX_FILES)
    archive = tmp_path / "course.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(folder, arcname=".")

    draft = read_source([archive])

    assert [w.title for w in draft.weeks] == ["Know your soil", "Water and weather"]


def test_an_olx_zip_is_read(tmp_path: Path) -> None:
    folder = write_tree(tmp_path / "olx", OLX_FILES)

    assert read_source([zipped(folder, tmp_path / "course.zip", top="course")]).source == "Open edX"


def test_an_unknown_folder_names_the_formats_we_read(tmp_path: Path) -> None:
    folder = write_tree(tmp_path / "notes", {"readme.md": "Just notes."})

    with pytest.raises(ImportProblem, match=r"Open edX .*Common Cartridge.*OpenLearn.*captions"):
        read_source([folder])



def test_telling_a_tar_apart_reads_no_further_than_its_marker(tmp_path: Path) -> None:
    """Detection stops at `course.xml`, so a large export is not read through twice before
    it is unpacked: the member after the marker is bigger than the budget, and only a
    listing that reads on pays for it."""
    archive = tmp_path / "course.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(write_tree(tmp_path / "olx", OLX_FILES) / "course.xml", arcname="course/course.xml")
        big = tarfile.TarInfo("course/static/big.bin")
        big.size = 2 << 20
        tar.addfile(big, io.BytesIO(bytes(big.size)))
    small = Limits(unpacked_bytes=1 << 20)
    assert tar_names(archive, small, until=lambda name: name.endswith("course.xml")) == ["course/course.xml"]
    with pytest.raises(ImportProblem, match="unpacks to more than"):
        tar_names(archive, small)
    assert detect([archive]) == "olx"
