"""YAML parsing that remembers where each value stood, so errors can name a line."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import yaml

# libyaml's C loader when PyYAML was built with it: several times faster on big packs.
LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class YamlDocument:
    """A parsed YAML text plus its node tree, for mapping a value path to a line."""

    def __init__(self, text: str, first_line: int = 1) -> None:
        self.first_line = first_line
        self.node = yaml.compose(text, Loader=LOADER)
        # Constructing from the composed tree avoids parsing the text a second time.
        self.data: Any = LOADER(text).construct_document(self.node) if self.node is not None else None

    def line_of(self, path: Sequence[str | int]) -> int:
        """The line of the deepest node on `path` that exists (1-based, in the file)."""
        node = self.node
        line = node.start_mark.line if node is not None else 0
        for key in path:
            child = _child(node, key)
            if child is None:
                break
            node = child
            line = node.start_mark.line
        return self.first_line + line


def _child(node: yaml.Node | None, key: str | int) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if key_node.value == key:
                found: yaml.Node = value_node
                return found
        return None
    if isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
        child: yaml.Node = node.value[key]
        return child
    return None


def yaml_error_line(error: yaml.YAMLError, first_line: int = 1) -> int:
    mark = getattr(error, "problem_mark", None)
    return first_line + (mark.line if mark is not None else 0)
