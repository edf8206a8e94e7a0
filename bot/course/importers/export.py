"""An unpacked export: read its files by relative name, never outside it, never through a link."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from xml.etree.ElementTree import Element

from bot.course.importers import safe_xml
from bot.course.importers.archive import DEFAULT_LIMITS, Limits
from bot.course.pack_writer import ImportProblem


@dataclass(frozen=True)
class Export:
    root: Path  # the real folder (maybe a temporary extraction)
    label: Path  # what the user gave, for messages
    limits: Limits = DEFAULT_LIMITS

    def file(self, name: str) -> Path | None:
        """The regular file at `name` inside the export, or None (missing, a link, or outside)."""
        parts = PurePosixPath(name.replace("\\", "/")).parts
        if not parts or name.startswith("/") or ".." in parts:
            return None
        path = self.root.joinpath(*parts)
        for step in (path, *path.parents):
            if step == self.root:
                break
            if step.is_symlink():
                return None
        return path if path.is_file() else None

    def shown(self, path: Path) -> Path:
        try:
            return self.label / path.relative_to(self.root)
        except ValueError:
            return path

    def xml(self, name: str) -> Element | None:
        path = self.file(name)
        return safe_xml.parse(path, self.shown(path), self.limits) if path is not None else None

    def text(self, name: str) -> str | None:
        path = self.file(name)
        if path is None:
            return None
        if path.stat().st_size > self.limits.xml_bytes:
            raise ImportProblem.at(self.shown(path), 0, "refused: the file is over the size limit")
        return path.read_bytes().decode("utf-8-sig", errors="replace")

    def holding(self, marker: str) -> Export | None:
        """The export rooted where `marker` is: here, or in its one top folder (what "Compress",
        "Download ZIP" and Studio make); folders a packer adds (`__MACOSX`, dot folders) aside."""
        if self.file(marker):
            return self
        tops = [p for p in self.root.iterdir() if p.is_dir() and not p.is_symlink()
                and not p.name.startswith((".", "__MACOSX"))]
        if len(tops) == 1 and (inner := self.within(tops[0].name)).file(marker):
            return inner
        return None

    def rooted_at(self, marker: str, what: str) -> tuple[Export, Element]:
        """The export rooted where `marker` is, and that file's XML; else say it is not `what`."""
        export = self.holding(marker)
        root = export.xml(marker) if export is not None else None
        if export is None or root is None:
            raise ImportProblem.at(self.label, 0, f"no {marker} found: not {what}")
        return export, root

    def within(self, folder: str) -> Export:
        return Export(self.root / folder, self.label / folder, self.limits)


def slug(text: str, fallback: str = "item") -> str:
    made = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return made or fallback
