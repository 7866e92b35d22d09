"""Fact sources: the admins' own exports (Graph responses, PowerShell ``ConvertTo-Json``), recognised by shape.

``registry`` lists the export kinds (one module each), ``merge`` turns files into one
facts document with the provenance of every fact, ``links`` combines exports.
"""
