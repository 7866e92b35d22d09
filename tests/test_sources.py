"""Importers: each documented export, in each PowerShell form and encoding, becomes the facts the rules need."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.helpers import lookup, shipped
from writeback_doctor.cli import main
from writeback_doctor.diagnosis import diagnose_facts
from writeback_doctor.inputs import read_json
from writeback_doctor.sources import graph_users, registry, values
from writeback_doctor.sources.errors import ExportError
from writeback_doctor.sources.merge import collect

EXPORTS = Path(__file__).resolve().parent / "fixtures" / "exports"

KIND_OF = {
    "subscribedskus": "graph-subscribedSkus",
    "organization": "graph-organization",
    "authorizationpolicy": "graph-authorizationPolicy",
    "users": "graph-users",
    "test-netconnection": "powershell-Test-NetConnection",
    "get-addomain": "powershell-Get-ADDomain",
    "get-adsyncconnector": "powershell-Get-ADSyncConnector",
    "get-adsyncaadpasswordresetconfiguration": "powershell-Get-ADSyncAADPasswordResetConfiguration",
    "get-addefaultdomainpasswordpolicy": "powershell-Get-ADDefaultDomainPasswordPolicy",
    "get-mgsubscribedsku": "graph-subscribedSkus",
    "get-adfinegrainedpasswordpolicy": "powershell-Get-ADFineGrainedPasswordPolicy",
    "get-adsyncscheduler": "powershell-Get-ADSyncScheduler",
    "win32-computersystem": "powershell-Win32_ComputerSystem",
    "pre-windows-2000-compatible-access": "powershell-Get-ADGroupMember-Pre-Windows-2000",
    "proxy-settings": "collector-proxy-settings",
    "server-info": "collector-server-info",
}
EXPECTED = {  # fact path -> value, per export kind (what each one alone decides)
    "subscribedskus": {"tenant.assigned_licenses": 3, "tenant.premium_licenses_assigned": 2},
    "organization": {"tenant.has_synced_users": True},
    "authorizationpolicy": {"sspr.enabled_for_admins": True},
    "users": {"tenant.has_synced_users": True, "tenant.has_cloud_only_users": True, "tenant.users_list_complete": True},
    "test-netconnection": {"network.servicebus_https": False},
    "get-addomain": {},
    "get-adsyncconnector": {"connect.installed": True, "connect.ad_connector_configured": True},
    "get-adsyncaadpasswordresetconfiguration": {"connect.writeback_enabled": True, "connect.installed": True},
    "get-addefaultdomainpasswordpolicy": {"password_policy.minimum_age_days": 1},
    "get-mgsubscribedsku": {"tenant.assigned_licenses": 3, "tenant.premium_licenses_assigned": 2},  # free SKUs left out
    # Admins-PSO (1 day) applies to Domain Admins only: whether the users in scope are among them is not in
    # the export (expert review §8 L7), so the fact is left to the resultant policy or the interview, with a note
    "get-adfinegrainedpasswordpolicy": {"password_policy.fine_grained_minimum_age_days": "<absent>"},
    "get-adsyncscheduler": {"connect.staging_mode": False, "connect.installed": True},
    "win32-computersystem": {"server.is_domain_controller": False},
    "pre-windows-2000-compatible-access": {"ad.pre_windows_2000_access_hardened": False},
    "proxy-settings": {"connect.proxy_configured": True},
    "server-info": {"server.os": "windows-server-2019", "server.dotnet_version": "4.8", "server.tls12_enabled": True,
                    "connect.version": "2.4.131.0", "connect.installed": True, "server.clock_skew_seconds": 0.021},
}
FILES = sorted((p.parent.name, p.name) for p in EXPORTS.glob("*/*.json") if p.parent.name in KIND_OF)


def test_every_kind_has_fixtures_and_a_readme():
    assert {folder for folder, _ in FILES} == set(KIND_OF)
    assert (EXPORTS / "README.md").is_file()
    assert all((EXPORTS / folder / "README.md").is_file() for folder in KIND_OF)


@pytest.mark.parametrize("folder, name", FILES)
def test_each_export_is_recognised_by_shape_and_imports_its_facts(folder, name, tmp_path):
    renamed = tmp_path / "export-with-a-meaningless-name.txt"  # the kind comes from the shape, never the name
    shutil.copyfile(EXPORTS / folder / name, renamed)
    assert registry.recognise(read_json(str(renamed))).KIND == KIND_OF[folder]
    collected = collect([str(renamed)])
    for path, value in EXPECTED[folder].items():
        assert lookup(collected.facts, path) == value, path
    assert collected.conflicts == ()


@pytest.mark.parametrize("folder", sorted({f for f, n in FILES if n.startswith("windows-powershell-5.1")}))
def test_windows_powershell_and_powershell_7_forms_give_the_same_facts(folder):
    forms = sorted(f for f in (EXPORTS / folder).glob("*.json") if "one-result" not in f.name)
    assert len(forms) >= 2
    assert (EXPORTS / folder / "windows-powershell-5.1.json").read_bytes().startswith(b"\xff\xfe")  # UTF-16 LE BOM
    facts = [collect([str(f)]).facts for f in forms]
    assert all(f == facts[0] for f in facts)


def test_encodings_covered():
    boms = {p.read_bytes()[:3] for p in EXPORTS.glob("*/*.json")}
    assert any(b.startswith(b"\xff\xfe") for b in boms)      # UTF-16 LE with BOM (Windows PowerShell 5.1 >)
    assert b"\xef\xbb\xbf" in boms                            # UTF-8 with BOM (Out-File -Encoding utf8 in 5.1)
    assert any(b[:1] in (b"{", b"[") for b in boms)            # UTF-8 without BOM (PowerShell 7)


def test_users_license_tier_needs_the_skus():
    users = str(EXPORTS / "users" / "graph.json")
    skus = str(EXPORTS / "subscribedskus" / "graph.json")
    alone = collect([users])
    by_name = {u["name"]: u for u in alone.facts["users"]}
    assert by_name["reception@contoso.onmicrosoft.com"]["license"] == "none"       # no license at all: known anyway
    assert "license" not in by_name["test.user@contoso.com"]
    assert any("subscribedSkus" in note for note in alone.notes)
    both = {u["name"]: u for u in collect([users, skus]).facts["users"]}
    assert {n: u["license"] for n, u in both.items()} == {
        "admin@contoso.onmicrosoft.com": "premium", "olena.kovalenko@contoso.com": "premium",
        "reception@contoso.onmicrosoft.com": "none", "test.user@contoso.com": "basic"}
    assert {n: u["source"] for n, u in both.items()}["test.user@contoso.com"] == "synced"


def test_a_disabled_premium_plan_does_not_count(tmp_path):
    data = read_json(str(EXPORTS / "users" / "graph.json"))
    data["value"][0]["assignedLicenses"][0]["disabledPlans"] = ["41781fb2-bc02-4b7c-bd55-b576c07bb09d"]
    users = tmp_path / "users.json"
    users.write_text(json.dumps(data))
    facts = collect([str(users), str(EXPORTS / "subscribedskus" / "graph.json")]).facts
    assert facts["users"][0] == {"name": "admin@contoso.onmicrosoft.com", "source": "cloud_only", "license": "basic"}


def test_pdc_emulator_reachability_needs_get_addomain_and_a_test_to_it():
    netconn = str(EXPORTS / "test-netconnection" / "windows-powershell-5.1.json")
    alone = collect([netconn])
    assert "pdc_emulator_reachable" not in alone.facts.get("connect", {})
    assert any("DC01.contoso.local:389" in n or "dc01.contoso.local:389" in n for n in alone.notes)
    both = collect([netconn, str(EXPORTS / "get-addomain" / "powershell-7.json")])
    assert both.facts["connect"]["pdc_emulator_reachable"] is True


def test_mixed_exports_give_the_same_diagnoses_as_the_hand_written_example(repo):
    files = ["subscribedskus/saved-by-windows-powershell.json", "organization/graph.json", "authorizationpolicy/graph.json",
             "users/graph.json", "test-netconnection/powershell-7-select.json", "get-addomain/windows-powershell-5.1.json",
             "get-adsyncconnector/windows-powershell-5.1.json", "get-adsyncaadpasswordresetconfiguration/powershell-7.json",
             "get-addefaultdomainpasswordpolicy/windows-powershell-5.1.json", "contoso/not-in-exports.json"]
    collected = collect([str(EXPORTS / f) for f in files])
    assert collected.conflicts == ()
    hand = json.loads((repo / "examples" / "contoso-exports-broken.json").read_text(encoding="utf-8"))
    merged, written = diagnose_facts(shipped(), collected.facts), diagnose_facts(shipped(), hand)
    pick = lambda r: ([(d["id"], d["finding"]) for d in r["diagnoses"]], r["unknown"], r["passed"])  # noqa: E731
    assert pick(merged) == pick(written)
    found = pick(merged)[0]
    for expected in [("firewall-servicebus-endpoint", "servicebus-blocked"), ("license-cloud-only-users", "cloud-only-user-unlicensed"),
                     ("license-premium-for-writeback", "synced-user-without-premium"), ("admin-and-test-user", "test-user-without-premium")]:
        assert expected in found


def test_diagnose_accepts_exports_directly(capsys):
    status = main([str(EXPORTS / "test-netconnection" / "powershell-7-select.json"),
                   str(EXPORTS / "subscribedskus" / "graph.json"), "--format", "json"])
    out, err = capsys.readouterr()
    report = json.loads(out)
    assert status == 1
    assert ("firewall-servicebus-endpoint", "servicebus-blocked") in [(d["id"], d["finding"]) for d in report["diagnoses"]]


def test_import_writes_the_merged_facts(tmp_path, capsys):
    out = tmp_path / "facts.json"
    status = main(["import", str(EXPORTS / "organization" / "graph.json"), str(EXPORTS / "get-adsyncconnector" / "powershell-7.json"),
                   "--out", str(out)])
    assert status == 0
    written = json.loads(out.read_text())
    sources = written.pop("$sources")
    assert written == {"tenant": {"has_synced_users": True},
                       "connect": {"installed": True, "ad_connector_configured": True}}
    # where each fact came from travels with the file: diagnosing it later still names the export
    assert sources["connect.installed"][0]["kind"] == "powershell-Get-ADSyncConnector"
    assert set(sources) == {"tenant.has_synced_users", "connect.installed", "connect.ad_connector_configured"}


def test_unrecognised_file_lists_what_is_recognised(tmp_path, capsys):
    odd = tmp_path / "odd.json"
    odd.write_text('{"hello": "world"}')
    status = main([str(odd)])
    _, err = capsys.readouterr()
    assert status == 2 and "Traceback" not in err
    assert "odd.json" in err and "graph-subscribedSkus" in err and "powershell-Test-NetConnection" in err
    # beside a usable export it is skipped with the reason, and the export is diagnosed (issue X)
    status = main([str(odd), str(EXPORTS / "organization" / "graph.json")])
    _, err = capsys.readouterr()
    assert status != 2 and f"{odd}: skipped: neither a recognised export nor a facts file" in err


@pytest.mark.parametrize("folder, name, breaking, expected", [
    ("subscribedskus", "graph.json", lambda d: d["value"][1].pop("consumedUnits"), "$.value[1].consumedUnits: missing field"),
    ("subscribedskus", "graph.json", lambda d: d["value"][0].update(consumedUnits="many"), "$.value[0].consumedUnits: expected a whole number"),
    ("users", "graph.json", lambda d: d["value"][2].pop("assignedLicenses"), "$.value[2].assignedLicenses: missing field"),
    ("organization", "graph.json", lambda d: d["value"][0].pop("onPremisesSyncEnabled"), "$.value[0].onPremisesSyncEnabled: missing field"),
    ("test-netconnection", "powershell-7-select.json", lambda d: d[1].pop("TcpTestSucceeded"), "$[1].TcpTestSucceeded: missing field"),
    ("get-adsyncaadpasswordresetconfiguration", "powershell-7.json", lambda d: d.update(Enabled="maybe"), "$.Enabled: expected true or false"),
    ("get-addefaultdomainpasswordpolicy", "powershell-7.json", lambda d: d.update(MinPasswordAge=[]), "$.MinPasswordAge: expected a TimeSpan"),
])
def test_malformed_field_is_named(tmp_path, capsys, folder, name, breaking, expected):
    data = read_json(str(EXPORTS / folder / name))
    breaking(data)
    broken = tmp_path / "export.json"
    broken.write_text(json.dumps(data))
    status = main([str(broken)])
    _, err = capsys.readouterr()
    assert status == 2 and expected in err and str(broken) in err and "Traceback" not in err


def test_powershell_values():
    assert values.date("/Date(1717236000000)/", "$") == values.date("2024-06-01T10:00:00Z", "$")
    assert values.timespan_days("1.00:00:00", "$") == 1 and values.timespan_days({"Ticks": 432000000000}, "$") == 0.5
    assert values.enum_name(7, {7: "Windows2016Domain"}, "$") == values.enum_name("Windows2016Domain", {}, "$")
    with pytest.raises(ExportError) as caught:
        values.date("yesterday", "$.TimeCreated")
    assert caught.value.location == "$.TimeCreated"


@pytest.mark.parametrize("host, fact", [
    ("passwordreset.microsoftonline.com", "network.passwordreset_https"),
    ("ssprdedicatedsbprodscu.servicebus.windows.net", "network.servicebus_https"),
    ("passwordreset.microsoftonline.us", "network.passwordreset_usgov_https"),
    ("contoso.servicebus.usgovcloudapi.net", "network.servicebus_usgov_https"),
    ("ssprdedicatedsbmcprodcne.servicebus.chinacloudapi.cn", "network.servicebus_china_https"),
    ("dc01.contoso.local", None),
])
def test_each_cloud_endpoint_test_decides_its_own_fact(host, fact):
    from writeback_doctor.sources.ps_netconnection import endpoint
    assert endpoint(host) == fact


def test_two_event_log_exports_combine_instead_of_conflicting(repo):
    folder = repo / "tests" / "fixtures" / "exports" / "winevent"
    both = collect([str(folder / "failing-server-ps51.json"), str(folder / "healthy-server-ps7.json")])
    one = collect([str(folder / "failing-server-ps51.json")])
    other = collect([str(folder / "healthy-server-ps7.json")])
    assert both.conflicts == ()
    events = both.facts["event_log"]["events"]
    assert len(events) == len(one.facts["event_log"]["events"]) + len(other.facts["event_log"]["events"])
    assert [e["time"] for e in events] == sorted(e["time"] for e in events)
    again = collect([str(folder / "failing-server-ps51.json"), str(folder / "failing-server-ps51-utf16.json")])
    assert again.facts["event_log"]["events"] == one.facts["event_log"]["events"]   # the same events once


def test_get_mgsubscribedsku_reads_like_the_graph_response(tmp_path):
    users = str(EXPORTS / "users" / "graph.json")
    graph = collect([users, str(EXPORTS / "subscribedskus" / "graph.json")]).facts
    sdk = collect([users, str(EXPORTS / "get-mgsubscribedsku" / "powershell-7.json")]).facts
    assert sdk == graph


def test_free_skus_are_no_basic_license(tmp_path):
    data = read_json(str(EXPORTS / "users" / "graph.json"))
    data["value"][3]["assignedLicenses"] = [{"disabledPlans": [], "skuId": "a403ebcc-fae0-4ca2-8c8c-7a907fd6c235"},   # Power BI (free)
                                            {"disabledPlans": [], "skuId": "f30db892-07e9-47e9-837c-80727f46fd3d"}]   # Power Automate Free
    users = tmp_path / "users.json"
    users.write_text(json.dumps(data))
    collected = collect([str(users), str(EXPORTS / "get-mgsubscribedsku" / "windows-powershell-5.1.json")])
    by_name = {u["name"]: u for u in collected.facts["users"]}
    assert by_name["reception@contoso.onmicrosoft.com"]["license"] == "none"
    assert any("POWER_BI_STANDARD is free" in note for note in collected.file_notes)


def test_service_plans_cut_by_the_default_depth_are_named_and_the_rest_is_read(tmp_path, capsys):
    """Issue X: ConvertTo-Json's default -Depth 2 never refuses the run; what is intact is read, what was lost is named."""
    data = read_json(str(EXPORTS / "get-mgsubscribedsku" / "powershell-7.json"))
    data[0]["ServicePlans"] = ["Microsoft.Graph.PowerShell.Models.MicrosoftGraphServicePlanInfo"]
    data[0]["SkuPartNumber"] = "SOME_NEW_SKU"
    cut = tmp_path / "skus.json"
    cut.write_text(json.dumps(data))
    collected = collect([str(cut)])
    assert collected.facts["tenant"] == {"assigned_licenses": 3}       # counts intact; premium unknown (plans lost)
    assert any("SOME_NEW_SKU were cut by ConvertTo-Json's -Depth 2" in note and "unknown" in note
               for note in collected.file_notes)
    assert main([str(cut)]) != 2 and "written as type names" in capsys.readouterr().err


def test_an_unknown_capability_status_is_carried_as_unknown_with_a_note(tmp_path):
    data = read_json(str(EXPORTS / "subscribedskus" / "graph.json"))
    data["value"][1]["capabilityStatus"] = "PendingRenewal"           # not a documented value (yet)
    skus = tmp_path / "skus.json"
    skus.write_text(json.dumps(data))
    collected = collect([str(skus), str(EXPORTS / "users" / "graph.json")])
    assert "assigned_licenses" not in collected.facts["tenant"]       # ENTERPRISEPACK's unit may or may not count
    assert collected.facts["tenant"]["premium_licenses_assigned"] == 2  # it has no premium plan: that total stands
    assert any("'PendingRenewal'" in note and "unknown" in note for note in collected.file_notes)
    by_name = {u["name"]: u for u in collected.facts["users"]}
    assert "license" not in by_name["test.user@contoso.com"]          # holds only that SKU: unknown, not refused


@pytest.mark.parametrize("name", ["windows-server-2025-windows-powershell-5.1.json", "windows-server-2025-powershell-7.json"])
def test_a_windows_server_2025_domain_imports(name):
    collected = collect([str(EXPORTS / "get-addomain" / name), str(EXPORTS / "test-netconnection" / "powershell-7-select.json")])
    assert collected.facts["connect"]["pdc_emulator_reachable"] is True
    assert collected.file_notes == ()


def test_a_functional_level_newer_than_the_tool_is_noted_not_refused(tmp_path):
    data = read_json(str(EXPORTS / "get-addomain" / "windows-powershell-5.1.json"))
    data["DomainMode"] = 11
    domain = tmp_path / "domain.json"
    domain.write_text(json.dumps(data))
    collected = collect([str(domain)])
    assert any("DomainMode: 11 is not a value this tool knows" in note for note in collected.file_notes)


def test_the_password_reset_configuration_as_the_cmdlet_writes_it():
    raw = EXPORTS / "get-adsyncaadpasswordresetconfiguration" / "cmdlet-output-windows-powershell-5.1.json"
    assert collect([str(raw)]).facts["connect"] == {"installed": True, "writeback_enabled": True}


def test_fine_grained_policies_apply_through_applies_to(tmp_path):
    """Expert review §8 L7: a policy with an age above 0 for some group does not decide the users in scope;
    policies that apply to nobody are left out; 0 in every applying policy decides 0."""
    collected = collect([str(EXPORTS / "get-addefaultdomainpasswordpolicy" / "powershell-7.json"),
                         str(EXPORTS / "get-adfinegrainedpasswordpolicy" / "windows-powershell-5.1.json")])
    assert collected.facts["password_policy"] == {"minimum_age_days": 1}
    assert any("Admins-PSO has Minimum password age 1 day(s) and applies to CN=Domain Admins" in note
               and "Get-ADUserResultantPasswordPolicy" in note for note in collected.file_notes)
    data = read_json(str(EXPORTS / "get-adfinegrainedpasswordpolicy" / "powershell-7.json"))
    data[0]["AppliesTo"] = []
    nobody = tmp_path / "pso.json"
    nobody.write_text(json.dumps(data))
    collected = collect([str(nobody)])
    assert collected.facts["password_policy"] == {"fine_grained_minimum_age_days": 0}
    assert any("apply to nobody" in note and "Admins-PSO" in note for note in collected.file_notes)
    facts = {**collected.facts, "password_policy": {"minimum_age_days": 0, "fine_grained_minimum_age_days": 1}}
    fired = {d["id"]: d["finding"] for d in diagnose_facts(shipped(), facts)["diagnoses"]}
    assert fired["minimum-password-age-zero"] == "fine-grained-minimum-age-above-zero"


def test_a_fine_grained_policy_is_not_taken_for_the_default_policy():
    one = read_json(str(EXPORTS / "get-adfinegrainedpasswordpolicy" / "powershell-7-one-result.json"))
    assert registry.recognise(one).KIND == "powershell-Get-ADFineGrainedPasswordPolicy"


def _variant(tmp_path, folder, name, change):
    data = read_json(str(EXPORTS / folder / name))
    change(data)
    path = tmp_path / "export.json"
    path.write_text(json.dumps(data))
    return collect([str(path)])


@pytest.mark.parametrize("folder, name, change, fact, value", [
    ("get-adsyncscheduler", "powershell-7.json", lambda d: d.update(StagingModeEnabled=True), "connect.staging_mode", True),
    ("win32-computersystem", "powershell-7.json", lambda d: d.update(DomainRole=5), "server.is_domain_controller", True),
    ("win32-computersystem", "powershell-7.json", lambda d: d.update(DomainRole=4), "server.is_domain_controller", True),
    ("pre-windows-2000-compatible-access", "collector-powershell-7.json", lambda d: d["Members"].pop(0),
     "ad.pre_windows_2000_access_hardened", True),
    ("pre-windows-2000-compatible-access", "collector-powershell-7.json", lambda d: d.update(Members=[]),
     "ad.pre_windows_2000_access_hardened", True),
    ("pre-windows-2000-compatible-access", "windows-powershell-5.1.json", lambda d: d.pop(0),
     "ad.pre_windows_2000_access_hardened", True),
    ("proxy-settings", "powershell-7.json",
     lambda d: d["WinHttp"].update(Output="Current WinHTTP proxy settings:\n    Direct access (no proxy server).\n"),
     "connect.proxy_configured", False),
    ("server-info", "powershell-7.json", lambda d: d["Tls12"][4].update(Value=0), "server.tls12_enabled", False),
    ("server-info", "powershell-7.json", lambda d: d["Tls12"][4].update(Value="Not Found"), "server.tls12_enabled", "<absent>"),
    ("server-info", "powershell-7.json", lambda d: d["DotNetFramework"].update(Release=461814), "server.dotnet_version", "4.7.2"),
    ("server-info", "powershell-7.json", lambda d: d["DotNetFramework"].update(Release=533325), "server.dotnet_version", "4.8.1"),
    ("server-info", "powershell-7.json", lambda d: d["OperatingSystem"].update(BuildNumber="26100"), "server.os", "windows-server-2025"),
    ("server-info", "powershell-7.json", lambda d: d["OperatingSystem"].update(BuildNumber="18363"), "server.os", "<absent>"),
    ("server-info", "powershell-7.json", lambda d: d.pop("AzureADConnect"), "connect.version", "<absent>"),
    ("server-info", "powershell-7.json", lambda d: d["Clock"].update(Output="10:41:02, +312,5000000s\r\n10:41:04, +312,4000000s\r\n"),
     "server.clock_skew_seconds", 312.5),                                       # a locale with a decimal comma
    ("server-info", "powershell-7.json", lambda d: d["Clock"].update(Output="10:41:02, error: 0x800705B4\r\n"),
     "server.clock_skew_seconds", "<absent>"),
])
def test_each_new_export_decides_its_fact_both_ways(tmp_path, folder, name, change, fact, value):
    assert lookup(_variant(tmp_path, folder, name, change).facts, fact) == value


def test_an_unknown_domain_role_is_noted_not_refused(tmp_path):
    collected = _variant(tmp_path, "win32-computersystem", "powershell-7.json", lambda d: d.update(DomainRole=9))
    assert "server" not in collected.facts and any("DomainRole: 9" in n for n in collected.file_notes)


def test_proxy_text_this_tool_cannot_read_leaves_a_direct_machine_config_undecided(tmp_path):
    collected = _variant(tmp_path, "proxy-settings", "powershell-7.json",
                         lambda d: d["WinHttp"].update(Output="Aktuelle WinHTTP-Proxyeinstellungen:\n    Direkter Zugriff (kein Proxyserver).\n"))
    assert "proxy_configured" not in collected.facts.get("connect", {})
    assert any("WinHTTP proxy: not read" in n for n in collected.file_notes)


@pytest.mark.parametrize("extra", [{"@odata.nextLink": "https://graph.microsoft.com/v1.0/users?$skiptoken=X"},
                                   {"@odata.count": 99}])
def test_a_partial_users_export_never_says_the_list_is_complete(extra):
    """One page of many (or fewer users than counted) proves who exists, not who does not."""
    data = json.loads((EXPORTS / "users" / "graph.json").read_text(encoding="utf-8"))
    data.update(extra)
    claims = graph_users.extract(data)
    assert "tenant.users_list_complete" not in [path for path, _, _ in claims]


@pytest.mark.parametrize("folder, name, fact", [
    ("get-mgsubscribedsku", "powershell-7.json", "tenant.assigned_licenses"),
    ("test-netconnection", "powershell-7-select.json", "network.servicebus_https"),
])
def test_windows_powershells_wrapped_array_reads_as_the_array(tmp_path, folder, name, fact):
    """Windows PowerShell 5.1 writes an array wrapped in a PSObject as {"value": [...], "Count": n}."""
    items = read_json(str(EXPORTS / folder / name))
    wrapped = tmp_path / "wrapped.json"
    wrapped.write_text(json.dumps({"value": items, "Count": len(items)}))
    assert lookup(collect([str(wrapped)]).facts, fact) == lookup(collect([str(EXPORTS / folder / name)]).facts, fact) != "<absent>"
