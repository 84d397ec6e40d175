"""User mistakes as values: every problem names file, line, column and field."""

from __future__ import annotations

import re
from dataclasses import dataclass

# What must never reach a terminal or a CI log raw: C0 controls (newline and tab too: a message is one
# line, and a newline in a value could forge a `path:1:1:` line or a CI annotation), DEL and C1
# controls (ESC sequences clear screens), bidi embeddings, overrides and isolates (they reorder what
# is shown), line and paragraph separators.
UNSAFE_CHARS = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def _escape_char(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with every control, bidi and line-separator character written as an escape (\\x1b, \\u202e)."""
    return UNSAFE_CHARS.sub(_escape_char, text)


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in the content, located for the person who has to fix it."""

    path: str
    line: int
    column: int
    field: str
    message: str

    def __str__(self) -> str:
        field = self.field or "file"
        return printable(f"{self.path}:{self.line}:{self.column}: {field}: {self.message}")


class ContentError(Exception):
    """Raised where invalid content must stop a build; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        count = len(self.problems)
        header = f"{count} problem{'s' if count != 1 else ''} in the content:"
        super().__init__("\n".join([header, *map(str, self.problems)]))
