"""Open-data exports of a Chronik corpus, written into the site on every build.

Formats (paths relative to the site root, see ``content/pages/data.md``):

- ``data/events.json``, ``data/entities.json`` with JSON Schemas ``data/*.schema.json``
- ``data/timeline.json`` in TimelineJS3's JSON format
- ``events.ics`` (RFC 5545), ``events.atom`` (Atom, RFC 4287), ``events.csv``
- per entity: ``data/entities/<id>.atom`` and, when it has dated events, ``data/entities/<id>.ics``

Each exporter is a pure function from a corpus to text, so it can be tested without MkDocs;
:mod:`chronik.exports.plugin` only wires them into the build.
"""

from __future__ import annotations

from .common import ExportContext, build_exports

__all__ = ["ExportContext", "build_exports"]
