"""Time stage: find temporal expressions and resolve them against the publication date into EDTF.

The words and patterns are data (rules/<lang>/time.yaml); this module compiles them and implements one
resolver per pattern kind. A month without a year is the most recent such month not after publication
unless the sentence speaks of the future; relative expressions count from the publication date.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import functools
import re
from dataclasses import dataclass

from .doc import Cleaned, Sentence, TimeExpr
from .rules import TimeRules, alternation, lang_rules
from .tense import tells_past

SEASON_START = {21: 3, 22: 6, 23: 9, 24: 12}
QUARTER_WORDS = {"1": 1, "2": 2, "3": 3, "4": 4}
MONTHS_PER = {"month": 1, "quarter": 3, "year": 12, "decade": 120}
MAX_YEAR_GAP_WORDS = 4  # words a named year and a year-less day after it may stand apart and still go together
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
    happened: str | None = None  # the last time not of a report ('said Monday'): what an hour later counts from


@functools.cache
def compiled(lang: str) -> tuple[list[Pattern], TimeRules]:
    """The language's patterns with placeholders replaced, and its word tables."""
    rules = lang_rules(lang).time
    mods = rules.modifiers
    subst = {
        "month": alternation(rules.months),
        "monthabbr": alternation(rules.month_abbr),
        "weekday": alternation(rules.weekdays),
        "season": alternation(rules.seasons),
        "feast": alternation(rules.feasts).replace("'", "['’]").replace(r"\ ", r"\s+"),
        "ord": alternation(rules.ordinals),
        "num": alternation(rules.numbers),
        "unit": alternation(rules.units),
        "last": alternation(mods["last"]),
        "this": alternation(mods["this"]),
        "next": alternation(mods["next"]),
        "latest": alternation(mods["latest"]),
    }
    out = []
    for item in rules.patterns:
        src = re.sub(r"\{(\w+)\}", lambda m: subst[m.group(1)], item.re)
        out.append(Pattern(item.kind, re.compile(r"(?<![\w-])(?:" + src + r")(?![\w])", re.IGNORECASE)))
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


def _mod(rules: TimeRules, word: str | None) -> str | None:
    if not word:
        return None
    w = word.lower()
    for name in ("last", "this", "next", "latest"):
        if w in [x.lower() for x in rules.modifiers[name]]:
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


@functools.cache
def _future_cues(lang: str) -> re.Pattern:
    cues = [c.lower() for c in lang_rules(lang).time.future_cues]
    return re.compile(r"(?<!\w)" + alternation(cues) + r"(?!\w)")


def is_future(sentence: str, lang: str) -> bool:
    """Whether the sentence speaks of the future (a cue word from the rules)."""
    return bool(_future_cues(lang).search(sentence.lower()))


@functools.cache
def _future_clause_openers(lang: str) -> re.Pattern | None:
    words = [w.lower() for w in lang_rules(lang).time.future_clause_openers]
    return re.compile(alternation(words) + r"(?!\w)") if words else None


def follows_future_clause(text: str, left: int, start: int, end: int, right: int, lang: str) -> bool:
    """Whether the clause text[left:right] around an expression (text[start:end]) takes the future of the clause
    before it: a time clause ('…, when she tours it on Saturday') or a bare time after a comma (', in January')."""
    openers = _future_clause_openers(lang)
    if openers is None or left == 0:
        return False
    head, tail = text[left:start].strip(" ,;"), text[end:right].strip(" ,;.")
    if not openers.match(head.lower()) and (len(head.split()) > 1 or len(tail.split()) > 1):
        return False
    ends = [0] + [b.end() for b in CLAUSE.finditer(text, 0, max(0, left - 1))]
    for before in reversed(ends[-3:]):  # over a place's short parts ('…, in Velm, Ore., on July 24')
        if len(text[before:left].split()) > 2:
            return is_future(text[before:left], lang)
    return False


@dataclass(frozen=True)
class Ask:
    """One matched expression to resolve: its groups, the date it counts from, its clause's tense."""

    g: dict
    pub: dt.date
    future: bool
    rules: TimeRules
    ctx: Context
    y: int | None  # the expression's own year
    mod: str | None  # last | this | next | latest

    def month_year(self, m: int) -> int:
        """The year of a month named without one: the modifier, else the tense decides."""
        pub = self.pub
        if self.y:
            return self.y
        if self.mod == "last":
            return pub.year if m < pub.month else pub.year - 1
        if self.mod == "next" or self.future:
            return pub.year if m >= pub.month else pub.year + 1
        return pub.year if m <= pub.month else pub.year - 1

    @property
    def months(self) -> dict:
        return {**self.rules.months, **self.rules.month_abbr}


def _date(q: Ask) -> str | None:
    m = _lookup(q.months, q.g.get("month")) if q.g.get("month") else int(q.g["monthnum"])
    if not m or not 1 <= m <= 12:
        return None
    yy = q.y or q.pub.year
    try:
        cand = dt.date(yy, m, int(q.g["day"]))
    except ValueError:
        return None
    if not q.y:
        if not q.future and cand > q.pub + dt.timedelta(days=q.rules.date_ahead_days):
            cand = cand.replace(year=yy - 1)
        elif q.future and cand < q.pub - dt.timedelta(days=7):
            cand = cand.replace(year=yy + 1)
    return cand.isoformat()


def _month(q: Ask) -> str | None:
    m = _lookup(q.months, q.g["month"])
    return _ym(q.month_year(m), m) if m else None


def _month_range(q: Ask) -> str | None:
    m1, m2 = _lookup(q.months, q.g["month"]), _lookup(q.months, q.g["month2"])
    if not m1 or not m2:
        return None
    y2 = q.month_year(m2)
    y1 = y2 if m1 <= m2 else y2 - 1
    return f"{_ym(y1, m1)}/{_ym(y2, m2)}"


def _quarter_latest(q: Ask) -> str | None:
    cq = q.pub.year * 4 + (q.pub.month - 1) // 3
    p1, p2 = cq - 1, cq - 2
    if p1 // 4 == p2 // 4:
        return f"{p1 // 4:04d}"
    return f"{_ym(p2 // 4, (p2 % 4) * 3 + 1)}/{_ym(p1 // 4, (p1 % 4) * 3 + 3)}"


def _half(q: Ask) -> str | None:
    h = _lookup({**q.rules.ordinals, "1": 1, "2": 2}, q.g["h"])
    if h not in (1, 2):
        return None
    pub = q.pub
    yy = q.y or (pub.year if (h == 1 or pub.month > 6 or q.future) else pub.year - 1)
    return f"{_ym(yy, 1)}/{_ym(yy, 6)}" if h == 1 else f"{_ym(yy, 7)}/{_ym(yy, 12)}"


def _first_months(q: Ask) -> str | None:
    """'in the first nine months of the year', 'in den ersten drei Quartalen 2031': January to the last month
    named; 'of the year' is the year of publication unless those months still lie ahead of it."""
    n = _lookup(q.rules.numbers, q.g["num"])
    last = (n or 0) * (3 if q.rules.units.get(q.g["unit"].lower()) == "quarter" else 1)
    if not 1 <= last <= 12:
        return None
    yy = q.y or (q.pub.year if last <= q.pub.month or q.future else q.pub.year - 1)
    return _ym(yy, 1) if last == 1 else f"{_ym(yy, 1)}/{_ym(yy, last)}"


def _quarter(q: Ask) -> str | None:
    n = _lookup({**q.rules.ordinals, **QUARTER_WORDS}, q.g["q"])
    if n not in (1, 2, 3, 4):
        return None
    first, pub = (n - 1) * 3 + 1, q.pub
    if q.y:
        yy = q.y
    elif q.mod == "last":
        yy = pub.year - 1
    elif q.mod == "this":
        yy = pub.year
    elif q.future:
        yy = pub.year if first + 2 >= pub.month else pub.year + 1
    else:
        yy = pub.year if first <= pub.month else pub.year - 1
    return f"{_ym(yy, first)}/{_ym(yy, first + 2)}"


def _season(q: Ask) -> str | None:
    code = _lookup(q.rules.seasons, q.g["season"])
    if code not in SEASON_START:
        return None
    if q.y:
        return f"{q.y:04d}-{code}"
    pub = q.pub
    cands = [pub.year + k for k in (-2, -1, 0, 1)]
    if q.mod == "last":
        yy = max(c for c in cands if _season_bounds(c, code)[1] < pub)
    elif q.mod == "next" or q.future:
        yy = min(c for c in cands if _season_bounds(c, code)[0] > pub or
                 _season_bounds(c, code)[0] <= pub <= _season_bounds(c, code)[1])
    else:
        yy = max(c for c in cands if _season_bounds(c, code)[0] <= pub)
    return f"{yy:04d}-{code}"


def easter(year: int) -> dt.date:
    """Easter Sunday of a Gregorian year (the anonymous Gregorian computus, Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def feast_day(rule: dict, year: int) -> dt.date:
    """The day a feast rule ({easter: n}, {month, day} or {month, weekday, nth}) names in a year."""
    if "easter" in rule:
        return easter(year) + dt.timedelta(days=rule["easter"])
    if "day" in rule:
        return dt.date(year, rule["month"], rule["day"])
    days = [dt.date(year, rule["month"], d) for d in range(1, calendar.monthrange(year, rule["month"])[1] + 1)]
    return [d for d in days if d.weekday() == rule["weekday"]][rule["nth"] - (rule["nth"] > 0)]


def _feast(q: Ask) -> str | None:
    """'am Ostermontag', 'on Thanksgiving', 'Christmas 2031': that day of the named year, else the last one
    (a week's grace) or, in a future clause or with 'next', the next one."""
    rule = q.rules.feasts.get(re.sub(r"\s+", " ", q.g["feast"].lower().replace("’", "'")))
    if rule is None:
        return None
    if q.y:
        return _feast_span(rule, feast_day(rule, q.y))
    pub = q.pub
    this = feast_day(rule, pub.year)
    if q.mod == "next" or q.future and q.mod != "last":
        day = this if this >= pub else feast_day(rule, pub.year + 1)
    elif q.mod == "this":
        day = this
    else:
        day = this if this <= pub + dt.timedelta(days=7) and not (q.mod == "last" and this >= pub) \
            else feast_day(rule, pub.year - 1)
    return _feast_span(rule, day)


def _feast_span(rule: dict, first: dt.date) -> str:
    """A feast's day, or the days a holiday weekend lasts from its first ('das Osterwochenende')."""
    last = first + dt.timedelta(days=rule.get("days", 1) - 1)
    return first.isoformat() if last == first else f"{first.isoformat()}/{last.isoformat()}"


def _weekend(q: Ask) -> str | None:
    pub, mod = q.pub, q.mod
    sat = pub - dt.timedelta(days=(pub.weekday() - 5) % 7)
    if mod == "next" or (mod is None and q.future):
        sat = pub + dt.timedelta(days=(5 - pub.weekday()) % 7)
        if mod == "next" and pub.weekday() >= 5:  # on a weekend, 'the coming weekend' is the one after it
            sat = pub - dt.timedelta(days=pub.weekday() - 5) + dt.timedelta(days=7)
    elif mod == "last" and sat + dt.timedelta(days=1) >= pub:
        sat -= dt.timedelta(days=7)
    return f"{sat.isoformat()}/{(sat + dt.timedelta(days=1)).isoformat()}"


def _week(q: Ask) -> str | None:
    mon = q.pub - dt.timedelta(days=q.pub.weekday())
    mon += dt.timedelta(days={"last": -7, "next": 7}.get(q.mod or "", 0))
    return f"{mon.isoformat()}/{(mon + dt.timedelta(days=6)).isoformat()}"


def _weekday(q: Ask) -> str | None:
    wd = _lookup(q.rules.weekdays, q.g["weekday"])
    if wd is None:
        return None
    pub = q.pub
    back = (pub.weekday() - wd) % 7
    if q.mod == "next" or (q.mod is None and q.future and back != 0):
        day = pub + dt.timedelta(days=(wd - pub.weekday()) % 7 or 7)
    else:
        if q.mod == "last" and back == 0:
            back = 7
        day = pub - dt.timedelta(days=back)
    return day.isoformat()


def _count(q: Ask) -> tuple[int, str] | None:
    n = _lookup(q.rules.numbers, q.g.get("num", "1"))  # 'am Tag zuvor', 'the next day': one
    unit = q.rules.units.get(q.g["unit"].lower())
    return (n, unit) if n and unit else None


def _days(n: int, unit: str) -> dt.timedelta:
    """n days or weeks as a span of days."""
    return dt.timedelta(days=n * (7 if unit == "week" else 1))


def _ago(q: Ask, since: bool = False) -> str | None:
    counted = _count(q)
    if not counted:
        return None
    n, unit = counted
    pub = q.pub
    if unit in ("day", "week"):
        day = pub - _days(n, unit)
        return f"{day.isoformat()}/{pub.isoformat()}" if since else day.isoformat()
    if unit == "decade":
        return f"{pub.year - 10 * n:04d}/{pub.year:04d}" if since else f"{pub.year - 10 * n:04d}"
    if unit == "year" and since:
        return f"{pub.year - n:04d}/{pub.year:04d}"
    start = _ym(*_shift_month(pub.year, pub.month, -n * MONTHS_PER[unit]))
    return f"{start}/{_ym(pub.year, pub.month)}" if since else start


def _later(q: Ask) -> str | None:
    """'in two weeks': only a future clause counts ('fell 5% in two weeks' is a span)."""
    counted = _count(q)
    if not q.future or not counted:
        return None
    n, unit = counted
    pub = q.pub
    if unit in ("day", "week"):
        return (pub + _days(n, unit)).isoformat()
    if unit == "decade":
        return f"{pub.year + 10 * n:04d}"
    return _ym(*_shift_month(pub.year, pub.month, n * MONTHS_PER[unit]))


def _after_prev(q: Ask, sign: int = 1) -> str | None:
    """'ein Jahr später', 'two months later' (and with sign -1 'zwei Tage zuvor', 'three days earlier'): counted
    from the time the story named last (its end, or its start counting back), at the unit's precision."""
    counted = _count(q)
    head = re.sub(r"[~?%]", "", (q.ctx.prev or "").split("/")[-1 if sign > 0 else 0])
    if not counted or not re.fullmatch(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", head):
        return None
    n, unit = counted
    n *= sign
    if unit == "decade":
        n, unit = 10 * n, "year"
    if unit == "year":
        return f"{int(head[:4]) + n:04d}"
    if len(head) < 7:
        return None
    if unit in ("day", "week"):
        if len(head) < 10:
            return None
        return (dt.date.fromisoformat(head) + _days(n, unit)).isoformat()
    return _ym(*_shift_month(int(head[:4]), int(head[5:7]), n * MONTHS_PER[unit]))


def _until_prev(q: Ask) -> str | None:
    """'Zuvor hatten …', 'Previously, …': some time up to the time the story named last."""
    start = re.sub(r"[~?%]", "", (q.ctx.prev or "").split("/")[0])
    return f"../{start}" if re.fullmatch(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", start) else None


def _same_day(q: Ask) -> str | None:
    """'um 17.12 Uhr', 'at 2:30 a.m.', 'an hour later': a time of day alone, or hours counted on, happens on the
    day the story named last; after a month or a year the day is unknown."""
    prev = q.ctx.happened or ""
    return prev if re.fullmatch(r"\d{4}-\d{2}-\d{2}[~?%]?", prev) else None


def _since_prev(q: Ask) -> str | None:
    if not q.ctx.prev:
        return None
    start = re.sub(r"[~?%]", "", q.ctx.prev.split("/")[0])
    if start in ("", ".."):
        return None
    return f"{start}/{_ym(q.pub.year, q.pub.month)}"


def _coming(q: Ask) -> str | None:
    unit, pub = q.g["unit"].lower(), q.pub
    if unit.startswith(("tag", "day")):
        return f"{pub.isoformat()}/{(pub + dt.timedelta(days=7)).isoformat()}"
    span = 1 if unit.startswith(("woch", "week")) else 3
    return f"{_ym(pub.year, pub.month)}/{_ym(*_shift_month(pub.year, pub.month, span))}"


def _coming_n(q: Ask) -> str | None:
    """'in den nächsten fünf Jahren', 'over the next three months': from publication to n units later."""
    counted = _count(q)
    if not counted:
        return None
    n, unit = counted
    pub = q.pub
    if unit in ("day", "week"):
        return f"{pub.isoformat()}/{(pub + _days(n, unit)).isoformat()}"
    if unit in ("year", "decade"):
        return f"{pub.year:04d}/{pub.year + n * (10 if unit == 'decade' else 1):04d}"
    return f"{_ym(pub.year, pub.month)}/{_ym(*_shift_month(pub.year, pub.month, n * MONTHS_PER[unit]))}"


def _date_range(q: Ask) -> str | None:
    """'from Jan. 1, 2015, to Dec. 31, 2016', 'vom 3. bis 5. Mai 2019': the start takes the end's month and
    year where it names none (a year earlier when it would fall after the end)."""
    end_g = {"day": q.g["day2"], "month": q.g.get("month2"), "monthnum": q.g.get("monthnum2")}
    end_year = _year({"year": q.g.get("year2")}) or q.y
    end = _date(dataclasses.replace(q, g={k: v for k, v in end_g.items() if v}, y=end_year))
    if end is None:
        return None
    last = dt.date.fromisoformat(end)
    start_g = {"day": q.g["day"], "month": q.g.get("month"), "monthnum": q.g.get("monthnum")}
    if not start_g["month"] and not start_g["monthnum"]:
        start_g["monthnum"] = str(last.month)
    first = _date(dataclasses.replace(q, g={k: v for k, v in start_g.items() if v}, y=q.y or last.year))
    if first is None:
        return None
    if first > end and not q.y:
        first = dt.date.fromisoformat(first).replace(year=last.year - 1).isoformat()
    return f"{first}/{end}"


def _year_to_date(q: Ask) -> str | None:
    """'seit Jahresbeginn', 'so far this year': January to the month of publication, or to an earlier month of
    that year the story named last (the month whose figures it reports: 'sank im Oktober … im bisherigen Verlauf
    des Jahres' is January to October)."""
    year = q.y or q.pub.year
    last = q.pub.month if year == q.pub.year else 12
    prev = re.fullmatch(r"(\d{4})-(\d{2})(?:-\d{2})?", re.sub(r"[~?%]", "", (q.ctx.prev or "").split("/")[-1]))
    if prev and int(prev.group(1)) == year and int(prev.group(2)) < last:
        last = int(prev.group(2))
    return _ym(year, 1) if last == 1 else f"{_ym(year, 1)}/{_ym(year, last)}"


def _night(q: Ask) -> str | None:
    """'in der Nacht', 'overnight': the night before publication."""
    return f"{(q.pub - dt.timedelta(days=1)).isoformat()}/{q.pub.isoformat()}"


def _deadline(q: Ask) -> str | None:
    """'by the end of March', 'bis zum 14. Juni', 'bis 2027': everything up to then (a year-less month or day is
    the next such one, unless the clause is no future one and the month lies before publication's)."""
    m = _lookup(q.months, q.g["month"]) if q.g.get("month") else None
    if m and not q.y and not q.future and m < q.pub.month:
        until = dataclasses.replace(q, y=q.pub.year)  # 'lag bis April höher' read in May: this April, told as past
    else:
        until = dataclasses.replace(q, future=True)
    if q.g.get("day"):
        end = _date(until)
    elif q.g.get("month"):
        end = _month(until)
    else:
        end = f"{q.y:04d}" if q.y else None
    return f"../{end}" if end else None


def _period_ending(q: Ask) -> str | None:
    """'the six months ended March 31', 'the fiscal year ending Oct 31, 2030', 'the quarter ended April 30': the
    months up to that month (a year-less month is the last such month, the period being reported)."""
    m = _lookup(q.months, q.g["month"])
    n = _lookup(q.rules.numbers, q.g["num"]) if q.g.get("num") else 3 if q.g.get("quarter") else 12
    if not m or not n or not 1 <= n <= 24:
        return None
    year = q.y or dataclasses.replace(q, future=False, mod=None).month_year(m)
    first = _shift_month(year, m, 1 - n)
    return _ym(year, m) if n == 1 else f"{_ym(*first)}/{_ym(year, m)}"


def _year_range(q: Ask) -> str | None:
    """'between 2019 and 2023', 'from 2019 till March 2024'; a fiscal year '2030/31' (the next year only)."""
    start, end = q.g["year"], q.g["year2"]
    if len(end) == 2:
        end = f"{int(start) + 1:04d}"
        if end[2:] != q.g["year2"]:
            return None
    m2 = _lookup(q.months, q.g.get("month2"))
    return f"{int(q.g['year']):04d}/{end}" + (f"-{m2:02d}" if m2 else "")


def _earlier_month(q: Ask) -> str | None:
    """'earlier this month': from the month's first day to the day before publication."""
    first = q.pub.replace(day=1)
    return first.isoformat() if q.pub.day <= 2 else f"{first.isoformat()}/{(q.pub - dt.timedelta(days=1)).isoformat()}"


# one resolver per pattern kind (the kinds the rules files may use; a test checks them against this table)
RESOLVERS = {
    "date": _date,
    "month": _month,
    "month_range": _month_range,
    "year_range": _year_range,
    "year": lambda q: f"{q.y:04d}" if q.y else None,
    "quarter": _quarter,
    "quarter_latest": _quarter_latest,
    "quarter_anaphor": lambda q: q.ctx.last_quarter,
    "half": _half,
    "first_months": _first_months,
    "season": _season,
    "weekend": _weekend,
    "feast": _feast,
    "week": _week,
    "weekday": _weekday,
    "rel_month": lambda q: _ym(*_shift_month(q.pub.year, q.pub.month, {"last": -1, "next": 1}.get(q.mod or "", 0))),
    "rel_year": lambda q: f"{q.pub.year + {'last': -1, 'next': 1}.get(q.mod or '', 0):04d}",
    "year_end": lambda q: _ym(q.y or q.ctx.last_year or q.pub.year, 12),
    "year_start": lambda q: _ym(q.month_year(1), 1),
    "ago": _ago,
    "since": lambda q: _ago(q, since=True),
    "later": _later,
    "since_prev": _since_prev,
    "after_prev": _after_prev,
    "before_prev": lambda q: _after_prev(q, -1),
    "until_prev": _until_prev,
    "same_day": _same_day,
    "coming": _coming,
    "today": lambda q: q.pub.isoformat(),
    "yesterday": lambda q: (q.pub - dt.timedelta(days=1)).isoformat(),
    "tomorrow": lambda q: (q.pub + dt.timedelta(days=1)).isoformat(),
    "last_close": lambda q: f"../{(q.pub - dt.timedelta(days={0: 3, 6: 2}.get(q.pub.weekday(), 1))).isoformat()}",
    "recent": lambda q: f"../{q.pub.isoformat()}",
    "soon": lambda q: f"{q.pub.isoformat()}/..",
    "deadline": _deadline,
    "period_ending": _period_ending,
    "decade": lambda q: f"{int(q.g['decade']):04d}/{int(q.g['decade']) + 9:04d}",
    "decade_end": lambda q: f"../{q.pub.year // 10 * 10 + 9:04d}",
    "earlier_month": _earlier_month,
    "end_last_month": lambda q: (q.pub.replace(day=1) - dt.timedelta(days=1)).isoformat(),
    "coming_n": _coming_n,
    "date_range": _date_range,
    "year_to_date": _year_to_date,
    "night": _night,
}
# kinds that name their time themselves (given a year, from the expression or the story); the others count
# from the day of publication and stay undated without it
SELF_DATING = {"date", "month", "month_range", "year_range", "year", "quarter", "half", "first_months", "feast",
               "season", "year_end", "year_start", "quarter_anaphor", "deadline", "decade", "date_range",
               "period_ending", "after_prev", "before_prev", "until_prev", "same_day"}


def _year(g: dict) -> int | None:
    year = g.get("year")
    if year and len(year) == 2:
        year = "20" + year
    return int(year) if year else None


def resolve(kind: str, g: dict, pub: dt.date, future: bool, rules: TimeRules, ctx: Context) -> str | None:
    """EDTF for one matched expression counted from the publication day pub, or None when it cannot be resolved."""
    resolver = RESOLVERS.get(kind)
    if resolver is None:
        return None
    year = _year(g)
    if year is None and g.get("yrel"):  # 'im Herbst kommenden Jahres', 'in May next year'
        year = pub.year + {"last": -1, "next": 1}.get(_mod(rules, g["yrel"]) or "", 0)
    return resolver(Ask(g, pub, future, rules, ctx, year, _mod(rules, g.get("mod"))))


@dataclass(frozen=True)
class Anchor:
    """What expressions count from: the publication day, else its month, else the year the story named last
    (a year named only later belongs to other happenings: 'bis 30. August … den Preis bekam sie 1987')."""

    day: dt.date | None = None
    month: tuple[int, int] | None = None

    def resolve(self, kind: str, g: dict, future: bool, rules: TimeRules, ctx: Context) -> tuple[str | None, bool]:
        """(EDTF or None, whether it is None only for want of a publication date)."""
        if self.day is not None:
            return resolve(kind, g, self.day, future, rules, ctx), False
        if self.month is not None:
            y, m = self.month
            edtf = resolve(kind, g, dt.date(y, m, calendar.monthrange(y, m)[1]), future, rules, ctx)
            if (edtf and kind not in ("date", "feast", "same_day") and not _year(g)
                    and re.search(r"\d{4}-\d{2}-\d{2}", edtf)):
                # a day counted from a month of publication would be a guess; the month itself is what we know
                # (an expression naming its own year, 'bis zum 31. Juli 2031', counts from nothing)
                inside = all(p[:7] == f"{y:04d}-{m:02d}" for p in edtf.rstrip("~?%").split("/") if p != "..")
                return (f"{y:04d}-{m:02d}~", False) if inside else (None, True)
            return edtf, edtf is None and kind not in SELF_DATING
        year = _year(g) or ctx.last_year
        if kind not in SELF_DATING or g.get("mod") or g.get("yrel") or year is None:
            return None, True
        # a year-less month or day takes the story's year (the last one named before it)
        return resolve(kind, g, dt.date(year, 12, 31), False, rules, ctx), False


def match_expressions(text: str, lang: str) -> list[tuple[int, int, str, re.Match]]:
    """(start, end, kind, match) of the longest non-overlapping time expressions in a text, in text order."""
    patterns, _rules = compiled(lang)
    lowercase_words = lang_rules(lang).lowercase_months_are_words
    cands = []
    for order, pat in enumerate(patterns):
        for m in pat.regex.finditer(text):
            if lowercase_words and m.groupdict().get("month") and m.group("month")[0].islower():
                continue  # 'may', 'march' as verbs
            if m.group(0).strip():
                cands.append((m.start(), m.end(), order, pat.kind, m))
    cands.sort(key=lambda c: (-(c[1] - c[0]), c[2]))
    taken: list[tuple[int, int, str, re.Match]] = []
    for s, e, _order, kind, m in cands:
        if any(s < te and ts < e for ts, te, _k, _m in taken):
            continue
        taken.append((s, e, kind, m))
    taken.sort(key=lambda t: (t[0], t[1]))
    return taken


def _remember(ctx: Context, kind: str, edtf: str, reported: bool = False) -> None:
    """What later anaphora ('im selben Quartal', 'seitdem') and year-less months refer to; a report's time
    ('said Monday') is no happening's."""
    if kind in ("quarter", "quarter_latest"):
        ctx.last_quarter = edtf
    head = re.sub(r"[~?%]", "", edtf.split("/")[0])
    if head[:4].isdigit():
        ctx.last_year = int(head[:4])
    if kind not in ("recent", "soon", "until_prev", "same_day"):
        ctx.prev = edtf
        if not reported:
            ctx.happened = edtf


def _told_before(text: str, rules: TimeRules) -> bool:
    """Whether a past-tense verb of the rules' list stands in the text (the clause before a time expression)."""
    return any(w.lower() in rules.past_cues for w in re.findall(r"\w+", text))


@functools.cache
def _baseline(lang: str) -> re.Pattern:
    return re.compile(lang_rules(lang).time.baseline_before)


def find_in_sentence(sent: Sentence, pub: dt.date | Anchor | None, lang: str, ctx: Context) -> list[TimeExpr]:
    """Temporal expressions of one sentence, longest non-overlapping matches, resolved in order."""
    anchor = pub if isinstance(pub, Anchor) else Anchor(day=pub)
    rules = compiled(lang)[1]
    out = []
    baseline = _baseline(lang)
    found = match_expressions(sent.text, lang)
    years: list[tuple[int, str]] = []  # (end, year) of each plain year named so far in the sentence
    if any(kind != "same_day" for _s, _e, kind, _m in found):
        found = [f for f in found if f[2] != "same_day"]  # 'am Samstag um 14 Uhr': the day dates it, not the hour
    for s, e, kind, m in found:
        if baseline.search(sent.text[max(0, s - 60):s] + "<t>" + sent.text[s:e]):
            continue  # a comparison's baseline ('the highest level since 2019'), not a happening's time
        # the tense of the clause around the expression decides ('said in April that it plans …' is past)
        left = max([0] + [b.end() for b in CLAUSE.finditer(sent.text, 0, s)])
        right = next((b.start() for b in CLAUSE.finditer(sent.text, e)), len(sent.text))
        # 'will open the hall, when she tours it on Saturday': the time clause is future too
        said_future = is_future(sent.text[left:right], lang) or follows_future_clause(
            sent.text, left, s, e, right, lang)
        infinitive = not said_future and kind in ("date", "month") and bool(
            re.search(rules.infinitive_before, sent.text[left:s]))
        future = said_future or infinitive
        if not future and kind == "date" and tells_past(sent.text[left:right], lang) is False:
            future = True  # German present for the future: 'Am 25.9. hat das Stück Premiere' (read in July)
        before = re.search(r"(\w+)\s*$", sent.text[:s])
        if future and kind == "weekday" and (before and before.group(1).lower() in rules.past_cues or _told_before(
                sent.text[left:s], rules) and not is_future(sent.text[left:s], lang)):
            # 'said on Monday it will …': the saying is past; so is 'said rain on Sunday meant the fire was not
            # expected to grow': a past verb before the day and the future only after it
            future = False
        g = {k: v for k, v in m.groupdict().items() if v}
        if "mod2" in g:  # a modifier in the second place a pattern allows it ('on last Easter', 'last Easter')
            g["mod"] = g.pop("mod2")
        if kind in ("date", "month") and not ({"year", "mod", "yrel"} & g.keys()):
            year = _year_just_named(sent.text, years, s, lang)
            if year:
                g["year"] = year
        edtf, unanchored = anchor.resolve(kind, g, future, rules, ctx)
        if infinitive and kind == "date" and edtf and anchor.day and int(edtf[:4]) > anchor.day.year:
            # an infinitive alone ('a motion to appoint her at the March 12 meeting') carries a day past
            # publication forward, never into next year: that day has already come this year
            edtf, unanchored = anchor.resolve(kind, g, False, rules, ctx)
        a, b = s, e
        while a < b and sent.text[a].isspace():
            a += 1
        out.append(TimeExpr(start=sent.start + a, end=sent.start + b, text=sent.text[a:b], kind=kind, edtf=edtf,
                            sentence=sent.index, unanchored=unanchored))
        if edtf:
            _remember(ctx, kind, edtf, bool(before and before.group(1) in lang_rules(lang).speech_verbs))
            if re.fullmatch(r"\d{4}", edtf):
                years.append((e, edtf))
    return _year_of_sentence(out)


def _year_just_named(text: str, years: list[tuple[int, str]], start: int, lang: str) -> str | None:
    """The year a day or month without one belongs to when a year was named just before it in the sentence
    ('Vergangenes Jahr wurden am 20. Juli …', 'In 2029, on July 20, …'); a speech verb or more than a few
    words between them part the two ('Its 2029 revenue rose, the firm said on March 3')."""
    if not years:
        return None
    end, year = years[-1]
    gap = re.findall(r"\w+", text[end:start])
    speech = set(lang_rules(lang).speech_verbs)
    return year if len(gap) <= MAX_YEAR_GAP_WORDS and not speech & {w.lower() for w in gap} else None


def _year_of_sentence(out: list[TimeExpr]) -> list[TimeExpr]:
    """Without a publication date, a day counted from it ('am Sonntag') in a sentence that names one year
    ('… den Kulturpreis 2031 erhalten') happened in that year: the year is what the text supports."""
    years = {t.edtf for t in out if t.kind == "year" and t.edtf}
    counted = [t.unanchored and t.kind not in SELF_DATING for t in out]  # 'zuvor' counts from another time
    if len(years) != 1 or not any(counted):
        return out
    year = years.pop()
    return [dataclasses.replace(t, edtf=year, unanchored=False) if c else t for t, c in zip(out, counted, strict=True)]


def find_times(cleaned: Cleaned) -> dict[int, list[TimeExpr]]:
    """Temporal expressions per body sentence index."""
    if cleaned.published_date is not None:
        anchor = Anchor(day=cleaned.published_date)
    elif cleaned.published_month is not None:
        anchor = Anchor(month=cleaned.published_month)
    else:
        anchor = Anchor()
    ctx = Context()
    result: dict[int, list[TimeExpr]] = {}
    for sent in cleaned.body:
        result[sent.index] = find_in_sentence(sent, anchor, cleaned.language, ctx)
    return result
