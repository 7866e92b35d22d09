"""The Connect server's OS, .NET Framework, TLS 1.2 settings and Connect version, as the connect-server collector
writes them (serverinfo.json).

- ``OperatingSystem``: ``Get-CimInstance Win32_OperatingSystem`` Caption, Version, BuildNumber, ProductType
  (https://learn.microsoft.com/en-us/windows/win32/cimwin32prov/win32-operatingsystem); the build number
  names the Windows Server release (https://learn.microsoft.com/en-us/windows/release-health/windows-server-release-info).
- ``DotNetFramework``: the ``Release`` value of HKLM:\\SOFTWARE\\Microsoft\\NET Framework Setup\\NDP\\v4\\Full, mapped
  as https://learn.microsoft.com/en-us/dotnet/framework/migration-guide/how-to-determine-which-versions-are-installed does.
- ``Tls12``: the registry values Microsoft's TLS 1.2 check script reads, as it lists them (Path, Name,
  Value, ``Not Found`` when absent; the collector adds ``Part``, ``os`` or ``dotnet``, for the reader of the file):
  https://learn.microsoft.com/en-us/entra/identity/hybrid/connect/reference-connect-tls-enforcement . They give the
  two parts apart, ``server.tls12_os_enabled`` (SCHANNEL ``TLS 1.2\\Server`` and ``\\Client``: Enabled 1,
  DisabledByDefault 0) and ``server.tls12_dotnet_enabled`` (SystemDefaultTlsVersions and SchUseStrongCrypto 1 under
  ``.NETFramework\\v4.0.30319`` and its WOW6432Node twin), and ``server.tls12_enabled`` as both together.
- ``AzureADConnect``: the ProductVersion of AzureADConnect.exe (the version the interview asks for).
- ``AzureADConnect``: from the registry (``HKLM:\\SOFTWARE\\Microsoft\\Azure AD Connect`` Version) when the exe is not
  in the default folder (a custom install folder).
- ``TimeStatus``: the text of ``w32tm /query /status`` (for the engineer; not read).
- ``Clock``: the text of ``w32tm /stripchart /computer:<PDC emulator, else time.windows.com> /samples:3 /dataonly``, one
  ``hh:mm:ss, +00.0123456s`` line per sample (the offset from that time server):
  https://learn.microsoft.com/en-us/windows-server/networking/windows-time-service/windows-time-service-tools-and-settings .
"""

from __future__ import annotations

import re
from typing import Any

from writeback_doctor.sources.errors import ExportError
from writeback_doctor.sources.model import NOTE

KIND = "collector-server-info"
DESCRIPTION = ("the Connect server's OS, .NET Framework release, TLS 1.2 registry values, Connect version and clock "
               "(connect-server collector)")
PARTS = ("OperatingSystem", "DotNetFramework", "Tls12", "AzureADConnect", "Clock", "TimeStatus")
_OFFSET = re.compile(r",\s*([+-]?\d+(?:[.,]\d+)?)s\s*$")
SERVER_BUILDS = {3790: "windows-server-2003", 6001: "windows-server-2008", 6002: "windows-server-2008",
                 6003: "windows-server-2008", 7600: "windows-server-2008-r2", 7601: "windows-server-2008-r2",
                 9200: "windows-server-2012", 9600: "windows-server-2012-r2", 14393: "windows-server-2016",
                 17763: "windows-server-2019", 20348: "windows-server-2022", 26100: "windows-server-2025"}
"""The build numbers of the Windows Server long-term releases (with their service packs); any other build is noted."""
DOTNET_RELEASES = ((533320, "4.8.1"), (528040, "4.8"), (461808, "4.7.2"), (461308, "4.7.1"), (460798, "4.7"),
                   (394802, "4.6.2"), (394254, "4.6.1"), (393295, "4.6"), (379893, "4.5.2"), (378675, "4.5.1"), (378389, "4.5"))
"""The smallest Release value of each .NET Framework 4.x version (Microsoft's table), newest first."""
TLS12_EXPECTED = {"SystemDefaultTlsVersions": 1, "SchUseStrongCrypto": 1, "Enabled": 1, "DisabledByDefault": 0}
"""What the TLS 1.2 check script wants each value to be."""
_SCHANNEL = "HKLM:\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2\\"
_NETFX = "\\Microsoft\\.NETFramework\\v4.0.30319"
TLS12_PARTS = {
    "os": tuple((_SCHANNEL + side, name) for side in ("Server", "Client") for name in ("Enabled", "DisabledByDefault")),
    "dotnet": tuple((root + _NETFX, name) for root in ("HKLM:\\SOFTWARE\\WOW6432Node", "HKLM:\\SOFTWARE")
                    for name in ("SystemDefaultTlsVersions", "SchUseStrongCrypto")),
}
"""The (Path, Name) of each value Microsoft's page sets, per part: the operating system's SCHANNEL protocol keys and
.NET Framework 4's two keys. A part is decided only when all its values are in the export."""
TLS12_FACTS = {"os": "server.tls12_os_enabled", "dotnet": "server.tls12_dotnet_enabled"}
_PART_OF_NAME = {name: part for part, keys in TLS12_PARTS.items() for _, name in keys}


def recognise(data: Any) -> bool:
    """An object made of (some of) the four parts, at least one of them present."""
    return isinstance(data, dict) and bool(set(data) & set(PARTS)) and set(data) <= set(PARTS) | {"Collector"}


def os_release(part: Any) -> tuple[str | None, str | None]:
    """(server.os value, note): a server's build number to its release; a client OS or a build this tool does not know: a note."""
    if not isinstance(part, dict) or "Error" in part:
        return None, None
    build = part.get("BuildNumber")
    if isinstance(build, str) and build.isdigit():
        build = int(build)
    if not isinstance(build, int) or isinstance(build, bool):
        raise ExportError("$.OperatingSystem.BuildNumber", f"expected the build number, got {build!r}")
    if part.get("ProductType") == 1:
        return None, f"a client operating system ({part.get('Caption')}), not a Windows Server release"
    if build in SERVER_BUILDS:
        return SERVER_BUILDS[build], None
    return None, f"build {build} ({part.get('Caption')}) is not a Windows Server long-term release this tool knows"


def dotnet_version(part: Any) -> str | None:
    """The .NET Framework 4.x version of a Release value (None when the part is missing or failed)."""
    if not isinstance(part, dict) or "Error" in part or part.get("Release") is None:
        return None
    release = part["Release"]
    if not isinstance(release, int) or isinstance(release, bool):
        raise ExportError("$.DotNetFramework.Release", f"expected the Release number, got {release!r}")
    return next((version for smallest, version in DOTNET_RELEASES if release >= smallest), None)


def _key(path: Any, name: str) -> tuple[str, str]:
    """A row's (Path, Name) compared as the registry does: case-insensitive, ``HKLM\\`` and ``HKLM:\\`` alike."""
    text = str(path).strip().rstrip("\\").lower()
    for alias in ("hkey_local_machine\\", "hklm\\"):
        if text.startswith(alias):
            text = "hklm:\\" + text[len(alias):]
    return text, name.lower()


def _as_wanted(row: dict[str, Any]) -> bool | None:
    """Whether one value is as the check script wants it; None when it is not set (``Not Found``) or not a number."""
    name = row["Name"]
    value = row.get("Value")
    if isinstance(value, str) and re.fullmatch(r"-?\d+|0x[0-9a-fA-F]+", value.strip()):
        value = int(value.strip(), 0)
    if not isinstance(value, int) or isinstance(value, bool):
        return None
    if value == TLS12_EXPECTED[name]:
        return True
    # any non-zero DWORD enables the protocol: 0xffffffff (IIS Crypto's value) reads as -1 or 4294967295
    return name == "Enabled" and value != 0


def tls12_parts(rows: Any) -> tuple[dict[str, bool | None], list[str]]:
    """TLS 1.2 for the OS and for .NET apart: a part is false when one of its values disables TLS 1.2, true when every
    value Microsoft's page sets for it is in the export as wanted, else unknown (each missing value noted)."""
    decided: dict[str, bool | None] = {"os": None, "dotnet": None}
    if not isinstance(rows, list) or not rows:
        return decided, []
    good: dict[str, set[tuple[str, str]]] = {"os": set(), "dotnet": set()}
    bad: set[str] = set()
    for index, row in enumerate(rows):
        if not isinstance(row, dict) or row.get("Name") not in TLS12_EXPECTED:
            raise ExportError(f"$.Tls12[{index}]", f"expected {{Path, Name, Value}} of a TLS 1.2 value, got {row!r}")
        part = _PART_OF_NAME[row["Name"]]
        wanted = _as_wanted(row)
        if wanted is False:
            bad.add(part)
        elif wanted:
            good[part].add(_key(row.get("Path"), row["Name"]))
    notes = []
    for part, keys in TLS12_PARTS.items():
        missing = [f"{path}\\{name}" for path, name in keys if _key(path, name) not in good[part]]
        if part in bad:
            decided[part] = False
        elif not missing:
            decided[part] = True
        else:
            notes.append(f"not set or not exported: {', '.join(missing)}; answer {TLS12_FACTS[part]} after running Microsoft's check script")
    return decided, notes


def tls12_enabled(rows: Any) -> tuple[bool | None, str | None]:
    """Both parts together (Kleene and): false when either is false, true when both are true, else unknown (a note)."""
    parts, notes = tls12_parts(rows)
    both = _both(parts)
    if both is not None:
        return both, None
    return None, "; ".join(notes) or None


def _both(parts: dict[str, bool | None]) -> bool | None:
    """The Kleene 'and' of the parts: false when one is false, true when all are true, else unknown."""
    if False in parts.values():
        return False
    return True if all(parts.values()) else None


def clock_skew(part: Any) -> tuple[float | None, str | None]:
    """The largest absolute offset of w32tm's samples, in seconds; none readable: a note."""
    if not isinstance(part, dict) or "Error" in part or not isinstance(part.get("Output"), str):
        return None, None
    samples = [_OFFSET.search(line) for line in part["Output"].splitlines()]
    offsets = [abs(float(m.group(1).replace(",", "."))) for m in samples if m]
    if not offsets:
        return None, "w32tm gave no time sample (time.windows.com unreachable over NTP?); answer server.clock_skew_seconds"
    return round(max(offsets), 3), None


def extract(data: Any) -> list[tuple[str, Any, str]]:
    """server.os, server.dotnet_version, server.tls12_os_enabled, server.tls12_dotnet_enabled, server.tls12_enabled,
    server.clock_skew_seconds, connect.version (and connect.installed) from the parts that are there."""
    claims: list[tuple[str, Any, str]] = []
    os_name, note = os_release(data.get("OperatingSystem"))
    if os_name:
        claims.append(("server.os", os_name, "$.OperatingSystem.BuildNumber"))
    if note:
        claims.append((NOTE, note, "$.OperatingSystem"))
    version = dotnet_version(data.get("DotNetFramework"))
    if version:
        claims.append(("server.dotnet_version", version, "$.DotNetFramework.Release"))
    parts, notes = tls12_parts(data.get("Tls12"))
    for part, decided in parts.items():
        if decided is not None:
            claims.append((TLS12_FACTS[part], decided, f"$.Tls12 (the {'SCHANNEL' if part == 'os' else '.NET Framework'} values)"))
    tls = _both(parts)
    if tls is not None:
        claims.append(("server.tls12_enabled", tls, "$.Tls12"))
    claims.extend((NOTE, note, "$.Tls12") for note in notes)
    skew, note = clock_skew(data.get("Clock"))
    if skew is not None:
        claims.append(("server.clock_skew_seconds", skew, "$.Clock.Output (the largest offset of the samples)"))
    if note:
        claims.append((NOTE, note, "$.Clock"))
    connect = data.get("AzureADConnect")
    if isinstance(connect, dict) and isinstance(connect.get("ProductVersion"), str) and connect["ProductVersion"].strip():
        claims.append(("connect.version", connect["ProductVersion"].strip(), "$.AzureADConnect.ProductVersion"))
        claims.append(("connect.installed", True, "$.AzureADConnect (AzureADConnect.exe is there)"))
    return claims
