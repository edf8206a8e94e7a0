"""Hostile course exports, each imported in a fresh process: refused or imported, and
how much the import added to that process's peak memory.

    .venv/bin/python benchmarks/hostile_archives.py
    .venv/bin/python benchmarks/hostile_archives.py --bomb-mb 256    # bombs under the budget

The set: members that climb out, absolute paths, links out of the export (tar and zip),
devices and pipes, zip and tar bombs, a zip member flagged as a link holding the bomb,
tar pax and GNU long-name header bombs, entity-expansion and external-entity XML, a
file that is no archive, and two good exports (OLX and Common Cartridge) that must import.
Nothing big is held in memory to build them: bombs are streamed through the compressor.
"""

from __future__ import annotations

import argparse
import gzip
import io
import stat
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.bot.course.importers.bombs import ZEROS, tar_with_fat_pax_header, zip_with_fat_link
from tests.bot.course.importers.exports import CC_FILES, OLX_FILES, cartridge, olx_tarball
from tests.bot.course.importers.test_archive_budget import MEASURE

Maker = Callable[[Path], Path]


def tar_of(*members: tarfile.TarInfo, data: bytes = b"x") -> Maker:
    def make(folder: Path) -> Path:
        archive = folder / "evil.tar.gz"
        with tarfile.open(archive, "w:gz") as tar:
            for name, text in OLX_FILES.items():
                info = tarfile.TarInfo(name)
                info.size = len(text.encode())
                tar.addfile(info, io.BytesIO(text.encode()))
            for member in members:
                if member.isfile():
                    member.size = len(data)
                    tar.addfile(member, io.BytesIO(data))
                else:
                    tar.addfile(member)
        return archive
    return make


def linked(name: str, target: str, kind: bytes = tarfile.SYMTYPE) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.type, info.linkname = kind, target
    return info


def of_type(name: str, kind: bytes) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.type = kind
    return info


def zip_of(files: dict[str, str], links: dict[str, str] | None = None) -> Maker:
    def make(folder: Path) -> Path:
        archive = cartridge(folder, files, name="evil.imscc")
        with zipfile.ZipFile(archive, "a") as out:
            for name, target in (links or {}).items():
                info = zipfile.ZipInfo(name)
                info.external_attr = (stat.S_IFLNK | 0o777) << 16
                out.writestr(info, target)
        return archive
    return make


def zip_bomb(megabytes: int) -> Maker:
    def make(folder: Path) -> Path:
        archive = folder / "bomb.imscc"
        with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
            for name, text in CC_FILES.items():
                out.writestr(name, text)
            with out.open("web_resources/zeros.html", "w", force_zip64=True) as member:
                for _ in range(megabytes):
                    member.write(ZEROS)
        return archive
    return make


def tar_bomb(megabytes: int) -> Maker:
    def make(folder: Path) -> Path:
        archive = folder / "bomb.tar.gz"
        with gzip.open(archive, "wb", compresslevel=1) as out:
            info = tarfile.TarInfo("course/static/zeros.bin")
            info.size = megabytes << 20
            out.write(info.tobuf(format=tarfile.GNU_FORMAT))
            for _ in range(megabytes):
                out.write(ZEROS)
            out.write(b"\0" * (2 * tarfile.BLOCKSIZE))
        return archive
    return make


def long_name_bomb(megabytes: int) -> Maker:
    def make(folder: Path) -> Path:
        archive = folder / "longname.tar.gz"
        with gzip.open(archive, "wb", compresslevel=1) as out:
            header = tarfile.TarInfo("././@LongLink")
            header.type, header.size = tarfile.GNUTYPE_LONGNAME, megabytes << 20
            out.write(header.tobuf(format=tarfile.USTAR_FORMAT))
            for _ in range(megabytes):
                out.write(b"a" * (1 << 20))
            out.write(tarfile.TarInfo("x").tobuf(format=tarfile.USTAR_FORMAT))
            out.write(b"\0" * (2 * tarfile.BLOCKSIZE))
        return archive
    return make


def xml_in_olx(xml: str) -> Maker:
    return tar_of(tarfile.TarInfo("course/2027.xml"), data=xml.encode())


def not_an_archive(folder: Path) -> Path:
    file = folder / "notes.tar.gz"
    file.write_bytes(b"definitely not an archive\n" * 100)
    return file


ENTITY_BOMB = ('<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY a "aaaaaaaaaa">'
               '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><course display_name="&b;"/>')
EXTERNAL = '<?xml version="1.0"?><!DOCTYPE c [<!ENTITY x SYSTEM "file:///etc/passwd">]><course>&x;</course>'


def cases(bomb_mb: int) -> dict[str, tuple[Maker, bool]]:
    """name -> (how to make it, whether it should import)."""
    return {
        "good OLX .tar.gz": (lambda folder: olx_tarball(folder), True),
        "good Common Cartridge": (lambda folder: cartridge(folder), True),
        "tar: member climbs out": (tar_of(tarfile.TarInfo("course/../../escape.txt")), False),
        "tar: absolute path": (tar_of(tarfile.TarInfo("/etc/cron.d/evil")), False),
        "tar: symlink outside": (tar_of(linked("course/static/x.srt", "../../../../etc/passwd")), False),
        "tar: absolute symlink": (tar_of(linked("course/static/x.srt", "/etc/passwd")), False),
        "tar: hard link outside": (tar_of(linked("course/x", "../outside", tarfile.LNKTYPE)), False),
        "tar: character device": (tar_of(of_type("course/dev", tarfile.CHRTYPE)), False),
        "tar: fifo": (tar_of(of_type("course/pipe", tarfile.FIFOTYPE)), False),
        f"tar: bomb ({bomb_mb} MB of zeros)": (tar_bomb(bomb_mb), False),
        f"tar: pax header bomb ({bomb_mb} MB)": (lambda f: tar_with_fat_pax_header(f / "pax.tar.gz", bomb_mb),
                                                 False),
        f"tar: GNU long-name bomb ({bomb_mb} MB)": (long_name_bomb(bomb_mb), False),
        "zip: member climbs out": (zip_of({**CC_FILES, "../../evil.html": "x"}), False),
        "zip: absolute path": (zip_of({**CC_FILES, "/tmp/evil.html": "x"}), False),
        "zip: symlink outside": (zip_of(CC_FILES, {"web_resources/x.html": "../../../etc/passwd"}), False),
        f"zip: bomb ({bomb_mb} MB of zeros)": (zip_bomb(bomb_mb), False),
        f"zip: member flagged as a link, {bomb_mb} MB": (
            lambda f: zip_with_fat_link(f / "link.imscc", bomb_mb), False),
        "xml: entity expansion": (xml_in_olx(ENTITY_BOMB), False),
        "xml: external entity": (xml_in_olx(EXTERNAL), False),
        "not an archive": (not_an_archive, False),
    }


def measure(archive: Path) -> tuple[str, int]:
    done = subprocess.run([sys.executable, "-c", MEASURE, str(archive), str(1 << 30)],
                          capture_output=True, text=True, timeout=600, cwd=Path(__file__).parents[1])
    if done.returncode != 0:
        return f"crashed: {done.stderr.strip().splitlines()[-1]}", -1
    said, grown = done.stdout.strip().rsplit("\n", 1)
    return said, int(grown)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--bomb-mb", type=int, default=1100, help="over the 1024 MB unpack budget")
    args = parser.parse_args()
    rows, wrong, peak = [], 0, 0
    for name, (make, should_import) in cases(args.bomb_mb).items():
        with tempfile.TemporaryDirectory() as folder:
            archive = make(Path(folder))
            size = archive.stat().st_size
            said, grown = measure(archive)
        imported = said == "imported"
        wrong += imported != should_import or said.startswith("crashed")
        peak = max(peak, grown)
        reason = said.split(": ", 1)[-1] if not imported else ""
        rows.append((name, size, "imported" if imported else "refused", grown, reason[:70]))
    for name, size, outcome, grown, reason in rows:
        print(f"{name:<40} {size:>10,} B  {outcome:<8} +{grown:>4} MB  {reason}")
    refused = sum(r[2] == "refused" for r in rows)
    print(f"\n{len(rows)} exports tried: {refused} refused, {len(rows) - refused} imported, "
          f"{wrong} not as expected; largest peak-memory growth {peak} MB (unpack budget 1024 MB)")


if __name__ == "__main__":
    main()
