"""RestrictRemoteSam on the PDC emulator as the connect-server collector reads it (``remotesam.json``).

The value is the SDDL of "Network access: Restrict clients allowed to make remote calls to SAM"
(HKLM\\SYSTEM\\CurrentControlSet\\Control\\Lsa), read through the remote registry; null when absent:
https://learn.microsoft.com/en-us/previous-versions/windows/it-pro/windows-10/security/threat-protection/
security-policy-settings/network-access-restrict-clients-allowed-to-make-remote-sam-calls .
The connector account's SIDs (its own and its groups') come with it, so the SDDL is checked for them
(SSPR_0029 cause 3: https://learn.microsoft.com/en-us/troubleshoot/entra/entra-id/user-prov-sync/password-writeback-error-code-sspr-0029 ).
"""

from __future__ import annotations

from typing import Any

from writeback_doctor.sources.ad_acl import sddl_allows
from writeback_doctor.sources.errors import ExportError
from writeback_doctor.sources.model import NOTE
from writeback_doctor.sources.values import field, text

KIND = "collector-restrict-remote-sam"
DESCRIPTION = "RestrictRemoteSam on the PDC emulator (remotesam.json, connect-server collector)"


def recognise(data: Any) -> bool:
    """The collector's object: Computer, RestrictRemoteSam and ConnectorAccountSids."""
    return isinstance(data, dict) and set(data) == {"Computer", "RestrictRemoteSam", "ConnectorAccountSids"}


def extract(data: Any) -> list[tuple[str, Any, str]]:
    """connector_account.remote_sam_allowed: no value, or an SDDL that allows one of the account's SIDs."""
    computer = text(field(data, "Computer", "$"), "$.Computer")
    value = data.get("RestrictRemoteSam")
    if value is None:
        return [("connector_account.remote_sam_allowed", True, f"$.RestrictRemoteSam (absent on {computer})"),
                (NOTE, f"RestrictRemoteSam was read on the PDC emulator {computer} only; other DCs were not read", "$.Computer")]
    if not isinstance(value, str):
        raise ExportError("$.RestrictRemoteSam", f"expected the policy's SDDL text or null, got {value!r}")
    sids = data.get("ConnectorAccountSids") or []
    sids = [sids] if isinstance(sids, str) else sids
    if not sids:
        return [(NOTE, f"RestrictRemoteSam is set on {computer} ({value}), but the connector account's SIDs were not "
                       "read: check that the policy allows the MSOL_ account", "$.RestrictRemoteSam")]
    allowed = sddl_allows(value, {str(s).upper() for s in sids})
    if allowed is None:
        return [(NOTE, f"RestrictRemoteSam on {computer} is not an SDDL this tool reads: {value}", "$.RestrictRemoteSam")]
    return [("connector_account.remote_sam_allowed", allowed, f"$.RestrictRemoteSam on {computer} ({value})")]
