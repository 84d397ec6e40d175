"""Ids from names: the one slug rule shared by the CLI and the build step."""

from __future__ import annotations

import re
import unicodedata

MAX_ID = 80  # the longest id a file name may carry

_GERMAN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})


def slugify(text: str, max_length: int = MAX_ID) -> str:
    """'Südostasien & Naher Osten' → 'suedostasien-naher-osten' (a-z, 0-9, single hyphens, ≤ max_length)."""
    ascii_text = unicodedata.normalize("NFKD", text.translate(_GERMAN)).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0] if "-" in slug[:max_length] else slug[:max_length]
    return slug.strip("-")


def unique_id(base: str, taken: set[str] | frozenset[str]) -> str:
    """base, or base-2, base-3 … whichever is free (and still within the id length)."""
    if base not in taken:
        return base
    n = 2
    while True:
        suffix = f"-{n}"
        candidate = base[: MAX_ID - len(suffix)].rstrip("-") + suffix
        if candidate not in taken:
            return candidate
        n += 1
