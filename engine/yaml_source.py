"""Reading YAML safely while remembering where each value was written."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""The safe loader (no Python objects), in C (libyaml) when PyYAML has it: rule files load ~10x faster."""


class YamlDocument:
    """A YAML file's data (via ``yaml.safe_load`` semantics) and its node tree for line lookups."""

    def __init__(self, path: Path, text: str):
        self.path = path
        loader = _SafeLoader(text)
        try:  # what yaml.safe_load does, keeping the node tree: the text is parsed once
            self.node = loader.get_single_node()
            self.data: Any = loader.construct_document(self.node) if self.node is not None else None
        finally:
            loader.dispose()

    def line_of(self, json_path: Sequence[Any]) -> int:
        """The 1-based line of the deepest node on ``json_path`` that exists in the file."""
        node = self.node
        if node is None:
            return 1
        line = node.start_mark.line + 1
        for step in json_path:
            child = None
            if isinstance(node, yaml.MappingNode):
                for key_node, value_node in node.value:
                    if key_node.value == str(step):
                        child = value_node
                        break
            elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
                child = node.value[step]
            if child is None:
                break
            node = child
            line = node.start_mark.line + 1
        return line


def read_yaml(path: Path) -> YamlDocument:
    """Parse ``path``; raises ``yaml.YAMLError`` (with a mark) or ``OSError``/``UnicodeDecodeError``."""
    return YamlDocument(path, path.read_text(encoding="utf-8"))
