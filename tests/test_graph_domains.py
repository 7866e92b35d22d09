"""Graph ``GET /domains`` and ``Get-MgDomain | ConvertTo-Json`` (expert review §4 T3): the federated-account rules
get ``writeback_admin.federated`` from the tenant's domains where they decide it; and the tenant collector's paged
lists, every page as Graph returned it (T4), read as one collection."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from writeback_doctor.cli import main
from writeback_doctor.sources.merge import collect
from writeback_doctor.sources.reading import join_graph_pages

DOMAINS = Path(__file__).resolve().parent / "fixtures" / "exports" / "domains"
TENANT = Path(__file__).resolve().parent / "fixtures" / "exports" / "collectors" / "tenant"


@pytest.mark.parametrize("name", ["graph.json", "powershell-7.json", "windows-powershell-5.1-one-domain.json"])
def test_a_tenant_without_a_federated_domain_has_a_managed_wizard_account(name):
    collected = collect([str(DOMAINS / name)])
    assert collected.facts == {"writeback_admin": {"federated": False}}
    assert "graph-domains" in " ".join(collected.file_lines())


@pytest.mark.parametrize("name", ["graph-federated.json", "windows-powershell-5.1.json"])
def test_a_federated_domain_is_named_and_the_account_left_to_the_engineer(name):
    collected = collect([str(DOMAINS / name)])
    assert "writeback_admin" not in collected.facts           # its UPN suffix decides, and no export names it
    assert any("federated domain(s): contoso.com" in note for note in collected.file_notes)


def test_a_cut_domain_list_proves_nothing(tmp_path):
    body = json.loads((DOMAINS / "graph.json").read_text(encoding="utf-8"))
    body["@odata.nextLink"] = "https://graph.microsoft.com/v1.0/domains?$skiptoken=X"
    path = tmp_path / "domains.json"
    path.write_text(json.dumps(body), encoding="utf-8")
    collected = collect([str(path)])
    assert "writeback_admin" not in collected.facts
    assert any("cut short" in note for note in collected.file_notes)


def test_a_bad_authentication_type_is_refused_located(tmp_path, capsys):
    body = json.loads((DOMAINS / "graph.json").read_text(encoding="utf-8"))
    body["value"][1]["authenticationType"] = "Cloud"
    path = tmp_path / "domains.json"
    path.write_text(json.dumps(body), encoding="utf-8")
    assert main(["import", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"{path}: $.value[1].authenticationType: expected Managed or Federated" in err and "Traceback" not in err


def test_a_managed_tenant_decides_the_federated_account_rule(capsys):
    """writeback-admin-managed passes from the domains export alone, instead of asking the engineer."""
    assert main([str(DOMAINS / "graph.json"), "--format", "json"]) in (0, 1, 4)
    report = json.loads(capsys.readouterr().out)
    assert "writeback-admin-managed" in report["passed"]


def test_pages_as_graph_returned_them_join_into_one_collection():
    pages = json.loads((TENANT / "users.json").read_text(encoding="utf-8"))
    assert isinstance(pages, list) and len(pages) == 2 and "@odata.nextLink" in pages[0]
    joined, count = join_graph_pages(pages)
    assert count == 2 and len(joined["value"]) == sum(len(p["value"]) for p in pages)
    assert "@odata.nextLink" not in joined                  # the last page has none: the list is whole
    collected = collect([str(TENANT / "users.json")])
    assert collected.facts["tenant"]["users_list_complete"] is True
    assert {u["name"] for u in collected.facts["users"]} == {u["userPrincipalName"] for p in pages for u in p["value"]}


def test_a_list_the_collector_cut_keeps_the_last_pages_next_link(tmp_path):
    pages = json.loads((TENANT / "users.json").read_text(encoding="utf-8"))[:1]   # -MaxUserPages 1
    path = tmp_path / "users.json"
    path.write_text(json.dumps(pages), encoding="utf-8")
    collected = collect([str(path)])
    assert "users_list_complete" not in collected.facts.get("tenant", {})   # never taken for every user


def test_a_value_is_kept_as_graph_wrote_it():
    """T4: a date Graph wrote stays the text it was (no parse and write again on the way)."""
    page = {"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users", "value": [
        {"userPrincipalName": "a@contoso.com", "onPremisesLastSyncDateTime": "2024-06-01T10:45:00Z"}]}
    joined, _ = join_graph_pages([page])
    assert joined["value"][0]["onPremisesLastSyncDateTime"] == "2024-06-01T10:45:00Z"
