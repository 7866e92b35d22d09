"""The collector scripts: shipped, listed and printed by ``diagnose collect``, valid PowerShell (a real grammar),
read-only, and every file they write is an export an importer recognises (fixtures shaped like their output)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import tree_sitter
import tree_sitter_powershell

from writeback_doctor.cli import main
from writeback_doctor.commands.collect import collector_names, collector_script
from writeback_doctor.sources import registry
from writeback_doctor.sources.reading import read_file

SCRIPTS = Path(__file__).resolve().parent.parent / "writeback_doctor" / "collectors"
OUTPUT = Path(__file__).resolve().parent / "fixtures" / "exports" / "collectors"
NAMES = ["connect-server", "tenant"]
KINDS = {  # file the collector writes -> the export kind its importer reads it as
    "connect-server": {
        "events.json": "Get-WinEvent (Application log: PasswordResetService, ADSync)",
        "addomain.json": "powershell-Get-ADDomain",
        "netconnection.json": "powershell-Test-NetConnection",
        "proxy.json": "collector-proxy-settings",
        "computersystem.json": "powershell-Win32_ComputerSystem",
        "connectors.json": "powershell-Get-ADSyncConnector",
        "writeback.json": "powershell-Get-ADSyncAADPasswordResetConfiguration",
        "scheduler.json": "powershell-Get-ADSyncScheduler",
        "passwordpolicy.json": "powershell-Get-ADDefaultDomainPasswordPolicy",
        "finegrained.json": "powershell-Get-ADFineGrainedPasswordPolicy",
        "pre2000.json": "powershell-Get-ADGroupMember-Pre-Windows-2000",
        "serverinfo.json": "collector-server-info",
        "cloud.json": "collector-cloud",
        "eventlog.json": "collector-event-log-read",
        "adsyncservice.json": "powershell-Get-Service-ADSync",
        "adconnector.json": "collector-ad-connector-partitions",
        "connectoraccount.json": "collector-connector-account",
        "inheritance.json": "collector-inheritance-disabled",
        "remotesam.json": "collector-restrict-remote-sam",
        "testuser.json": "collector-test-user",
    },
    "tenant": {
        "subscribedskus.json": "graph-subscribedSkus",
        "organization.json": "graph-organization",
        "authorizationpolicy.json": "graph-authorizationPolicy",
        "users.json": "graph-users",
        "directoryroles.json": "graph-directoryRoles",
        "registration.json": "graph-userRegistrationDetails",
        "domains.json": "graph-domains",
    },
}
READ_ONLY_VERBS = {"Get", "Test", "Select", "Where", "ForEach", "Sort", "Import", "Join", "Write", "Save", "Invoke",
                   "ConvertTo", "ConvertFrom", "Out", "Connect", "New", "Format"}
"""Verbs a collector may call (New- only for its own folder and .NET objects: checked below); never Set/Remove/Enable..."""


def parse(name: str) -> tuple[bytes, tree_sitter.Node]:
    source = (SCRIPTS / f"{name}.ps1").read_bytes()
    parser = tree_sitter.Parser(tree_sitter.Language(tree_sitter_powershell.language()))
    return source, parser.parse(source).root_node


def nodes(node: tree_sitter.Node):
    yield node
    for child in node.children:
        yield from nodes(child)


def commands(root: tree_sitter.Node) -> list[tuple[str, tree_sitter.Node]]:
    """Every command called: its name and the whole command node (with its arguments)."""
    found = []
    for node in nodes(root):
        if node.type == "command_name":
            command = node.parent
            while command.type != "command":
                command = command.parent
            found.append((node.text.decode(), command))
    return found


def literal_json_names(root: tree_sitter.Node) -> set[str]:
    """Every quoted string in the script that is a bare file name ending in .json: the files it writes."""
    found = set()
    for node in nodes(root):
        if node.type == "string_literal":
            value = node.text.decode()[1:-1]
            if re.fullmatch(r"[a-z0-9-]+\.json", value):
                found.add(value)
    return found


def test_collect_lists_the_scripts_one_per_line(capsys):
    assert main(["collect", "--list"]) == 0
    assert capsys.readouterr().out == "connect-server\ntenant\n"
    assert collector_names() == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_collect_prints_a_script_exactly(capsys, name):
    assert main(["collect", name]) == 0
    out = capsys.readouterr().out
    assert out == (SCRIPTS / f"{name}.ps1").read_text(encoding="utf-8") == collector_script(name)


def test_an_unknown_collector_is_a_usage_error(capsys):
    assert main(["collect", "printer"]) == 2
    err = capsys.readouterr().err
    assert "no collector named 'printer'" in err and "connect-server, tenant" in err and "Traceback" not in err
    assert main(["collect"]) == 2


@pytest.mark.parametrize("name", NAMES)
def test_the_script_parses_with_a_real_powershell_grammar(name):
    source, root = parse(name)
    bad = [(n.type, n.start_point, source[n.start_byte:n.end_byte][:80]) for n in nodes(root) if n.type == "ERROR" or n.is_missing]
    assert bad == [] and not root.has_error


@pytest.mark.parametrize("name", NAMES)
def test_the_script_is_ascii_so_windows_powershell_reads_it_without_a_bom(name):
    (SCRIPTS / f"{name}.ps1").read_bytes().decode("ascii")


@pytest.mark.parametrize("name", NAMES)
def test_every_file_the_script_writes_is_an_export_an_importer_recognises(name):
    _, root = parse(name)
    written = literal_json_names(root)
    assert written == set(KINDS[name])
    fixtures = {p.name for p in (OUTPUT / name).glob("*.json")}
    assert fixtures == written                       # a fixture shaped like each file the collector writes
    for file in sorted(written):
        path = str(OUTPUT / name / file)    # read as diagnose reads a file (a paged Graph list's pages are joined)
        kind = registry.recognise(read_file(path, path).data)
        assert kind is not None and kind.KIND == KINDS[name][file], file


@pytest.mark.parametrize("name", NAMES)
def test_each_write_runs_inside_its_own_step(name):
    """Every Save-Export / Save-Body is inside an Invoke-Step block, whose catch notes the failure and goes on."""
    source, root = parse(name)
    saves = [node for text, node in commands(root) if text in ("Save-Export", "Save-Body")]
    assert saves
    for save in saves:
        parent, inside = save.parent, False
        while parent is not None:
            if parent.type == "function_statement":
                break
            if parent.type == "command" and parent.children and parent.children[0].text == b"Invoke-Step":
                inside = True
                break
            parent = parent.parent
        if parent is not None and parent.type == "function_statement":
            continue                                  # Save-Export used inside a helper function's definition
        assert inside, source[save.start_byte:save.end_byte]
    text = source.decode()
    step = text[text.index("function Invoke-Step"):]
    assert re.search(r"catch \{\s+Write-Note", step[:400])


@pytest.mark.parametrize("name", NAMES)
def test_the_script_is_read_only(name):
    source, root = parse(name)
    for command, node in commands(root):
        if command in ("netsh.exe", "w32tm.exe"):
            assert b"winhttp show proxy" in node.text or b"/stripchart" in node.text or b"/query /status" in node.text
            continue
        verb = command.split("-", 1)[0]
        assert verb in READ_ONLY_VERBS, command
        if verb == "New":
            assert command in ("New-Item", "New-Object") and (command != "New-Item" or b"-ItemType Directory" in node.text)
        if command == "Invoke-MgGraphRequest":
            assert b"-Method GET" in node.text


def test_the_connect_server_script_tests_the_tenants_own_namespace_never_a_sample():
    text = collector_script("connect-server")
    assert "ssprdedicatedsb" not in text                     # no namespace of Microsoft's examples
    assert "31019" in text and "Test-NetConnection -ComputerName $target[0] -Port $target[1]" in text
    assert "Framework64\\v4.0.30319\\Config\\machine.config" in text and "netsh.exe winhttp show proxy" in text
    assert "-Days" in text and "AddDays(-$Days)" in text


def test_the_tenant_script_lists_its_least_privilege_scopes_at_the_top_and_asks_for_no_more():
    text = collector_script("tenant")
    head = text[: text.index("#>")]
    scopes = {"Organization.Read.All", "User.Read.All", "Policy.Read.All", "RoleManagement.Read.Directory", "AuditLog.Read.All",
              "Domain.Read.All"}
    assert all(scope in head for scope in scopes)
    asked = re.search(r"\$Scopes = @\(([^)]*)\)", text).group(1)
    assert {s.strip().strip("'") for s in asked.split(",")} == scopes
    assert "'/users?$select=userPrincipalName,onPremisesSyncEnabled,assignedLicenses,userType,accountEnabled&$top=999'" in text



def test_the_wheel_ships_the_collectors_and_their_messages(tmp_path):
    import zipfile

    from hatchling.builders.wheel import WheelBuilder

    wheel = next(iter(WheelBuilder(str(SCRIPTS.parent.parent)).build(directory=str(tmp_path), versions=["standard"])))
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {f"writeback_doctor/collectors/{name}.ps1" for name in NAMES} | {"writeback_doctor/messages/collect.yaml"} <= names


def test_the_guide_names_every_file_the_collectors_write_and_each_scope():
    guide = (SCRIPTS.parent.parent / "docs" / "collect.md").read_text(encoding="utf-8")
    assert guide.index("diagnose collect connect-server") < guide.index("## 2. Each command by hand")
    for name in NAMES:
        for file in KINDS[name]:
            assert f"`{file}`" in guide, file
    for scope in ("Organization.Read.All", "User.Read.All", "Policy.Read.All", "RoleManagement.Read.Directory", "AuditLog.Read.All",
                  "Domain.Read.All"):
        assert scope in guide
    assert "'https://graph.microsoft.com/v1.0/users?$select=" in guide      # the quoting advice, shown
