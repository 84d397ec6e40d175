"""The content model shared by the build step, the validator, the site and the exports."""

from .dates import format_edtf
from .edtf import EDTF, EDTFError, parse_edtf
from .ids import slugify, unique_id
from .loader import display_path, id_problem, load_content
from .problems import ContentError, Problem
from .types import Article, Corpus, Entity, Event, Fact, Link, Quote, Relation, Source
from .writer import atomic_write_text, render_yaml, write_yaml

__all__ = [
    "EDTF", "EDTFError", "Article", "ContentError", "Corpus", "Entity", "Event", "Fact", "Link", "Problem",
    "Quote", "Relation", "Source", "atomic_write_text", "display_path", "format_edtf", "id_problem",
    "load_content", "parse_edtf", "render_yaml", "slugify", "unique_id", "write_yaml",
]
