"""The proxy the sync service uses, as the connect-server collector writes it (proxy.json).

Microsoft Entra Connect (the ADSync service, a .NET Framework 4 program) takes its proxy from the
``<system.net><defaultProxy>`` element of the machine.config of that framework
(%windir%\\Microsoft.NET\\Framework64\\v4.0.30319\\Config\\machine.config):
https://learn.microsoft.com/en-us/entra/identity/hybrid/connect/how-to-connect-install-prerequisites ;
the element and its ``<proxy proxyaddress usesystemdefault bypassonlocal scriptLocation autoDetect>`` child:
https://learn.microsoft.com/en-us/dotnet/framework/configure-apps/file-schema/network/defaultproxy-element-network-settings .
The WinHTTP proxy (``netsh winhttp show proxy``:
https://learn.microsoft.com/en-us/windows/win32/winhttp/netsh-exe-commands) is read beside it.
Test-NetConnection uses neither, so with a proxy a port test can mislead.

Shape: ``{"MachineConfig": {"Path", "DefaultProxy": null | {"Enabled", "ProxyAddress", "UseSystemDefault",
"BypassOnLocal", "ScriptLocation", "AutoDetect", "UseDefaultCredentials"}}, "WinHttp": {"Command", "Output"}}``;
either part may be missing or carry ``Error`` (that part is then unknown).
"""

from __future__ import annotations

from typing import Any

from writeback_doctor.sources.errors import ExportError
from writeback_doctor.sources.model import NOTE

KIND = "collector-proxy-settings"
DESCRIPTION = ("the proxy settings of the sync service (machine.config defaultProxy, netsh winhttp show proxy; "
               "connect-server collector)")


def recognise(data: Any) -> bool:
    """An object whose MachineConfig or WinHttp part is an object."""
    return isinstance(data, dict) and any(isinstance(data.get(k), dict) for k in ("MachineConfig", "WinHttp")) and set(data) <= {
        "MachineConfig", "WinHttp", "Collector"}


def machine_config_proxy(part: Any) -> bool | None:
    """Whether machine.config's defaultProxy sends the service through a proxy; None when the part is missing or failed."""
    if not isinstance(part, dict) or "Error" in part or "DefaultProxy" not in part:
        return None
    proxy = part["DefaultProxy"]
    if proxy is None:
        return False
    if not isinstance(proxy, dict):
        raise ExportError("$.MachineConfig.DefaultProxy", f"expected an object or null, got {proxy!r}")
    if str(proxy.get("Enabled", "true")).strip().lower() == "false":
        return False
    return any(isinstance(proxy.get(k), str) and proxy[k].strip() for k in ("ProxyAddress", "ScriptLocation")) or \
        str(proxy.get("AutoDetect", "")).strip().lower() == "true"


def winhttp_proxy(part: Any) -> bool | None:
    """Whether ``netsh winhttp show proxy`` names a proxy server; None when its text is missing, failed or not English."""
    if not isinstance(part, dict) or "Error" in part or not isinstance(part.get("Output"), str):
        return None
    output = part["Output"].lower()
    if "direct access" in output:
        return False
    if "proxy server" in output:
        return True
    return None


def extract(data: Any) -> list[tuple[str, Any, str]]:
    """connect.proxy_configured: true if either names a proxy, false only when both say none."""
    machine = machine_config_proxy(data.get("MachineConfig"))
    winhttp = winhttp_proxy(data.get("WinHttp"))
    claims: list[tuple[str, Any, str]] = []
    parts = (("machine.config defaultProxy", machine, "$.MachineConfig"), ("WinHTTP proxy", winhttp, "$.WinHttp"))
    for name, value, where in parts:
        if value is None:
            claims.append((NOTE, f"{name}: not read (missing, failed, or text this tool cannot read)", where))
    if machine or winhttp:
        where = "$.MachineConfig.DefaultProxy" if machine else "$.WinHttp.Output"
        claims.append(("connect.proxy_configured", True, where))
    elif machine is False and winhttp is False:
        claims.append(("connect.proxy_configured", False, "$.MachineConfig.DefaultProxy, $.WinHttp.Output (no proxy in either)"))
    return claims
