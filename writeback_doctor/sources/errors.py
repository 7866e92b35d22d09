"""The one error an importer raises: a recognised export with a missing or malformed field."""

from __future__ import annotations

from writeback_doctor.errors import UserError


class ExportError(UserError, ValueError):
    """A recognised export lacks a field, or a field has the wrong shape.

    ``location`` is the JSON path inside the export (``$.value[2].consumedUnits``);
    the registry adds the file name, so the message reads ``skus.json: $.value[2].consumedUnits: ...``.
    """

    location: str
