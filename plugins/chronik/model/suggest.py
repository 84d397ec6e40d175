"""'Did you mean …?': the nearest existing id for a mistyped or half-remembered one."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping

from .ids import slugify


def name_key(name: str) -> str:
    """How names are compared: spacing and case do not matter (the validator's rule)."""
    return " ".join(name.split()).casefold()


def nearest_id(wanted: str, names: Mapping[str, Iterable[str]]) -> str | None:
    """The id in `names` (id -> its name and aliases) a person most likely meant by `wanted`, or None.

    An exact name or alias wins ('huang' → the entity with alias 'Huang'), then an id that contains the word
    ('huang' → 'jensen-huang'), then the closest spelling ('nvdia' → 'nvidia')."""
    key, slug = name_key(wanted), slugify(wanted)
    for ident, forms in names.items():
        if any(name_key(f) == key or slugify(f) == slug for f in forms):
            return ident
    parts = [ident for ident in names if slug and slug in ident.split("-")]
    if len(parts) == 1:
        return parts[0]
    candidates = {ident: ident for ident in names}
    for ident, forms in names.items():
        for form in forms:
            candidates.setdefault(slugify(form), ident)
    close = difflib.get_close_matches(slug or wanted, list(candidates), n=1, cutoff=0.6)
    return candidates[close[0]] if close else (sorted(parts)[0] if parts else None)
