"""The one error an importer raises: a recognised export with a missing or malformed field."""

from __future__ import annotations


class ExportError(ValueError):
    """A recognised export lacks a field, or a field has the wrong shape.

    ``location`` is the JSON path inside the export (``$.value[2].consumedUnits``);
    the registry adds the file name, so the message reads ``skus.json: $.value[2].consumedUnits: ...``.
    """

    def __init__(self, location: str, message: str):
        self.location = location
        self.message = message
        super().__init__(f"{location}: {message}")
