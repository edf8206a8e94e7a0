"""Every kind of hostile export is refused in one line, and nothing is written."""

import io
import tarfile
import zipfile
from pathlib import Path

import pytest

from bot.course.importers.archive import Limits
from bot.course.importers.sources import read_source
from bot.course.pack_writer import ImportProblem
from tests.bot.course.importers.exports import CC_FILES, OLX_FILES, cartridge, olx_tarball


def tar_with(tmp_path: Path, *members: tarfile.TarInfo, data: bytes = b"x") -> Path:
    archive = tmp_path / "evil.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        for member in members:
            if member.isfile():
                member.size = len(data)
                tar.addfile(member, io.BytesIO(data))
            else:
                tar.addfile(member)
    return archive


def link(name: str, target: str, kind: bytes = tarfile.SYMTYPE) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.type, info.linkname = kind, target
    return info


UNSAFE_TARS = {
    "climbs out": [tarfile.TarInfo("course/../../escape.txt")],
    "absolute path": [tarfile.TarInfo("/etc/cron.d/evil")],
    "symlink outside": [link("course/static/x.srt", "../../../../etc/passwd")],
    "absolute symlink": [link("course/static/x.srt", "/etc/passwd")],
    "hard link outside": [link("course/x", "../outside", tarfile.LNKTYPE)],
    "device": [link("course/dev", "", tarfile.CHRTYPE)],
}


@pytest.mark.parametrize("kind", sorted(UNSAFE_TARS))
def test_unsafe_tar_members_are_refused(tmp_path: Path, kind: str) -> None:
    archive = tar_with(tmp_path, *UNSAFE_TARS[kind])
    with pytest.raises(ImportProblem) as caught:
        read_source([archive], "olx")
    assert str(caught.value).startswith(f"{archive}:0: refused: ")
    assert "\n" not in str(caught.value)
    assert not (tmp_path.parent / "escape.txt").exists()


def test_a_zip_that_climbs_out_is_refused(tmp_path: Path) -> None:
    archive = cartridge(tmp_path, {**CC_FILES, "../../evil.html": "x"})
    with pytest.raises(ImportProblem, match=r"refused: \.\./\.\./evil\.html climbs out"):
        read_source([archive])


def test_too_many_members_or_too_many_bytes_are_refused(tmp_path: Path) -> None:
    archive = olx_tarball(tmp_path)
    with pytest.raises(ImportProblem, match=r"refused: more than 3 members"):
        read_source([archive], limits=Limits(members=3))
    with pytest.raises(ImportProblem, match=r"refused: it unpacks to more than 100 bytes"):
        read_source([archive], limits=Limits(unpacked_bytes=100))
    with pytest.raises(ImportProblem, match=r"refused: the archive is over"):
        read_source([archive], limits=Limits(archive_bytes=10))


def test_a_zip_bomb_is_stopped_by_what_it_unpacks_to(tmp_path: Path) -> None:
    archive = tmp_path / "bomb.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
        out.writestr("imsmanifest.xml", b"<manifest/>" + b" " * 5_000_000)
    assert archive.stat().st_size < 100_000
    with pytest.raises(ImportProblem, match="refused: it unpacks to more than"):
        read_source([archive], limits=Limits(unpacked_bytes=1_000_000))


BOMB = ('<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><course display_name="&b;"/>')
EXTERNAL = '<?xml version="1.0"?><!DOCTYPE c [<!ENTITY x SYSTEM "file:///etc/passwd">]><course>&x;</course>'


@pytest.mark.parametrize("xml", [BOMB, EXTERNAL])
def test_entity_expansion_and_external_entities_are_refused(tmp_path: Path, xml: str) -> None:
    folder = tmp_path / "olx"
    for name, text in {**OLX_FILES, "course/2027.xml": xml}.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    with pytest.raises(ImportProblem, match=r"2027\.xml:0: refused: the XML uses entity declarations"):
        read_source([folder])


def test_a_folder_with_a_link_outside_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "olx"
    folder.mkdir()
    (folder / "course.xml").write_text('<course url_name="x"/>', encoding="utf-8")
    (folder / "static").mkdir()
    (folder / "static" / "secret.srt").symlink_to("/etc/passwd")
    with pytest.raises(ImportProblem, match=r"static/secret\.srt links outside the export"):
        read_source([folder])
