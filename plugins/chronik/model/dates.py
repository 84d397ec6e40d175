"""Show EDTF values to readers at their true precision, in German or English."""

from __future__ import annotations

from .edtf import EDTF

MONTHS = {
    "de": ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
           "Oktober", "November", "Dezember"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"],
}
SUB_YEAR_NAMES = {
    "de": {21: "Frühjahr", 22: "Sommer", 23: "Herbst", 24: "Winter",
           33: "1. Quartal", 34: "2. Quartal", 35: "3. Quartal", 36: "4. Quartal",
           40: "1. Halbjahr", 41: "2. Halbjahr"},
    "en": {21: "Spring", 22: "Summer", 23: "Autumn", 24: "Winter",
           33: "Q1", 34: "Q2", 35: "Q3", 36: "Q4", 40: "H1", 41: "H2"},
}
PHRASES = {
    "de": {"before_day": "vor dem {x}", "until": "bis {x}", "since": "seit {x}",
           "from_unknown": "ab {x} (Ende unbekannt)", "unknown_until": "bis {x} (Beginn unbekannt)",
           "approximate": "ca. {x}", "uncertain": "{x} (?)", "undated": "ohne Datum"},
    "en": {"before_day": "before {x}", "until": "until {x}", "since": "since {x}",
           "from_unknown": "from {x} (end unknown)", "unknown_until": "until {x} (start unknown)",
           "approximate": "c. {x}", "uncertain": "{x} (?)", "undated": "undated"},
}
DASH = "\u2013"


def _lang(lang: str) -> str:
    return lang if lang in MONTHS else "en"


def _day(edtf: EDTF, lang: str, with_year: bool = True, with_month: bool = True) -> str:
    day = edtf.lower
    month = MONTHS[lang][day.month - 1]
    if lang == "de":
        text = f"{day.day}." + (f" {month}" if with_month else "") + (f" {day.year}" if with_year else "")
    else:
        text = f"{day.day}" + (f" {month}" if with_month else "") + (f" {day.year}" if with_year else "")
    return text


def _point(edtf: EDTF, lang: str) -> str:
    """A single date (no interval), without qualifiers."""
    if edtf.precision == "day":
        return _day(edtf, lang)
    if edtf.precision == "month":
        return f"{MONTHS[lang][edtf.lower.month - 1]} {edtf.lower.year}"
    if edtf.sub_year is not None:
        name = SUB_YEAR_NAMES[lang][edtf.sub_year]
        year = edtf.lower.year
        if edtf.sub_year == 24:  # winter spans the turn of the year
            return f"{name} {year}/{str(year + 1)[-2:]}"
        return f"{name} {year}"
    return str(edtf.lower.year)


def _qualified(edtf: EDTF, lang: str, text: str) -> str:
    phrases = PHRASES[lang]
    if edtf.approximate and edtf.start is None and edtf.end is None:
        text = phrases["approximate"].format(x=text)
    if edtf.uncertain and edtf.start is None and edtf.end is None:
        text = phrases["uncertain"].format(x=text)
    return text


def _range(start: EDTF, end: EDTF, lang: str) -> str:
    """Two ends, shortened where they share month or year (10.–11. Januar 2026)."""
    a, b = start.lower, end.upper
    plain = not (start.approximate or start.uncertain or end.approximate or end.uncertain)
    if plain and start.precision == end.precision == "day":
        if a.year == b.year and a.month == b.month:
            return f"{_day(start, lang, with_year=False, with_month=False)}{DASH}{_day(end, lang)}"
        if a.year == b.year:
            return f"{_day(start, lang, with_year=False)} {DASH} {_day(end, lang)}"
    if plain and start.precision == end.precision == "month" and a.year == b.year:
        return f"{MONTHS[lang][a.month - 1]}{DASH}{MONTHS[lang][b.month - 1]} {b.year}"
    left = _qualified(start, lang, _point(start, lang))
    right = _qualified(end, lang, _point(end, lang))
    return f"{left} {DASH} {right}"


def format_edtf(edtf: EDTF | None, lang: str = "de") -> str:
    """Reader-facing text for an EDTF value: 'Herbst 2025', '10.–11. Januar 2026', 'vor dem 16. Januar 2026'."""
    lang = _lang(lang)
    phrases = PHRASES[lang]
    if edtf is None:
        return phrases["undated"]
    if edtf.start is None and edtf.end is None:
        return _qualified(edtf, lang, _point(edtf, lang))
    if edtf.start is not None and edtf.end is not None:
        return _range(edtf.start, edtf.end, lang)
    if edtf.end is not None:
        end_text = _qualified(edtf.end, lang, _point(edtf.end, lang))
        if edtf.unknown_start:
            return phrases["unknown_until"].format(x=end_text)
        key = "before_day" if edtf.end.precision == "day" else "until"
        return phrases[key].format(x=end_text)
    start_text = _qualified(edtf.start, lang, _point(edtf.start, lang))
    return phrases["from_unknown" if edtf.unknown_end else "since"].format(x=start_text)
