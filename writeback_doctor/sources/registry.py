"""The export kinds the doctor reads, and how a file's kind is found: from its shape, never its name.

Each kind is a module with ``KIND``, ``DESCRIPTION`` (optional), ``recognise(data) -> bool``
and ``extract(data) -> [(fact path, value, location inside the export)]``. Paths are
fact-schema paths (``tenant.assigned_licenses``; users as ``users[<name>].<field>``) or
observations starting with ``~`` that ``links.py`` combines across exports.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

from writeback_doctor.sources import (
    audit_log,
    audit_log_csv,
    collector_ad_connector,
    collector_adsync_service,
    collector_cloud,
    collector_connector_account,
    collector_event_log,
    collector_inheritance,
    collector_remote_sam,
    collector_test_user,
    entra_users_download,
    graph_authorization_policy,
    graph_directory_roles,
    graph_domains,
    graph_organization,
    graph_registration_details,
    graph_skus,
    graph_users,
    proxy_settings,
    ps_addomain,
    ps_adsync_connector,
    ps_adsync_scheduler,
    ps_computer_system,
    ps_fine_grained_policy,
    ps_netconnection,
    ps_password_policy,
    ps_password_reset_config,
    ps_pre2000_group,
    server_info,
    winevent,
)

KINDS: tuple[ModuleType, ...] = (
    graph_skus,
    graph_organization,
    graph_authorization_policy,
    graph_users,
    graph_directory_roles,
    graph_domains,
    graph_registration_details,
    audit_log,
    audit_log_csv,
    entra_users_download,
    ps_netconnection,
    ps_addomain,
    ps_adsync_connector,
    ps_fine_grained_policy,
    ps_password_policy,
    ps_adsync_scheduler,
    ps_computer_system,
    ps_pre2000_group,
    proxy_settings,
    server_info,
    ps_password_reset_config,
    winevent,
    collector_cloud,
    collector_event_log,
    collector_adsync_service,
    collector_ad_connector,
    collector_connector_account,
    collector_inheritance,
    collector_remote_sam,
    collector_test_user,
)
"""Every export kind, Graph first; the order only matters for messages (an object with two shapes is read by both)."""


def describe(kind: ModuleType) -> str:
    """How a kind is named to the user: its description, else its KIND."""
    return getattr(kind, "DESCRIPTION", None) or kind.KIND


def recognised_kinds() -> list[str]:
    """The kinds a user can give, for the 'not recognised' message."""
    return [f"{kind.KIND} ({describe(kind)})" if describe(kind) != kind.KIND else kind.KIND for kind in KINDS]


def recognise(data: Any) -> ModuleType | None:
    """The first kind whose shape ``data`` has, or None."""
    kinds = recognise_all(data)
    return kinds[0] if kinds else None


def recognise_all(data: Any) -> tuple[ModuleType, ...]:
    """Every kind whose shape ``data`` has, in ``KINDS`` order: an object can carry two
    exports' fields (e.g. Get-ADDomain and its password policy piped into one object),
    and each kind then reads its own, so that nothing in it is dropped."""
    return tuple(kind for kind in KINDS if kind.recognise(data))
