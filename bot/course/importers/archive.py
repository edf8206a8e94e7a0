"""Open an uploaded course export safely: archives and folders from strangers are hostile.

A member is refused when its name is absolute or climbs out (`../`), when it is a link
that points outside the export, or when it is a device or pipe. The archive is refused
when it is too big, has too many members or unpacks to more than the size limit. What
is counted is every byte actually read, not what the headers claim: members, tar
headers (a pax or long-name header is refused outright past `header_bytes`, before
`tarfile` would read it whole) and link targets. A link is judged by its declared
size first and never read past `link_bytes`. Links inside the export are not
followed: importers only read regular files. Extraction goes to a
temporary folder that is removed afterwards; the pack is not touched here.
"""

from __future__ import annotations

import bz2
import contextlib
import gzip
import io
import lzma
import os
import stat
import tarfile
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO

from bot.course.pack_writer import ImportProblem

CHUNK = 1 << 16


@dataclass(frozen=True)
class Limits:
    archive_bytes: int = 512 * 1024 * 1024  # the file as uploaded
    unpacked_bytes: int = 1024 * 1024 * 1024  # everything it unpacks to
    members: int = 20_000
    xml_bytes: int = 32 * 1024 * 1024  # one XML or HTML file read whole
    header_bytes: int = 1024 * 1024  # one tar header (pax records, a long name)
    link_bytes: int = 4096  # one link's target (the longest path a system takes)


DEFAULT_LIMITS = Limits()


@contextlib.contextmanager
def opened(source: Path, limits: Limits = DEFAULT_LIMITS) -> Iterator[Path]:
    """The export as a folder: `source` itself when it is one, else a checked extraction."""
    source = Path(source)
    if source.is_dir():
        check_folder(source, limits)
        yield source
        return
    if not source.is_file():
        raise _refuse(source, "not found")
    if source.stat().st_size > limits.archive_bytes:
        raise _refuse(source, f"the archive is over the {_size(limits.archive_bytes)} limit")
    with tempfile.TemporaryDirectory(prefix="studybot-import-") as temp:
        target = Path(temp)
        if zipfile.is_zipfile(source):
            _unzip(source, target, limits)
        elif looks_like_tar(source):
            _untar(source, target, limits)
        else:
            raise _refuse(source, "not a folder, .tar.gz or .zip archive")
        yield target


def check_folder(folder: Path, limits: Limits) -> None:
    """A folder export obeys the same rules as an archive: no links out, within the limits."""
    root = folder.resolve()
    total = 0
    for count, path in enumerate(sorted(folder.rglob("*")), 1):
        if count > limits.members:
            raise _refuse(folder, f"more than {limits.members} files")
        if path.is_symlink() and not _inside(root, path.resolve()):
            raise _refuse(folder, f"{path.relative_to(folder)} links outside the export")
        if not (path.is_symlink() or path.is_dir() or path.is_file()):  # reading a pipe waits for ever
            raise _refuse(folder, f"{path.relative_to(folder)} is a device or pipe, not a file")
        if path.is_file() and not path.is_symlink():
            total += path.stat().st_size
            if total > limits.unpacked_bytes:
                raise _refuse(folder, f"more than {_size(limits.unpacked_bytes)} of files")


# How a compressed tar starts.
_COMPRESSED_TARS = {b"\x1f\x8b": gzip.open, b"BZh": bz2.open, b"\xfd7zXZ\x00": lzma.open}
_USTAR_AT = 257


def looks_like_tar(source: Path) -> bool:
    """From its first bytes only: `tarfile.is_tarfile` would read a first header whole."""
    with source.open("rb") as file:
        start = file.read(_USTAR_AT + 5)
    return any(start.startswith(magic) for magic in _COMPRESSED_TARS) or start[_USTAR_AT:] == b"ustar"


def tar_names(source: Path, limits: Limits = DEFAULT_LIMITS,
              until: Callable[[str], bool] = lambda name: False) -> list[str]:
    """The member names of a tar, up to the first that `until` accepts, every header byte
    paid from the same budget as unpacking. Stopping early spares a second full read of an
    archive whose format one name already tells."""
    budget = _Budget(source, limits)
    names: list[str] = []
    try:
        with _tar_stream(source) as raw, tarfile.open(fileobj=_Metered(raw, budget), mode="r:") as archive:
            for member in archive:
                budget.count()
                names.append(member.name)
                if until(member.name):
                    break
    except (tarfile.TarError, EOFError, OSError) as error:
        raise _refuse(source, f"a damaged archive ({error})") from error
    return names


def _tar_stream(source: Path) -> IO[bytes]:
    with source.open("rb") as file:
        start = file.read(8)
    for magic, opener in _COMPRESSED_TARS.items():
        if start.startswith(magic):
            return opener(source, "rb")  # type: ignore[no-any-return, operator]
    return source.open("rb")


def _untar(source: Path, target: Path, limits: Limits) -> None:
    budget = _Budget(source, limits)
    try:
        with _tar_stream(source) as raw, tarfile.open(fileobj=_Metered(raw, budget), mode="r:") as archive:
            for member in archive:
                budget.count()
                name = _safe_name(source, member.name)
                if member.issym() or member.islnk():
                    _check_link(source, name, member.linkname, hard=member.islnk())
                    continue
                if member.isdir():
                    continue
                if not member.isfile():
                    raise _refuse(source, f"{member.name} is a device or pipe, not a file")
                stream = archive.extractfile(member)
                if stream is not None:
                    _copy(stream, target / name)
    except (tarfile.TarError, EOFError, OSError) as error:
        raise _refuse(source, f"a damaged archive ({error})") from error


def _unzip(source: Path, target: Path, limits: Limits) -> None:
    budget = _Budget(source, limits)
    try:
        with zipfile.ZipFile(source) as archive:
            for info in archive.infolist():
                budget.count()
                name = _safe_name(source, info.filename)
                mode = info.external_attr >> 16
                if stat.S_ISLNK(mode):
                    _check_link(source, name, _link_target(archive, info, budget), hard=False)
                    continue
                if info.is_dir():
                    continue
                with archive.open(info) as stream:
                    _copy(_Metered(stream, budget), target / name)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, NotImplementedError) as error:
        raise _refuse(source, f"a damaged archive ({error})") from error


def _link_target(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: _Budget) -> str:
    """A zip keeps a link's target as the member's content: judged by its declared size,
    and never read past what a target can be, whatever the header claims."""
    most = budget.limits.link_bytes
    if info.file_size > most:
        raise _refuse(budget.source, f"{info.filename} is too long for a link")
    with archive.open(info) as stream:
        target = _Metered(stream, budget).read(most + 1)
    if len(target) > most:
        raise _refuse(budget.source, f"{info.filename} is too long for a link")
    return target.decode("utf-8", "replace")


def _safe_name(source: Path, raw: str) -> PurePosixPath:
    name = raw.replace("\\", "/")
    path = PurePosixPath(name)
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        raise _refuse(source, f"{raw} is an absolute path")
    if ".." in path.parts:
        raise _refuse(source, f"{raw} climbs out of the archive")
    parts = [part for part in path.parts if part not in ("", ".")]
    if not parts and name.rstrip("/") in ("", "."):
        return PurePosixPath(".")  # the archive's own root, as `tar czf x.tar.gz .` lists it
    if not parts:
        raise _refuse(source, f"{raw!r} is not a usable name")
    return PurePosixPath(*parts)


def _check_link(source: Path, name: PurePosixPath, link: str, *, hard: bool) -> None:
    """Links are never extracted; one that points outside means the whole archive is refused."""
    if link.startswith("/") or (len(link) > 1 and link[1] == ":"):
        raise _refuse(source, f"{name} links to an absolute path")
    # A hard link names a member from the archive's root, a symbolic one from its own folder.
    start = PurePosixPath() if hard else name.parent
    depth = len(start.parts)
    for part in PurePosixPath(link.replace("\\", "/")).parts:
        depth = depth - 1 if part == ".." else depth + (part not in ("", "."))
        if depth < 0:
            raise _refuse(source, f"{name} links outside the archive")


class _Budget:
    def __init__(self, source: Path, limits: Limits) -> None:
        self.source, self.limits = source, limits
        self.members = self.bytes = 0

    def count(self) -> None:
        self.members += 1
        if self.members > self.limits.members:
            raise _refuse(self.source, f"more than {self.limits.members} members")

    def spend(self, size: int) -> None:
        self.bytes += size
        if self.bytes > self.limits.unpacked_bytes:
            raise _refuse(self.source, f"it unpacks to more than {_size(self.limits.unpacked_bytes)}")


class _Metered(io.RawIOBase):
    """A read-only stream that pays for every byte it hands out (skipped ones too) and
    refuses a single read past `header_bytes`: `tarfile` reads a pax or long-name header
    in one call of its declared size, and member data in small chunks."""

    def __init__(self, stream: IO[bytes], budget: _Budget) -> None:
        super().__init__()
        self.stream, self.budget = stream, budget

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return self.stream.seekable()

    def tell(self) -> int:
        return self.stream.tell()

    def read(self, size: int | None = -1) -> bytes:
        if size is None or size < 0 or size > max(self.budget.limits.header_bytes, CHUNK):
            raise _refuse(self.budget.source, "a member header is over "
                                              f"{_size(self.budget.limits.header_bytes)}")
        self.budget.spend(size)
        data = self.stream.read(size)
        self.budget.bytes -= size - len(data)
        return data

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        if whence == io.SEEK_SET and offset > self.stream.tell():
            self.budget.spend(offset - self.stream.tell())
        return self.stream.seek(offset, whence)


def _copy(stream: IO[bytes] | io.RawIOBase, file: Path) -> None:
    file.parent.mkdir(parents=True, exist_ok=True)
    # Never write through a link, whatever an earlier member left at this name.
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0)
    with os.fdopen(os.open(file, flags, 0o600), "wb") as out:
        while chunk := stream.read(CHUNK):
            out.write(chunk)


def _inside(root: Path, path: Path) -> bool:
    return path == root or root in path.parents


def _size(limit: int) -> str:
    return f"{limit // (1024 * 1024)} MB" if limit >= 1024 * 1024 else f"{limit} bytes"


def _refuse(source: Path, reason: str) -> ImportProblem:
    return ImportProblem.at(source, 0, f"refused: {reason}")
