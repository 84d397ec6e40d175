"""Parse the EDTF subset Chronik uses into day bounds and a precision.

Supported (ISO 8601-2 / EDTF levels 0-2, the parts news needs):
  2026, 2026-01, 2026-01-16, 2026-01-16T13:20(:00)(Z|+01:00)
  sub-year groupings 2025-21 … 2025-24 (seasons), 2025-33 … 2025-36 (quarters), 2025-40/41 (halves)
  qualifiers ~ (approximate), ? (uncertain), % (both) at the end of a date
  intervals A/B, open ends ../B and A/.., unknown ends /B and A/
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

# Sub-year codes of EDTF: first and last month (winter 24 runs into the next year).
SUB_YEAR_MONTHS: dict[int, tuple[int, int]] = {
    21: (3, 5), 22: (6, 8), 23: (9, 11), 24: (12, 2),
    33: (1, 3), 34: (4, 6), 35: (7, 9), 36: (10, 12),
    40: (1, 6), 41: (7, 12),
}
SUB_YEAR_PRECISION = {21: "season", 22: "season", 23: "season", 24: "season",
                      33: "quarter", 34: "quarter", 35: "quarter", 36: "quarter",
                      40: "half", 41: "half"}

_DATE = re.compile(
    r"(?P<year>-?\d{4})"
    r"(?:-(?P<month>\d{2})"
    r"(?:-(?P<day>\d{2})"
    r"(?:T(?P<time>\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:\d{2})?))?)?)?"
    r"(?P<qualifier>[~?%])?"
)


class EDTFError(ValueError):
    """A text that is not an EDTF date Chronik understands."""


@dataclass(frozen=True, slots=True)
class EDTF:
    """A parsed EDTF value: the text as written, its day bounds and its precision."""

    text: str
    lower: dt.date | None
    upper: dt.date | None
    precision: str  # day, month, season, quarter, half, year, interval, open
    approximate: bool = False
    uncertain: bool = False
    start: EDTF | None = None  # interval ends; None for single dates
    end: EDTF | None = None
    open_start: bool = False  # '..' : goes back indefinitely
    open_end: bool = False
    unknown_start: bool = False  # empty: the end is not known
    unknown_end: bool = False
    sub_year: int | None = None  # 21..41 when precision is season/quarter/half
    has_time: bool = False

    @property
    def is_interval(self) -> bool:
        return self.start is not None or self.end is not None or self.precision in ("interval", "open")

    def sort_key(self) -> tuple:
        """Chronological key: earliest bound first, then the narrower span, then the text."""
        lo = self.lower or self.upper or dt.date.min
        hi = self.upper or self.lower or dt.date.max
        return (0, lo.toordinal(), hi.toordinal(), self.text)

    def __str__(self) -> str:
        return self.text


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _parse_point(text: str) -> EDTF:
    match = _DATE.fullmatch(text)
    if not match:
        raise EDTFError(f"'{text}' is not an EDTF date")
    year = int(match["year"])
    if year < 1 or year > 9999:
        raise EDTFError(f"'{text}' has a year outside 0001-9999")
    qualifier = match["qualifier"] or ""
    approximate = qualifier in ("~", "%")
    uncertain = qualifier in ("?", "%")
    flags = {"approximate": approximate, "uncertain": uncertain}
    if match["month"] is None:
        return EDTF(text, dt.date(year, 1, 1), dt.date(year, 12, 31), "year", **flags)
    month = int(match["month"])
    if month in SUB_YEAR_MONTHS:
        if match["day"] is not None:
            raise EDTFError(f"'{text}' is not an EDTF date (a season or quarter has no day)")
        first, last = SUB_YEAR_MONTHS[month]
        end_year = year + 1 if last < first else year
        if end_year > 9999:  # winter 9999 would end in the year 10000, which no date type holds
            raise EDTFError(f"'{text}' ends after the year 9999")
        return EDTF(text, dt.date(year, first, 1), dt.date(end_year, last, _last_day(end_year, last)),
                    SUB_YEAR_PRECISION[month], sub_year=month, **flags)
    if not 1 <= month <= 12:
        raise EDTFError(f"'{text}' is not an EDTF date")
    if match["day"] is None:
        return EDTF(text, dt.date(year, month, 1), dt.date(year, month, _last_day(year, month)),
                    "month", **flags)
    day = int(match["day"])
    if not 1 <= day <= _last_day(year, month):
        raise EDTFError(f"'{text}' is not an EDTF date (no such day)")
    if match["time"]:
        _check_time(text, match["time"])
    day_value = dt.date(year, month, day)
    return EDTF(text, day_value, day_value, "day", has_time=bool(match["time"]), **flags)


def _check_time(text: str, time: str) -> None:
    hour, minute = int(time[0:2]), int(time[3:5])
    second = int(time[6:8]) if len(time) >= 8 and time[5] == ":" else 0
    if hour > 23 or minute > 59 or second > 59:
        raise EDTFError(f"'{text}' is not an EDTF date (no such time)")


def parse_edtf(text: object) -> EDTF:
    """Parse an EDTF string; raise EDTFError with a reader-facing message (and the EDTF meant, when clear)."""
    try:
        return _parse_edtf(text)
    except EDTFError as error:
        from .hints import edtf_hint

        meant = edtf_hint(text) if isinstance(text, str) else None
        if meant is None:
            raise
        raise EDTFError(f"{error} (write it as '{meant}')") from None


def _parse_edtf(text: object) -> EDTF:
    if not isinstance(text, str):
        raise EDTFError(f"'{text}' is not an EDTF date (write it as a quoted string)")
    value = text.strip()
    if value != text or not value:
        raise EDTFError(f"'{text}' is not an EDTF date")
    if "/" not in value:
        if value == "..":
            raise EDTFError("'..' is not an EDTF date (an open end needs an interval)")
        return _parse_point(value)
    if value.count("/") != 1:
        raise EDTFError(f"'{text}' is not an EDTF date")
    left, right = value.split("/")
    if left in ("", "..") and right in ("", ".."):
        raise EDTFError(f"'{text}' is not an EDTF date (an interval needs at least one date)")
    start = None if left in ("", "..") else _parse_point(left)
    end = None if right in ("", "..") else _parse_point(right)
    if start and end and start.lower > end.upper:
        raise EDTFError(f"'{text}' is not an EDTF date (the interval ends before it starts)")
    both_ends = start is not None and end is not None
    return EDTF(
        text,
        start.lower if start else None,
        end.upper if end else None,
        "interval" if both_ends else "open",
        approximate=any(p.approximate for p in (start, end) if p),
        uncertain=any(p.uncertain for p in (start, end) if p),
        start=start,
        end=end,
        open_start=left == "..",
        open_end=right == "..",
        unknown_start=left == "",
        unknown_end=right == "",
    )


def is_edtf(text: object) -> bool:
    """True when text parses as an EDTF date."""
    try:
        parse_edtf(text)
    except EDTFError:
        return False
    return True
