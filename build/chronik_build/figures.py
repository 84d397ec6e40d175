"""Figures stage: money, percentages and counts attached to the entity they describe.

A figure belongs to the first organisation (else person) named or referred to in its sentence; its label
comes from the nearest label word before it (rules figure_labels: 'Quartalsumsatz', 'net profit' …).
German 'Billionen' is 10^12, 'Milliarden' 10^9; decimal commas and thousands separators follow the language.
"""

from __future__ import annotations

import re

from .doc import Cleaned, Entities, FactCand, SourceRef, TimeExpr
from .events import DATELINE
from .rules import lang_rules

NUM = r"\d{1,3}(?:[.,\u202f ]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"


def parse_number(raw: str, decimal_comma: bool) -> float | None:
    """'6,95' (de) -> 6.95, '16.000' (de) -> 16000, '2.489' (en) -> 2.489, '16,000' (en) -> 16000."""
    s = raw.replace("\u202f", "").replace(" ", "")
    dec, thou = (",", ".") if decimal_comma else (".", ",")
    if re.fullmatch(r"\d{1,3}(?:" + re.escape(thou) + r"\d{3})+(?:" + re.escape(dec) + r"\d+)?", s):
        s = s.replace(thou, "")
    s = s.replace(dec, ".")
    try:
        return float(s)
    except ValueError:
        return None


def _value(x: float) -> int | str:
    if abs(x - round(x)) < 1e-9:
        return int(round(x))
    return f"{x:.6f}".rstrip("0").rstrip(".")


def find_figures(cleaned: Cleaned, ents: Entities, times: dict[int, list[TimeExpr]],
                 dates: dict[int, str | None]) -> list[FactCand]:
    """Money amounts and percentages with the entity, label, unit and date they belong to."""
    rules = lang_rules(cleaned.language)
    scales = rules.money_scales
    currencies = rules.currencies
    cur_alt = "|".join(re.escape(c) for c in sorted(currencies, key=len, reverse=True))
    scale_alt = "|".join(re.escape(c) for c in sorted(scales, key=len, reverse=True))
    pct_alt = "|".join(re.escape(p) for p in rules.percent_words)
    money = re.compile(r"(?:(?P<pre>" + cur_alt + r")\s?)?(?P<num>" + NUM + r")\s*(?P<scale>(?:" + scale_alt +
                       r")\.?)?\s*(?P<post>" + cur_alt + r")?(?![\w])")
    pct = re.compile(r"(?P<num>" + NUM + r")\s*(?:" + pct_alt + r")(?![\w])")
    labels = rules.figure_labels
    out: list[FactCand] = []
    text = cleaned.text
    body = cleaned.body
    dm = DATELINE.match(body[0].text) if body else None
    dateline_end = body[0].start + dm.end() if dm else -1
    for sent in body:
        owners = [m for m in ents.in_sentence(sent.index) if m.start >= dateline_end
                  and ents.entities[m.key].type in ("organization", "person")]
        if not owners:
            continue
        orgs = [m for m in owners if ents.entities[m.key].type == "organization"]
        owner = (orgs or owners)[0].key
        found: list[tuple[int, int, int | str, str]] = []
        for m in money.finditer(sent.text):
            cur = m.group("pre") or m.group("post")
            if not cur:
                continue
            x = parse_number(m.group("num"), rules.decimal_comma)
            if x is None:
                continue
            sc = (m.group("scale") or "").rstrip(".")
            x *= scales.get(sc, 1)
            found.append((m.start(), m.end(), _value(x), currencies[cur]))
        for m in pct.finditer(sent.text):
            x = parse_number(m.group("num"), rules.decimal_comma)
            if x is not None:
                found.append((m.start(), m.end(), _value(x), "percent"))
        for a, _b, value, unit in found:
            before = sent.text[max(0, a - 80):a]
            label = None
            best = -1
            for name, words in labels.items():
                for w in words:
                    for lm in re.finditer(r"(?<!\w)" + re.escape(w) + r"(?!\w)", before, re.IGNORECASE):
                        if lm.end() > best:
                            best, label = lm.end(), name
            if label is None:
                label = rules.labels["share"] if unit == "percent" else rules.labels["amount"]
            out.append(FactCand(entity=owner, label=label, value=value, unit=unit, date=dates.get(sent.index),
                                evidence=SourceRef(sent.start, sent.end, text[sent.start:sent.end])))
    return out
