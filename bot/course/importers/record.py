"""`imported.yaml`: what the last import wrote, so the next one can tell it from hand edits.

For each value an import writes, the record keeps a short hash of it. A value in the
pack that still has that hash came from the import and may be replaced by the next one;
any other value was written (or edited) by hand and is kept unless `--replace` is given.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bot.course.yaml_lines import LOADER

RECORD_FILE = "imported.yaml"
HEADER = ("# Written by `studybot content import`: hashes of what the last import wrote, so a\n"
          "# later import replaces only that and keeps what was written by hand. Safe to delete.\n")


def fingerprint(value: Any) -> str:
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def read_record(pack: Path) -> dict[str, Any]:
    try:
        data = yaml.load((pack / RECORD_FILE).read_text(encoding="utf-8"), Loader=LOADER)
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        return {}
    return data if isinstance(data, dict) else {}


def render_record(record: dict[str, Any]) -> str:
    return HEADER + yaml.safe_dump(record, sort_keys=True, allow_unicode=True)


@dataclass
class Outcome:
    """What a merge did, item by item, in words for the summary."""

    changes: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)


def take(what: str, current: Any, incoming: Any, recorded: str | None, replace: bool,
         outcome: Outcome) -> tuple[Any, bool]:
    """The value to write and whether it is now the import's (to be recorded)."""
    if not incoming:
        return current, False
    if not current:
        outcome.changes.append(f"added {what}")
        return incoming, True
    if current == incoming:
        return current, True
    if replace or recorded == fingerprint(current):
        outcome.changes.append(f"updated {what}")
        return incoming, True
    outcome.kept.append(what)
    return current, False


def merge_items(what: str, current: Sequence[Any], incoming: Sequence[Any],
                key_of: Callable[[Any], Hashable], recorded: dict[str, str], replace: bool,
                outcome: Outcome, replaceable: frozenset[Hashable] = frozenset()
                ) -> tuple[list[Any], dict[str, str]]:
    """`current` with each incoming item in place of its earlier import, new ones at the end.

    Items are matched by `key_of` (a video's title, a quiz item's id). An item the pack
    has that the source lacks is never removed: it may be another import's or a person's.
    """
    waiting = {key_of(item): item for item in incoming}
    merged: list[Any] = []
    owned: dict[str, str] = {}
    for item in current:
        key = key_of(item)
        if key not in waiting:
            merged.append(item)
            continue
        new = waiting.pop(key)
        hand = recorded.get(fingerprint(key)) != fingerprint(item) and key not in replaceable
        if item != new and hand and not replace:
            outcome.kept.append(f"{what} {_name(key)}")
            merged.append(item)
            continue
        if item != new:
            outcome.changes.append(f"updated {what} {_name(key)}")
        merged.append(new)
        owned[fingerprint(key)] = fingerprint(new)
    for key, new in waiting.items():
        outcome.changes.append(f"added {what} {_name(key)}")
        merged.append(new)
        owned[fingerprint(key)] = fingerprint(new)
    return merged, owned


def _name(key: Hashable) -> str:
    text = str(key)
    return f'"{text[:60]}…"' if len(text) > 60 else f'"{text}"'
