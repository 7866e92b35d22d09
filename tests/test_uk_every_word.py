"""Every word of a ``--lang uk`` report is Ukrainian (issue P, point 9), read in what the user gets.

Every example is rendered in Ukrainian in every format (the terminal report, also with ``--explain``
and ``--verbose``; Markdown; HTML; the JSON contract's texts), and every Latin-letter word left is
reported unless it is one of:

- what is not prose: URLs, code spans, fact paths, file names, versions, rule and finding ids,
  PowerShell and other commands with their arguments, command-line options, code identifiers
  (``adminCount``, ``RestrictRemoteSam``);
- a literal the text quotes («Self service password reset enabled», 'Change password') or a menu
  path of an admin tool (``Entra ID > Password reset > Properties``), which Microsoft's consoles show
  in English; an English original in parentheses after its Ukrainian term (``проміжний режим
  (staging mode)``), as the glossary (docs/glossary.md) asks;
- data the user gave (a value or key of the facts file, shown as given);
- a proper name or code of the allow-lists below (products, roles, protocols, Microsoft's names of
  consoles, settings and values).

The JSON contract's keys and its code values (severity, stage, kind, status...) are identifiers by
design and are not read; its texts are.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any, Iterator

import pytest

from tests.helpers import run

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((REPO / "examples").glob("*.json"))
RENDERS = [("table",), ("table", "--explain"), ("table", "--verbose"), ("markdown",), ("html",), ("json", "--explain")]

NAMES = """
Microsoft Entra Azure Active Directory AD DS ID Connect Sync Cloud Windows Server PowerShell Graph Office Exchange
Government China Vianet US SSPR HTTPS HTTP TLS SSL LDAP LDAPS TCP UDP UTC NTP DNS SAM SAMR PDC RODC DC DCs NET
Framework Service Bus ADSync Application SKU SKUs EMS MSOnline UPN DN SID ACL GPO OU MFA PIM PTA PHS API CA RSA
DigiCert Root G2 P1 P2 E3 E5 Premium Basic Standard Business Free Kerberos NTLM JSON CSV HTML Markdown FS
Global Hybrid Identity Administrator Privileged Role Management Authenticated Users Effective Access Advanced
Security Settings Password Protection Audit Enforced None Selected All Enabled True False Status Running
Synchronization Service Manager Properties Connectors Optional features Pass-through authentication
Authentication methods Registration details Assignments Licenses Billing Minimum password age Get Select Filter
Release Computer Configuration Policies Account Policy Trusted Certification Authorities Local Save Manage Remote Allow
Update Federated scecli rassfm
""".split()
"""Proper names and codes a Ukrainian report writes in English: products, roles, protocols, and the names
Microsoft's English consoles give to settings, pages and values (a Ukrainian admin sees them so)."""

PHRASES = ("Password writeback", "cloud sync", "SSPR registered")
"""Microsoft's names written in lower case or with common words: the Connect wizard's optional feature,
Microsoft Entra Connect cloud sync, a column of User registration details."""

CODE_KEYS = frozenset({"id", "finding", "stage", "severity", "origin", "links", "source", "fact", "file", "kind",
                       "location", "reach", "tool", "version", "rules_sha256", "generated", "name", "sha256", "path",
                       "status", "op", "by", "derived", "passed", "missing", "decides", "stages", "detail", "code",
                       "time", "level", "message", "value", "license", "license_product", "knowledge_checked",
                       "not_applicable", "rule"})
"""JSON keys whose values are identifiers, codes or the user's data, not prose."""

LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*[A-Za-z]|[A-Za-z]")
CYRILLIC = re.compile(r"[А-Яа-яІіЇїЄєҐґ]")


def rendered(capsys: Any, example: Path, render: tuple[str, ...]) -> str:
    status, out, err = run(capsys, str(example), "--lang", "uk", "--format", *render)
    assert status in (0, 1, 4), err
    return out


def prose(fmt: str, out: str) -> str:
    """The text a reader reads, one line: markup, and the JSON's identifiers, left out."""
    if fmt == "json":
        return " \n ".join(_texts(json.loads(out)))
    if fmt == "html":
        out = re.sub(r"<(style|script|code)\b.*?</\1>", " ", out, flags=re.S)  # code: as the backquotes of Markdown
        out = html.unescape(re.sub(r"<[^>]+>", "\n", out))
    if fmt == "markdown":
        out = re.sub(r"</?(details|summary)>", " ", out)
        out = re.sub(r"\]\([^)]*\)", "]", out).replace("**", "")
    return " \n ".join(line.strip() for line in out.splitlines())


def _texts(data: Any, key: str | None = None) -> Iterator[str]:
    if isinstance(data, dict):
        for name, value in data.items():
            if name not in CODE_KEYS:
                yield from _texts(value, name)
    elif isinstance(data, list):
        for value in data:
            yield from _texts(value, key)
    elif isinstance(data, str):
        yield data


def not_prose_removed(text: str) -> str:
    """``text`` without what is not prose: see the module's docstring."""
    text = re.sub(r"https?://\S+", " ", text)
    text = re.sub("|".join(re.escape(phrase).replace(r"\ ", r"\s+") for phrase in PHRASES), " ", text, flags=re.I)
    text = re.sub(r"`[^`]*`", " ", text)
    text = re.sub(r"«[^»]*»|“[^”]*”|\"[^\"]*\"|(?<!\w)'[^']{1,200}'(?!\w)", " ", text)
    text = re.sub(r"(?<=[А-Яа-яІіЇїЄєҐґ'’] )\([A-Za-z][A-Za-z .,'/-]*(?=[:)])", "(", text)  # проміжний режим (staging mode)
    text = _menu_paths_removed(text)
    kept: list[str] = []
    in_command = False
    listing = False
    for token in text.split():
        core = token.strip(".,;:()[]{}!?«»")
        if _command(token):
            in_command = True
            continue
        if in_command and not CYRILLIC.search(token) and not token.startswith("(") and not core.endswith(")"):
            continue  # a command's arguments: ASCII until the sentence goes on in Ukrainian
        in_command = False
        # a fact's name in a list of them ("також тут: reset: initiated_by, tool; symptom: ...")
        named = core in FACT_NAMES and (listing or token.endswith((",", ";", ":")))
        listing = token.endswith((",", ":")) and (named or core in FACT_NAMES or CYRILLIC.search(token) is None)
        if named or token.startswith("[") and token.rstrip(".,;:").endswith("]"):
            continue
        if LATIN_WORD.search(core) and _identifier(token.lstrip("(«[").rstrip(".,;:)»]!?")):
            continue
        kept.append(token)
    return " ".join(kept)


def _fact_names() -> frozenset[str]:
    """Every property name of the fact schema: identifiers, when a report lists facts by name."""
    names: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            names.update(node.get("properties", {}))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads((REPO / "facts_schema.json").read_text(encoding="utf-8")))
    return frozenset(names)


FACT_NAMES = _fact_names()


def _command(token: str) -> bool:
    """A PowerShell cmdlet (anywhere in the token: ``(Get-ADSyncGlobalSettings).Parameters``) or a command."""
    verbs = "Get|Set|Test|Reset|Update|Add|Remove|Start|Stop|Restart|Import|Export|Invoke|Connect|Where|Select|ForEach|New"
    return bool(re.search(rf"(?<![\w-])({verbs})-[A-Z]\w*", token)
                or token.strip("(") in {"diagnose", "netsh", "dsacls", "gpupdate", "w32tm", "gpmc.msc", "reg", "nltest"})


def _identifier(token: str) -> bool:
    """A path, file name, version, option, id or code identifier: not a word of prose."""
    return bool(re.search(r"[._/\\:$\[\]=@#<>*0-9]", token) or token.startswith("-")
                or re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)+", token) or re.search(r"[a-z][A-Z]|[A-Z]{2,}[a-z]", token))


def _menu_paths_removed(text: str) -> str:
    """``Entra ID > Password reset > Properties``: the English labels on both sides of each ``>`` go."""
    latin_run = r"(?:\(?[A-Za-z+][\w()'+-]*\)?)(?:\s+\(?[A-Za-z+][\w()'+-]*\)?)*"
    parts = text.split(" > ")
    for index in range(len(parts)):
        if index > 0:
            parts[index] = re.sub(rf"^\s*{latin_run}", " ", parts[index])
        if index < len(parts) - 1:
            parts[index] = re.sub(rf"{latin_run}\s*$", " ", parts[index])
    return " > ".join(parts)


def data_words(example: Path) -> set[str]:
    """Every word of the facts file's keys and values: the user's data, shown as given."""
    words: set[str] = {"true", "false", "null"}

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                words.update(LATIN_WORD.findall(str(key)))
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, str):
            words.update(LATIN_WORD.findall(value))

    walk(json.loads(example.read_text(encoding="utf-8")))
    return words


def english_words(text: str, allowed: set[str]) -> list[str]:
    """The Latin-letter words of ``text`` left after ``not_prose_removed``, outside ``allowed``, in order."""
    return [word for word in LATIN_WORD.findall(not_prose_removed(text)) if word.strip("'-") not in allowed]


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
@pytest.mark.parametrize("render", RENDERS, ids=" ".join)
def test_every_word_of_a_ukrainian_report_is_ukrainian(capsys, example, render):
    text = prose(render[0], rendered(capsys, example, render))
    found = english_words(text, set(NAMES) | data_words(example))
    left = not_prose_removed(text)
    context = {word: re.search(rf".{{0,60}}\b{re.escape(word)}\b.{{0,60}}", left) for word in dict.fromkeys(found)}
    assert not found, "\n".join(f"{word}: …{match.group(0) if match else ''}…" for word, match in context.items())


def test_the_filter_still_finds_english_prose():
    """The check is not blind: an English sentence among Ukrainian ones, and English before a menu path, are found."""
    text = "Увімкніть зворотний запис. Then restart the service. Центр > Password reset > Properties: done"
    assert english_words(text, set(NAMES)) == ["Then", "restart", "the", "service", "done"]


def test_the_filter_finds_the_english_of_an_english_report(capsys):
    """The same filter on the English report of an example finds its prose: it removes names, not English."""
    status, out, _ = run(capsys, str(REPO / "examples" / "sspr-off.json"), "--format", "markdown")
    found = english_words(prose("markdown", out), set(NAMES) | data_words(REPO / "examples" / "sspr-off.json"))
    assert status == 1 and {"Start", "with", "What", "to", "do", "Diagnoses", "order"} <= set(found)
