"""Clean stage: separate article text from page chrome line by line and read the article's metadata.

`clean(text, published=None, lang=None)` returns a `Cleaned` with every line (chrome lines carry the
reason they were dropped), the sentences of the kept text, and title, outlet, author, publication
date/time and language. Patterns are data (rules/common/chrome.yaml); this module only applies them.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import re
from collections import Counter
from dataclasses import dataclass, field

from .doc import DATELINE, Cleaned, Line, Sentence
from .lexicon import place_lookup
from .rules import ChromeRule, ChromeRules, chrome_rules, common_rules, lang_rules

TITLE_MAX_WORDS = 30
LONG_LINE_WORDS = 15
HEAD_LINES = 15  # the publication date is looked for in this many non-empty lines at the top
HEAD_CHARS = 200  # ... and, in a long line, at its start only
LABELS = r"(?i)(?:published|updated|posted|veröffentlicht|aktualisiert|zuletzt aktualisiert|stand|datum|date)"
FOOTER_REASONS = {"newsletter", "disclaimer", "copyright", "menu", "counter", "app banner", "cookie notice"}
ABBREVIATIONS = {
    "z", "B", "Dr", "Prof", "Nr", "bzw", "ca", "etc", "usw", "Inc", "Corp", "Co", "Ltd", "Mr", "Mrs", "Ms", "St",
    "vs", "Jan", "Feb", "Mär", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Okt", "Oct", "Nov", "Dez", "Dec", "S",
    "U", "Mio", "Mrd", "Tsd", "Abs", "Art", "gem", "vgl", "evtl", "ggf", "inkl", "No", "Jr", "Sr", "a", "D",
}
ORDINAL_NEXT = {m for lang in ("de",) for m in ("januar", "februar", "märz", "april", "mai", "juni", "juli",
                                                "august", "september", "oktober", "november", "dezember", "jan",
                                                "feb", "mär", "apr", "jun", "jul", "aug", "sep", "sept", "okt",
                                                "nov", "dez", "quartal", "jahrhundert", "platz", "runde", "mal")}
# 'a.m.' and 'p.m.' end a sentence only before a word that opens one ('… at 3 p.m. The police said …')
CLOCK_SUFFIX = re.compile(r"\b\d{1,2}(?::\d\d)?\s*[ap]\.m$", re.IGNORECASE)
CLOCK_SENTENCE_OPENERS = frozenset({"the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "there", "this",
                                    "that", "these", "those", "his", "her", "their", "its", "our", "in", "on", "at",
                                    "after", "before", "when", "as", "but", "and", "no", "one", "two"})
# (or a full stop glued to the next sentence's first word, as copied pages have it: 'in Lebensgefahr.Die Polizei')
SENT_END = re.compile(r"[.!?…]+[\"“”»«'’)]*(?=\s+[\"„“«»‚‘(*]*[A-ZÄÖÜ0-9])"
                      r"|(?<=[a-zäöüß]{3})[.!?](?=[A-ZÄÖÜ][a-zäöüß]{2,}\s)"
                      # or with no full stop at all before an article or a pronoun opening the next one
                      # ('Unfall in TirolEin 35-Jähriger …', '17:18 UhrIm Streit um …'); a brand written in
                      # camel case ('YouTube', 'LinkedIn and') ends in no such word, or not before an article
                      r"|(?<=[a-zäöüß]{2})(?=(?:Ein|Eine|Einen|Der|Die|Das|Den|Dem|Im|Am|Zum|Zur|Es|Er|Sie|Wir|Nach|"
                      r"Bei|Mit|The|This|It|He|She|They|After)\s"
                      r"|In\s(?:der|die|das|den|dem|einem|einer|diesem|dieser)\s)")
WORD = re.compile(r"\w+(?:[-'’]\w+)*", re.UNICODE)
# an article or preposition before a number with a full stop makes it an ordinal ('der 16. Spieltag', 'am 3. Tag')
ORDINAL_BEFORE = frozenset({"der", "die", "das", "den", "dem", "des", "am", "im", "zum", "zur", "vom", "beim", "ab",
                            "seit", "sein", "seine", "seinem", "seinen", "seiner", "ihr", "ihre", "ihrem", "ihren"})


class CleanError(ValueError):
    """A problem with the input that the user must fix (shown as a one-line message)."""


def split_lines(text: str) -> list[Line]:
    """Every line with its offsets (end excludes the newline and a trailing carriage return)."""
    lines, pos = [], 0
    for no, raw in enumerate(text.split("\n"), start=1):
        end = pos + len(raw)
        vis_end = end - 1 if raw.endswith("\r") else end
        lines.append(Line(no=no, start=pos, end=vis_end, text=text[pos:vis_end]))
        pos = end + 1
    return lines


def _words(s: str) -> int:
    return len(WORD.findall(s))


def reads_as_sentence(text: str) -> bool:
    """Whether a piece of text reads as a sentence, not a label ('• Title of a Bill SB 12'): it ends like one,
    or has lowercase words beyond short function words (a title-case label has none)."""
    return bool(re.search(r"[.!?…:;\"“”»«)\]]\s*$", text) or re.search(r"(?<![\w-])[a-zäöüß]{4,}", text))


def _is_sentence(s: str) -> bool:
    return bool(re.search(r"[.!?…:;][\"“”»«'’)]*\s*$", s.strip()))


def _pattern_rule(line: str, rules: ChromeRules) -> ChromeRule | None:
    """The first chrome rule that matches the line within its length limits."""
    s = line.strip()
    n = _words(s)
    for rule in rules.line_patterns:
        if rule.max_words is not None and n > rule.max_words or rule.max_chars is not None and len(s) > rule.max_chars:
            continue
        if _icase(rule.re).search(s):
            return rule
    return None


@functools.lru_cache(maxsize=512)
def _icase(pattern: str) -> re.Pattern:
    return re.compile(pattern, re.IGNORECASE)


def _undouble(s: str) -> str:
    s = s.strip(" \t|·•-:")
    n = len(s)
    if n % 2 == 0 and n and s[: n // 2] == s[n // 2:]:
        return s[: n // 2]
    return s


def _parse_numeric_date(raw: str, text: str, lang: str) -> dt.date | None:
    """A numeric date; DD/MM vs MM/DD is decided by month names elsewhere in the text, then by language."""
    try:
        if re.fullmatch(r"\d{4}[/-]\d{1,2}[/-]\d{1,2}", raw):
            y, m, d = (int(x) for x in re.split(r"[/-]", raw))
            return dt.date(y, m, d)
        if re.fullmatch(r"\d{1,2}\.\d{1,2}\.\d{4}", raw):
            d, m, y = (int(x) for x in raw.split("."))
            return dt.date(y, m, d)
        if re.fullmatch(r"\d{1,2}\.\d{1,2}\.\d{2}", raw):  # a stamp's two-digit year ('03.07.10, 09:00 Uhr')
            d, m, yy = (int(x) for x in raw.split("."))
            return dt.date(2000 + yy if 2000 + yy <= dt.date.today().year + 1 else 1900 + yy, m, d)
        a, b, y = (int(x) for x in raw.split("/"))
    except ValueError:
        return None
    options = []
    for d, m in ((a, b), (b, a)):
        with contextlib.suppress(ValueError):
            options.append(dt.date(y, m, d))
    if len(options) == 1 or (len(options) == 2 and options[0] == options[1]):
        return options[0]
    if not options:
        return None
    months = {**lang_rules("de").time.months, **lang_rules("en").time.months}
    low = text.lower()
    for opt in options:
        for name, num in months.items():
            if num != opt.month:
                continue
            if re.search(rf"\b{opt.day}\.?\s*{name}\b|\b{name}\s+{opt.day}(?:st|nd|rd|th)?\b", low):
                return opt
    return options[0] if lang_rules(lang).numeric_date_order == "dmy" else options[1]


def _word_date(line: str) -> tuple[dt.date | None, str | None]:
    """A line that is only a date in words: 'March 5, 2026', '5. März 2026, 09:15 Uhr', 'Thursday, 5 March 2026'."""
    months = {**lang_rules("de").time.months, **lang_rules("en").time.months,
              **lang_rules("de").time.month_abbr, **lang_rules("en").time.month_abbr}
    alt = "|".join(sorted(months, key=len, reverse=True))
    tm = (r"(?:,?\s*(?:um\s+|at\s+)?(?P<time>\d{1,2}:\d{2})\s*(?P<ampm>uhr|am|pm|a\.m\.|p\.m\.)?"
          r"(?:\s*(?:[A-Z]{2,4})?(?:[+-]\d{1,2}(?::?\d{2})?)?)?)?")
    pats = [r"^(?:\w+,?\s+)?(?P<month>" + alt + r")\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})"
            + tm + "$",
            r"^(?:\w+,?\s+)?(?P<day>\d{1,2})\.?\s+(?P<month>" + alt + r")\.?\s+(?P<year>\d{4})" + tm + "$",
            # the time first: '10:32 AM EDT, Wed June 4, 2025'
            r"^(?P<time>\d{1,2}:\d{2})\s*(?P<ampm>am|pm|a\.m\.|p\.m\.)?\s*(?:[A-Z]{2,4})?,?\s+(?:\w+,?\s+)?"
            r"(?P<month>" + alt + r")\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})$"]
    label = r"(?i)^(?:published|updated|posted|veröffentlicht|aktualisiert|stand|datum|date)\s*(?:on|am)?\s*:?\s*"
    line = re.sub(label, "", line)
    for p in pats:
        m = re.match(p, line, re.IGNORECASE)
        if m:
            try:
                clock = m.group("time")
                if clock and (m.group("ampm") or "").lower().startswith("p") and int(clock.split(":")[0]) < 12:
                    clock = f"{int(clock.split(':')[0]) + 12}:{clock.split(':')[1]}"
                return dt.date(int(m.group("year")), int(months[m.group("month").lower()]),
                               int(m.group("day"))), clock
            except ValueError:
                return None, None
    return None, None


# a two-digit year only in a stamp with its time of day ('03.07.10, 09:00 Uhr'), never alone ('Version 2.1.10')
SHORT_YEAR_STAMP = r"\d{1,2}\.\d{1,2}\.\d{2}(?=,?\s*(?:um\s+)?\d{1,2}[:.]\d{2})"
NUMERIC_DATE = re.compile(r"(?<![\d.])(?P<date>\d{4}/\d{1,2}/\d{1,2}|\d{4}-\d{2}-\d{2}|\d{1,2}\.\d{1,2}\.\d{4}|"
                          + SHORT_YEAR_STAMP + "|"
                          r"\d{1,2}/\d{1,2}/\d{4})(?:(?:T|,?\s*(?:[–—-]|um|at)?\s*)(?P<time>\d{1,2}[:.]\d{2})"
                          r"\s*(?P<ampm>am|pm|a\.m\.|p\.m\.)?)?", re.IGNORECASE)


WEEKDAY_NAMES = "|".join(sorted({w for lang in ("de", "en") for w in lang_rules(lang).time.weekdays}, key=len,
                                 reverse=True))
# a date stamp opening a line, possibly after a label, with its time of day and 'Uhr' ('16.01.2026 13.20',
# 'Stand: 16. Januar 2026, 13:20 Uhr')
LEADING_DATE = re.compile(
    r"^\s*(?P<label>(?:published|updated|posted|veröffentlicht|aktualisiert|zuletzt aktualisiert|stand|datum|date)"
    # a word and a comma before the date ('Montag, 12. Januar 2026'), or a weekday's name without one
    r"(?:\s+(?:am|on))?\s*:?\s*)?(?P<stamp>(?:[A-Za-zÄÖÜäöü]{2,10}\.?,\s+|(?:" + WEEKDAY_NAMES + r")\s+)?"
    r"(?:\d{4}[/-]\d{1,2}[/-]\d{1,2}|"
    r"\d{1,2}\.\d{1,2}\.\d{4}|" + SHORT_YEAR_STAMP + "|"
    r"\d{1,2}/\d{1,2}/\d{4}|\d{1,2}\.?\s+[A-Za-zÄÖÜäöüß]{3,9}\.?\s+\d{4}|[A-Za-z]{3,9}\.?\s+\d{1,2},?\s+\d{4})"
    r"(?:,?\s*(?:um|at|[–—-])?\s*\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:uhr|am|pm|a\.m\.|p\.m\.)?)?)",
    re.IGNORECASE)


def _date_in(line: str, text: str, lang: str) -> tuple[dt.date | None, str | None]:
    """The first date (numeric or in words) anywhere in a line, with its time of day when given."""
    m = NUMERIC_DATE.search(line)
    if m:
        day = _parse_numeric_date(m.group("date"), text, lang)
        if day:
            return day, _clock(m.group("time"), m.group("ampm"))
    months = {**lang_rules("de").time.months, **lang_rules("en").time.months,
              **lang_rules("de").time.month_abbr, **lang_rules("en").time.month_abbr}
    alt = "|".join(sorted(months, key=len, reverse=True))
    tm = r"(?:,?\s*(?:um|at|[–—-])?\s*(?P<time>\d{1,2}[:.]\d{2})\s*(?P<ampm>am|pm|a\.m\.|p\.m\.)?)?"
    for p in (r"(?<!\w)(?P<month>" + alt + r")\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})" + tm,
              # a stamp may glue the parts with full stops ('erstellt am 04.Okt.2031')
              r"(?<!\w)(?P<day>\d{1,2})(?:\.\s*|\s+)(?P<month>" + alt + r")(?:\.\s*|\s+)(?P<year>\d{4})" + tm):
        m = re.search(p, line, re.IGNORECASE)
        if m:
            try:
                day = dt.date(int(m.group("year")), int(months[m.group("month").lower()]), int(m.group("day")))
            except ValueError:
                continue
            return day, _clock(m.group("time"), m.group("ampm"))
    return None, None


def _clock(time: str | None, ampm: str | None) -> str | None:
    """'13.20' -> '13:20', '1:20' + 'pm' -> '13:20'."""
    if not time:
        return None
    h, mnt = re.split(r"[:.]", time)
    hour = int(h)
    if ampm and ampm.lower().startswith("p") and hour < 12:
        hour += 12
    if ampm and ampm.lower().startswith("a") and hour == 12:
        hour = 0
    return f"{hour:02d}:{mnt}" if hour < 24 and int(mnt) < 60 else None


def detect_language(text: str) -> str:
    """'de' or 'en' by counting each language's stop words; CleanError naming the language when the text is
    clearly in another one (its function words from rules/common/languages.yaml outnumber ours)."""
    words = [w.lower() for w in WORD.findall(text[:20000])]
    scores = {}
    for lang in ("de", "en"):
        stop = set(lang_rules(lang).stopwords)
        scores[lang] = sum(1 for w in words if w in stop)
    ours = max(scores.values())
    others = {code: sum(1 for w in words if w in set(spec["stopwords"]))
              for code, spec in common_rules("languages").items()}
    other = max(others, key=others.get) if others else None
    if other and len(words) >= 20 and others[other] > 2 * ours:
        name = common_rules("languages")[other]["name"]
        raise CleanError(f"the text looks {name}, not German or English; chronik extracts German and English "
                         f"articles (pass --lang de or --lang en to try anyway)")
    return "de" if scores["de"] >= scores["en"] else "en"


HTML_TAG = re.compile(r"<(?:/?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?|!--|!doctype)[^<>]*>", re.IGNORECASE)


def reject_html(text: str) -> None:
    """CleanError for raw HTML source (a saved page, not its text): many tags, or a document's opening."""
    head = text[:200000]
    tags = HTML_TAG.findall(head)
    markup = sum(len(t) for t in tags)
    if re.match(r"\s*<(?:!doctype\s+html|html[\s>])", head, re.IGNORECASE) or (
            len(tags) >= 20 and markup > 0.2 * len(head.strip())):
        raise CleanError("this is HTML source, not the article's text: open the page in a browser, copy its "
                         "text (or use a reader view) and save that as a .txt file")


@functools.cache
def _region_abbreviations() -> frozenset[str]:
    """The dateline state abbreviations without their last full stop ('Ore', 'N.Y'): 'PORTLAND, Ore. (AP) —'
    goes on, it does not end a sentence."""
    return frozenset(a.rstrip(".").split(".")[-1] for a in common_rules("places")["dateline_regions"])


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans inside text[start:end]."""
    spans, pos = [], start
    chunk = text[start:end]
    for m in SENT_END.finditer(chunk):
        cut = start + m.end()
        before = text[pos:start + m.start()]
        tail = re.search(r"(\w+)$", before)
        if m.group(0).startswith(".") and tail:
            tok = tail.group(1)
            nxt = re.match(r"\s*([\w]+)", text[start + m.end():end])
            nxt_word = nxt.group(1) if nxt else ""
            prev = re.search(r"(\w+)\s+\w+$", before)
            ordinal = tok.isdigit() and len(tok) <= 2 and (nxt_word.lower() in ORDINAL_NEXT or nxt_word[:1].islower()
                                                           or bool(prev) and prev.group(1).lower() in ORDINAL_BEFORE)
            if tok in ABBREVIATIONS or tok in _region_abbreviations() or ordinal or (len(tok) == 1 and tok.isupper()):
                continue
            if CLOCK_SUFFIX.search(before) and nxt_word.lower() not in CLOCK_SENTENCE_OPENERS:
                continue  # 'at 12:51 a.m. Deputy Ann Vole stopped …': a time of day, not a sentence's end
        spans.append((pos, cut))
        pos = cut
        while pos < end and text[pos].isspace():
            pos += 1
    if pos < end:
        spans.append((pos, end))
    out = []
    for a, b in spans:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.append((a, b))
    return out


@dataclass
class Page:
    """What the clean passes have learnt about the page so far; each pass reads it and adds to it."""

    text: str
    lines: list[Line]
    nonempty: list[Line]
    rules: ChromeRules
    language: str
    found_date: dt.date | None = None
    found_time: str | None = None
    found_month: tuple[int, int] | None = None  # a date known only to the month (an archive's ' date 2024-06')
    outlet: str | None = None
    author: str | None = None
    title_line: Line | None = None
    warnings: list[str] = field(default_factory=list)

    def take_date(self, day: dt.date, clock: str | None) -> None:
        """Record the page's publication date (the first one found wins)."""
        if self.found_date is None:
            self.found_date, self.found_time = day, clock


def mark_archive_prefix(page: Page) -> None:
    """An archive's prefix in front of the first line (' date 2025-09-22 Acme plant …'): its date, the body after it."""
    first = page.nonempty[0]
    m = re.match(page.rules.archive_prefix, first.text)
    if m:
        first.body_start = first.start + m.end()
        raw = m.group("date")
        if len(raw) == 10:
            page.take_date(dt.date.fromisoformat(raw), None)
        elif 1 <= int(raw[5:7]) <= 12:
            page.found_month = (int(raw[:4]), int(raw[5:7]))
            _stamp_after_prefix(page, first)


def _stamp_after_prefix(page: Page, first: Line) -> None:
    """A page's own date stamp right after an archive's month ('date 2031-05 Stand: 12.05.2031 08:40 Uhr …'):
    the day of that month, and the body after the stamp."""
    rest = page.text[first.body_start:first.end]
    m = LEADING_DATE.match(rest)
    day, tm = _date_in(m.group("stamp"), page.text, page.language) if m else (None, None)
    if m and day and (day.year, day.month) == page.found_month:
        page.take_date(day, tm)
        end = m.end()
        while end < len(rest) and rest[end] in " \t,|·•–—-:":
            end += 1
        first.body_start += end


def mark_pattern_chrome(page: Page) -> None:
    """Chrome by pattern: short lines anywhere, long lines only after the last long paragraph; a rule limited
    to the edges applies only above the first or below the last long paragraph of article text."""
    hits = [_caption_after_prefix(page, ln) if ln.body_start is not None else _pattern_rule(ln.text, page.rules)
            for ln in page.nonempty]
    text_lines = [i for i, ln in enumerate(page.nonempty) if _words(ln.text) >= LONG_LINE_WORDS and hits[i] is None]
    first_long, last_long = min(text_lines, default=len(hits)), max(text_lines, default=-1)
    for i, ln in enumerate(page.nonempty):
        rule = hits[i]
        if rule is None or rule.zone == "edges" and first_long <= i <= last_long:
            continue
        if _words(ln.text) < LONG_LINE_WORDS or i > last_long or rule.long_lines:
            ln.chrome = rule.reason


def _caption_after_prefix(page: Page, ln: Line) -> ChromeRule | None:
    """A photo caption after an archive's prefix (' date 2031-04-02 FILE - A harbour crane …'): only that rule
    applies there (a rule for long lines), the rest of such a line is the article's first line."""
    rule = _pattern_rule(page.text[ln.body_start:ln.end], page.rules)
    return rule if rule is not None and rule.long_lines else None


def find_dateline(page: Page) -> None:
    """'Outlet2026/01/16 13:20' near the top: the date, and the outlet or author glued to it."""
    for ln in page.nonempty[:HEAD_LINES]:
        dm = re.match(page.rules.dateline, ln.text.strip(), re.IGNORECASE)
        if not dm or _words(ln.text) > 10:
            continue
        day = _parse_numeric_date(dm.group("date"), page.text, page.language)
        if not day:
            continue
        ln.chrome = "dateline"
        page.take_date(day, dm.group("time"))
        name = _undouble(dm.group("outlet") or "").strip(" ,")
        name = re.sub(LABELS + r"\s*(?:am|on)?\s*:?\s*$", "", name).strip(" ,|")
        by = re.match(r"(?i)^(?:von|by)\s*:?\s*(.+)$", name)
        if by:
            page.author = page.author or by.group(1).strip(" ,|")
        elif name and place_lookup(name) is None:
            page.outlet = page.outlet or name
        return


def find_word_date_line(page: Page) -> None:
    """A short line that is only a date in words ('March 5, 2026', '5. März 2026, 09:15 Uhr')."""
    if page.found_date is not None:
        return
    for ln in page.nonempty[:HEAD_LINES]:
        day, tm = _word_date(ln.text.strip())
        if day and _words(ln.text) <= 10:
            ln.chrome = "dateline"
            page.take_date(day, tm)
            return


def find_date_in_short_line(page: Page) -> None:
    """A date somewhere in a short line near the top ('By Jane Doe | January 16, 2026', '16.01.2026 – 13:20 Uhr')."""
    if page.found_date is not None:
        return
    for ln in page.nonempty[:HEAD_LINES]:
        line = ln.text.strip()
        if ln.body_start is not None or _words(line) > 12:
            continue
        # 'Aktualisiert am 04.03.2025, 17:12 Uhr | Lesezeit: 3 Min.': each part between separators counts
        parts = [p.strip() for p in re.split(r"[|·•]", line)]
        # a label's colon ('Newswire, March 4, 2031 Change the text size:') does not end a sentence
        parts = [p for p in parts if p and not (_is_sentence(p) and not p.endswith(":") and _words(p) > 6)]
        for part in parts:
            day, tm = _date_in(part, page.text, page.language)
            if day:
                ln.chrome = ln.chrome or "dateline"
                page.take_date(day, tm)
                return


def find_date_at_line_start(page: Page) -> None:
    """A date opening a long line near the top, however long the line: glued to the text after it
    ('16.01.2026 13.20Online seit …', '16. Januar 2026, 13:20 UhrIm Streit …'), after a label, or in a
    wire dateline inside the first sentence ('NEW YORK, 8. Dezember 2025 (Agentur) --')."""
    if page.found_date is not None:
        return
    for n, ln in enumerate(page.nonempty[:HEAD_LINES]):
        if ln.body_start is not None or ln.chrome:
            continue
        head = ln.text[:HEAD_CHARS]
        wire = DATELINE.match(head)
        if wire:
            day, tm = _date_in(wire.group(0), page.text, page.language)
            if day:
                page.take_date(day, tm)
                return
        m = LEADING_DATE.match(head)
        if not m:
            continue
        day, tm = _date_in(m.group("stamp"), page.text, page.language)
        glued = m.end() < len(head) and head[m.end() - 1].isalnum() and head[m.end()].isalpha()
        if day and (n == 0 or tm or glued or m.group("label")):
            page.take_date(day, tm)
            end = m.end()
            while end < len(ln.text) and ln.text[end] in " \t,|·•–—-:":
                end += 1
            ln.body_start = ln.start + end  # the article text starts after the stamp
            return


def mark_repeated_lines(page: Page) -> None:
    """A short line the page repeats many times is a widget's label, no text ('• Category flag' × 27)."""
    counts = Counter(ln.text.strip() for ln in page.nonempty)
    for ln in page.nonempty:
        if (not ln.chrome and counts[ln.text.strip()] >= page.rules.repeated_line_count
                and _words(ln.text) < LONG_LINE_WORDS):
            ln.chrome = "repeated"


def find_today_stamp(page: Page) -> None:
    """The day a report calls 'today' in brackets near its top ('heute Dienstag (26.10.31)') is its date."""
    if page.found_date is not None:
        return
    rx = _icase(page.rules.today_stamp)
    for ln in [ln for ln in page.nonempty if not ln.chrome][:HEAD_LINES]:
        m = rx.search(ln.text[:HEAD_CHARS])
        day = _parse_numeric_date(m.group("date"), page.text, page.language) if m else None
        if day:
            page.take_date(day, None)
            return


def find_wire_code_date(page: Page) -> None:
    """A wire service's item code anywhere on the page ('dpa:310818-99-…') dates it when nothing else did, or
    gives the day of a month the page knows already."""
    if page.found_date is not None:
        return
    m = _icase(page.rules.wire_code_date).search(page.text)
    if not m:
        return
    with contextlib.suppress(ValueError):
        day = dt.date(2000 + int(m.group("y")), int(m.group("m")), int(m.group("d")))
        if page.found_month in (None, (day.year, day.month)):
            page.take_date(day, None)


def find_author(page: Page) -> None:
    """The author from a byline or dateline near the top."""
    for ln in page.nonempty[:20]:
        bm = re.match(r"(?i)^(?:von|by|autor|author)\s*:?\s*(.+)$", ln.text.strip())
        if bm and ln.chrome in ("byline", "dateline"):
            who = re.split(r"\s*[|·•,]\s*|\s+[-–—]\s+", bm.group(1).strip())[0]
            if who and not NUMERIC_DATE.search(who) and not _date_in(who, page.text, page.language)[0]:
                page.author = page.author or _undouble(who)


def find_title(page: Page) -> None:
    """The title: a line repeated near the top, else the first short kept line followed by a blank line;
    short non-sentence lines before it are navigation."""
    kept = [ln for ln in page.nonempty if not ln.chrome and ln.body_start is None]
    head = kept[:15]
    for i, ln in enumerate(head):
        if _words(ln.text) >= 4 and any(o.text.strip() == ln.text.strip() for o in head[i + 1:]):
            page.title_line = ln
            for o in head[i + 1:]:
                if o.text.strip() == ln.text.strip():
                    o.chrome = "duplicate title"
            break
    if page.title_line is None and kept and (page.nonempty[0].body_start is None or page.nonempty[0].chrome):
        cand = next((ln for ln in kept[:8] if _words(ln.text) >= 4), kept[0])
        idx = cand.no - 1
        nxt = page.lines[idx + 1] if idx + 1 < len(page.lines) else None
        more = any(ln.start > cand.start for ln in kept)
        if (3 <= _words(cand.text) <= TITLE_MAX_WORDS and more
                and (nxt is None or not nxt.text.strip() or nxt.chrome in ("dateline", "byline", "date label"))
                and len(split_sentences(page.text, cand.start, cand.end)) <= 1
                and (not re.search(r"\w[.!]\s*$", cand.text) or _header_follows(page, cand))):
            page.title_line = cand
    if page.title_line is not None:
        for ln in page.nonempty:
            if ln is page.title_line:
                break
            if not ln.chrome and _words(ln.text) < page.rules.short_line_words and not _is_sentence(ln.text):
                ln.chrome = "navigation"


def _header_follows(page: Page, cand: Line) -> bool:
    """Whether a date or byline comes right after a line: a headline ending in a full stop then, not a lead."""
    after = [ln for ln in page.nonempty if ln.start > cand.start][:2]
    return any(ln.chrome in ("dateline", "byline", "date label") for ln in after)


def mark_trailing_chrome(page: Page) -> None:
    """From the first strong chrome line after the last long paragraph on, all is footer."""
    nonempty = page.nonempty
    last_long = max((i for i, ln in enumerate(nonempty) if not ln.chrome and _words(ln.text) >= LONG_LINE_WORDS),
                    default=-1)
    first_footer = next((i for i, ln in enumerate(nonempty) if i > last_long and ln.chrome in FOOTER_REASONS),
                        None)
    if first_footer is not None:
        for ln in nonempty[first_footer:]:
            if not ln.chrome:
                ln.chrome = "footer"
    for ln in nonempty[last_long + 1:]:
        if not ln.chrome and _words(ln.text) < page.rules.short_line_words and not _is_sentence(ln.text):
            ln.chrome = "footer"


def publication(page: Page, published: str | None, url: str | None) -> Published:
    """The publication date: given by the user, else found on the page, else read from the URL, else unknown."""
    if published:
        return parse_published(published)
    if page.found_date:
        clock = _clock(page.found_time, None) if page.found_time else None
        return parse_published(page.found_date.isoformat() + (f"T{clock}" if clock else ""))
    from_url = date_from_url(url) if url else None
    if from_url and (from_url.day or not page.found_month):
        return from_url
    if page.found_month:  # the page knows its month only: a weekday or 'heute' then dates to that month
        year, month = page.found_month
        return parse_published(f"{year:04d}-{month:02d}")
    page.warnings.append("no publication date found in the text" + (" or the URL" if url else "")
                         + "; dates relative to it ('am Montag', 'yesterday') stay undated "
                           "(pass --published YYYY-MM-DD" + ("" if url else " or --url") + ")")
    return Published(None, None, None)


def find_sentences(page: Page) -> list[Sentence]:
    """Sentences of the kept lines, each with its paragraph and kind (title, heading, body)."""
    sentences: list[Sentence] = []
    para = 0
    for ln in page.lines:
        if not ln.text.strip() or ln.chrome:
            continue
        para += 1
        start = ln.body_start if ln.body_start is not None else ln.start
        if ln is page.title_line:
            kind = "title"
        elif _words(ln.text) <= 14 and not _is_sentence(ln.text) and (
                not re.match(r"\s*[*•-]", ln.text) or not reads_as_sentence(ln.text)):
            kind = "heading"  # a heading, or a bulleted label ('• Harbour Dredging Act HB 12')
        else:
            kind = "body"
        spans = split_sentences(page.text, start, ln.end)
        if len(spans) > 1 and _trailing_credit(page.text[spans[-1][0]:spans[-1][1]], page.rules):
            spans = spans[:-1]  # '… in Berlin. Foto: Anna Velm/DPA': a caption's credit glued to its line
        for a, b in spans:
            sentences.append(Sentence(start=a, end=b, text=page.text[a:b], para=para, kind=kind, index=len(sentences)))
    return sentences


# chrome rules whose match may also end a line of text, as its last sentence
TRAILING_CREDITS = {"photo credit", "credits"}


def _trailing_credit(sentence: str, rules: ChromeRules) -> bool:
    """Whether a line's last sentence is a credit the chrome rules know ('Foto: Anna Velm/DPA')."""
    rule = _pattern_rule(sentence, rules)
    return rule is not None and rule.reason in TRAILING_CREDITS


def title_and_outlet(page: Page, sentences: list[Sentence]) -> tuple[str, str | None]:
    """The title (else the first body sentence, shortened) and the outlet (else a wire dateline's agency)."""
    body = [s for s in sentences if s.kind == "body"]
    title = page.title_line.text.strip() if page.title_line else ""
    if not title:
        first_sent = body[0].text if body else ""
        title = first_sent if len(first_sent) <= 120 else first_sent[:117].rsplit(" ", 1)[0] + " …"
    outlet = page.outlet
    # a wire dateline in the first body sentence names the agency ('BERLIN, July 25 (Reuters) -')
    wire = DATELINE.match(body[0].text) if body else None
    if wire and not outlet and not re.search(r"\d", wire.group("agency")):
        outlet = wire.group("agency").strip()
    return title, outlet


CLEAN_PASSES = (mark_archive_prefix, mark_pattern_chrome, mark_repeated_lines, find_dateline, find_word_date_line,
                find_date_in_short_line, find_date_at_line_start, find_today_stamp, find_wire_code_date, find_author,
                find_title, mark_trailing_chrome)


def clean(text: str, published: str | None = None, lang: str | None = None, url: str | None = None) -> Cleaned:
    """Split the article into chrome and kept lines, find its sentences and metadata."""
    lines = split_lines(text)
    nonempty = [ln for ln in lines if ln.text.strip()]
    if not nonempty:
        raise CleanError("the article is empty")
    reject_html(text)
    page = Page(text=text, lines=lines, nonempty=nonempty, rules=chrome_rules(),
                language=lang or detect_language(text))
    for step in CLEAN_PASSES:
        step(page)
    pub = publication(page, published, url)
    sentences = find_sentences(page)
    if not any(s.kind == "body" for s in sentences):
        page.warnings.append(f"no article text found: all {len(nonempty)} non-empty lines look like page chrome "
                             "or headings (see the article's chrome list)")
    title, outlet = title_and_outlet(page, sentences)
    labels = lang_rules(page.language).labels
    untitled, unknown = labels["untitled"], labels["unknown_outlet"]
    return Cleaned(text=text, lines=lines, sentences=sentences, title=title or untitled,
                   outlet=outlet or unknown, author=page.author, published=pub.text, published_date=pub.day,
                   published_month=pub.month, language=page.language, warnings=page.warnings)


@dataclass(frozen=True)
class Published:
    """A publication date at its precision: text as stored ('2026-01-16T13:20', '2024-07' or None), the day
    when known to the day, the (year, month) when known at least to the month."""

    text: str | None
    day: dt.date | None
    month: tuple[int, int] | None


PUBLISHED_FORM = re.compile(r"(?P<y>\d{4})-(?P<m>\d{2})(?:-(?P<d>\d{2})(?P<time>T\d{2}:\d{2}(?::\d{2})?"
                            r"(?:Z|[+-]\d{2}:\d{2})?)?)?")


def parse_published(value: str, label: str = "publication date") -> Published:
    """'2026-01-16', '2026-01-16T13:20', '2024-07' -> Published; CleanError naming what is wrong."""
    m = PUBLISHED_FORM.fullmatch(value.strip())
    if not m:
        raise CleanError(f"{label}: use YYYY-MM-DD, YYYY-MM-DDTHH:MM or YYYY-MM")
    try:
        if m.group("time"):
            stamp = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
            return Published(value.strip(), stamp.date(), (stamp.year, stamp.month))
        if m.group("d"):
            day = dt.date.fromisoformat(value.strip())
            return Published(value.strip(), day, (day.year, day.month))
        year, month = int(m.group("y")), int(m.group("m"))
        dt.date(year, month, 1)
        return Published(value.strip(), None, (year, month))
    except ValueError as exc:
        raise CleanError(f"{label}: not a real date or time ({exc})") from exc


URL_DAY = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})(?P<sep>[/_.-]?)(?P<m>[01]\d)(?P=sep)(?P<d>[0-3]\d)(?!\d)")
URL_MONTH = re.compile(r"/(?P<y>(?:19|20)\d{2})/(?P<m>[01]\d)/")


def date_from_url(url: str) -> Published | None:
    """A date in a URL's path or slug ('/2025/12/11/', '/20251211/', '-2025-12-11-'), else its month
    ('/2025/12/'); the host and query are not looked at."""
    path = re.sub(r"^[a-z][a-z0-9+.-]*://[^/]*", "", url.strip(), flags=re.IGNORECASE).split("?")[0].split("#")[0]
    for m in URL_DAY.finditer(path):
        with contextlib.suppress(ValueError):
            day = dt.date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
            return Published(day.isoformat(), day, (day.year, day.month))
    m = URL_MONTH.search(path)
    if m and 1 <= int(m.group("m")) <= 12:
        return Published(f"{m.group('y')}-{m.group('m')}", None, (int(m.group("y")), int(m.group("m"))))
    return None


def chrome_summary(cleaned: Cleaned) -> str | None:
    """'12 lines of page chrome dropped (4 navigation, 3 newsletter, …)', or None when none were."""
    reasons = [reason for _line, reason in cleaned.chrome]
    if not reasons:
        return None
    counts = sorted(((reasons.count(r), r) for r in set(reasons)), key=lambda c: (-c[0], c[1]))
    return (f"{len(reasons)} line{'s' if len(reasons) != 1 else ''} of page chrome dropped ("
            + ", ".join(f"{n} {r}" for n, r in counts) + ")")
