"""Learned review of the event stage's rule decisions: a small logistic regression (linear.py) scores every body
sentence the event finder looks at, from features that carry over to new text (kinds of time expressions,
HanTa's analysis of German verbs, reporting frames, quotes, figures, entity types, position, length, the first
word's tag and which rule filter fired), never from the words of a name.

A sentence the rules left without an event becomes one when the model is confident it tells a happening,
unless it follows an event in its paragraph (then it tells more of that happening), opens with a quotation
(what someone said: the quote stage gives it to the speaker's event; under cross-validation 9 of 10 such
sentences the rules left told no event), is hedged with a word of speculation ('könnte', 'may': under
cross-validation over 92 articles this kept 3 wrong events out and no right one) or the rules merged it into the
event before. An event the rules
made is dropped when the model is confident it tells none (off in the shipped weights). The thresholds sit in
the model's meta, chosen by cross-validation by article (bench/cv_events.py). `CHRONIK_EVENT_MODEL` names
another weights file, or 'none' for the rules alone.
"""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .doc import Entities, EventCand, Sentence, TimeExpr
from .linear import LinearModel
from .rules import LangRules, alternation, lang_rules
from .tagger import MAX_WORD_CHARS, german_tagger
from .tense import PERFECT_AUX, _finite_is_past

FEATURE_SET = "events-v3"
MODEL_FILE = Path(__file__).parent / "rules" / "common" / "event_model.json"
ENV = "CHRONIK_EVENT_MODEL"
EVENT_LABELS = ("event", "optional")
WORD = re.compile(r"\w+(?:-\w+)*|[^\w\s]")
QUOTE_MARKS = "„“”\"«»‚‘’"
# time-expression kinds (rules/<lang>/time.yaml) grouped by what they pin down
TIME_GROUPS = {
    "day": ("date", "date_range", "last_close", "end_last_month", "yesterday", "today", "tomorrow", "night"),
    "weekday": ("weekday", "weekend"),
    "month": ("month", "month_range", "rel_month", "earlier_month", "week"),
    "year": ("year", "year_range", "rel_year", "quarter", "quarter_latest", "half", "season", "decade",
             "year_end", "year_to_date", "decade_end"),
    "relative": ("ago", "later", "since", "coming", "coming_n", "recent", "soon", "since_prev", "after_prev",
                 "quarter_anaphor"),
    "deadline": ("deadline", "period_ending"),
}
GROUP_OF = {kind: group for group, kinds in TIME_GROUPS.items() for kind in kinds}


@functools.cache
def load_model(path: str | None = None) -> LinearModel | None:
    """The weights named by CHRONIK_EVENT_MODEL (or `path`), else the shipped ones; None for 'none' or none
    shipped; ValueError naming the file when it is missing or not a model. Read once per process (call
    `load_model.cache_clear()` after changing the variable)."""
    given = path or os.environ.get(ENV)
    if given is not None and given.lower() == "none":
        return None
    chosen = Path(given) if given else MODEL_FILE
    if not chosen.is_file():
        if given:
            raise ValueError(f"{ENV}={given!r}: no such file")
        return None
    try:
        return LinearModel.from_json(chosen.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError, AttributeError, TypeError) as exc:
        raise ValueError(f"{chosen}: not event model weights ({exc})") from None


def event_probability(p: dict[str, float]) -> float:
    """The probability that a sentence tells an event, required or optional."""
    return sum(p.get(label, 0.0) for label in EVENT_LABELS)


@dataclass
class Candidate:
    """A body sentence the event finder looked at, what the rules did with it and its features."""

    sentence: int
    start: int
    end: int
    text: str
    branch: str  # which rule path decided: timed, antecedent, lead, reported, continued, none
    made: bool  # whether the rules made an event of it
    features: dict[str, float]
    verdict: str = "kept"  # kept | accepted | dropped


@dataclass
class Look:
    """What the event finder knows about one body sentence when it has decided."""

    k: int  # position among the body sentences
    sent: Sentence
    body: list[Sentence]
    times: list[TimeExpr]  # every time expression of the sentence, resolved or not
    ids: list[str]
    speaker: str | None
    continues: bool
    branch: str
    flags: dict[str, bool]  # which rule filters matched the sentence


@functools.lru_cache(maxsize=4096)
def verb_features(text: str, lang: str) -> dict[str, float]:
    """Tense, modality and voice of a German sentence's verbs from one HanTa analysis, plus the first word's
    tag (HanTa writes verb tags as 'VA(FIN)', 'VV(PP)', 'VV(INF)'; lemmas as stems: 'werd', 'hab').

    English sentences get none: under cross-validation HanTa's English tags (CLAWS: VVD, VVZ, VM0, VVN)
    lowered the model's out-of-fold ranking of the sentences the rules left (AUC on English ones 0.673
    without them, 0.645 with them; all 0.732 vs 0.698), and loading the English model costs about 0.25 s per
    process. The lemmas of the main verbs did not carry over either (AUC +0.003, within noise), so no word
    of the text is a feature."""
    tagger = german_tagger() if lang == "de" else None
    words = [w if len(w) <= MAX_WORD_CHARS else "Xxx" for w in WORD.findall(text)]
    if tagger is None or not words:
        return {}
    analysed = tagger.tag_sent(words, taglevel=3)
    first = next((tag for w, _lemma, _morphs, tag in analysed if w.isalnum()), "none")
    out = {f"first_tag={first.split('(')[0]}": 1.0}
    found = _german_verbs(analysed)
    out.update({f"verb_{name}": 1.0 for name in sorted(found)})
    if not {"past", "present", "future"} & found:
        out["verb_none"] = 1.0
    return out


def _german_verbs(analysed: list[tuple[str, str, list, str]]) -> set[str]:
    """past / present (the finite verbs, as tense.py reads them), future and passive ('werden' with an
    infinitive or a participle), modal, participle."""
    finite = [(w, lemma, morphs, tag) for w, lemma, morphs, tag in analysed if tag.endswith("(FIN)")]
    participle = any(tag.endswith("(PP)") for *_rest, tag in analysed)
    found = set()
    if any(_finite_is_past(w, lemma, morphs) or participle and lemma in PERFECT_AUX for w, lemma, morphs, _t in finite):
        found.add("past")
    elif finite:
        found.add("present")
    if any(tag.startswith("VM") for *_rest, tag in finite):
        found.add("modal")
    werden = any(lemma == "werd" for _w, lemma, _m, _t in finite)
    if werden and any(tag.endswith("(INF)") for *_rest, tag in analysed):
        found.add("future")
    if werden and participle:
        found.add("passive")
    if participle:
        found.add("participle")
    return found


@functools.cache
def _cue_patterns(lang: str) -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """Money, percentages and role words of the language's rules, compiled once."""
    rules: LangRules = lang_rules(lang)
    money = re.compile(r"(?<!\w)(?:" + alternation(rules.currencies) + r")(?!\w)")
    pct = re.compile(r"\d\s*(?:" + alternation(rules.percent_words) + r")(?!\w)")
    roles = [w for words in rules.roles.values() for w in words] + list(rules.person_titles)
    role = re.compile(r"(?<!\w)(?:" + alternation(roles) + r")(?!\w)", re.IGNORECASE) if roles else re.compile("(?!)")
    return money, pct, role


def features(look: Look, ents: Entities, lang: str) -> dict[str, float]:
    """The features of one sentence (binary, or bucketed counts)."""
    text, k, body = look.sent.text.strip(), look.k, look.body
    f: dict[str, float] = {f"lang={lang}": 1.0, f"branch={look.branch}": 1.0}
    f.update({f"filter={name}": 1.0 for name, hit in sorted(look.flags.items()) if hit})
    groups = sorted({GROUP_OF.get(t.kind, "other") for t in look.times})
    f.update({f"time={g}": 1.0 for g in groups} or {"time=none": 1.0})
    f.update({f"time_kind={t.kind}": 1.0 for t in look.times})
    if look.times and not any(t.edtf for t in look.times):
        f["time_unresolved"] = 1.0
    if look.times and all(t.edtf and t.edtf.startswith("..") or t.edtf and "/.." in t.edtf for t in look.times):
        f["time_open"] = 1.0
    f.update(verb_features(look.sent.text, lang))
    money, pct, role = _cue_patterns(lang)
    for name, hit in (("has_number", re.search(r"\d", text)), ("has_money", money.search(text)),
                      ("has_percent", pct.search(text)), ("has_role", role.search(text)),
                      ("has_quote", any(c in text for c in QUOTE_MARKS)), ("starts_quote", text[:1] in QUOTE_MARKS),
                      ("question", text.endswith("?")), ("colon_end", text.endswith(":")),
                      ("speaker", look.speaker), ("continues", look.continues)):
        if hit:
            f[name] = 1.0
    types = [ents.entities[i].type for i in look.ids if i in ents.entities]
    for kind in ("organization", "person", "product", "place"):
        n = types.count(kind)
        f[f"ents_{kind}={min(n, 2)}"] = 1.0
    if not types:
        f["ents_none"] = 1.0
    n_words = len(text.split())
    f[f"len={'short' if n_words < 8 else 'mid' if n_words < 20 else 'long' if n_words < 40 else 'huge'}"] = 1.0
    para_start = k == 0 or body[k - 1].para != look.sent.para
    f["lead"] = 1.0 if k == 0 else 0.0
    f["early"] = 1.0 if 0 < k <= 2 else 0.0
    f["para_start"] = 1.0 if para_start else 0.0
    f["late"] = 1.0 if k >= 0.75 * len(body) and k > 3 else 0.0
    return {name: value for name, value in f.items() if value}


@dataclass
class Reviewer:
    """Scores each sentence after the rules decided; accepts or drops events when the model is confident."""

    model: LinearModel | None
    ents: Entities
    lang: str
    candidates: list[Candidate] = field(default_factory=list)

    def review(self, look: Look, made: list[EventCand], events: list[EventCand], emit: Any) -> list[EventCand]:
        """The events of this sentence after review (`made` as the rules made them, already in `events`)."""
        follows = self._follows_event(look)
        cand = Candidate(look.sent.index, look.sent.start, look.sent.end, look.sent.text, look.branch, bool(made),
                         {})
        self.candidates.append(cand)
        meta = self.model.meta if self.model is not None else {}
        accept, drop = float(meta.get("accept_threshold", 2.0)), float(meta.get("drop_threshold", 2.0))
        opens_quote = look.sent.text.strip()[:1] in QUOTE_MARKS or look.flags.get("quote_start")
        may_accept = (not made and look.branch != "continued" and not opens_quote and not follows
                      and not look.flags.get("hedge") and accept <= 1.0)
        if self.model is not None and not may_accept and not (made and drop <= 1.0):
            return made  # nothing the model could change here: its features (a HanTa analysis) are not needed
        cand.features = features(look, self.ents, self.lang)
        if self.model is None:
            return made
        yes = event_probability(self.model.proba(cand.features))
        if made and 1.0 - yes >= drop:
            for ev in made:
                events.remove(ev)
            cand.verdict = "dropped"
            return []
        if may_accept and yes >= accept:
            te = next((t for t in look.times if t.edtf or t.unanchored), look.times[0] if look.times else None)
            cand.verdict = "accepted"
            return [emit.event(look.sent, te.edtf if te else None, look.sent.start, look.sent.end, te, look.ids)]
        return made

    def _follows_event(self, look: Look) -> bool:
        """Whether the sentence before, in the same paragraph, made an event: then this one tells more of that
        happening ('The listing raised $5 million, the CEO said.' after the listing), not a happening of its own;
        the knowledge base keeps one event per happening. (Called before this sentence's candidate is added.)"""
        prev = self.candidates[-1] if self.candidates else None
        return (prev is not None and look.k > 0 and prev.sentence == look.body[look.k - 1].index
                and look.body[look.k - 1].para == look.sent.para and prev.made and prev.verdict != "dropped")


def reviewer_for(ents: Entities, lang: str, record: bool = False) -> Reviewer | None:
    """A reviewer with the selected model; None when there is no model and nothing to record."""
    model = load_model()
    if model is not None and model.meta.get("feature_set") not in (None, FEATURE_SET):
        raise ValueError(f"{ENV}: weights for feature set {model.meta.get('feature_set')!r}, "
                         f"this code computes {FEATURE_SET!r}")
    if model is None and not record:
        return None
    return Reviewer(model, ents, lang)
