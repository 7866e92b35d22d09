"""The AD connector's partition settings as the connect-server collector writes them (``adconnector.json``).

The collector reads them from ``Get-ADSyncServerConfiguration -Path`` (the server configuration
export that Microsoft's AADConnectConfigDocumenter documents): per selected partition of each AD
connector, ``custom-data/adma-partition-data``'s ``preferred-dcs/preferred-dc`` list, ``sign-and-seal``
and ``ssl-bind`` (1 on, 0 off). A preferred-DC list is what "Only use preferred domain controllers"
(Configure Directory Partitions) sets; "Sign and Encrypt LDAP Traffic" is ``sign-and-seal``:
https://learn.microsoft.com/en-us/troubleshoot/entra/entra-id/user-prov-sync/password-writeback-error-code-8023062c .
``PdcEmulator`` is Get-ADDomain's, so that the list can be checked for it.
"""

from __future__ import annotations

from typing import Any

from writeback_doctor.sources.errors import ExportError
from writeback_doctor.sources.model import NOTE
from writeback_doctor.sources.values import field

KIND = "collector-ad-connector-partitions"
DESCRIPTION = "the AD connector's partition settings: preferred DCs, Sign and Encrypt LDAP Traffic (adconnector.json)"


def recognise(data: Any) -> bool:
    """The collector's object: PdcEmulator and Partitions."""
    return isinstance(data, dict) and set(data) == {"PdcEmulator", "Partitions"}


def _host(name: str) -> str:
    return name.strip().lower().rstrip(".").split(".", 1)[0]


def _partitions(data: Any) -> list[dict[str, Any]]:
    partitions = field(data, "Partitions", "$")
    if isinstance(partitions, dict):
        partitions = [partitions]          # ConvertTo-Json writes a one-item array as its item
    if not isinstance(partitions, list) or not all(isinstance(p, dict) for p in partitions):
        raise ExportError("$.Partitions", f"expected the partitions' objects, got {partitions!r}")
    for index, partition in enumerate(partitions):
        dcs = partition.get("PreferredDCs") or []
        partition["PreferredDCs"] = [dcs] if isinstance(dcs, str) else dcs
        if not all(isinstance(dc, str) for dc in partition["PreferredDCs"]):
            raise ExportError(f"$.Partitions[{index}].PreferredDCs", f"expected host names, got {dcs!r}")
    return partitions


def extract(data: Any) -> list[tuple[str, Any, str]]:
    """connect.preferred_dcs_only, connect.preferred_dcs_include_pdc and connect.ldap_sign_and_encrypt."""
    partitions = _partitions(data)
    if not partitions:
        return [(NOTE, "no selected partition of an AD connector in the server configuration", "$.Partitions")]
    claims: list[tuple[str, Any, str]] = []
    preferred = [dc for p in partitions for dc in p["PreferredDCs"]]
    claims.append(("connect.preferred_dcs_only", bool(preferred), "$.Partitions[*].PreferredDCs"))
    pdc = data.get("PdcEmulator")
    if preferred and isinstance(pdc, str) and pdc:
        claims.append(("connect.preferred_dcs_include_pdc", _host(pdc) in {_host(dc) for dc in preferred},
                       f"$.Partitions[*].PreferredDCs (PDC emulator {pdc})"))
    secured = []
    for index, partition in enumerate(partitions):
        sign, ssl = str(partition.get("SignAndSeal")), str(partition.get("SslBind"))
        secured.append(True if "1" in (sign, ssl) else False if sign == "0" else None)
        if secured[-1] is None:
            claims.append((NOTE, f"partition {partition.get('Partition')!r} records no sign-and-seal setting", f"$.Partitions[{index}]"))
    if all(value is True for value in secured):
        claims.append(("connect.ldap_sign_and_encrypt", True, "$.Partitions[*].SignAndSeal"))
    elif False in secured:
        off = [str(p.get("Partition")) for p, value in zip(partitions, secured, strict=True) if value is False]
        claims.append(("connect.ldap_sign_and_encrypt", False, f"$.Partitions[*].SignAndSeal (off in {', '.join(off)})"))
    return claims
