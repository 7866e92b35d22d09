"""PowerShell ``Test-NetConnection -ComputerName <host> -Port <port>`` (NetTCPIP module), one result or several.

https://learn.microsoft.com/en-us/powershell/module/nettcpip/test-netconnection ; the hosts
to test come from https://learn.microsoft.com/en-us/entra/identity/authentication/troubleshoot-sspr-writeback .
The host decides the fact, per cloud: ``passwordreset.microsoftonline.com`` (and its
sub-domains) -> network.passwordreset_https, ``.us`` -> network.passwordreset_usgov_https;
``*.servicebus.windows.net`` -> network.servicebus_https, ``*.servicebus.usgovcloudapi.net``
-> network.servicebus_usgov_https, ``*.servicebus.chinacloudapi.cn`` ->
network.servicebus_china_https; any other host is kept as an observation that
``links.py`` matches against the PDC emulator.
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


def extract(data: Any) -> list[tuple[str, Any, str]]:
    """One claim per test: the endpoint fact (port 443 only) or a ``~tcp[<host>:<port>]`` observation."""
    claims = []
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
        else:
            claims.append((f"~tcp[{host.lower()}:{port}]", succeeded, f"{where}.TcpTestSucceeded ({host}:{port})"))
    return claims
