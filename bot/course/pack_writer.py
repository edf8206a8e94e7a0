"""Write one week file into a content pack so that a failed write never changes the pack.

Importers hand over what they read from a source; fields the source does not have (a
hand-written summary, outcomes, activities, prompts) are kept from the existing file. The
new file is written atomically and the whole pack is loaded again; if it no longer loads,
the previous file comes back and the loader's problems are raised as `ImportProblem`.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml

from bot.course.loader import PackError, Problem, load_pack, split_front_matter
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


def write_week(
    pack: Path, number: int, imported: Mapping[str, Any], body: str, summary: str
) -> Path:
    """Merge `imported` into weeks/week-N.md, check the pack still loads, return the file.

    Empty imported values keep what the file already has; `summary` is used only when
    the file has none.
    """
    pack = Path(pack)
    if not (pack / "course.yaml").is_file():
        reason = "not a content pack: course.yaml is missing"
        raise ImportProblem.at(pack / "course.yaml", 0, reason)
    file = pack / "weeks" / f"week-{number}.md"
    existing = read_front_matter(file)
    front = merge_front_matter(existing, imported, summary)
    _write_and_check(pack, file, render_week(front, body))
    return file


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


def merge_front_matter(
    existing: Mapping[str, Any], imported: Mapping[str, Any], summary: str
) -> dict[str, Any]:
    merged = dict(existing)
    merged.update({key: value for key, value in imported.items() if value})
    if not merged.get("summary"):
        merged["summary"] = summary
    # Unknown keys stay at the end so the loader can still point at a hand-made typo.
    order = [*FRONT_MATTER_KEYS, *(key for key in merged if key not in FRONT_MATTER_KEYS)]
    return {key: merged[key] for key in order if _present(merged.get(key))}


def _present(value: Any) -> bool:
    return value is not None and value != "" and value != [] and value != ()


def render_week(front: Mapping[str, Any], body: str) -> str:
    dumped = yaml.safe_dump(dict(front), sort_keys=False, allow_unicode=True, width=100)
    text = f"---\n{dumped}---\n"
    return f"{text}\n{body.strip()}\n" if body.strip() else text


def _write_and_check(pack: Path, file: Path, text: str) -> None:
    previous = file.read_bytes() if file.exists() else None
    made_folder = not file.parent.exists()
    try:
        file.parent.mkdir(exist_ok=True)
        atomic_write(file, text.encode("utf-8"))
        load_pack(pack)
    except BaseException as error:
        _restore(file, previous, made_folder)
        if isinstance(error, PackError):
            raise ImportProblem(error.problems) from error
        if isinstance(error, OSError):
            raise ImportProblem.at(file, 0, f"cannot write the week file: {error}") from error
        raise


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


def _restore(file: Path, previous: bytes | None, made_folder: bool) -> None:
    if previous is not None:
        atomic_write(file, previous)
        return
    file.unlink(missing_ok=True)
    if made_folder:
        with contextlib.suppress(OSError):
            file.parent.rmdir()
