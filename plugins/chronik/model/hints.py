"""How to fix it: the suggestions added to error messages (a date as people write it, a YAML colon)."""

from __future__ import annotations

import re

_DOTTED = re.compile(r"(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})")  # 16.01.2026, 6.1.2026
_MONTH_YEAR = re.compile(r"(\d{1,2})[./](\d{4})")  # 01.2026, 1/2026
_SLASHED = re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})")  # 2026/01/16


def edtf_hint(text: str) -> str | None:
    """The EDTF a person probably meant by a date written the usual German or slashed way, or None."""
    value = text.strip()
    if m := _DOTTED.fullmatch(value):
        day, month, year = m.groups()
        return f"{year}-{int(month):02d}-{int(day):02d}"
    if m := _SLASHED.fullmatch(value):
        year, month, day = m.groups()
        return f"{year}-{int(month):02d}-{int(day):02d}"
    if m := _MONTH_YEAR.fullmatch(value):
        month, year = m.groups()
        return f"{year}-{int(month):02d}" if 1 <= int(month) <= 12 else None
    return None


def quote_hint(text: str, line: int) -> str | None:
    """For 'mapping values are not allowed': the line with its value in quotes (a colon inside a value)."""
    lines = text.splitlines()
    if not 1 <= line <= len(lines):
        return None
    m = re.match(r"(\s*(?:-\s+)?[\w.-]+:\s+)(.*\S)\s*$", lines[line - 1])
    if not m or m.group(2)[:1] in ("'", '"'):
        return None
    return f"{m.group(1).strip()} '{m.group(2).replace(chr(39), chr(39) * 2)}'"
