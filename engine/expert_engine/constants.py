"""Named constants of the frame that rule files refer to, filled in when a rule is loaded.

Knowledge that dates (a product's required minimum version, a support deadline) is written once,
in the frame's ``constants`` table with its source, instead of in every rule that uses it. A rule
refers to a constant in two ways:

- as a comparison's operand: ``version_lt: {const: some-minimum}``;
- inside a text: ``{{some-minimum}}`` (a constant whose value is itself a text, one string per
  language, fills each language with its own string).

The frame also says when the table was last compared with its sources (``constants_checked``,
``YYYY-MM-DD``), so that a report can say how old its knowledge is. Resolution happens on the
validated document, before its conditions are parsed: the rest of the engine sees plain values.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

PLACEHOLDER = re.compile(r"\{\{([a-z0-9]+(?:-[a-z0-9]+)*)\}\}")
"""``{{name}}`` in a text."""
CHECKED = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def is_text(value: Any, languages: Sequence[str]) -> bool:
    """Whether ``value`` is a text of the frame: one string per language, nothing else."""
    return isinstance(value, Mapping) and set(value) == set(languages) and all(isinstance(v, str) for v in value.values())


def is_reference(value: Any) -> bool:
    """Whether ``value`` is a reference to a constant, ``{const: name}``."""
    return isinstance(value, Mapping) and set(value) == {"const"} and isinstance(value.get("const"), str)


def frame_constants(data: Any, languages: Sequence[str]) -> tuple[dict[str, Any], str | None, list[str]]:
    """The constants table of the frame's data (name -> value), its ``constants_checked`` date and what is
    wrong with them. An entry is a mapping with a ``value`` (a scalar or a text) and, for the reader, its
    ``source`` and anything else worth saying."""
    problems: list[str] = []
    table = data.get("constants", {}) if isinstance(data, Mapping) else {}
    values: dict[str, Any] = {}
    if not isinstance(table, Mapping):
        return {}, None, ["constants: expected a mapping of names to entries"]
    for name, entry in table.items():
        if not (isinstance(name, str) and re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", name)):
            problems.append(f"constants: {name!r} is not a kebab-case name")
            continue
        value = entry.get("value") if isinstance(entry, Mapping) else None
        if isinstance(value, (str, int, float)) and not isinstance(value, bool) or is_text(value, languages):
            values[name] = value
        else:
            problems.append(f"constants: {name} needs a 'value' that is a string, a number or a text in every language")
    checked = data.get("constants_checked") if isinstance(data, Mapping) else None
    if checked is not None and not (isinstance(checked, str) and CHECKED.match(checked)):
        problems.append("constants_checked: expected a quoted date, YYYY-MM-DD")
        checked = None
    return values, checked, problems


def problems(document: Any, constants: Mapping[str, Any], languages: Sequence[str],
             at: tuple[str | int, ...] = ()) -> list[tuple[list[str | int], str]]:
    """Every reference in a rule document to a constant the frame lacks, or used where its value does not fit."""
    if not at and not _mentions_constants(document):
        return []  # most rule files refer to no constant: one plain pass says so, without building any place
    found: list[tuple[list[str | int], str]] = []
    if is_reference(document):
        name = document["const"]
        if name not in constants:
            found.append((list(at), f"unknown constant {name!r}; the frame's constants are: {', '.join(sorted(constants)) or 'none'}"))
        elif not isinstance(constants[name], (str, int, float)):
            found.append((list(at), f"constant {name!r} is a text; a condition needs a single value"))
        return found
    if isinstance(document, Mapping):
        text = is_text(document, languages)
        for key, value in document.items():
            found += problems(value, constants, languages, (*at, key)) if not text else _text_problems(value, constants, (*at, key))
    elif isinstance(document, list):
        for index, value in enumerate(document):
            found += problems(value, constants, languages, (*at, index))
    elif isinstance(document, str):
        for name in PLACEHOLDER.findall(document):
            if name not in constants:
                found.append((list(at), f"unknown constant {{{{{name}}}}}"))
            elif not isinstance(constants[name], (str, int, float)):
                found.append((list(at), f"constant {{{{{name}}}}} is a text; use it inside a text of every language"))
    return found


def _mentions_constants(document: Any) -> bool:
    """Whether anything in ``document`` could refer to a constant: a mapping with a ``const`` key, a string with
    ``{{`` (a superset of what ``problems`` reports on, so that without either it has nothing to report)."""
    stack = [document]
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            if "{{" in node:
                return True
        elif type(node) is dict or isinstance(node, Mapping):
            if "const" in node:
                return True
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return False


def _text_problems(value: str, constants: Mapping[str, Any], at: tuple[str | int, ...]) -> list[tuple[list[str | int], str]]:
    return [(list(at), f"unknown constant {{{{{name}}}}}") for name in PLACEHOLDER.findall(value) if name not in constants]


def resolve(document: Any, constants: Mapping[str, Any], languages: Sequence[str], language: str | None = None) -> Any:
    """``document`` with every reference replaced by its constant's value (a copy; the input is left as it is).

    Call it on a document that ``problems`` found nothing wrong with.
    """
    if not constants:
        return document
    if is_reference(document):
        return constants[document["const"]]
    if isinstance(document, Mapping):
        if is_text(document, languages):
            return {lang: _fill(value, constants, lang) for lang, value in document.items()}
        return {key: resolve(value, constants, languages, language) for key, value in document.items()}
    if isinstance(document, list):
        return [resolve(value, constants, languages, language) for value in document]
    if isinstance(document, str):
        return _fill(document, constants, language)
    return document


def _fill(value: str, constants: Mapping[str, Any], language: str | None) -> str:
    def one(match: re.Match[str]) -> str:
        constant = constants[match.group(1)]
        if isinstance(constant, Mapping):
            return str(constant[language]) if language is not None else match.group(0)
        return str(constant)
    return PLACEHOLDER.sub(one, value) if "{{" in value else value
