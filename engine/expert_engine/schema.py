"""Navigating a fact schema (JSON Schema): the node of a fact path, every path it defines, a fact's question.

Fact paths are written ``a.b`` and, for the fields of array items, ``array[].field``.
Generic: the schema is an input; only the ``x-question`` keyword is this engine's.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

QUESTION_KEY = "x-question"
"""The fact-schema keyword holding, per language, the question that asks for a fact."""

Schema = Mapping[str, Any]


def schema_node(schema: Schema, path: str) -> Schema | None:
    """The fact-schema node of a fact path (``a.b``, ``array[].field``), or None when the schema has no such fact."""
    node: Schema = schema
    for step in path.split("."):
        is_item = step.endswith("[]")
        name = step[:-2] if is_item else step
        node = _resolve(schema, node)
        properties = node.get("properties", {})
        if name not in properties:
            return None
        node = _resolve(schema, properties[name])
        if is_item:
            if "items" not in node:
                return None
            node = _resolve(schema, node["items"])
    return _resolve(schema, node)


def _resolve(schema: Schema, node: Any) -> Schema:
    """Follow a local ``$ref`` (``#/$defs/x``) once; other nodes are returned unchanged."""
    ref = node.get("$ref") if isinstance(node, Mapping) else None
    if isinstance(ref, str) and ref.startswith("#/"):
        target: Any = schema
        for step in ref[2:].split("/"):
            target = target.get(step, {}) if isinstance(target, Mapping) else {}
        return target if isinstance(target, Mapping) else {}
    return node if isinstance(node, Mapping) else {}


def schema_paths(schema: Schema) -> list[str]:
    """Every fact path the schema defines (objects, arrays and leaves), item fields as ``array[].field``."""
    paths: list[str] = []

    def walk(node: Schema, prefix: str) -> None:
        for name, child in sorted(_resolve(schema, node).get("properties", {}).items()):
            if name.startswith("$"):
                continue
            child = _resolve(schema, child)
            path = f"{prefix}{name}"
            paths.append(path)
            if "properties" in child:
                walk(child, path + ".")
            elif isinstance(child.get("items"), Mapping) and "properties" in _resolve(schema, child["items"]):
                walk(child["items"], path + "[].")

    walk(schema, "")
    return paths


def schema_leaves(schema: Schema) -> list[str]:
    """The paths of the schema's leaf facts (neither objects nor arrays of objects)."""
    return [p for p in schema_paths(schema) if not _is_container(schema_node(schema, p) or {}, schema)]


def _is_container(node: Schema, schema: Schema) -> bool:
    if "properties" in node:
        return True
    items = node.get("items")
    return isinstance(items, Mapping) and "properties" in _resolve(schema, items)


def question(schema: Schema, path: str, lang: str) -> str | None:
    """The question that asks for a fact (its ``x-question`` in ``lang``), or None."""
    node = schema_node(schema, path)
    texts = node.get(QUESTION_KEY) if node else None
    found = texts.get(lang) if isinstance(texts, Mapping) else None
    return found if isinstance(found, str) else None
