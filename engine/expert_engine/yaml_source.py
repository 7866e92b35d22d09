"""Reading YAML safely while remembering where each value was written.

A rule file is data from whoever wrote it, so reading one is bounded: at most
``MAX_FILE_BYTES`` (``capped``), nesting at most ``MAX_DEPTH`` levels, no anchors or aliases (one 881-byte
chain of aliases expands to a billion nodes), no duplicate keys (the last would silently
win), and no number a double cannot hold (``.inf``, ``.nan``, ``1.0e999``; durable-rules
refuses them when compiling). Each is a ``yaml.MarkedYAMLError`` with the line it is on,
so loader and lint report it as ``file:line`` like any other YAML error.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import ConstructorError

from .capped import MAX_FILE_BYTES as MAX_FILE_BYTES  # re-exported: the cap is part of what this module refuses
from .capped import FileTooLarge as FileTooLarge
from .capped import read_capped

_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""The safe loader (no Python objects), in C (libyaml) when PyYAML has it: rule files load ~10x faster."""

MAX_DEPTH = 40
"""Mappings and sequences nested deeper than this are refused (a shipped rule needs about 12)."""
_MAX_INT_DIGITS = 309


class YamlDocument:
    """A YAML file's data (via ``yaml.safe_load`` semantics) and its node tree for line lookups."""

    def __init__(self, path: Path, text: str):
        self.path = path
        loader = _SafeLoader(text)
        try:  # what yaml.safe_load does, keeping the node tree: the text is parsed once
            self.node = loader.get_single_node()
            if self.node is not None:
                _check_tree(self.node, loader)
            self.data: Any = _construct_document(self.node, loader) if self.node is not None else None
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
    """Parse ``path``; raises ``yaml.YAMLError`` (with a mark) or ``OSError`` (``FileTooLarge``)/``UnicodeDecodeError``."""
    return YamlDocument(path, read_capped(path).decode("utf-8"))


_FLOAT = "tag:yaml.org,2002:float"
_INT = "tag:yaml.org,2002:int"


def _refuse(node: yaml.Node, problem: str) -> ConstructorError:
    return ConstructorError(None, None, problem, node.start_mark)


def _check_tree(root: yaml.Node, loader: Any) -> None:
    """Walk the node tree once (each node at most once: an alias is the same node met again)."""
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, int]] = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if id(node) in seen:
            raise _refuse(node, "YAML anchors and aliases (&name, *name) are not allowed in a rule file; "
                                "write the value out")
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            _check_scalar(node, loader)
            continue
        if depth > MAX_DEPTH:
            raise _refuse(node, f"nested deeper than {MAX_DEPTH} levels")
        if isinstance(node, yaml.MappingNode):
            keys: dict[Any, yaml.Node] = {}
            for key_node, value_node in node.value:
                if isinstance(key_node, yaml.ScalarNode):
                    key = (key_node.tag, key_node.value)
                    if key in keys:
                        raise _refuse(key_node, f"duplicate key {key_node.value!r} (also on line "
                                                f"{keys[key].start_mark.line + 1}); one value would be silently lost")
                    keys[key] = key_node
                stack.append((key_node, depth + 1))
                stack.append((value_node, depth + 1))
        else:
            stack.extend((child, depth + 1) for child in node.value)


_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_KEY_TAGS_PYYAML_REWRITES = ("tag:yaml.org,2002:merge", "tag:yaml.org,2002:value")


class _Unusual(Exception):
    """A node ``_construct`` leaves to PyYAML's own constructor (see ``_construct_document``)."""


def _construct_document(root: yaml.Node, loader: Any) -> Any:
    """What ``yaml.safe_load`` makes of a tree ``_check_tree`` passed, built in one plain recursion.

    PyYAML's constructor (pure Python, with generators and a cache of every node) was ~40% of reading a
    rule file. Here plain mappings, sequences and strings are built directly, every other scalar (numbers,
    booleans, null, dates) by the loader's own constructor; anything else (a merge key ``<<``, an ``=`` key,
    a tagged collection, a key that is not a scalar) and any error hand the whole document to PyYAML's
    ``construct_document``, so the result and the error raised are PyYAML's. One exception: where PyYAML
    itself fails with no YAML error (``!!int abc`` raises ``ValueError``), the scalar is refused with its line."""
    try:
        return _construct(root, loader)
    except Exception as error:  # noqa: BLE001  (PyYAML constructs it again, afresh, and raises its own error)
        first = error
    loader.constructed_objects, loader.recursive_objects, loader.state_generators = {}, {}, []
    loader.deep_construct = False
    try:
        return loader.construct_document(root)
    except yaml.YAMLError:
        raise
    except Exception:
        if isinstance(first, yaml.MarkedYAMLError):
            raise first from None
        raise


def _construct(node: yaml.Node, loader: Any) -> Any:
    tag = node.tag
    if tag == _STR and type(node) is yaml.ScalarNode:
        return node.value
    if type(node) is yaml.ScalarNode:
        return _scalar(node, loader)
    if tag == _MAP and type(node) is yaml.MappingNode:
        data = {}
        for key_node, value_node in node.value:
            if type(key_node) is not yaml.ScalarNode or key_node.tag in _KEY_TAGS_PYYAML_REWRITES:
                raise _Unusual(key_node.tag)
            data[key_node.value if key_node.tag == _STR else _scalar(key_node, loader)] = _construct(value_node, loader)
        return data
    if tag == _SEQ and type(node) is yaml.SequenceNode:
        return [_construct(child, loader) for child in node.value]
    raise _Unusual(tag)


def _scalar(node: yaml.Node, loader: Any) -> Any:
    """A scalar other than a plain string, as the loader's own constructor reads it (a collection's constructor on a
    scalar raises at once: ``deep``); an error that is no YAML error (``!!int abc``) becomes one, with the line."""
    try:
        return loader.construct_object(node, deep=True)
    except yaml.YAMLError:
        raise
    except Exception as error:  # noqa: BLE001  (a constructor's ValueError, OverflowError, ...: refused, located)
        raise _refuse(node, f"{node.value!r} cannot be read as {node.tag}: {error}") from None


def _check_scalar(node: yaml.ScalarNode, loader: Any) -> None:
    if node.tag == _FLOAT and not math.isfinite(_scalar(node, loader)):
        raise _refuse(node, f"{node.value} is not a finite number (a rule compares with finite numbers only)")
    if node.tag == _INT and len(node.value.lstrip("+-").replace("_", "")) > _MAX_INT_DIGITS:
        raise _refuse(node, f"an integer of {len(node.value)} digits is outside the range of a double")
