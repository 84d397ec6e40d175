"""Time stage: find temporal expressions and resolve them against the publication date into EDTF.

The words and patterns are data (rules/<lang>/time.yaml); this module compiles them and implements one
resolver per pattern kind. A month without a year is the most recent such month not after publication
unless the sentence speaks of the future; relative expressions count from the publication date.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass

from .doc import Cleaned, Sentence, TimeExpr
from .rules import alternation, lang_rules

SEASON_START = {21: 3, 22: 6, 23: 9, 24: 12}
QUARTER_WORDS = {"1": 1, "2": 2, "3": 3, "4": 4}
CLAUSE = re.compile(r",|;|\s(?:that|dass|which|who|weil|because|while|während)\s")


@dataclass
class Pattern:
    """A compiled time pattern."""

    kind: str
    regex: re.Pattern


@dataclass
class Context:
    """What earlier expressions in the article resolved to (for anaphora like 'im Quartal', 'seitdem')."""

    last_quarter: str | None = None
    last_year: int | None = None
    prev: str | None = None


@functools.cache
def compiled(lang: str) -> tuple[list[Pattern], dict]:
    """The language's patterns with placeholders replaced, and its word tables."""
    rules = lang_rules(lang)["time"]
    mods = rules["modifiers"]
    subst = {
        "month": alternation(rules["months"]),
        "monthabbr": alternation(rules["month_abbr"]),
        "weekday": alternation(rules["weekdays"]),
        "season": alternation(rules["seasons"]),
        "ord": alternation(rules["ordinals"]),
        "num": alternation(rules["numbers"]),
        "unit": alternation(rules["units"]),
        "last": alternation(mods["last"]),
        "this": alternation(mods["this"]),
        "next": alternation(mods["next"]),
        "latest": alternation(mods["latest"]),
    }
    out = []
    for item in rules["patterns"]:
        src = re.sub(r"\{(\w+)\}", lambda m: subst[m.group(1)], item["re"])
        out.append(Pattern(item["kind"], re.compile(r"(?<![\w-])(?:" + src + r")(?![\w])", re.IGNORECASE)))
    return out, rules


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    idx = year * 12 + (month - 1) + delta
    return idx // 12, idx % 12 + 1


def _ym(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _lookup(table: dict, word: str | None) -> int | None:
    if word is None:
        return None
    w = word.lower().rstrip(".")
    if w in table:
        return int(table[w])
    return int(w) if w.isdigit() else None


def _mod(rules: dict, word: str | None) -> str | None:
    if not word:
        return None
    w = word.lower()
    for name in ("last", "this", "next", "latest"):
        if w in [x.lower() for x in rules["modifiers"][name]]:
            return name
    if w in ("vormonat",):
        return "last"
    return None


def _season_bounds(year: int, code: int) -> tuple[dt.date, dt.date]:
    first = SEASON_START[code]
    start = dt.date(year, first, 1)
    if code == 24:
        end = dt.date(year + 1, 2, calendar.monthrange(year + 1, 2)[1])
    else:
        last = first + 2
        end = dt.date(year, last, calendar.monthrange(year, last)[1])
    return start, end


def is_future(sentence: str, lang: str) -> bool:
    """Whether the sentence speaks of the future (a cue word from the rules)."""
    cues = lang_rules(lang)["time"]["future_cues"]
    low = sentence.lower()
    return any(re.search(r"(?<!\w)" + re.escape(c.lower()) + r"(?!\w)", low) for c in cues)


def resolve(kind: str, g: dict, pub: dt.date, future: bool, rules: dict, ctx: Context) -> str | None:
    """EDTF for one matched expression, or None when it cannot be resolved."""
    year = g.get("year")
    if year and len(year) == 2:
        year = "20" + year
    y = int(year) if year else None
    months = {**rules["months"], **rules["month_abbr"]}
    mod = _mod(rules, g.get("mod"))

    def month_year(m: int) -> int:
        if y:
            return y
        if mod == "last":
            return pub.year if m < pub.month else pub.year - 1
        if mod == "next" or future:
            return pub.year if m >= pub.month else pub.year + 1
        return pub.year if m <= pub.month else pub.year - 1

    if kind == "date":
        m = _lookup(months, g.get("month")) if g.get("month") else int(g["monthnum"])
        d = int(g["day"])
        if not m or not 1 <= m <= 12:
            return None
        yy = y or pub.year
        try:
            cand = dt.date(yy, m, d)
        except ValueError:
            return None
        if not y:
            if not future and cand > pub + dt.timedelta(days=7):
                cand = cand.replace(year=yy - 1)
            elif future and cand < pub - dt.timedelta(days=7):
                cand = cand.replace(year=yy + 1)
        return cand.isoformat()
    if kind == "month":
        m = _lookup(months, g["month"])
        return _ym(month_year(m), m) if m else None
    if kind == "month_range":
        m1, m2 = _lookup(months, g["month"]), _lookup(months, g["month2"])
        if not m1 or not m2:
            return None
        y2 = month_year(m2)
        y1 = y2 if m1 <= m2 else y2 - 1
        return f"{_ym(y1, m1)}/{_ym(y2, m2)}"
    if kind == "year_range":
        return f"{int(g['year']):04d}/{int(g['year2']):04d}"
    if kind == "year":
        return f"{y:04d}" if y else None
    if kind in ("quarter", "quarter_latest", "quarter_anaphor", "half"):
        if kind == "quarter_anaphor":
            return ctx.last_quarter
        if kind == "quarter_latest":
            cq = pub.year * 4 + (pub.month - 1) // 3
            p1, p2 = cq - 1, cq - 2
            if p1 // 4 == p2 // 4:
                return f"{p1 // 4:04d}"
            return f"{_ym(p2 // 4, (p2 % 4) * 3 + 1)}/{_ym(p1 // 4, (p1 % 4) * 3 + 3)}"
        if kind == "half":
            h = _lookup({**rules["ordinals"], "1": 1, "2": 2}, g["h"])
            if h not in (1, 2):
                return None
            yy = y or (pub.year if (h == 1 or pub.month > 6 or future) else pub.year - 1)
            return f"{_ym(yy, 1)}/{_ym(yy, 6)}" if h == 1 else f"{_ym(yy, 7)}/{_ym(yy, 12)}"
        q = _lookup({**rules["ordinals"], **QUARTER_WORDS}, g["q"])
        if q not in (1, 2, 3, 4):
            return None
        first = (q - 1) * 3 + 1
        if y:
            yy = y
        elif mod == "last":
            yy = pub.year - 1
        elif mod == "this":
            yy = pub.year
        elif future:
            yy = pub.year if first + 2 >= pub.month else pub.year + 1
        else:
            yy = pub.year if first <= pub.month else pub.year - 1
        return f"{_ym(yy, first)}/{_ym(yy, first + 2)}"
    if kind == "season":
        code = _lookup(rules["seasons"], g["season"])
        if code not in SEASON_START:
            return None
        if y:
            return f"{y:04d}-{code}"
        cands = [pub.year + k for k in (-2, -1, 0, 1)]
        if mod == "last":
            yy = max(c for c in cands if _season_bounds(c, code)[1] < pub)
        elif mod == "next" or future:
            yy = min(c for c in cands if _season_bounds(c, code)[0] > pub or
                     _season_bounds(c, code)[0] <= pub <= _season_bounds(c, code)[1])
        else:
            yy = max(c for c in cands if _season_bounds(c, code)[0] <= pub)
        return f"{yy:04d}-{code}"
    if kind == "weekend":
        sat = pub - dt.timedelta(days=(pub.weekday() - 5) % 7)
        if mod == "next" or (mod is None and future):
            sat = pub + dt.timedelta(days=(5 - pub.weekday()) % 7)
            if mod == "next" and pub.weekday() >= 5:  # on a weekend, 'the coming weekend' is the one after it
                sat = pub - dt.timedelta(days=pub.weekday() - 5) + dt.timedelta(days=7)
        elif mod == "last" and sat + dt.timedelta(days=1) >= pub:
            sat -= dt.timedelta(days=7)
        return f"{sat.isoformat()}/{(sat + dt.timedelta(days=1)).isoformat()}"
    if kind == "week":
        mon = pub - dt.timedelta(days=pub.weekday())
        mon += dt.timedelta(days={"last": -7, "next": 7}.get(mod or "", 0))
        return f"{mon.isoformat()}/{(mon + dt.timedelta(days=6)).isoformat()}"
    if kind == "weekday":
        wd = _lookup(rules["weekdays"], g["weekday"])
        if wd is None:
            return None
        back = (pub.weekday() - wd) % 7
        if mod == "next" or (mod is None and future and back != 0):
            day = pub + dt.timedelta(days=(wd - pub.weekday()) % 7 or 7)
        else:
            if mod == "last" and back == 0:
                back = 7
            day = pub - dt.timedelta(days=back)
        return day.isoformat()
    if kind == "rel_month":
        delta = {"last": -1, "next": 1}.get(mod or "", 0)
        return _ym(*_shift_month(pub.year, pub.month, delta))
    if kind == "rel_year":
        return f"{pub.year + {'last': -1, 'next': 1}.get(mod or '', 0):04d}"
    if kind == "year_end":
        yy = y or ctx.last_year or pub.year
        return _ym(yy, 12)
    if kind in ("ago", "since"):
        n = _lookup(rules["numbers"], g["num"])
        unit = rules["units"].get(g["unit"].lower())
        if not n or not unit:
            return None
        if unit in ("day", "week"):
            day = pub - dt.timedelta(days=n * (7 if unit == "week" else 1))
            return day.isoformat() if kind == "ago" else f"{day.isoformat()}/{pub.isoformat()}"
        if unit == "decade":
            return f"{pub.year - 10 * n:04d}" if kind == "ago" else f"{pub.year - 10 * n:04d}/{pub.year:04d}"
        if unit == "year" and kind == "since":
            return f"{pub.year - n:04d}/{pub.year:04d}"
        months_back = n * (12 if unit == "year" else 1)
        start = _ym(*_shift_month(pub.year, pub.month, -months_back))
        return start if kind == "ago" else f"{start}/{_ym(pub.year, pub.month)}"
    if kind == "later":  # 'in two weeks': only a future clause counts ('fell 5% in two weeks' is a span)
        n = _lookup(rules["numbers"], g["num"])
        unit = rules["units"].get(g["unit"].lower())
        if not future or not n or not unit:
            return None
        if unit in ("day", "week"):
            return (pub + dt.timedelta(days=n * (7 if unit == "week" else 1))).isoformat()
        if unit == "decade":
            return f"{pub.year + 10 * n:04d}"
        return _ym(*_shift_month(pub.year, pub.month, n * (12 if unit == "year" else 1)))
    if kind == "since_prev":
        if not ctx.prev:
            return None
        start = re.sub(r"[~?%]", "", ctx.prev.split("/")[0])
        if start in ("", ".."):
            return None
        return f"{start}/{_ym(pub.year, pub.month)}"
    if kind == "coming":
        unit = g["unit"].lower()
        if unit.startswith(("tag", "day")):
            return f"{pub.isoformat()}/{(pub + dt.timedelta(days=7)).isoformat()}"
        span = 1 if unit.startswith(("woch", "week")) else 3
        return f"{_ym(pub.year, pub.month)}/{_ym(*_shift_month(pub.year, pub.month, span))}"
    if kind == "today":
        return pub.isoformat()
    if kind == "yesterday":
        return (pub - dt.timedelta(days=1)).isoformat()
    if kind == "tomorrow":
        return (pub + dt.timedelta(days=1)).isoformat()
    if kind == "last_close":
        back = {0: 3, 6: 2}.get(pub.weekday(), 1)
        return f"../{(pub - dt.timedelta(days=back)).isoformat()}"
    if kind == "recent":
        return f"../{pub.isoformat()}"
    if kind == "soon":
        return f"{pub.isoformat()}/.."
    return None


def find_in_sentence(sent: Sentence, pub: dt.date, lang: str, ctx: Context) -> list[TimeExpr]:
    """Temporal expressions of one sentence, longest non-overlapping matches, resolved in order."""
    patterns, rules = compiled(lang)
    cands = []
    for order, pat in enumerate(patterns):
        for m in pat.regex.finditer(sent.text):
            if lang == "en" and m.groupdict().get("month") and m.group("month")[0].islower():
                continue  # 'may', 'march' as verbs
            if m.group(0).strip():
                cands.append((m.start(), m.end(), order, pat.kind, m))
    cands.sort(key=lambda c: (-(c[1] - c[0]), c[2]))
    taken: list[tuple[int, int, str, re.Match]] = []
    for s, e, _order, kind, m in cands:
        if any(s < te and ts < e for ts, te, _k, _m in taken):
            continue
        taken.append((s, e, kind, m))
    taken.sort()
    out = []
    for s, e, kind, m in taken:
        # the tense of the clause around the expression decides ('said in April that it plans …' is past)
        left = max([0] + [b.end() for b in CLAUSE.finditer(sent.text, 0, s)])
        right = next((b.start() for b in CLAUSE.finditer(sent.text, e)), len(sent.text))
        future = is_future(sent.text[left:right], lang)
        g = {k: v for k, v in m.groupdict().items() if v}
        edtf = resolve(kind, g, pub, future, rules, ctx)
        a, b = s, e
        while a < b and sent.text[a].isspace():
            a += 1
        out.append(TimeExpr(start=sent.start + a, end=sent.start + b, text=sent.text[a:b], kind=kind, edtf=edtf,
                            sentence=sent.index))
        if edtf:
            if kind in ("quarter", "quarter_latest"):
                ctx.last_quarter = edtf
            head = re.sub(r"[~?%]", "", edtf.split("/")[0])
            if head[:4].isdigit():
                ctx.last_year = int(head[:4])
            if kind not in ("recent", "soon"):
                ctx.prev = edtf
    return out


def find_times(cleaned: Cleaned) -> dict[int, list[TimeExpr]]:
    """Temporal expressions per body sentence index."""
    ctx = Context()
    result: dict[int, list[TimeExpr]] = {}
    for sent in cleaned.body:
        result[sent.index] = find_in_sentence(sent, cleaned.published_date, cleaned.language, ctx)
    return result
