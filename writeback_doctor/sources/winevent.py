"""PowerShell ``Get-WinEvent`` export of the Connect server's Application log (writeback sources).

The admin runs, on the Microsoft Entra Connect server::

    Get-WinEvent -FilterHashtable @{LogName='Application';
        ProviderName='PasswordResetService','ADSync','Directory Synchronization';
        StartTime=(Get-Date).AddDays(-2)} |
      Select-Object TimeCreated,Id,ProviderName,LevelDisplayName,Message | ConvertTo-Json

Windows PowerShell 5.1 writes ``TimeCreated`` as ``/Date(ms)/``, PowerShell 7 as ISO 8601;
one event is written as an object, several as an array. A whole Application log export (other
providers in it) is read too: only the writeback providers' records are kept, and how many
records of which other providers were skipped is noted. The event ids and their meaning
come from https://learn.microsoft.com/en-us/entra/identity/authentication/troubleshoot-sspr-writeback ;
Get-WinEvent itself: https://learn.microsoft.com/en-us/powershell/module/microsoft.powershell.diagnostics/get-winevent .

Rules cannot search text, so two fields are derived from each message here: ``code``, the
first HRESULT-like code (``0x8023061f``, ``hr=80230402``) in lower case with ``0x``, and
``detail``, a known phrase (``ERROR_ACCESS_DENIED`` -> ``access-denied`` ...). Both are
always set (``none`` when absent) so that rules reading them are decided.
"""

from __future__ import annotations

import re
from datetime import timezone
from typing import Any

from writeback_doctor.sources.errors import ExportError
from writeback_doctor.sources.model import NOTE
from writeback_doctor.sources.values import DAY_FIRST, as_items, date, date_order, field, integer, local_date

KIND = "Get-WinEvent (Application log: PasswordResetService, ADSync)"
DESCRIPTION = ("PowerShell Get-WinEvent -FilterHashtable @{LogName='Application'; "
               "ProviderName='PasswordResetService','ADSync','Directory Synchronization'} | "
               "Select TimeCreated,Id,ProviderName,LevelDisplayName,Message | ConvertTo-Json")
FACT = "event_log.events"
SOURCES = ("PasswordResetService", "ADSync", "Directory Synchronization")
"""The providers the fact schema knows; the rules read PasswordResetService and ADSync,
656/657 come from Directory Synchronization."""

NAMESPACE_EVENTS = (31019, 31034)
"""ServiceBusHeartBeat, then ServiceBusListenerError: their messages name the tenant's own Service Bus namespace
(troubleshoot-sspr-writeback: "find the namespace in event 31019 or 31034")."""
_HOST = re.compile(r"\b([a-z0-9][a-z0-9-]*\.servicebus\.(?:windows\.net|usgovcloudapi\.net|chinacloudapi\.cn))\b", re.IGNORECASE)
_BARE = re.compile(r"\bnamespace\s*[:=]\s*([a-z0-9][a-z0-9-]*)\b", re.IGNORECASE)
_CODE = re.compile(r"(?:\b0x|\bhr\s*=\s*|\bhr\s+)([0-9a-f]{8})\b", re.IGNORECASE)
_DETAILS = (
    # (phrase in the message, lower case; detail value) - first match wins
    ("error_access_denied", "access-denied"),
    ("access is denied", "access-denied"),  # 0x80070005 variant of 6329 (expert review)
    ("ldap password policy control", "ldap-policy-control-missing"),
    ("remote certificate is invalid", "remote-certificate-invalid"),
    ("object could not be found", "object-not-found"),
    ("object cannot be found", "object-not-found"),  # 6329 0x80230405 "...the object cannot be found" (GH106884)
    ("multiple matches found", "multiple-matches"),
    # the same phrases on localized Windows (the English constants above often stay in the inner message)
    ("zugriff verweigert", "access-denied"), ("accès refusé", "access-denied"), ("acceso denegado", "access-denied"),
    ("accesso negato", "access-denied"), ("acesso negado", "access-denied"), ("toegang geweigerd", "access-denied"),
    ("odmowa dostępu", "access-denied"), ("přístup byl odepřen", "access-denied"), ("отказано в доступе", "access-denied"),
    ("відмовлено в доступі", "access-denied"), ("åtkomst nekad", "access-denied"), ("アクセスが拒否されました", "access-denied"),
    ("拒绝访问", "access-denied"),
)
_CODE_DETAILS = {"0x80070005": "access-denied"}
"""E_ACCESSDENIED: the detail of a message in a language whose phrase this tool does not know."""
LEVELS = {0: "Information", 1: "Critical", 2: "Error", 3: "Warning", 4: "Information", 5: "Verbose"}
"""The Level number Export-Csv writes beside LevelDisplayName (StandardEventLevel: 0 LogAlways is shown as Information)."""
_LOCALIZED_LEVELS = {
    "fehler": "Error", "warnung": "Warning", "informationen": "Information", "kritisch": "Critical",
    "erreur": "Error", "avertissement": "Warning", "critique": "Critical",
    "advertencia": "Warning", "información": "Information", "crítico": "Critical",
    "errore": "Error", "avviso": "Warning", "informazioni": "Information", "critico": "Critical",
    "erro": "Error", "aviso": "Warning", "informações": "Information",
    "fout": "Error", "waarschuwing": "Warning", "informatie": "Information", "kritiek": "Critical",
    "błąd": "Error", "ostrzeżenie": "Warning", "informacje": "Information", "krytyczny": "Critical",
    "chyba": "Error", "upozornění": "Warning", "informace": "Information", "kritická": "Critical",
    "ошибка": "Error", "предупреждение": "Warning", "сведения": "Information", "критический": "Critical",
    "помилка": "Error", "попередження": "Warning", "відомості": "Information", "критичний": "Critical",
    "fel": "Error", "varning": "Warning", "information": "Information", "kritisk": "Critical",
    "エラー": "Error", "警告": "Warning", "情報": "Information", "重大": "Critical",
    "错误": "Error", "信息": "Information", "关键": "Critical",
}
"""LevelDisplayName on localized Windows (the Event Viewer's own words), read as the English level."""


def _is_local(value: Any) -> bool:
    """Whether a TimeCreated is a culture's text (CSV, Format-List), not /Date(ms)/ or ISO 8601."""
    return isinstance(value, str) and not value.startswith("/Date(") and "T" not in value and bool(value.strip())


def recognise(data: Any) -> bool:
    """Every item is an object with Id, ProviderName and TimeCreated, the fields Get-WinEvent's records carry."""
    items = [item for _, item in as_items(data)]
    return bool(items) and all(
        isinstance(i, dict) and {"Id", "ProviderName", "TimeCreated"} <= set(i) for i in items)


def code_of(message: str) -> str:
    """The first HRESULT-like code in ``message`` as ``0x`` + 8 lower-case hex digits, or ``none``."""
    match = _CODE.search(message)
    return f"0x{match.group(1).lower()}" if match else "none"


def detail_of(message: str) -> str:
    """The first known phrase of ``message`` as a detail value, or ``none``."""
    lowered = message.lower()
    found = next((value for phrase, value in _DETAILS if phrase in lowered), "none")
    return _CODE_DETAILS.get(code_of(message), "none") if found == "none" else found


def level_of(item: Any, where: str) -> str | None:
    """The event's level in English: from the Level number when the export has it (Export-Csv), else
    LevelDisplayName, translated when Windows wrote it in another language."""
    number = item.get("Level")
    if isinstance(number, str) and number.strip().isdigit():
        number = int(number)
    if isinstance(number, int) and not isinstance(number, bool) and number in LEVELS:
        return LEVELS[number]
    level = item.get("LevelDisplayName")
    if level is None:
        return None
    if not isinstance(level, str):
        raise ExportError(f"{where}.LevelDisplayName", f"expected text, got {level!r}")
    return _LOCALIZED_LEVELS.get(level.strip().lower(), level)


def namespace_of(message: str) -> str | None:
    """The Service Bus host a heartbeat names: a full ``<ns>.servicebus.<cloud>`` host, or ``Namespace: <ns>``
    (then in the global cloud, ``<ns>.servicebus.windows.net``); None when the message names neither."""
    match = _HOST.search(message)
    if match:
        return match.group(1).lower()
    match = _BARE.search(message)
    return f"{match.group(1).lower()}.servicebus.windows.net" if match else None


def event(item: Any, where: str, order: str = DAY_FIRST) -> dict[str, Any]:
    """One exported record as a fact-schema event; raises ``ExportError`` at the bad field.

    ``order`` is how a text export (CSV, Format-List) writes its dates (``values.date_order``)."""
    number = integer(field(item, "Id", where), f"{where}.Id")
    source = field(item, "ProviderName", where)
    if source not in SOURCES:
        raise ExportError(f"{where}.ProviderName", f"{source!r} is not a password writeback source; export only "
                          f"ProviderName {', '.join(repr(s) for s in SOURCES)} (Get-WinEvent -FilterHashtable)")
    created = field(item, "TimeCreated", where)
    when = (local_date(created, f"{where}.TimeCreated", order) if _is_local(created)
            else date(created, f"{where}.TimeCreated").astimezone(timezone.utc))
    message = field(item, "Message", where)
    if message is None:
        message = ""  # the provider's message file is missing on the exporting machine: no text to read
    if not isinstance(message, str):
        raise ExportError(f"{where}.Message", f"expected text, got {message!r}")
    result: dict[str, Any] = {"id": number, "source": source, "time": when.strftime("%Y-%m-%dT%H:%M:%SZ")}
    level = level_of(item, where)
    if level is not None:
        result["level"] = level
    if message:
        result["message"] = message
    result["code"] = code_of(message)
    result["detail"] = detail_of(message)
    return result


def extract(data: Any) -> list[tuple[str, Any, str]]:
    """One claim: every writeback event, oldest first (ties by id, source, message), so the export's order never matters.

    Records of other providers (a whole Application log) are skipped and counted in a note; an
    export with no writeback record at all gives no claim (it proves nothing about the service).
    """
    items = as_items(data)
    kept: list[dict[str, Any]] = []
    others: dict[str, int] = {}
    local = [item.get("TimeCreated") for _, item in items if isinstance(item, dict) and _is_local(item.get("TimeCreated"))]
    order, order_note = date_order(local)
    for where, item in items:
        source = field(item, "ProviderName", where)
        if source in SOURCES:
            kept.append(event(item, where, order))
        else:
            others[str(source)] = others.get(str(source), 0) + 1
    kept.sort(key=lambda e: (e["time"], e["id"], e["source"], e.get("message", "")))
    location = "$" if len(items) == 1 and items[0][0] == "$" else f"$[0..{len(items) - 1}]"
    claims: list[tuple[str, Any, str]] = [(FACT, kept, location)] if kept else []
    for number in NAMESPACE_EVENTS:  # the newest heartbeat that names it, else the newest listener error
        named = [(e["time"], host) for e in kept if e["id"] == number and e["source"] == "PasswordResetService"
                 for host in [namespace_of(e.get("message", ""))] if host]
        if named:
            time, host = max(named)
            claims.append(("~servicebus_namespace", {"host": host, "time": time, "event": number},
                           f"{location} (event {number} of {time})"))
            break
    if local:
        claims.append((NOTE, "the times carry no time zone (a text export writes the server's local time): read as "
                             "written, taken as UTC" + (f"; {order_note}" if order_note else ""), location))
    if others:
        counted = ", ".join(f"{name} {count}" for name, count in sorted(others.items()))
        claims.append((NOTE, f"{sum(others.values())} record(s) of other providers ({counted}); kept "
                             f"{len(kept)} of {', '.join(SOURCES)}", location))
    return claims
