"""The cloud the connect-server collector tested its endpoints in (``cloud.json``, its ``-Cloud`` parameter).

The endpoints of each cloud: https://learn.microsoft.com/en-us/entra/identity/authentication/troubleshoot-sspr-writeback .
Only a cloud the admin named (``Given``) is a fact; the default is noted, and the events' namespace decides.
"""

from __future__ import annotations

from typing import Any

from writeback_doctor.sources.errors import ExportError
from writeback_doctor.sources.model import NOTE
from writeback_doctor.sources.values import boolean, field, text

KIND = "collector-cloud"
DESCRIPTION = "the cloud the connect-server collector tested (cloud.json, -Cloud)"
CLOUDS = {"global": "global", "usgov": "usgov", "china": "china"}
FIELDS = {"Cloud", "Given", "PasswordResetHost", "ServiceBusDomain"}


def recognise(data: Any) -> bool:
    """The collector's object: Cloud and Given, nothing but its four fields."""
    return isinstance(data, dict) and {"Cloud", "Given"} <= set(data) <= FIELDS


def extract(data: Any) -> list[tuple[str, Any, str]]:
    """tenant.cloud when the admin named it; else a note."""
    name = text(field(data, "Cloud", "$"), "$.Cloud")
    cloud = CLOUDS.get(name.lower())
    if cloud is None:
        raise ExportError("$.Cloud", f"expected Global, USGov or China, got {name!r}")
    if boolean(field(data, "Given", "$"), "$.Given"):
        return [("tenant.cloud", cloud, "$.Cloud (-Cloud given to the collector)")]
    return [(NOTE, f"the collector tested the {name} endpoints by default (-Cloud not given): the cloud is not taken "
                   "from it", "$.Given")]
