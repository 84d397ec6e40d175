"""The content model shared by the build step, the validator, the site and the exports.

Names are imported on first use (PEP 562), so `chronik extract` can write content files without
loading the schema validators, which cost a fifth of a second at start-up.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

_EXPORTS = {
    "format_edtf": "dates",
    "EDTF": "edtf", "EDTFError": "edtf", "parse_edtf": "edtf",
    "slugify": "ids", "unique_id": "ids",
    "display_path": "loader", "id_problem": "loader", "load_content": "loader",
    "ContentError": "problems", "Problem": "problems",
    "Article": "types", "Corpus": "types", "Entity": "types", "Event": "types", "Fact": "types", "Link": "types",
    "Quote": "types", "Relation": "types", "Source": "types",
    "atomic_write_bytes": "writer", "atomic_write_text": "writer", "render_yaml": "writer", "write_yaml": "writer",
}
__all__ = [  # the same names as _EXPORTS, spelled out for readers and linters
    "EDTF", "Article", "ContentError", "Corpus", "EDTFError", "Entity", "Event", "Fact", "Link", "Problem", "Quote",
    "Relation", "Source", "atomic_write_bytes", "atomic_write_text", "display_path", "format_edtf", "id_problem",
    "load_content", "parse_edtf", "render_yaml", "slugify", "unique_id", "write_yaml",
]

if TYPE_CHECKING:  # for type checkers and editors: the same names, imported eagerly
    from .dates import format_edtf
    from .edtf import EDTF, EDTFError, parse_edtf
    from .ids import slugify, unique_id
    from .loader import display_path, id_problem, load_content
    from .problems import ContentError, Problem
    from .types import Article, Corpus, Entity, Event, Fact, Link, Quote, Relation, Source
    from .writer import atomic_write_bytes, atomic_write_text, render_yaml, write_yaml


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'chronik.model' has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value
