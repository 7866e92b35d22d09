"""PowerShell ``Test-NetConnection -ComputerName <host> -Port <port>`` (NetTCPIP module), one result or several.

https://learn.microsoft.com/en-us/powershell/module/nettcpip/test-netconnection ; the hosts
to test come from https://learn.microsoft.com/en-us/entra/identity/authentication/troubleshoot-sspr-writeback .
The host decides the fact, per cloud: ``passwordreset.microsoftonline.com`` (and its
sub-domains) -> network.passwordreset_https, ``.us`` -> network.passwordreset_usgov_https;
``*.servicebus.windows.net`` -> network.servicebus_https, ``*.servicebus.usgovcloudapi.net``
-> network.servicebus_usgov_https, ``*.servicebus.chinacloudapi.cn`` ->
network.servicebus_china_https; any other host is kept as an observation that
``links.py`` matches against the PDC emulator.

Several relay names of one Service Bus fact, some answering and some not, are one value: ``"some"`` (issue 24
point 5: a firewall that allows a list of names, not the wildcard), not a conflict. The same host tested twice
with two results stays a conflict for the engineer to settle.
"""

from __future__ import annotations

from typing import Any

from writeback_doctor.sources.errors import ExportError
from writeback_doctor.sources.values import as_items, boolean, field, integer, text

KIND = "powershell-Test-NetConnection"
DESCRIPTION = "PowerShell Test-NetConnection -ComputerName <host> -Port 443"
ENDPOINTS = (
    # (domain, the host itself counts too, fact)
    ("passwordreset.microsoftonline.com", True, "network.passwordreset_https"),
    ("passwordreset.microsoftonline.us", True, "network.passwordreset_usgov_https"),
    ("servicebus.windows.net", False, "network.servicebus_https"),
    ("servicebus.usgovcloudapi.net", False, "network.servicebus_usgov_https"),
    ("servicebus.chinacloudapi.cn", False, "network.servicebus_china_https"),
)


def recognise(data: Any) -> bool:
    """Every item has ComputerName and one of the result fields Test-NetConnection writes
    (TcpTestSucceeded, PingSucceeded, RemotePort)."""
    items = [item for _, item in as_items(data)]
    return bool(items) and all(
        isinstance(i, dict) and "ComputerName" in i and any(k in i for k in ("TcpTestSucceeded", "PingSucceeded", "RemotePort"))
        for i in items)


def endpoint(host: str) -> str | None:
    """The network fact a test of ``host`` decides, or None."""
    host = host.lower().rstrip(".")
    for domain, bare_host_counts, fact in ENDPOINTS:
        if host.endswith("." + domain) or (bare_host_counts and host == domain):
            return fact
    return None


SOME_FACTS = ("network.servicebus_https", "network.servicebus_usgov_https", "network.servicebus_china_https")
"""The endpoint facts that may be "some" (facts_schema.json, ``x-partial: some``): several relay names."""


def extract(data: Any) -> list[tuple[str, Any, str]]:
    """One claim per test: the endpoint fact (port 443 only) or a ``~tcp[<host>:<port>]`` observation; the
    tests of several relay names of one Service Bus fact that disagree make one claim, ``"some"``."""
    claims: list[tuple[str, Any, str]] = []
    relays: dict[str, list[tuple[str, bool, str]]] = {}
    for where, item in as_items(data):
        host = text(field(item, "ComputerName", where), f"{where}.ComputerName")
        if "TcpTestSucceeded" not in item:
            raise ExportError(f"{where}.TcpTestSucceeded",
                              "missing field: run Test-NetConnection with -Port 443 (a ping alone tests nothing)")
        succeeded = boolean(item["TcpTestSucceeded"], f"{where}.TcpTestSucceeded")
        port = integer(field(item, "RemotePort", where), f"{where}.RemotePort")
        fact = endpoint(host)
        if fact is not None and port == 443:
            claims.append((fact, succeeded, f"{where}.TcpTestSucceeded ({host}:443)"))
            if fact in SOME_FACTS:
                relays.setdefault(fact, []).append((host.lower().rstrip("."), succeeded, where))
        else:
            claims.append((f"~tcp[{host.lower()}:{port}]", succeeded, f"{where}.TcpTestSucceeded ({host}:{port})"))
    for fact, tests in relays.items():
        partly = _some(tests)
        if partly is not None:
            claims = [claim for claim in claims if claim[0] != fact] + [(fact, "some", partly)]
    return claims


def _some(tests: list[tuple[str, bool, str]]) -> str | None:
    """The source of a "some" claim when different relay names gave different results (each name one result)."""
    results = {host: {ok for name, ok, _ in tests if name == host} for host, _, _ in tests}
    if any(len(seen) > 1 for seen in results.values()) or len({ok for _, ok, _ in tests}) < 2:
        return None
    answered = ", ".join(sorted(host for host, seen in results.items() if True in seen))
    blocked = ", ".join(sorted(host for host, seen in results.items() if False in seen))
    places = ", ".join(where for _, _, where in tests)
    return f"{places}.TcpTestSucceeded (answered: {answered}; not: {blocked})"
