"""Time expressions the issue names: decades, bare years, deadlines, month parts, halves, past weekdays."""

from __future__ import annotations

import pytest
from chronik_build.clean import clean
from chronik_build.time import find_times


@pytest.mark.parametrize(("lang", "text", "expr", "edtf"), [
    ("en", "Orbix grew strongly in the 1980s.", "in the 1980s", "1980/1989"),
    ("de", "Orbix wuchs in den 1990er-Jahren stark.", "in den 1990er-Jahren", "1990/1999"),
    ("de", "Schon 2011 kam der Einbruch.", "Schon 2011", "2011"),
    ("en", "Sales must double by the end of March.", "by the end of March", "../2026-03"),
    ("en", "The plant must open by 2027.", "by 2027", "../2027"),
    ("de", "Das Werk soll bis 2027 stehen.", "bis 2027", "../2027"),
    ("en", "Earlier this month Orbix hired staff.", "Earlier this month", "2026-01-01/2026-01-13"),
    ("en", "At the end of last month Orbix cut jobs.", "At the end of last month", "2025-12-31"),
    ("de", "Ende des vergangenen Monats kam die Wende.", "Ende des vergangenen Monats", "2025-12-31"),
    ("en", "Revenue in the first six months of 2024 rose.", "in the first six months of 2024", "2024-01/2024-06"),
    ("en", "Orbix said first-half 2024 was strong.", "first-half 2024", "2024-01/2024-06"),
    # a past-tense verb before a weekday: the last such day, even in a sentence about the future
    ("en", "Orbix said on Monday it will build a plant.", "on Monday", "2026-01-12"),
    ("de", "Orbix teilte am Montag mit, es werde ein Werk bauen.", "am Montag", "2026-01-12"),
])
def test_time_expression_coverage(lang: str, text: str, expr: str, edtf: str) -> None:
    c = clean(text, published="2026-01-14", lang=lang)
    got = {t.text: t.edtf for ts in find_times(c).values() for t in ts}
    assert got.get(expr) == edtf, got
