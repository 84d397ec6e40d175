"""A learned entity scorer beside the rule passes: one sample per distinct candidate name of an article (the
rules' entities, and capitalised runs no rule took), described by generic features (word shape, lexicon and
gazetteer membership, HanTa tags, cue words around its mentions, counts in the document; never the name
itself). A linear model (`linear.py`, weights as data in rules/common/entity_model.json) gives each candidate a
probability per type and 'none'; thresholds in the model's meta (chosen by cross-validation when it was trained)
decide whether it drops a rule's entity, adds a name the rules left out, or overrides a rule's type.

`CHRONIK_ENTITY_MODEL` names another weights file, or `none` to run the rules alone. The shipped model is trained
on the current rules' output for the tuning articles (which those rules were tuned on) with the span tagger's
names (--spans); its inner cross-validation keeps only the 'add' decision (a name no rule took), and under the
outer cross-validation no decision changed a figure (bench/cv_entities.py). rules/common/entity_model_unseen.json
is trained on the output of the rules as of an older commit, on articles they had not seen (training command,
--rules-at, --spans); it drops, adds and retypes names and adds span names, and is used only when
CHRONIK_ENTITY_MODEL names it.

When the name-span tagger is on (name_spans.py, CHRONIK_NAME_SPANS), the names it marks that are no candidate yet
become candidates too (origin 'span', with the tagger's type and margin as features; their own add threshold
'span'); one that is added replaces the rule entities it swallows whole. Every other candidate then carries the
tagger's type for its surface (or 'unmarked'). A scorer for that is trained with the training command's --spans."""

from __future__ import annotations

import bisect
import functools
import math
import os
import re
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from .doc import Mention
from .entities import (
    ARTICLES,
    DETERMINERS,
    EntityState,
    Tok,
    _is_title,
    _place_cue,
    _strip_possessive,
)
from .lexicon import (
    demonym_place,
    is_common,
    is_given_name,
    is_listed,
    is_strong_place,
    name_shape,
    norm,
    place_lookup,
)
from .linear import LinearModel
from .name_spans import Span, current_tagger, propose

FEATURE_SET = "entity-features-1"
ENV = "CHRONIK_ENTITY_MODEL"
SHIPPED = Path(__file__).resolve().parent / "rules" / "common" / "entity_model.json"
TYPES = ("organization", "person", "place", "product")
NONE = "none"
# the tagger's names count only where they re-draw a rule name's boundary: on the tuning sets' nested CV a free
# standing span named a gold entity no candidate had in 3 of 59 cases, one round a rule name in 13 of 38
SPANS_ONLY_REBOUND = True


@dataclass(frozen=True)
class Candidate:
    """One distinct name of the article: a rule's entity ('kept') or a capitalised run no rule took ('new')."""

    surface: str
    forms: tuple[str, ...]  # every surface it goes by (what the scorer compares with the gold names)
    spans: tuple[tuple[int, int, int], ...]  # (start, end, sentence) of its name mentions
    origin: str  # kept | new | span (a name the span tagger marks, name_spans.py)
    key: str | None = None  # the rule entity's id
    rule_type: str | None = None
    span_type: str | None = None  # the type the span tagger gave it
    replaces: tuple[str, ...] = ()  # rule entities whose every name mention lies inside it (gone when it is added)
    span_margin: float = 0.0  # a span's: the tagger's mean margin over its spans (name_spans.Span.margin)


@dataclass(frozen=True)
class Thresholds:
    """When the model's word counts: drop a rule entity whose p(none) reaches `drop`, add a new name whose
    p(none) stays at or below `add`, give a rule entity the model's type when that type's share of the two
    reaches `retype`, add a span tagger's name whose p(none) stays at or below `span`. A value outside 0..1
    switches that decision off."""

    drop: float = 2.0
    add: float = -1.0
    retype: float = 2.0
    span: float = -1.0


# ---------------------------------------------------------------- candidates


def _covered(st: EntityState) -> bytearray:
    """Characters a name mention of a current entity covers (entities the rules dropped leave no mark)."""
    mask = bytearray(len(st.text) + 1)
    for m in st.mentions:
        if m.via == "name" and m.key in st.entities:
            mask[m.start : m.end] = b"\x01" * (m.end - m.start)
    return mask


def _run_token(st: EntityState, t: Tok, mask: bytearray) -> bool:
    """Whether a token may be part of a capitalised run no rule took."""
    w = _strip_possessive(t.text)
    if 1 in mask[t.start : t.end] or len(w) < 2 or w.isdigit() or w in st.v.not_names:
        return False
    return w[:1].isupper() or name_shape(w)


def _new_runs(st: EntityState, mask: bytearray) -> dict[str, list[tuple[int, int, int]]]:
    """Maximal runs of capitalised tokens no mention covers, by surface; a sentence's first word alone only
    when the lexicon does not know it; where nouns are capitalised, only runs with a proper-noun tag or a word
    the lexicon does not list (every common noun is capitalised there)."""
    runs: dict[str, list[tuple[int, int, int]]] = {}
    for toks in st.sentences:
        i = 0
        while i < len(toks):
            if not _run_token(st, toks[i], mask):
                i += 1
                continue
            j = i + 1
            while j < len(toks) and st.spaced(toks[j - 1], toks[j]) and _run_token(st, toks[j], mask):
                j += 1
            run = toks[i:j]
            i = j
            words = [_strip_possessive(t.text) for t in run]
            if len(run) == 1 and st.opens_sentence(toks, toks.index(run[0])) and is_listed(words[0], st.lang):
                continue
            if st.rules.nouns_capitalised and not any(
                st.tags.get(t.start) == "NE" or not is_listed(w, st.lang) or name_shape(w)
                for t, w in zip(run, words, strict=True)
            ):
                continue
            surface = _strip_possessive(st.text[run[0].start : run[-1].end])
            runs.setdefault(surface, []).append((run[0].start, run[0].start + len(surface), run[0].sent))
    return runs


def candidates(st: EntityState, spans: list[Span] | None = None, *, tagger: bool = True) -> list[Candidate]:
    """The rules' entities (with their name mentions), the capitalised runs no rule took and the names the span
    tagger marks that are neither (spans: the tagger's, else those of the current tagger if one is on; tagger
    False: no spans at all). With spans, each rule entity and run also carries the type the tagger gave its
    surface ('' where the tagger did not mark it)."""
    out: list[Candidate] = []
    named: dict[str, list[tuple[int, int, int]]] = {}
    for m in st.mentions:
        if m.via == "name":
            named.setdefault(m.key, []).append((m.start, m.end, m.sentence))
    known_forms: set[str] = set()
    for key, e in st.entities.items():
        if e.existing or key not in named:
            continue
        forms = tuple(dict.fromkeys([e.name, *e.aliases, *st.surfaces.get(key, {})]))
        known_forms |= {norm(f) for f in forms}
        out.append(Candidate(e.name, forms, tuple(named[key]), "kept", key, e.type))
    for surface, where in _new_runs(st, _covered(st)).items():
        if norm(surface) not in known_forms:
            known_forms.add(norm(surface))
            out.append(Candidate(surface, (surface,), tuple(where), "new"))
    if not tagger:
        return out
    if spans is None:
        model = current_tagger()
        if model is None:
            return out
        spans = propose(st, model)
    marked: dict[str, Counter[str]] = {}
    for s in spans:
        marked.setdefault(norm(s.surface), Counter())[s.type] += 1
    for n, c in enumerate(out):
        votes = sum((marked.get(norm(f), Counter()) for f in c.forms), Counter())
        out[n] = replace(c, span_type=votes.most_common(1)[0][0] if votes else "")
    return out + span_candidates(st, spans, known_forms)


def _rebounds(st: EntityState, span: Span) -> bool:
    """Whether a span draws another boundary round a rule entity's name: it overlaps one of its name mentions
    without being that mention."""
    return any(
        m.via == "name" and m.key in st.entities and m.start < span.end and span.start < m.end
        for m in st.mentions
        if (m.start, m.end) != (span.start, span.end)
    )


def span_candidates(st: EntityState, spans: list[Span], known_forms: set[str]) -> list[Candidate]:
    """One candidate per distinct surface the tagger marks that no other candidate has and that re-draws a rule
    name's boundary somewhere (SPANS_ONLY_REBOUND), with the rule entities it swallows whole (every name mention
    of theirs inside one of its spans)."""
    by_surface: dict[str, list[Span]] = {}
    for s in spans:
        if norm(s.surface) not in known_forms:
            by_surface.setdefault(s.surface, []).append(s)
    inside: dict[str, list[bool]] = {}
    out = []
    for surface, group in by_surface.items():
        if SPANS_ONLY_REBOUND and not any(_rebounds(st, s) for s in group):
            continue
        for m in st.mentions:
            if m.via == "name" and m.key in st.entities:
                hit = any(s.start <= m.start and m.end <= s.end and (s.start, s.end) != (m.start, m.end) for s in group)
                inside.setdefault(m.key, []).append(hit)
        swallowed = tuple(sorted(k for k, hits in inside.items() if all(hits)))
        inside.clear()
        kind = Counter(s.type for s in group).most_common(1)[0][0]
        where = tuple((s.start, s.end, s.sent) for s in group)
        margin = sum(s.margin for s in group) / len(group)
        out.append(Candidate(surface, (surface,), where, "span", None, None, kind, swallowed, margin))
    return out


# ---------------------------------------------------------------- features


class _Context:
    """Token look-ups by offset for one article, and what the page around the body says."""

    def __init__(self, st: EntityState) -> None:
        self.st = st
        self.by_sent = {toks[0].sent: toks for toks in st.sentences if toks}
        self.starts = {s: [t.start for t in toks] for s, toks in self.by_sent.items()}
        self.order = {s: k for k, s in enumerate(self.by_sent)}  # a sentence's place among the body's
        self.chrome = " ".join(ln.text for ln in st.cleaned.lines if ln.chrome).casefold()
        self.title = st.cleaned.title.casefold()
        self.byline = " ".join(x for x in (st.cleaned.outlet, st.cleaned.author or "") if x).casefold()

    def around(self, a: int, b: int, sent: int) -> tuple[list[Tok], int, int]:
        """The sentence's tokens, the index of the first token at or after a, and of the first at or after b."""
        toks = self.by_sent.get(sent, [])
        starts = self.starts.get(sent, [])
        return toks, bisect.bisect_left(starts, a), bisect.bisect_left(starts, b)


def _word_class(st: EntityState, w: str) -> list[str]:
    """The rule-data classes of a context word (determiner, role word, speech verb, cue nouns, …)."""
    v, low = st.v, w.lower()
    out = []
    if low in ARTICLES:
        out.append("art")
    elif low in DETERMINERS:
        out.append("det")
    if w in v.locatives:
        out.append("loc")
    if w in v.org_links:
        out.append("orglink")
    if _is_title(w, v.titles) or w in v.role_words:
        out.append("role")
    if w in v.speech:
        out.append("speech")
    if v.org_cue(w):
        out.append("orgcue")
    if w in v.prod_cues or w.split("-")[-1] in v.prod_cues or low in v.prod_lower:
        out.append("prodcue")
    if _place_cue(st, w):
        out.append("placecue")
    if w[:1].isdigit():
        out.append("digit")
    elif w[:1].isupper():
        out.append("cap")
    elif w[:1].islower():
        out.append("lower")
    if low in v.stopwords:
        out.append("stop")
    return out or ["other"]


def _mention_features(st: EntityState, ctx: _Context, a: int, b: int, sent: int) -> Counter[str]:
    """Cues around one mention: the words before and after, punctuation, tags, position."""
    f: Counter[str] = Counter()
    toks, i, j = ctx.around(a, b, sent)
    text = st.text
    initial = i == 0 or (i < len(toks) and st.opens_sentence(toks, i))
    f["initial"] += initial
    place = ctx.order.get(sent, 0)
    f["first_sentence"] += place == 0
    f["last_sentences"] += place >= len(ctx.order) - 2
    f["short_sentence"] += len(toks) < 8
    f["caps_sentence"] += sum(t.text[:1].isupper() for t in toks) > 0.6 * len(toks)
    f["bracketed"] += text[a - 1 : a] == "(" and text[b : b + 1] == ")"
    if i > 0 and not initial:
        prev = toks[i - 1].text
        for c in _word_class(st, prev):
            f[f"prev:{c}"] += 1
        if i > 1 and toks[i - 2].text.lower() in st.v.org_heads_lower and prev in st.v.org_links:
            f["prev:head_link"] += 1
        tag = st.tags.get(toks[i - 1].start)
        if tag:
            f[f"ptag:{tag[:2]}"] += 1
    gap_before = text[max(0, a - 2) : a].strip()
    if gap_before:
        f[f"gapb:{_punct(gap_before[-1])}"] += 1
    after = text[b : b + 3]
    if re.match(r"['’]s\b", after):
        f["possessive"] += 1
    gap_after = after.strip()[:1]
    if gap_after and not gap_after.isalnum():
        f[f"gapa:{_punct(gap_after)}"] += 1
    if 0 < j < len(toks) and st.spaced(toks[j - 1], toks[j]):
        for c in _word_class(st, toks[j].text):
            f[f"next:{c}"] += 1
        tag = st.tags.get(toks[j].start)
        if tag:
            f[f"ntag:{tag[:2]}"] += 1
    for t in toks[i:j]:
        tag = st.tags.get(t.start)
        if tag:
            f[f"tag:{tag[:2]}"] += 1 / max(1, j - i)
    return f


def _punct(ch: str) -> str:
    """A punctuation mark's class."""
    if ch in "„“\"«»‚‘'”":
        return "quote"
    return {
        "(": "paren",
        ")": "close",
        ",": "comma",
        ":": "colon",
        "-": "dash",
        "–": "dash",
        "—": "dash",
        ".": "stop",
    }.get(ch, "other")


def _shape_features(st: EntityState, surface: str) -> dict[str, float]:
    """What the name's own words look like, and what the lexicon and the gazetteer say of them."""
    v, lang = st.v, st.lang
    words = surface.split()
    first, last = words[0], _strip_possessive(words[-1])
    f: dict[str, float] = {f"ntok:{min(len(words), 3)}": 1.0, f"len:{min(len(surface) // 4, 5)}": 1.0}
    f["allcaps"] = float(surface.replace(" ", "").replace("-", "").isupper())
    f["digit"] = float(bool(re.search(r"\d", surface)))
    f["hyphen"] = float("-" in surface)
    f["camel"] = float(any(name_shape(w) for w in words))
    f["given_first"] = float(len(words) > 1 and is_given_name(first))
    f["given_alone"] = float(len(words) == 1 and is_given_name(first))
    f["org_suffix"] = float(last in v.org_suffixes)
    f["legal_form"] = float(last + "." in st.rules.names["legal_forms"] or last in st.rules.names["legal_forms"])
    f["prod_suffix"] = float(last in v.prod_suffixes)
    f["org_prefix"] = float(first in v.org_prefixes)
    f["role_inside"] = float(any(_is_title(w, v.titles) or w in v.role_words for w in words))
    commons = [is_common(w, lang) for w in words]
    f["all_common"] = float(all(commons))
    f["first_common"] = float(commons[0])
    f["last_common"] = float(commons[-1])
    f["none_listed"] = float(not any(is_listed(w, lang) for w in words))
    place = place_lookup(surface)
    f["gaz:place"] = float(bool(place))
    f["gaz:strong"] = float(is_strong_place(surface))
    f["gaz:city"] = float(bool(place) and not is_strong_place(surface))
    f["gaz:demonym"] = float(bool(demonym_place(surface, lang)))
    f["gaz:part"] = float(len(words) > 1 and any(place_lookup(w) for w in words))
    f["ends_er"] = float(last.endswith("er"))
    f["ends_s"] = float(last.endswith("s"))
    return f


def features(st: EntityState, cand: Candidate, ctx: _Context | None = None) -> dict[str, float]:
    """The candidate's features: its shape, the mean of its mentions' cues, counts, what the rules said; each
    also once more prefixed with the article's language."""
    ctx = ctx or _Context(st)
    f = _shape_features(st, cand.surface)
    per: Counter[str] = Counter()
    for a, b, sent in cand.spans:
        per.update(_mention_features(st, ctx, a, b, sent))
    n = len(cand.spans)
    for k, value in per.items():
        f[k] = value / n
    low = cand.surface.casefold()
    f["in_chrome"] = float(bool(re.search(r"(?<!\w)" + re.escape(low) + r"(?!\w)", ctx.chrome)))
    f["in_title"] = float(low in ctx.title)
    f["in_byline"] = float(bool(ctx.byline) and low in ctx.byline)
    f["count_log"] = math.log1p(n)
    f["count_one"] = float(n == 1)
    f["all_initial"] = float(per["initial"] == n)
    f[f"origin:{cand.origin}"] = 1.0
    if cand.span_type is not None:  # the span tagger is on
        f[f"span:{cand.span_type or 'unmarked'}"] = 1.0
        f["span_swallows"] = float(bool(cand.replaces))
        if cand.origin == "kept":
            f["span_agrees"] = float(cand.span_type == cand.rule_type)
        if cand.origin == "span":
            f["span_margin"] = min(cand.span_margin, 10.0) / 10.0  # a lead of 10 is as sure as it gets
            f[f"span_margin:{min(int(cand.span_margin), 4)}"] = 1.0
    if cand.origin == "kept" and cand.key is not None:
        f[f"rule:{cand.rule_type}"] = 1.0
        e = st.entities[cand.key]
        f["rule_fixed"] = float(cand.key in st.fixed_names)
        f["rule_listed_place"] = float(e.place_key is not None)
        for t, value in st.votes.get(cand.key, {}).items():
            if t in TYPES and value > 0:
                f[f"vote:{t}"] = math.log1p(value)
        f["forms_log"] = math.log1p(len(cand.forms))
    out = {k: val for k, val in f.items() if val}
    out.update({f"{st.lang}:{k}": val for k, val in list(out.items())})
    return out


# ---------------------------------------------------------------- the model and its decisions


@dataclass(frozen=True)
class EntityModel:
    """The linear model and the thresholds it was trained with."""

    model: LinearModel
    thresholds: Thresholds

    @classmethod
    def from_json(cls, text: str) -> EntityModel:
        model = LinearModel.from_json(text)
        t = model.meta.get("thresholds", {})
        if not isinstance(t, dict):
            raise ValueError("entity model: meta.thresholds must be an object")
        return cls(model, Thresholds(**{k: float(t[k]) for k in ("drop", "add", "retype", "span") if k in t}))


@functools.cache
def _load(path: str) -> EntityModel | None:
    p = Path(path)
    return EntityModel.from_json(p.read_text(encoding="utf-8")) if p.is_file() else None


def current_model() -> EntityModel | None:
    """The model `CHRONIK_ENTITY_MODEL` names (`none`: no model), else the shipped one (loaded once)."""
    chosen = os.environ.get(ENV, "")
    if chosen.lower() == "none":
        return None
    if chosen and not Path(chosen).is_file():
        raise ValueError(f"{ENV}={chosen}: no such weights file")
    return _load(chosen or str(SHIPPED))


def decide(model: EntityModel, cand: Candidate, proba: dict[str, float]) -> str | None:
    """The type a candidate should have under the model ('drop' to drop it, None to leave the rules' word)."""
    t = model.thresholds
    types = {k: proba.get(k, 0.0) for k in TYPES}
    best = max(types, key=lambda k: (types[k], k))
    p_none = proba.get(NONE, 0.0)
    if cand.origin != "kept":
        return best if p_none <= (t.span if cand.origin == "span" else t.add) else None
    if p_none >= t.drop:
        return "drop"
    rule = cand.rule_type or ""
    if best != rule and rule in types and types[best] / max(1e-9, types[best] + types[rule]) >= t.retype:
        return best
    return None


def apply_model(st: EntityState, model: EntityModel | None = None) -> None:
    """The pass: drop, add and retype entities where the model is confident enough (nothing without a model)."""
    model = model or current_model()
    if model is None or model.thresholds == Thresholds():
        return  # every decision off: the rules alone
    ctx = _Context(st)
    for cand in candidates(st):
        verdict = decide(model, cand, model.model.proba(features(st, cand, ctx)))
        if verdict is None:
            continue
        if cand.origin != "kept":
            _add(st, cand, verdict)
            for key in cand.replaces:
                st.entities.pop(key, None)
                st.mentions = [m for m in st.mentions if m.key != key]
        elif verdict == "drop":
            st.entities.pop(cand.key, None)
            st.mentions = [m for m in st.mentions if m.key != cand.key]
        else:
            st.entities[cand.key].type = verdict


def _add(st: EntityState, cand: Candidate, type_: str) -> None:
    """A name the rules left out becomes an entity with its mentions."""
    key = st.add_entity(cand.surface, type_)
    if st.entities[key].type != type_ and not st.entities[key].existing:
        st.entities[key].type = type_
    for a, b, sent in cand.spans:
        st.surfaces[key][cand.surface] += 1
        st.mentions.append(Mention(a, b, st.text[a:b], key, sent))
    st.mentions.sort(key=lambda m: m.start)
