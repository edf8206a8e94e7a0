"""What every importer shares when it writes into a pack: the problem it raises, the keys of
a week's front matter, reading an existing week file's front matter, and atomic writes.

Whole imports (every file at once, put back if the pack no longer loads) are planned and
written by bot.course.importers.merge.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from bot.course.loader import Problem, split_front_matter
from bot.course.models import Week
from bot.course.yaml_lines import LOADER, yaml_error_line

# The loader reads exactly these keys, in the order a person would write them.
FRONT_MATTER_KEYS = tuple(name for name in Week.model_fields if name != "body")


class ImportProblem(Exception):
    """Why an import did not happen; `str()` gives one `file:line: reason` per problem."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    @classmethod
    def at(cls, file: Path, line: int, reason: str) -> ImportProblem:
        return cls([Problem(file, line, reason)])


def read_front_matter(file: Path) -> dict[str, Any]:
    """The front matter of an existing week file, or {} when there is no file yet."""
    if not file.exists():
        return {}
    try:
        text = file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise ImportProblem.at(file, 0, f"cannot read the existing week file: {error}") from error
    parts = split_front_matter(text)
    if parts is None:
        raise ImportProblem.at(file, 1, "existing week file has no YAML front matter")
    front, _body, first_line = parts
    try:
        data = yaml.load(front, Loader=LOADER)
    except yaml.YAMLError as error:
        line = yaml_error_line(error, first_line)
        raise ImportProblem.at(file, line, "existing week file has invalid YAML") from error
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ImportProblem.at(file, first_line, "existing front matter is not a mapping")
    return data


def atomic_write(file: Path, data: bytes) -> None:
    """Readers see the old file or the new one, never half of it."""
    handle, temp_name = tempfile.mkstemp(dir=file.parent, prefix=f".{file.name}.", suffix=".tmp")
    try:
        # mkstemp makes the file private; a pack file is as readable as any other the user makes.
        os.fchmod(handle, _mode_of(file))
        with os.fdopen(handle, "wb") as temp:
            temp.write(data)
            temp.flush()
            os.fsync(temp.fileno())
        os.replace(temp_name, file)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp_name)
        raise


def _mode_of(file: Path) -> int:
    try:
        return stat.S_IMODE(file.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
