"""User mistakes as values: every problem names file, line, column and field."""

from __future__ import annotations

from dataclasses import dataclass


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
        return f"{self.path}:{self.line}:{self.column}: {field}: {self.message}"


class ContentError(Exception):
    """Raised where invalid content must stop a build; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        count = len(self.problems)
        header = f"{count} problem{'s' if count != 1 else ''} in the content:"
        super().__init__("\n".join([header, *map(str, self.problems)]))
