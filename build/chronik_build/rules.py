"""Load the language rules (YAML and derived word lists under rules/) once per process into typed, frozen objects.

`lang_rules(lang)` is a `LangRules` (rules/<lang>/lang.yaml with its `time: TimeRules` from time.yaml);
`chrome_rules()` a `ChromeRules` (rules/common/chrome.yaml). A rules file that lacks a key or has one nobody
reads is an error here, at load time; tests/test_extract_rules_schema.py checks the files against the JSON
Schemas under rules/schema/ as well. Lists become tuples and mappings read-only, so no stage can change them.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import types
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

RULES_DIR = Path(__file__).resolve().parent / "rules"
LANGS = ("de", "en")


class RulesError(ValueError):
    """A rules file does not have the shape the code expects."""


def _read_yaml(path: Path) -> dict[str, Any]:
    with open(path, encoding="utf-8") as fh:
        data = yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return data or {}


def _freeze(value: Any) -> Any:
    """Lists to tuples, mappings to read-only mappings, all the way down."""
    if isinstance(value, Mapping):
        return types.MappingProxyType({k: _freeze(v) for k, v in value.items()})
    if isinstance(value, list):
        return tuple(_freeze(v) for v in value)
    return value


def _build(cls: type, data: dict[str, Any], path: Path, **extra: Any) -> Any:
    """cls(**data) with every field present and no unknown key; RulesError naming the file otherwise."""
    names = {f.name for f in dataclasses.fields(cls)} - set(extra)
    missing, unknown = sorted(names - set(data)), sorted(set(data) - names)
    if missing or unknown:
        raise RulesError(f"{path}: " + "; ".join(
            part for part in (missing and f"missing keys {', '.join(missing)}",
                              unknown and f"unknown keys {', '.join(unknown)}") if part))
    return cls(**{k: _freeze(v) for k, v in data.items()}, **extra)


@dataclass(frozen=True)
class TimePattern:
    """One time-expression pattern of time.yaml: the kind time.py resolves it as, and its regex source."""

    kind: str
    re: str


@dataclass(frozen=True)
class TimeRules:
    """rules/<lang>/time.yaml: words for months, weekdays, seasons, numbers, modifiers and the patterns."""

    months: Mapping[str, int]
    month_abbr: Mapping[str, int]
    weekdays: Mapping[str, int]
    seasons: Mapping[str, int]
    # named days of the year: Easter-based ones as days from Easter Sunday ({easter: 1}), fixed ones as {month, day},
    # and a weekday's nth occurrence in a month ({month: 11, weekday: 3, nth: 4}; nth -1 is the last one)
    feasts: Mapping[str, Mapping[str, int]]
    ordinals: Mapping[str, int]
    numbers: Mapping[str, int]
    units: Mapping[str, str]
    modifiers: Mapping[str, tuple[str, ...]]
    future_cues: tuple[str, ...]
    past_cues: tuple[str, ...]
    # words opening a time clause that takes its tense from the clause before it: English tells the future there
    # in the present ('will speak … when she visits Velm on Saturday')
    future_clause_openers: tuple[str, ...]
    # how many days after publication a day named without a year may lie and still be this year's, whatever the
    # tense ('The bridge reopens Aug. 12.' read on 20 July); a later one is last year's unless the clause is future
    date_ahead_days: int
    # the text right before an expression that makes it a comparison's baseline, not a happening's time
    # ('the highest level since early 2019', 'gegenüber dem Vorjahr'): a regex matched at the end of that text
    baseline_before: str
    # a reporting clause inside or after a sentence ('…, wie der Verband mitteilte', '…, the ministry said'):
    # the sentence tells a happening someone reported, an event even without a named speaker or a time
    reporting_frames: tuple[str, ...]
    # words of speculation ('may', 'vielleicht'): a hedged sentence reports no happening
    hedges: tuple[str, ...]
    # a sentence-initial pronoun that stands for the previous actor ('She', 'Es'): person or thing
    subject_pronouns: Mapping[str, tuple[str, ...]]
    # articles before a definite description ('the bank', 'die Sonde') that refers back to a named entity
    definite_articles: tuple[str, ...]
    # nouns that, after a definite article, stand for the place the story is about ('the city', 'die Insel')
    place_nouns: tuple[str, ...]
    patterns: tuple[TimePattern, ...]
    # verb-second languages: a finite verb right after a time expression ends the sentence's first constituent
    # ('Im Streit um den Brand im Mai | hat das Gericht am Dienstag …'); matched at the text after it
    finite_after_prefield: str
    # an infinitive in the clause before a day or month without a year ('was told to vacate the flat on
    # May 3'): the action it names lies ahead of its past-tense frame; matched at the end of that text
    infinitive_before: str
    # the opening of a relative clause ('…, for which X was sentenced last week', '…, der im Mai verurteilt wurde'):
    # a time inside one that runs to the sentence end dates the relative clause, not the main clause before it
    relative_clause: str
    # a demonstrative subject with a future verb opens a sentence that tells a consequence of the happening before
    # ('This will let the mill reopen'), not a happening of its own; matched at the sentence start
    consequence_start: str
    # a sentence that only states what something is ('The crater was 40 metres deep, according to X'): a subject, a
    # copula and no participle after it; no happening even with a reporting frame; matched at the sentence start
    stative_start: str
    # a short sentence that only judges what was told ('The rise was not unexpected.'): no happening, even with a time
    evaluation: str


@dataclass(frozen=True)
class LangRules:
    """rules/<lang>/lang.yaml (see the README for what each key does) and the language's time rules."""

    time: TimeRules
    # language traits: data flags instead of `lang == ...` branches in the code
    nouns_capitalised: bool  # German: every noun is capitalised, so a capital letter alone is no name
    genitive_s: bool  # German: 'Acmes' is the genitive of 'Acme'
    possessive_s: bool  # English: "X's Y" names X as Y's team or employer
    lowercase_months_are_words: bool  # English 'may', 'march' in lower case are verbs, not months
    numeric_date_order: str  # dmy | mdy: how 03/04/2026 reads when nothing else decides
    labels: Mapping[str, str]  # untitled, unknown_outlet, share, amount
    stopwords: tuple[str, ...]
    not_names: tuple[str, ...]
    noun_suffixes: tuple[str, ...]
    compound_prefixes: tuple[str, ...]
    linking_elements: tuple[str, ...]
    person_titles: tuple[str, ...]
    adjective_org_heads: tuple[str, ...]
    roles: Mapping[str, tuple[str, ...]]
    place_roles: tuple[str, ...]
    speech_verbs: tuple[str, ...]
    pronouns: Mapping[str, tuple[str, ...]]
    anaphoric_starts: tuple[str, ...]
    event_nouns: tuple[str, ...]
    event_anaphora: tuple[str, ...]
    product_heads: tuple[str, ...]
    org_heads: tuple[str, ...]
    type_cues: Mapping[str, tuple[str, ...]]
    org_prefixes: tuple[str, ...]
    locative_prepositions: tuple[str, ...]
    town_suffixes: tuple[str, ...]
    linked_org_heads: tuple[str, ...]
    linked_org_links: tuple[str, ...]
    org_suffixes: tuple[str, ...]
    product_suffixes: tuple[str, ...]
    authority_heads: tuple[str, ...]
    acronym_stop: tuple[str, ...]
    reporting_starts: tuple[str, ...]
    figure_labels: Mapping[str, tuple[str, ...]]
    money_scales: Mapping[str, int]
    currencies: Mapping[str, str]
    percent_words: tuple[str, ...]
    decimal_comma: bool
    leave_verbs: tuple[str, ...]
    lead_verbs: tuple[str, ...]
    quote_marks: tuple[tuple[str, str], ...]
    headline: Mapping[str, str]
    apposition_articles: tuple[str, ...]
    org_head_links: tuple[str, ...]
    names: Mapping[str, tuple[str, ...]]  # word lists of the name rules (entities.py), see the lang.yaml comments


@dataclass(frozen=True)
class ChromeRule:
    """A page-chrome line pattern: regex (case-insensitive), the reason recorded, an optional word limit."""

    re: str
    reason: str
    max_words: int | None = None
    max_chars: int | None = None  # longer lines are text, whatever they contain
    zone: str = "anywhere"  # edges (above or below the article text only) | anywhere
    long_lines: bool = False  # also a long line inside the text (and after an archive's prefix): a photo caption


@dataclass(frozen=True)
class ChromeRules:
    """rules/common/chrome.yaml."""

    line_patterns: tuple[ChromeRule, ...]
    dateline: str
    archive_prefix: str
    short_line_words: int
    wire_code_date: str
    today_stamp: str
    repeated_line_count: int


@functools.cache
def lang_rules(lang: str) -> LangRules:
    """The language's rules (lang.yaml and time.yaml), loaded once."""
    if lang not in LANGS:
        raise ValueError(f"unsupported language {lang!r} (use one of {', '.join(LANGS)})")
    time_path = RULES_DIR / lang / "time.yaml"
    time_data = _read_yaml(time_path)
    time_data["patterns"] = [TimePattern(**p) for p in time_data.get("patterns") or []]
    time = _build(TimeRules, time_data, time_path)
    return _build(LangRules, _read_yaml(RULES_DIR / lang / "lang.yaml"), RULES_DIR / lang / "lang.yaml", time=time)


@functools.cache
def chrome_rules() -> ChromeRules:
    """The page-chrome rules, loaded once."""
    path = RULES_DIR / "common" / "chrome.yaml"
    data = _read_yaml(path)
    data["line_patterns"] = [ChromeRule(**p) for p in data.get("line_patterns") or []]
    return _build(ChromeRules, data, path)


@functools.cache
def common_rules(name: str) -> Mapping[str, Any]:
    """rules/common/<name>.yaml as read-only data (the place lists)."""
    return _freeze(_read_yaml(RULES_DIR / "common" / f"{name}.yaml"))


@functools.cache
def word_list(lang: str, name: str) -> frozenset[str]:
    """A derived lexicon: de/nouns.txt (common nouns), de/lower.txt, en/words.txt (lower-case words),
    common/given_names.txt."""
    path = RULES_DIR / lang / name
    if not path.exists():
        return frozenset()
    lines = path.read_text(encoding="utf-8").split("\n")
    if lines and lines[0].startswith("#"):
        lines = lines[1:]
    return frozenset(lines) - {""}


def alternation(words: tuple[str, ...] | list[str] | Mapping[str, Any]) -> str:
    """A regex alternation of words, longest first, escaped."""
    return _alternation(tuple(str(w) for w in words))


@functools.cache
def _alternation(words: tuple[str, ...]) -> str:
    items = sorted(set(words), key=lambda w: (-len(w), w))
    return "(?:" + "|".join(re.escape(w) for w in items) + ")"
