"""TLS 1.2 for the OS and for .NET apart, from the connect-server collector's serverinfo.json (issue S point 5).

Microsoft's "TLS 1.2 enforcement for Microsoft Entra Connect"
(https://learn.microsoft.com/en-us/entra/identity/hybrid/connect/reference-connect-tls-enforcement) sets two groups of
registry values: .NET Framework's SystemDefaultTlsVersions and SchUseStrongCrypto under both registry views, and the
SCHANNEL protocol keys of the OS. The importer gives each part its own fact and the combined fact as both together;
an export that lacks a value never reads as healthy.
"""

from __future__ import annotations

import copy
import itertools
import json
from pathlib import Path

import pytest
import tree_sitter
import tree_sitter_powershell

from tests.helpers import REPO
from writeback_doctor.sources import server_info
from writeback_doctor.sources.merge import collect

FIXTURE = json.loads((REPO / "tests" / "fixtures" / "exports" / "server-info" / "powershell-7.json").read_text(encoding="utf-8"))
"""The collector's serverinfo.json, read once: each test changes its own ``copy.deepcopy``."""
COLLECTOR = REPO / "writeback_doctor" / "collectors" / "connect-server.ps1"
FACTS = ("server.tls12_os_enabled", "server.tls12_dotnet_enabled", "server.tls12_enabled")


def imported(tmp_path: Path, change=None) -> dict:
    data = copy.deepcopy(FIXTURE)
    if change:
        change(data)
    path = tmp_path / "serverinfo.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    facts = collect([str(path)]).facts.get("server", {})
    return {fact: facts.get(fact.split(".")[1], "<absent>") for fact in FACTS}


def row(data: dict, part_path: str, name: str) -> dict:
    return next(r for r in data["Tls12"] if r["Path"].endswith(part_path) and r["Name"] == name)


@pytest.mark.parametrize("change, expected", [
    (None, (True, True, True)),
    # one SCHANNEL value disables TLS 1.2: the OS part fails, .NET stays healthy
    (lambda d: row(d, "TLS 1.2\\Client", "Enabled").update(Value=0), (False, True, False)),
    (lambda d: row(d, "TLS 1.2\\Server", "DisabledByDefault").update(Value=1), (False, True, False)),
    # .NET's strong crypto off in the 32-bit view only: .NET fails, the OS stays healthy
    (lambda d: row(d, "WOW6432Node\\Microsoft\\.NETFramework\\v4.0.30319", "SchUseStrongCrypto").update(Value=0),
     (True, False, False)),
    # a value not set: its part undecided, so the whole undecided; the other part decided
    (lambda d: row(d, "SOFTWARE\\Microsoft\\.NETFramework\\v4.0.30319", "SystemDefaultTlsVersions").update(Value="Not Found"),
     (True, "<absent>", "<absent>")),
    (lambda d: row(d, "TLS 1.2\\Server", "Enabled").update(Value="Not Found"), ("<absent>", True, "<absent>")),
    # an undecided part does not hide a failed one
    (lambda d: (row(d, "TLS 1.2\\Server", "Enabled").update(Value="Not Found"),
                row(d, "SOFTWARE\\Microsoft\\.NETFramework\\v4.0.30319", "SchUseStrongCrypto").update(Value=0)),
     ("<absent>", False, False)),
    # cut-short exports: the rows that are missing leave their part undecided, never healthy
    (lambda d: d.update(Tls12=d["Tls12"][:4]), ("<absent>", True, "<absent>")),
    (lambda d: d.update(Tls12=d["Tls12"][4:]), (True, "<absent>", "<absent>")),
    (lambda d: d.update(Tls12=d["Tls12"][:7]), ("<absent>", True, "<absent>")),
    (lambda d: d.update(Tls12=[]), ("<absent>", "<absent>", "<absent>")),
    (lambda d: d.pop("Tls12"), ("<absent>", "<absent>", "<absent>")),
    # the same row twice does not stand for a missing one
    (lambda d: d.update(Tls12=d["Tls12"][:7] + d["Tls12"][6:7]), ("<absent>", True, "<absent>")),
    # an earlier collector's rows (no Part) and the registry's own spelling of the path read the same
    (lambda d: [r.pop("Part") for r in d["Tls12"]], (True, True, True)),
    (lambda d: [r.update(Path=r["Path"].upper().replace("HKLM:", "HKEY_LOCAL_MACHINE")) for r in d["Tls12"]],
     (True, True, True)),
])
def test_the_os_and_dotnet_parts_are_imported_apart(tmp_path, change, expected):
    assert tuple(imported(tmp_path, change).values()) == expected


def test_the_note_names_the_missing_value_and_the_part_to_answer(tmp_path):
    data = copy.deepcopy(FIXTURE)
    row(data, "TLS 1.2\\Client", "DisabledByDefault")["Value"] = "Not Found"
    parts, notes = server_info.tls12_parts(data["Tls12"])
    assert parts == {"os": None, "dotnet": True}
    assert notes == ["not set or not exported: HKLM:\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL"
                     "\\Protocols\\TLS 1.2\\Client\\DisabledByDefault; answer server.tls12_os_enabled after running "
                     "Microsoft's check script"]


def test_the_combined_fact_is_always_both_parts_together():
    """Every way of leaving out or spoiling values: the combined answer is the Kleene 'and' of the two parts."""
    base = FIXTURE["Tls12"]
    states = (1, 0, "Not Found", None)  # as wanted (or 0 for DisabledByDefault), disabling, not set, row left out
    for chosen in itertools.product(states, repeat=4):
        for part_rows in (base[:4], base[4:]):
            rows = copy.deepcopy(base)
            picked = [r for r in rows if r in part_rows][:4]
            for r, state in zip(picked, chosen, strict=True):
                if state is None:
                    rows.remove(r)
                elif state == 1:
                    pass
                else:
                    r["Value"] = 1 - server_info.TLS12_EXPECTED[r["Name"]] if state == 0 else state
            parts, _ = server_info.tls12_parts(rows)
            combined, _ = server_info.tls12_enabled(rows)
            kleene = False if False in parts.values() else (True if all(parts.values()) else None)
            assert combined is kleene, (chosen, parts, combined)
            assert combined is not True or all(state == 1 for state in chosen)


def _collector_tls_rows() -> set[tuple[str, str, str]]:
    """The (Path, Name, Part) triples of the connect-server collector's TLS 1.2 list, read from its parse tree."""
    source = COLLECTOR.read_bytes()
    root = tree_sitter.Parser(tree_sitter.Language(tree_sitter_powershell.language())).parse(source).root_node
    assert not root.has_error
    found = set()
    stack = [root]
    while stack:
        node = stack.pop()
        stack.extend(node.children)
        if node.type != "array_literal_expression":
            continue
        strings = [n.text.decode()[1:-1] for n in node.children
                   for n in ([n] if n.type == "string_literal" else n.children) if n.type == "string_literal"]
        if len(strings) == 3 and strings[1] in server_info.TLS12_EXPECTED:
            found.add((strings[0], strings[1], strings[2]))
    return found


def test_the_collector_reads_each_value_microsoft_sets_and_labels_its_part():
    expected = {(path, name, part) for part, keys in server_info.TLS12_PARTS.items() for path, name in keys}
    assert _collector_tls_rows() == expected
