"""Rewrite a YAML mapping in place, touching only the lines of what changed.

A hand-kept file has its own quoting, folding and comments; dumping the whole mapping
again would reformat every line. Here each top-level key whose value is unchanged keeps
its lines exactly, a changed list keeps the lines of every item that is still equal,
and only new or changed values are dumped. If the result would not read back as the
wanted data (an unusual layout), the whole mapping is dumped instead.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import yaml

from bot.course.yaml_lines import LOADER


def dump(data: Mapping[str, Any] | list[Any]) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def rewrite_mapping(text: str, wanted: Mapping[str, Any], order: Sequence[str] = ()) -> str:
    """`text` changed so that it reads as `wanted`, new keys placed by `order`."""
    try:
        node = yaml.compose(text, Loader=LOADER) if text.strip() else None
        current = yaml.load(text, Loader=LOADER) if node is not None else None
    except yaml.YAMLError:
        node = current = None
    if not isinstance(node, yaml.MappingNode) or not isinstance(current, dict):
        return dump(dict(wanted))
    lines = text.splitlines(keepends=True)
    spans = _key_spans(node, len(lines))
    pieces: list[tuple[str, str]] = []
    for key, (value_node, start, end) in spans.items():
        if key not in wanted:
            continue
        old_text = "".join(lines[start:end])
        if current.get(key) == wanted[key]:
            pieces.append((key, old_text))
        elif isinstance(value_node, yaml.SequenceNode) and isinstance(wanted[key], list) \
                and not value_node.flow_style and value_node.value:
            pieces.append((key, _rewrite_list(lines, key, value_node, start, end,
                                              current[key], wanted[key])))
        else:
            pieces.append((key, _ending(old_text, dump({key: wanted[key]}))))
    for key in (k for k in wanted if k not in spans):
        pieces.insert(_position(pieces, key, order), (key, dump({key: wanted[key]})))
    result = "".join(text for _key, text in pieces)
    if _reads_as(result, wanted):
        return result
    return dump(dict(wanted))


def _key_spans(node: yaml.MappingNode, line_count: int
               ) -> dict[str, tuple[yaml.Node, int, int]]:
    starts = [key.start_mark.line for key, _ in node.value]
    ends = [*starts[1:], line_count]
    # Whatever comes before the first key (a comment) stays with it.
    starts[0] = 0
    return {str(key.value): (value, start, end)
            for (key, value), start, end in zip(node.value, starts, ends, strict=True)}


def _rewrite_list(lines: list[str], key: str, node: yaml.SequenceNode, start: int, end: int,
                  old: list[Any], new: list[Any]) -> str:
    item_starts = [item.start_mark.line for item in node.value]
    item_ends = [*item_starts[1:], end]
    head = "".join(lines[start:item_starts[0]])
    first = lines[item_starts[0]]
    indent = first[: len(first) - len(first.lstrip())]
    kept = {i: "".join(lines[s:e]) for i, (s, e) in enumerate(zip(item_starts, item_ends, strict=True))}
    unused = list(range(len(old)))
    # Blank lines after the last item separate the list from the next key; they stay last.
    last = kept[len(old) - 1]
    gap = last[len(last.rstrip("\n")) + 1:]
    kept[len(old) - 1] = last[: len(last) - len(gap)]
    out = [head]
    for item in new:
        match = next((i for i in unused if old[i] == item), None)
        if match is not None:
            unused.remove(match)
            out.append(kept[match])
        else:
            out.append("".join(indent + line for line in dump([item]).splitlines(keepends=True)))
    return "".join(out) + gap


def _ending(old: str, new: str) -> str:
    """Keep the blank lines that followed the old value, so the layout stays the same."""
    trailing = old[len(old.rstrip("\n")):]
    return new.rstrip("\n") + (trailing if len(trailing) > 1 else "\n")


def _position(pieces: list[tuple[str, str]], key: str, order: Sequence[str]) -> int:
    if key not in order:
        return len(pieces)
    rank = order.index(key)
    for index, (other, _text) in enumerate(pieces):
        if other in order and order.index(other) > rank:
            return index
    return len(pieces)


def _reads_as(text: str, wanted: Mapping[str, Any]) -> bool:
    try:
        return bool(yaml.load(text, Loader=LOADER) == dict(wanted))
    except yaml.YAMLError:
        return False
