"""Hostile archives built lazily: a few hundred kilobytes on disk that claim, or unpack
to, far more than any import may read. Nothing here holds the big part in memory."""

from __future__ import annotations

import gzip
import stat
import tarfile
import zipfile
from pathlib import Path

ZEROS = b"\0" * (1 << 20)


def zip_with_fat_link(path: Path, megabytes: int) -> Path:
    """A zip whose one member is flagged as a symbolic link but holds `megabytes` of data
    (a link's target is stored as the member's content)."""
    info = zipfile.ZipInfo("course/static/link.srt")
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    info.compress_type = zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(path, "w") as archive:
        # A cartridge's manifest, so the archive is taken for one and opened.
        archive.writestr("imsmanifest.xml", "<manifest/>")
        with archive.open(info, "w", force_zip64=True) as member:
            for _ in range(megabytes):
                member.write(ZEROS)
    return path


def tar_with_fat_pax_header(path: Path, megabytes: int) -> Path:
    """A .tar.gz whose first member carries a pax extended header of `megabytes`
    (`tarfile` reads such a header whole before it looks at the member)."""
    value_size = megabytes << 20
    record_size = len(" comment=\n") + value_size
    record_size += len(str(record_size + len(str(record_size))))
    header = tarfile.TarInfo("././@PaxHeader")
    header.type, header.size = tarfile.XHDTYPE, record_size
    with gzip.open(path, "wb", compresslevel=1) as out:
        out.write(header.tobuf(format=tarfile.USTAR_FORMAT))
        out.write(f"{record_size} comment=".encode())
        for _ in range(megabytes):
            out.write(b"a" * (1 << 20))
        out.write(b"\n")
        out.write(b"\0" * (-record_size % tarfile.BLOCKSIZE))
        out.write(tarfile.TarInfo("course/readme.txt").tobuf(format=tarfile.USTAR_FORMAT))
        out.write(b"\0" * (2 * tarfile.BLOCKSIZE))
    return path
