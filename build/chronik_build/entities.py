"""Entity stage: find organisations, people, products and places, type them and merge surface forms.

German capitalises every noun, so a capitalised word is a name candidate only when the lexicon does not
know it as an ordinary word, or its shape says name (camelCase, digits, acronym), or a cue says so
(role words, 'sagte X', '-Chips', 'KI-Modell X'). Places come from the derived country/city lists and
rules/common/places.yaml; entities already in the content folder are the gazetteer and keep their ids.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from .doc import DATELINE, Cleaned, Entities, EntityCand, Mention, Sentence
from .lexicon import (
    ACRONYM,
    demonym_place,
    find_multiword_places,
    has_common_head,
    is_common,
    is_given_name,
    is_listed,
    is_strong_place,
    is_town,
    name_shape,
    norm,
    place_lookup,
    slugify,
)
from .rules import LangRules, common_rules, lang_rules
from .tagger import (
    MAX_WORD_CHARS,
    german_tagger,
    hanta_tagger,
    lexicon_common_noun,
    lexicon_proper_noun,
    tag_tokens,
)

TOKEN = re.compile(r"[\w$€][\w.&+$]*(?:[-’'][\w$]+)*", re.UNICODE)
PREPOSITIONS = {"gegen", "neben", "zwischen", "unter", "hinter", "oder", "aber", "sowie", "wie", "wegen",
                "sagte", "verbieten", "erlauben", "entgegen", "ohne", "über", "vor", "nach", "seit", "ab"}
ARTICLES = {"der", "die", "das", "dem", "den", "the"}  # not "des": "des Chipherstellers" is no name
DETERMINERS = {"der", "die", "das", "des", "dem", "den", "ein", "eine", "einen", "einem", "eines", "einer",
               "the", "a", "an", "this", "that", "seine", "seinen", "seiner", "ihre", "ihren", "its", "their",
               "ihr", "ihrem", "ihrer", "sein", "seinem", "unser", "unsere", "unseren", "unserem", "dieser",
               "diese", "dieses", "diesem", "diesen", "jeder", "jede", "jedes", "kein", "keine", "keinen", "mein",
               "meine", "alle", "viele", "einige", "mehrere", "andere", "anderen", "beiden", "beide"}
SENTENCE_OPENERS = ("„", "“", "\"", "«", "»", "(", "–", "—", "-", ":")  # what may stand before a sentence's first word
# the end of a wire dateline or a source label: 'VELMAR (dpa) – Der …', '(ORBIT NEWS) - A …'
DATELINE_END = re.compile(r"\)\s*[-–—]+")
OPEN_QUOTES = "„“\"«»‚‘'(*"
TYPE_ORDER = ("place", "person", "organization", "product")


@dataclass
class Known:
    """An entity already in the content folder."""

    id: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)


@dataclass
class Tok:
    start: int
    end: int
    text: str
    sent: int
    pos: int


@dataclass
class Group:
    """A run of name tokens (one candidate name)."""

    toks: list[Tok]
    hint: str | None = None  # product | organization from a hyphen head
    head: str | None = None

    @property
    def text(self) -> str:
        return " ".join(t.text for t in self.toks)


def _strip_possessive(s: str) -> str:
    return re.sub(r"['’]s$", "", s)


def _tokens(cleaned: Cleaned) -> list[list[Tok]]:
    out = []
    for s in cleaned.body:
        toks = []
        for i, m in enumerate(TOKEN.finditer(s.text)):
            text = m.group(0).rstrip(".")
            if text.endswith(".") or not text:
                continue
            toks.append(Tok(s.start + m.start(), s.start + m.start() + len(text), text, s.index, i))
        out.append(toks)
    return out


@dataclass(frozen=True)
class Vocab:
    """The word sets one language's entity rules are made of, derived from its rules once."""

    rules: LangRules
    not_names: frozenset[str]
    surname_words: frozenset[str]  # time words that are also surnames ('Dr. Miriam Sommer', 'Anna Mai')
    time_modifiers: frozenset[str]  # 'last', 'vergangenen': before a month's name they make it the month
    titles: frozenset[str]
    role_words: frozenset[str]
    speech: frozenset[str]
    product_heads: frozenset[str]
    org_heads: frozenset[str]
    prod_cues: frozenset[str]
    org_cues: frozenset[str]
    org_suffixes: frozenset[str]
    org_prefixes: frozenset[str]
    prod_suffixes: frozenset[str]
    cue_endings: tuple[str, ...]
    prod_endings: tuple[str, ...]
    locatives: frozenset[str]
    town_suffixes: tuple[str, ...]
    prod_lower: frozenset[str]
    org_heads_lower: frozenset[str]
    stopwords: frozenset[str]
    ordinal_words: frozenset[str]
    numbers: frozenset[str]
    org_links: frozenset[str]
    appos_re: re.Pattern | None
    suffixes: frozenset[str] = frozenset()  # words that close an organisation's or a product's name
    heads: frozenset[str] = frozenset()  # product and organisation head nouns

    def __post_init__(self) -> None:
        object.__setattr__(self, "suffixes", self.org_suffixes | self.prod_suffixes)
        object.__setattr__(self, "heads", self.product_heads | self.org_heads)

    def org_cue(self, word: str) -> bool:
        """'Konzern', 'KI-Unternehmen', 'Energiekonzerns': an organisation noun or a compound ending in one."""
        return (word in self.org_cues or word.split("-")[-1] in self.org_cues
                or bool(self.cue_endings) and word[:1].isupper() and word.lower().endswith(self.cue_endings))


@functools.cache
def vocab(lang: str) -> Vocab:
    """The entity vocabulary of a language (built once per process)."""
    rules = lang_rules(lang)
    months = {m.capitalize() for m in rules.time.months} | {w.capitalize() for w in rules.time.weekdays}
    not_names = set(rules.not_names) | set(rules.acronym_stop) | months
    if not rules.nouns_capitalised:  # 'open on Saturdays': a day or month in the plural names nothing
        not_names |= {w + "s" for w in months}
    not_names |= {m.capitalize() for m in rules.time.month_abbr}
    prod_cues, org_cues = frozenset(rules.type_cues["product"]), frozenset(rules.type_cues["organization"])
    appos = rules.apposition_articles
    return Vocab(
        rules=rules, not_names=frozenset(not_names),
        surname_words=frozenset(months | {w.capitalize() for w in rules.time.seasons}),
        time_modifiers=frozenset(x.lower() for words in rules.time.modifiers.values() for x in words),
        titles=frozenset(rules.person_titles),
        role_words=frozenset(w for ws in rules.roles.values() for w in ws),
        speech=frozenset(w.split()[0] for w in rules.speech_verbs),
        product_heads=frozenset(rules.product_heads), org_heads=frozenset(rules.org_heads),
        prod_cues=prod_cues, org_cues=org_cues, org_suffixes=frozenset(rules.org_suffixes),
        org_prefixes=frozenset(rules.org_prefixes), prod_suffixes=frozenset(rules.product_suffixes),
        cue_endings=tuple(sorted({c.lower() for c in org_cues if len(c) >= 5 and "-" not in c})),
        prod_endings=tuple(sorted({c.lower() for c in prod_cues if len(c) >= 5 and "-" not in c})),
        locatives=frozenset(rules.locative_prepositions), town_suffixes=tuple(rules.town_suffixes),
        prod_lower=frozenset(w.lower() for w in prod_cues | set(rules.product_heads)),
        org_heads_lower=frozenset(w.lower() for w in rules.org_heads),
        stopwords=frozenset(str(w).lower() for w in rules.stopwords),
        ordinal_words=frozenset(str(w).lower() for w in rules.time.ordinals),
        numbers=frozenset(rules.time.numbers), org_links=frozenset(rules.org_head_links),
        appos_re=re.compile(r",\s+(?:" + "|".join(map(re.escape, appos)) + r")\s+((?:[\w-]+ ){0,3}[\w-]+)")
        if appos else None)


@dataclass
class EntityState:
    """Everything the entity passes share: the text, its tokens, what each pass found and claimed so far."""

    cleaned: Cleaned
    v: Vocab
    sentences: list[list[Tok]]
    known: list[Known] = field(default_factory=list)  # entities of the content folder (the gazetteer)
    said_names: set[str] = field(default_factory=set)
    noninitial: Counter[str] = field(default_factory=Counter)
    noun_only: set[str] = field(default_factory=set)
    entities: dict[str, EntityCand] = field(default_factory=dict)
    fixed_names: set[str] = field(default_factory=set)  # ids of names a rule built whole (never re-split)
    mentions: list[Mention] = field(default_factory=list)
    alias_index: dict[str, str] = field(default_factory=dict)
    votes: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    surfaces: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    groups: list[Group] = field(default_factory=list)
    org_headed: set[int] = field(default_factory=set)  # starts of groups an organisation word opens
    name_tails: set[str] | None = None  # capitalised words that follow another one somewhere ('… Commission')
    compounds: list[tuple[int, str]] = field(default_factory=list)  # (start, 'Orion-Chips') of product compounds
    secondary: set[str] = field(default_factory=set)  # surfaces that are never an entity's name (tickers)
    taken: _Taken = field(init=False)
    sent_pos: dict[int, int] = field(init=False)  # sentence index -> position in self.sentences
    tags: dict[int, str] = field(default_factory=dict)  # token start -> part-of-speech tag (German, HanTa)
    place_starts: set[int] = field(default_factory=set)  # starts of names the text's structure marks as places
    word_tags: dict[str, set[str]] = field(default_factory=dict)  # word -> every tag the tagger gave it here

    def __post_init__(self) -> None:
        self.taken = _Taken(len(self.cleaned.text))
        self.sent_pos = {toks[0].sent: k for k, toks in enumerate(self.sentences) if toks}

    @property
    def text(self) -> str:
        return self.cleaned.text

    @property
    def lang(self) -> str:
        return self.cleaned.language

    @property
    def rules(self) -> LangRules:
        return self.v.rules

    def overlaps(self, a: int, b: int) -> bool:
        """Whether text[a:b] touches a span some mention already claimed."""
        return self.taken.overlaps(a, b)

    def add_entity(self, name: str, type_: str, place_key: str | None = None) -> str:
        """The id of the entity of that name, created when new."""
        key = slugify(name)
        if key in self.entities:
            return key
        self.entities[key] = EntityCand(id=key, name=name, type=type_, place_key=place_key)
        self.alias_index.setdefault(norm(name), key)
        return key

    def add_fixed_org(self, name: str) -> str:
        """An organisation whose name a rule built (not to be re-split later); its id."""
        key = slugify(name)
        if key not in self.entities:
            self.fixed_names.add(self.add_entity(name, "organization"))
        return key

    def claim(self, key: str, a: int, b: int, sent: int, counted: str | None = None) -> None:
        """Record that text[a:b] in sentence `sent` names entity `key` (counting `counted` as its surface)."""
        self.surfaces[key][counted or self.text[a:b]] += 1
        self.taken.append((a, b))
        self.mentions.append(Mention(a, b, self.text[a:b], key, sent))

    def add_place(self, place: tuple[str, dict[str, str], str], tok_start: int, tok_end: int, sent: int) -> None:
        """A mention of a place: the place entity already known by its key, else a new one."""
        pkey, canon, ptype = place
        found = next((e.id for e in self.entities.values() if e.place_key == pkey), None)
        if found is None:
            for e in list(self.entities.values()):
                if e.type in ("place", "organization") and e.existing and any(
                        (place_lookup(f) or ("",))[0] == pkey for f in [e.name, *e.aliases]):
                    found = e.id
                    e.place_key = pkey
                    break
        if found is None:
            found = self.add_entity(canon.get(self.lang) or canon["en"], ptype, pkey)
        self.claim(found, tok_start, tok_end, sent)

    def abbrev_gap(self, a: Tok, b: Tok) -> bool:
        """'Dr. Miriam', 'St. Quellen': a title's or a saint's abbreviation with its full stop joins the name after
        it."""
        return self.text[a.end:b.start] == ". " and (
            (a.text + ".") in self.v.titles or a.text in self.rules.names["saint_prefixes"])

    def dotted_gap(self, a: Tok, b: Tok) -> bool:
        """'U.S. Geological Survey': a dotted abbreviation inside a name keeps its full stop."""
        return (self.text[a.end:b.start] == ". " and b.text[:1].isupper()
                and bool(DOTTED_ABBREVIATION.match(a.text) or len(a.text) == 1 and a.text.isupper()))

    def legal_gap(self, a: Tok, b: Tok) -> bool:
        """'Orbix Co. Ltd', 'Orbix Corp., Ltd': legal forms written with a full stop follow one another."""
        legal = self.rules.names["legal_forms"]
        return (self.text[a.end:b.start] in (". ", "., ") and a.text + "." in legal
                and _strip_possessive(b.text).rstrip(".") in {f.rstrip(".") for f in legal})

    def spaced(self, a: Tok, b: Tok) -> bool:
        """Whether one plain space separates two tokens."""
        return self.text[a.end:b.start] == " "

    def adjective_of_origin(self, w: str, toks: list[Tok], i: int) -> bool:
        """'Solvenian officials', 'Ruritanian President X': a word shaped like a country's adjective before a
        common noun or a role word describes, it names nobody (English; German adjectives are lowercase)."""
        if not DEMONYM_SHAPE.match(w) or i + 1 >= len(toks) or not self.spaced(toks[i], toks[i + 1]):
            return False
        if (i > 0 and toks[i - 1].text[:1].isupper() and self.spaced(toks[i - 1], toks[i])
                and not self.opens_sentence(toks, i - 1) and not demonym_place(w, self.lang)):
            return False  # 'the Port Tessian film festival': a name's last word, shaped like an adjective
        nxt = toks[i + 1].text
        if _is_title(nxt, self.v.titles) or nxt in self.v.role_words:
            return True
        of_follows = i + 2 < len(toks) and toks[i + 2].text == "of"  # 'the Mexican city of X' describes X
        if (nxt in self.rules.names["place_cues"] and w.endswith("an") and not demonym_place(w, self.lang)
                and not of_follows):
            return False  # 'Tarvan province': a place's name before its kind ('Korean city' not)
        return bool(nxt[:1].islower() and len(nxt) > 2 and is_common(nxt, self.lang)
                    and not re.search(r"(?:s|ed)$", nxt) and nxt not in self.v.stopwords
                    and nxt not in self.v.speech and nxt not in NON_NOUN_EN)

    def given_name_opens(self, toks: list[Tok], i: int) -> bool:
        """'Ida Kessel', 'Ivy Marwick', 'Hannelore Birnbaum-Kesselring': a known given name right before
        a capitalised word opens a person's name whatever the lexicon says of either word; not before a model
        number, an organisation's word or a role word, and not when it names a place ('Florence')."""
        if i + 1 >= len(toks) or not is_given_name(toks[i].text) or not self.spaced(toks[i], toks[i + 1]):
            return False
        first, surname = toks[i].text, _strip_possessive(toks[i + 1].text)
        v, lang = self.v, self.lang
        if (not all(p[:1].isupper() and p.isalpha() for p in surname.split("-")) or surname in v.not_names
                or surname in v.suffixes or surname in v.role_words or _is_title(surname, v.titles)
                or surname.isupper() or place_lookup(first) or first in v.not_names):
            return False
        if is_common(first, lang) and is_common(surname.split("-")[0], lang):
            # two ordinary words ('Grace Period'): only where the tagger reads proper nouns, or inside an English
            # sentence (where only names are capitalised)
            if self.rules.nouns_capitalised:
                # German capitalises nouns: a word the lexicon knows only in other classes ('meine', a pronoun)
                # written capitalised after a given name is a surname ('Klaus Meine')
                return (self.tags.get(toks[i].start) == "NE" and self.tags.get(toks[i + 1].start) == "NE"
                        or not lexicon_common_noun(first) and not lexicon_common_noun(surname.split("-")[0]))
            return not self.opens_sentence(toks, i)
        return True

    def common_compound(self, w: str) -> bool:
        """German: a word the tagger reads as a common noun wherever the text has it and whose last part is a
        listed common noun ('im Velmarsaal', 'die Kernhalle') is a compound noun, no name."""
        if not self.word_tags:
            for toks in self.sentences:
                for x in toks:
                    self.word_tags.setdefault(x.text, set()).add(self.tags.get(x.start, ""))
        return self.word_tags.get(w) == {"NN"} and has_common_head(w)

    def opens_sentence(self, toks: list[Tok], i: int) -> bool:
        """Whether toks[i] is the first word of its sentence (after an opening quote or dash at most)."""
        gap = self.text[toks[i - 1].end:toks[i].start].strip(" ") if i else ""
        # 'she said, “Saying sorry is …': a quotation opening after a comma or colon opens a sentence of its own
        quoted = len(gap) > 1 and gap[-1] in "„“‘\"'«»" and gap[:-1].strip() in (",", ":")
        return i == 0 or gap in SENTENCE_OPENERS or quoted or bool(DATELINE_END.fullmatch(gap))

    def contraction(self, word: str) -> bool:
        """A pronoun and a verb written as one word ("I'll", "You've", "It's"): never a name."""
        m = re.fullmatch(r"([A-Za-z]+)['’]([a-z]+)", word)
        return bool(m) and (m.group(2) in self.rules.names["contraction_endings"]
                            or m.group(2) == "s" and m.group(1).lower() in self.v.stopwords)

    def month_as_given_name(self, toks: list[Tok], i: int) -> bool:
        """'bestellte Jan H. Velm', 'said April Orvan': a month's name that is also a given name, written without
        a full stop and not after a preposition or a time word, before a capitalised word opens a person's name."""
        w = toks[i].text
        if w in self.rules.not_names or not is_given_name(w) or i + 1 >= len(toks) or not self.spaced(toks[i],
                                                                                                        toks[i + 1]):
            return False
        before = toks[i - 1].text.lower() if i > 0 else ""
        nxt = toks[i + 1].text
        return (before not in self.v.stopwords and before not in self.v.time_modifiers and nxt[:1].isupper()
                and nxt.isalpha() and nxt not in self.v.not_names)

    def caps_heading(self, toks: list[Tok], i: int) -> bool:
        """'MORE STORIES ABOUT THE STORM BELOW:': two or more words in capitals, each of them an ordinary
        word, are a heading set in capitals, no name ('NEW YORK' has a word no lexicon lists)."""
        a = b = i
        while a > 0 and toks[a - 1].text.isupper() and self.spaced(toks[a - 1], toks[a]):
            a -= 1
        while b + 1 < len(toks) and toks[b + 1].text.isupper() and self.spaced(toks[b], toks[b + 1]):
            b += 1
        words = [x.text for x in toks[a:b + 1]]
        return len(words) >= 2 and all(x.isalpha() and not place_lookup(x.capitalize()) and self.ordinary(x)
                                       for x in words)

    def inside_org_name(self, toks: list[Tok], i: int) -> bool:
        """'the Velmar Police Department': a word that names nobody alone stands inside an organisation's name
        between a name and the organisation's closing word (English: German joins such words into one)."""
        if self.rules.nouns_capitalised or i == 0 or i + 1 >= len(toks):
            return False
        prev, nxt = toks[i - 1], toks[i + 1]
        return (_strip_possessive(nxt.text) in self.v.org_suffixes and self.spaced(toks[i], nxt)
                and self.spaced(prev, toks[i]) and prev.text[:1].isupper() and prev.text not in self.v.not_names
                and not self.opens_sentence(toks, i - 1))

    def ordinary(self, word: str) -> bool:
        """A word in capitals that is an ordinary word written small or capitalised ('OF', 'COVERAGE')."""
        low = word.lower()
        return low in self.v.stopwords or is_common(low, self.lang) or is_common(word.capitalize(), self.lang)

    def after_article(self, toks: list[Tok], i: int) -> bool:
        """Whether an article, or a preposition fused with one, stands right before toks[i] ('der', 'am')."""
        if i == 0:
            return False
        prev = toks[i - 1].text.lower()
        return prev in ARTICLES or prev in DETERMINERS or prev in self.rules.names["article_contractions"]

    def is_name_token(self, t: Tok, toks: list[Tok], i: int) -> bool:
        """Whether the token can be (part of) a name here: its shape, the lexicon, the words around it."""
        v, lang = self.v, self.lang
        w = _strip_possessive(t.text)
        if ((w in v.not_names or t.text in v.not_names) and not self.month_as_given_name(toks, i)
                and not self.inside_org_name(toks, i)):
            return False
        if w.isupper() and w.lower() in v.stopwords and self.opens_sentence(toks, i) and i + 1 < len(toks) and (
                toks[i + 1].text[:1].islower()):
            return False  # 'AN engineer fixed …': a small word in capitals opening the text, no name
        if not w[:1].isupper() and not name_shape(w):
            return False
        if len(w) <= 3 and re.match(r"\. ?\d", self.text[t.end:t.end + 3]):
            return False  # 'No. 3', 'Nr. 5': an abbreviated noun before a number
        if len(w) < 2 or w.isdigit() or re.match(r"^\d", w) or re.search(r"[$€_]|\d[.,]\d", w):
            return False  # ('Orvan_Velm_photo': a file's or a slug's name, no name of its own)
        if self.contraction(t.text):
            return False
        if self.text[t.start - 1:t.start] == "/" and (
                self.text[t.end:t.end + 1] == "/" and not re.fullmatch(r"[A-ZÄÖÜ][a-zäöüß]{2,}", w)
                or re.search(r"\d", w)):
            return False  # '/ses/DP/stw', '(T/RE1)': an editors' slug, no name ('France/Velmia/Orla' lists names)
        if re.match(r"^[A-Z]{3}\d", w) and w[:3] in set(self.rules.currencies.values()):
            return False  # 'CNY688': an amount in a currency's code
        if not self.rules.nouns_capitalised and self.adjective_of_origin(w, toks, i):
            return False
        if w.isupper() and len(w) >= 5 and not place_lookup(w) and not (i > 0 and toks[i - 1].text.isupper()) and (
                is_common(w.lower(), lang) or is_common(w.capitalize(), lang)):
            return False  # 'Interested in REPRINTING this?': an ordinary word in capitals for emphasis
        if w.isupper() and self.caps_heading(toks, i):
            return False
        if name_shape(w) or self.given_name_opens(toks, i) or i > 0 and self.given_name_opens(toks, i - 1):
            return True
        if i > 0 and t.text[:1].isupper() and (_is_title(toks[i - 1].text, v.titles) or (
                i > 1 and _is_title(toks[i - 2].text, v.titles) and toks[i - 1].text[:1].isupper()
                and self.spaced(toks[i - 1], t))) and (
                self.spaced(toks[i - 1], t) or self.abbrev_gap(toks[i - 1], t)):
            return True
        capitalised_nouns = self.rules.nouns_capitalised
        tag = self.tags.get(t.start)
        if tag == "NE" and w not in self.noun_only and (
                not is_listed(w, lang) or lexicon_proper_noun(w) or i + 1 < len(toks) and self.spaced(t, toks[i + 1])
                and toks[i + 1].text[:1].isupper() and not is_common(toks[i + 1].text, lang)):
            # the tagger reads a proper noun here ('hatten Berger und …', 'Amtskollege Li Wenbo'), or its own
            # lexicon lists one the word lists also carry ('an der Donau')
            return True
        if tag == "NE" and place_lookup(w) and not (i > 0 and toks[i - 1].text.lower() in v.stopwords
                                                    and toks[i - 1].text.lower() not in v.locatives):
            return True  # a listed town that is also a word ('in Essen', not 'das Essen'), read as a name here
        if is_strong_place(w) or w in self.said_names or t.start in self.place_starts or compass_place(self, w) or (
                capitalised_nouns and (place_lookup(w) or _unlisted_town(w, lang) and not self.after_article(toks, i))
                and not is_listed(w, lang)):
            return True
        initial = self.opens_sentence(toks, i)
        if initial and i + 1 < len(toks) and self.spaced(t, toks[i + 1]) and not is_common(w, lang):
            nx = toks[i + 1].text
            if nx[:1].isupper() and nx not in v.not_names and not is_common(nx, lang) and "-" not in nx:
                return True
        if (initial and not capitalised_nouns and i + 1 < len(toks) and self.spaced(t, toks[i + 1])
                and _strip_possessive(toks[i + 1].text) in v.org_suffixes):
            return True  # 'Acme Corp said …': a common word opening a sentence before an organisation suffix
        genitive = self.rules.genitive_s and w.endswith("s") and self.noninitial.get(w[:-1], 0)  # 'Orbix' -> 'Orbixs'
        if initial and self.noninitial.get(w, 0) == 0 and not genitive:
            return bool(not capitalised_nouns and not is_common(w, lang))
        if not capitalised_nouns:
            return True
        base = w[:-1] if w.endswith("s") and self.noninitial.get(w[:-1], 0) else w
        if is_common(base, lang):
            return False
        # two capitalised words side by side are a name's parts ('St. Wendel', 'Volksbank Nordwest'), unless the
        # first is an article opening the sentence ('Der Keeper')
        after_name = i > 0 and toks[i - 1].text[:1].isupper() and toks[i - 1].text.lower() not in v.stopwords
        if not after_name and lexicon_common_noun(w):
            return False  # the tagger's own lexicon knows it as a noun ('Anleihen', 'Fans')
        if self.common_compound(w):
            return False
        return base not in self.noun_only


# ---------------------------------------------------------------- passes: what the text says about words

def scan_speech_names(st: EntityState) -> None:
    """A capitalised word right after a speech verb and before the sentence's end is a name ('sagte Berger.'),
    even when the lexicon knows it as a word."""
    text, v = st.text, st.v
    for toks in st.sentences:
        for i, t in enumerate(toks[1:], start=1):
            if (toks[i - 1].text in v.speech and t.text[:1].isupper() and t.text not in v.not_names
                    and not text[toks[i - 1].end:t.start].strip()  # not 'stated, “Sorry is …': a quotation
                    and (i + 1 == len(toks) or re.match(r"\s*[.,;]", text[t.end:t.end + 2])
                         or toks[i + 1].text[:1].islower())):
                st.said_names.add(t.text)


def count_noninitial(st: EntityState) -> None:
    """How often each capitalised word appears inside a sentence (not as its first word)."""
    for toks in st.sentences:
        for k, t in enumerate(toks[1:], start=1):
            # 'Read more: Analysts said' (where only names are capitalised, a word after a colon opens a sentence)
            if t.text[:1].isupper() and (st.rules.nouns_capitalised or not st.opens_sentence(toks, k)):
                if not st.rules.nouns_capitalised and _inside_name(st, toks, k) and is_common(t.text, st.lang):
                    continue  # 'Department of Health' says nothing about 'Health officials said' opening a sentence
                st.noninitial[_strip_possessive(t.text)] += 1


def _inside_name(st: EntityState, toks: list[Tok], k: int) -> bool:
    """Whether toks[k] continues the name of a thing: right after a capitalised common word ('Public Health'), or
    after a linking word that follows a capitalised one ('Department of Health', 'Ames & Sons'); not a surname
    after a given name ('Ivo Baker')."""
    prev = toks[k - 1].text
    if prev[:1].isupper() and st.spaced(toks[k - 1], toks[k]):
        return is_common(prev, st.lang) or bool(place_lookup(prev))  # 'Public Health', 'Tarvin Health Authority'
    links = set(st.rules.linked_org_links) | {"and", "&"}
    return k > 1 and prev in links and toks[k - 2].text[:1].isupper()


def find_noun_only_words(st: EntityState) -> None:
    """Where nouns are capitalised: a word seen only after a determiner, number or inflected adjective is a
    noun ('der Optimismus')."""
    if not st.rules.nouns_capitalised:
        return
    v = st.v
    ctx_name: Counter[str] = Counter()
    ctx_noun: Counter[str] = Counter()
    noun_suffixes = tuple(st.rules.noun_suffixes)
    for toks in st.sentences:
        for i, t in enumerate(toks[1:], start=1):
            if not t.text[:1].isupper() or "-" in t.text or name_shape(t.text):
                continue
            p = toks[i - 1].text
            pp = toks[i - 2].text.lower() if i >= 2 else ""
            adjective = (p.islower() and re.search(r"(?:en|er|es|em)$", p) and p not in v.speech
                         and len(p) > 3 and p not in PREPOSITIONS
                         and st.tags.get(toks[i - 1].start, "ADJA").startswith("ADJ"))  # not a verb ('hatten')
            weak = p.lower() in ARTICLES  # 'die Lufthansa' names a company, 'der Optimismus' does not
            noun_ctx = ((pp in DETERMINERS and p.islower()) or (p.lower() in DETERMINERS and not weak)
                        or (weak and t.text.lower().endswith(noun_suffixes))
                        or p.lower() in v.numbers or p.isdigit() or adjective)
            quoted = st.text[t.start - 1:t.start] in OPEN_QUOTES  # 'einer „Falcon 9“-Rakete': a quoted name
            (ctx_noun if noun_ctx and not quoted else ctx_name)[_strip_possessive(t.text)] += 1
    st.noun_only = {w for w in ctx_noun if not ctx_name.get(w)}


# ---------------------------------------------------------------- passes: names rules build whole

def match_gazetteer(st: EntityState) -> None:
    """Names and aliases of entities already in the content folder (longest first) claim their spans first."""
    forms: list[tuple[str, str]] = []
    for k in st.known:
        pk = None
        if k.type == "place":
            pk = next((p[0] for p in map(place_lookup, [k.name, *k.aliases]) if p), None)
        st.entities[k.id] = EntityCand(id=k.id, name=k.name, type=k.type, aliases=list(k.aliases), existing=True,
                                       place_key=pk)
        for form in {k.name, *k.aliases}:
            if len(form) >= 2:
                forms.append((form, k.id))
                st.alias_index.setdefault(norm(form), k.id)
    text = st.text
    for form, kid in sorted(forms, key=lambda f: (-len(f[0]), f[0], f[1])):
        flags = 0 if len(form) <= 3 else re.IGNORECASE
        pat = re.compile(r"(?<![\w-])" + re.escape(form) + r"(?:s|'s|’s)?(?![\w])", flags)
        for s in st.cleaned.body:
            for m in pat.finditer(s.text):
                a, b = s.start + m.start(), s.start + m.end()
                if not st.overlaps(a, b):
                    st.taken.append((a, b))
                    st.mentions.append(Mention(a, b, text[a:b], kid, s.index))


def find_wire_agency(st: EntityState) -> None:
    """The news agency of a wire dateline ('BERLIN (dpa) –', '(dpa/AFP)') is an organisation."""
    # the dateline opens the story, which a label line ('Most read:') may precede
    first_body = [s for s in st.cleaned.body[:3] if DATELINE.match(s.text)][:1]
    wire = DATELINE.match(first_body[0].text) if first_body else None
    if not wire or re.search(r"\d", wire.group("agency")):
        return
    city = re.match(r"\s*([A-ZÄÖÜ][\w .'-]*?)\s*(?:,|\()", wire.group(0))
    if city:  # 'KELHEIM (dpa) –': the dateline names the place the story comes from
        st.place_starts.add(first_body[0].start + city.start(1))
    region = re.match(r"[^,(]*,\s*([A-Z][\w.]{1,10})\s*\(", wire.group(0))
    if region:  # 'ELM CREEK, Neb. (AP) —'
        _claim_dateline_region(st, first_body[0], region.group(1), first_body[0].start + region.start(1))
    base = first_body[0].start + wire.start("agency")
    for m in re.finditer(r"[^/,;]+", wire.group("agency")):
        name = m.group(0).strip()
        a = base + m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
        b = a + len(name)
        if m.start() > 0 and name.islower() and len(name) <= 4:
            st.taken.append((a, b))  # '(dpa/lsw)': the agency's regional desk, no name of its own
        elif 2 <= len(name) <= 20 and not st.overlaps(a, b):
            st.claim(st.add_fixed_org(name), a, b, first_body[0].index)


# a dateline in capitals without an agency: 'ELM CREEK, Neb. — …', 'TALHEIM – …', 'TALHEIM, LKR. VELM. Der …'
CAPS_DATELINE = re.compile(r"\s*(?P<place>[A-ZÄÖÜ]{2}[A-ZÄÖÜ'.]*(?:[ -][A-ZÄÖÜ]{2}[A-ZÄÖÜ'.]*)*)"
                           r"(?:,\s*(?P<region>[A-ZÄÖÜ][\w.]{0,10}?(?:\s[A-ZÄÖÜ][\w.]{0,10}?)?))?"
                           r"(?:\s*[-–—]+\s|\.?\s+(?=[A-ZÄÖÜ][a-zäöüß])|\.?\s*$)")


def find_caps_dateline(st: EntityState) -> None:
    """A story opening with a place in capitals ('ELM CREEK, Neb. —') names that place, and the US state after
    its comma in the AP abbreviation ('Neb.'); the capitals are a way of printing the name, not its spelling."""
    for s in st.cleaned.body[:3]:
        m = CAPS_DATELINE.match(s.text)
        if not m:
            continue
        a, b = s.start + m.start("place"), s.start + m.end("place")
        place = m.group("place").rstrip(".")
        if len(place.replace(" ", "")) < 4 or st.overlaps(a, b):
            return
        title = re.sub(r"[A-ZÄÖÜ]+", lambda w: w.group(0).capitalize(), place)
        if not m.group("region") and all(is_common(w, st.lang) for w in re.findall(r"\w+", title)):
            return  # 'BREAKING NEWS – …', 'WICHTIGER HINWEIS.': ordinary words in capitals name no place
        st.add_place(place_lookup(title) or ("town:" + norm(title), {"en": title, "de": title}, "place"),
                     a, a + len(place), s.index)
        if m.group("region"):
            _claim_dateline_region(st, s, m.group("region"), s.start + m.start("region"))
        return


def find_region_abbreviations(st: EntityState) -> None:
    """A town and its US state in the AP abbreviation ('in Elm Creek, Neb., on Monday', 'the Velmar (Ore.) Herald')
    name the state; before '-based' the pair only describes what follows and names neither ('an Elm Creek,
    Neb.-based firm')."""
    regions = common_rules("places")["dateline_regions"]
    alternatives = "|".join(map(re.escape, sorted(regions, key=len, reverse=True)))
    rx = re.compile(r"(?<![\w'-])[A-Z][\w'-]*(?: [A-Z][\w'-]*){0,2}(?:, |\s?\()(?P<region>" + alternatives
                    + r")(?P<based>-based)?(?![\w.])")
    for s in st.cleaned.body:
        for m in rx.finditer(s.text):
            a, b = s.start + m.start(), s.start + m.end()
            if m.group("based"):
                if not st.overlaps(a, b):
                    st.taken.append((a, b))
                continue
            _claim_dateline_region(st, s, m.group("region"), s.start + m.start("region"))


def _claim_dateline_region(st: EntityState, sent: Sentence, region: str, start: int) -> None:
    """The US state a dateline names in the AP abbreviation after its place ('Neb.')."""
    name = common_rules("places")["dateline_regions"].get(region)
    found = place_lookup(name) if name else None
    if found and not st.overlaps(start, start + len(region)):
        st.add_place(found, start, start + len(region), sent.index)


def find_quoted_titles(st: EntityState) -> None:
    """A quoted title is one name: a work ('the film “Silent Harbour”', 'Lena Varga’s “Songs of the Lowland”') or,
    named with a medium's noun or a reporting verb, a medium ('sagte sie der „Abendpost am Sonntag“'); a quoted
    title in brackets right after it is its other title ('“Silent Harbour” (“Baie silencieuse”)')."""
    for s in st.cleaned.body:
        for opening, closing in st.rules.quote_marks:
            inside = r"([^\n" + re.escape(opening + closing) + r"]{1,80})"
            rx = re.compile(re.escape(opening) + inside + re.escape(closing))
            for m in rx.finditer(s.text):
                a, b = s.start + m.start(1), s.start + m.end(1)
                kind = _quoted_title_kind(st, m.group(1), st.text[max(s.start, a - 60):a - 1], st.text[b + 1:b + 60])
                if kind is None or st.overlaps(a, b):
                    continue
                key = st.add_entity(m.group(1), kind)
                st.fixed_names.add(key)
                st.votes[key][kind] += 5
                st.claim(key, a, b, s.index)
                other = re.match(r"\s*\(\s*" + re.escape(opening) + inside + re.escape(closing) + r"\s*\)",
                                 st.text[b + 1:b + 100])
                if other:
                    oa = b + 1 + other.start(1)
                    st.claim(key, oa, oa + len(other.group(1)), s.index)


def _quoted_title_kind(st: EntityState, title: str, before: str, after: str) -> str | None:
    """'product' (a work), 'organization' (a medium) or None (speech, a scare quote) for a quoted phrase."""
    names, v = st.rules.names, st.v
    words = title.split()
    if not 1 <= len(words) <= 8 or not title[:1].isupper() or re.search(r"[.!?;:,]", title) or title in v.not_names:
        return None
    function_words = set(names["title_function_words"])
    if not all(w[:1].isupper() or w[:1].isdigit() or w in function_words for w in words):
        return None
    prev_words = re.findall(r"[\w’'-]+", before)[-3:]

    def cued(cues: tuple[str, ...]) -> bool:
        endings = tuple(c.lower() for c in cues if len(c) >= 4 and c[:1].isupper())
        return any(w in cues or endings and w[:1].isupper() and w.lower().endswith(endings) for w in prev_words)

    next_word = (re.findall(r"[\w-]+", after[:30]) or [""])[0]
    # 'die „Abendpost am Sonntag“ berichtet', 'sagte sie der „Abendpost“': a medium, the subject or the addressee
    reported = bool(prev_words) and prev_words[-1].lower() in ARTICLES and (
        next_word in v.speech or any(w in v.speech for w in prev_words[:-1]))
    if cued(names["media_cues"]) or reported and len(words) > 1:
        return "organization"
    in_brackets_after = bool(re.match(r"\s*\(\s*\W", after))
    owner = re.search(r"(\w+)['’]s\s*$", before)  # 'Lena Varga’s “…”' (not 'Ruritania’s “…”': no author)
    possessive = bool(owner) and owner.group(1)[:1].isupper() and not place_lookup(owner.group(1))
    if cued(names["work_cues"]) or in_brackets_after or possessive and len(words) > 1:
        return "product"
    if not st.rules.nouns_capitalised and len(words) > 1 and words[0] in names["name_articles"]:
        return "product"  # 'in “The Silent Harbour”': an English title opened by its article
    return None


def find_authorities(st: EntityState) -> None:
    """Where adjectives are lower case: authorities named by a country adjective and an authority noun
    ('chinesische Marktaufsichtsbehörde'), and later bare mentions of the head noun ('die Aufsichtsbehörde')."""
    heads = st.rules.authority_heads
    if not st.rules.nouns_capitalised or not heads:
        return
    auth = re.compile(r"(?<![\w-])([A-Za-zÄÖÜäöüß]+?(?:isch|ländisch))(e|en|er|es|em)\s+([A-ZÄÖÜ]\w*(?:"
                      + "|".join(heads) + r")(?:s|es|n)?)(?![\w-])")
    tails_done: set[tuple[str, str, str]] = set()
    for s in st.cleaned.body:
        for m in auth.finditer(s.text):
            if not demonym_place(m.group(1) + m.group(2), st.lang):
                continue
            noun = m.group(3)
            stem = next((noun[: -len(x)] for x in ("es", "s", "n") if noun.endswith(x) and any(
                noun[: -len(x)].lower().endswith(h) for h in heads)), noun)
            key = st.add_fixed_org(m.group(1).capitalize() + "e " + stem)
            st.claim(key, s.start + m.start(), s.start + m.end(), s.index)
            for h in heads:
                if stem.lower().endswith(h) and (key, stem, h) not in tails_done:
                    tails_done.add((key, stem, h))
                    _claim_authority_tail(st, key, stem, h)


def _claim_authority_tail(st: EntityState, key: str, stem: str, head: str) -> None:
    """'die Aufsichtsbehörde' after 'chinesische Marktaufsichtsbehörde': the same authority."""
    tail = re.compile(r"(?<=\b(?:[Dd]ie|[Dd]er|[Dd]as) )([A-ZÄÖÜ]\w*" + head + r")\b")
    for s2 in st.cleaned.body:
        for m2 in tail.finditer(s2.text):
            w = m2.group(1)
            if stem.lower().endswith(w.lower()) and w != stem or w == stem:
                a2, b2 = s2.start + m2.start(1), s2.start + m2.end(1)
                if not st.overlaps(a2, b2):
                    st.claim(key, a2, b2, s2.index)


def find_adjective_places(st: EntityState) -> None:
    """Where nouns are capitalised: a town's '-er' adjective before a place noun names one place ('am Talbrücker
    Flughafen', 'am Quellbacher Berg'); the town itself is only a modifier there."""
    heads = st.rules.names["adjective_place_heads"]
    if not st.rules.nouns_capitalised or not heads:
        return
    _claim_places(st, _town_adjective_re(heads, r"(?<=[a-zäöüß,] )"), lambda m: f"{m.group(1)} {m.group(2)}",
                  lambda m: not is_given_name(m.group(1)))  # 'Dekan Peter Berg' is a person


def find_adjective_landmarks(st: EntityState) -> None:
    """Where nouns are capitalised: an ordinary adjective written capitalised before a place noun is part of a
    landmark's name ('an der Hölzernen Brücke', 'am Alten Markt'); written small it names nothing."""
    heads = st.rules.names["adjective_place_heads"]
    if not st.rules.nouns_capitalised or not heads:
        return
    rx = re.compile(r"(?<=[a-zäöüß,] )([A-ZÄÖÜ][a-zäöüß]+?(?:e|en|er|es|em)) (" + "|".join(map(re.escape, heads))
                    + r")(?:s|es)?(?![\w-])")
    _claim_places(st, rx, lambda m: f"{m.group(1)} {m.group(2)}",
                  lambda m: is_common(m.group(1).lower(), st.lang))


def find_street_names(st: EntityState) -> None:
    """Where nouns are capitalised: a compound ending in a street's or square's word whose first part is no
    ordinary word names a street ('an der Velmostraße', 'am Orla-Parkplatz'; not 'die Landstraße')."""
    suffixes = st.rules.names["street_suffixes"]
    if not st.rules.nouns_capitalised or not suffixes:
        return
    rx = re.compile(r"(?<![\w-])[A-ZÄÖÜ][\w-]{2,}?(?:" + "|".join(map(re.escape, suffixes)) + r")(?![\w-])")

    def named(m: re.Match) -> bool:
        word = m.group(0)
        first = word.split("-")[0] if "-" in word else word[: -next(len(x) for x in suffixes if word.endswith(x))]
        if is_common(word, st.lang) or is_common(first, st.lang) or len(first) < 3:
            return False
        # 'Rathausvorplatz': two ordinary words joined ('Rathaus' + 'Vorplatz') name no street
        return not any(is_common(word[:k], st.lang) and is_common(word[k:].capitalize(), st.lang)
                       for k in range(3, len(first)))

    _claim_places(st, rx, lambda m: m.group(0), named)


def _town_adjective_re(heads: list[str], before: str) -> re.Pattern:
    """A town's '-er' adjective (group 1) before one of the head nouns (group 2, a genitive ending aside), where
    `before` allows it to start."""
    return re.compile(before + r"([A-ZÄÖÜ][a-zäöüß]{2,}er) (" + "|".join(map(re.escape, heads))
                      + r")(?:s|es)?(?![\w-])")


def find_adjective_media(st: EntityState) -> None:
    """Where nouns are capitalised: a town's '-er' adjective before a newspaper's noun names the paper ('die
    Velmarer Zeitung', 'des Talbrücker Abendblatts'); the town is only part of its name."""
    heads = st.rules.names["adjective_media_heads"]
    if not st.rules.nouns_capitalised or not heads:
        return
    rx = _town_adjective_re(heads, r"(?<![\w-])")  # a paper's name may open the sentence ('Die Velmarer Zeitung …')
    for s in st.cleaned.body:
        for m in rx.finditer(s.text):
            a, b = s.start + m.start(), s.start + m.end()
            if not st.overlaps(a, b):
                name = f"{m.group(1)} {m.group(2)}"
                st.claim(st.add_fixed_org(name), a, b, s.index, counted=name)


TOWN_ADJECTIVE_NOUN = re.compile(r"(?<=[a-zäöüß,] )([A-ZÄÖÜ][a-zäöüß]{2,}er) "
                                 r"((?:[A-ZÄÖÜ]+-)?[A-ZÄÖÜ][a-zäöüß]+)(?![\w-])")


def find_adjective_town_orgs(st: EntityState) -> None:
    """Where nouns are capitalised: a town's '-er' adjective before a noun ending in an organisation's word names
    the organisation ('die Velmarer Brauerei', 'des Orlaer DRK-Kreisverbands'); the town is part of it."""
    endings = tuple(st.rules.names["adjective_org_endings"])
    if not st.rules.nouns_capitalised or not endings:
        return
    for s in st.cleaned.body:
        for m in TOWN_ADJECTIVE_NOUN.finditer(s.text):
            adjective, noun = m.groups()
            stem = next((noun[: -len(x)] for x in ("es", "s") if noun.endswith(x)
                         and noun[: -len(x)].lower().endswith(endings)), noun)
            a, b = s.start + m.start(), s.start + m.end()
            if (not stem.lower().endswith(endings) or adjective in st.v.not_names
                    or is_common(adjective, st.lang) or st.overlaps(a, b)):
                continue
            name = f"{adjective} {stem}"
            st.claim(st.add_fixed_org(name), a, b, s.index, counted=name)


def find_listed_counties(st: EntityState) -> None:
    """Names listed before a plural place noun are each such a place: 'in Velm and Orla counties' names Velm
    County and Orla County (the plural noun after the last name, its singular after each)."""
    plurals = st.rules.names["plural_place_heads"]
    if not plurals:
        return
    name = r"[A-Z][\w'.-]*(?: [A-Z][\w'.-]*)?"
    links = "|".join(map(re.escape, st.rules.names["list_links"]))
    rx = re.compile(rf"(?<![\w-])({name}(?:, {name})*,? (?:{links}) {name}) ("
                    + "|".join(map(re.escape, plurals)) + r")(?![\w-])")
    for s in st.cleaned.body:
        for m in rx.finditer(s.text):
            head = plurals[m.group(2)]
            for part in re.finditer(name, m.group(1)):
                a, b = s.start + m.start(1) + part.start(), s.start + m.start(1) + part.end()
                full = f"{part.group(0)} {head}"
                if not st.overlaps(a, b):
                    st.add_place(("county:" + norm(full), {"en": full, "de": full}, "place"), a, b, s.index)


def find_numbered_roads(st: EntityState) -> None:
    """A road noun and its number name a road ('auf der Staatsstraße 4711', 'on Route 66', 'Highway 9'), and so
    does a road code after a lower-case word ('auf der B15', 'on I-95')."""
    heads = st.rules.names["road_heads"]
    if heads:
        road = r"(" + "|".join(map(re.escape, heads)) + r") (\d{1,4}[a-z]?)(?![\w,.-]\d)"
        # a state's or a country's name before it is part of it ('Maryland Route 4', 'Ontario Highway 11')
        regional = re.compile(r"(?<![\w-])(?P<region>[A-Z][a-z]+(?: [A-Z][a-z]+)?) " + road)
        _claim_places(st, regional, lambda m: m.group(0), keep=lambda m: bool(place_lookup(m.group("region"))))
        _claim_places(st, re.compile(r"(?<![\w-])" + road), lambda m: m.group(0))
    codes = st.rules.names["road_codes"]
    if codes:
        rx = re.compile(r"(?<=[a-zäöüß,] )(?:" + "|".join(codes) + r")(?![\w.,-]*\d)(?![\w-])")
        _claim_places(st, rx, lambda m: m.group(0))


def _claim_places(st: EntityState, rx: re.Pattern, name_of, keep=None) -> None:
    """Each match of rx in the body (that `keep` accepts, if given) names a place, its key from its name, unless
    a mention took it before."""
    for s in st.cleaned.body:
        for m in rx.finditer(s.text):
            a, b = s.start + m.start(), s.start + m.end()
            if not st.overlaps(a, b) and (keep is None or keep(m)):
                name = name_of(m)
                st.add_place(("landmark:" + norm(name), {"en": name, "de": name}, "place"), a, b, s.index)


def find_adjective_orgs(st: EntityState) -> None:
    """A capitalised adjective before an organisation noun is a name ('der Deutschen Bank')."""
    adj_heads = st.rules.adjective_org_heads
    if not adj_heads:
        return
    adj = re.compile(r"(?<=[a-zäöüß,] )([A-ZÄÖÜ][a-zäöüß]+?)(e|en|er|es|em)\s+(" +
                     "|".join(map(re.escape, adj_heads)) + r")(?![\w-])")
    for s in st.cleaned.body:
        for m in adj.finditer(s.text):
            if not is_common(m.group(1).lower() + m.group(2), st.lang):
                continue
            key = st.add_fixed_org(m.group(1) + "e " + m.group(3))
            a, b = s.start + m.start(), s.start + m.end()
            if not st.overlaps(a, b):
                st.claim(key, a, b, s.index)


PROPER_ADJECTIVE = re.compile(r"(?<=[a-zäöüß,] )(?P<adj>[A-ZÄÖÜ][a-zäöüß]+?(?:isch|sch))(?P<end>e|en|er|es|em)\s+"
                              r"(?P<noun>(?:[A-ZÄÖÜ][a-zäöüß]+-)?[A-ZÄÖÜ][a-zäöüß]{3,})(?![\w-])")


def find_proper_adjective_orgs(st: EntityState) -> None:
    """Where adjectives are lower case, a capitalised country-type adjective inside a sentence opens a name:
    'der Europäischen Fischereiagentur', 'des Deutschen Wetterdienstes'."""
    if not st.rules.nouns_capitalised:
        return
    text, lang = st.text, st.lang
    for s in st.cleaned.body:
        for m in PROPER_ADJECTIVE.finditer(s.text):
            a, b = s.start + m.start(), s.start + m.end()
            if st.overlaps(a, b) or place_lookup(m.group(0)) or find_multiword_places(m.group(0)):
                continue
            adj_word = m.group("adj").lower() + m.group("end")
            if not is_common(adj_word, lang) and not demonym_place(adj_word, lang):
                continue
            noun = m.group("noun")
            if text[max(0, a - 4):a] == "des " and noun.endswith("es") and is_common(noun[:-2], lang):
                noun = noun[:-2]
            elif text[max(0, a - 4):a] == "des " and noun.endswith("s") and is_common(noun[:-1], lang):
                noun = noun[:-1]
            st.claim(st.add_fixed_org(m.group("adj") + "e " + noun), a, b, s.index)


def find_linked_orgs(st: EntityState) -> None:
    """An organisation noun, a link word and capitalised words: 'University of Vermont', 'Verband der
    Papierindustrie', 'Bundesministerium für Wirtschaft und Energie'."""
    linked = _linked_org_re(st.lang)
    if linked is None:
        return
    for s in st.cleaned.body:
        for m in linked.finditer(s.text):
            a, b = s.start + m.start(), s.start + m.end()
            if st.overlaps(a, b):
                continue
            name = m.group(0)
            key = slugify(name)
            if key not in st.entities:
                st.entities[key] = EntityCand(id=key, name=name, type="organization")
                st.fixed_names.add(key)
                st.alias_index.setdefault(norm(name), key)
            st.surfaces[key][name] += 1
            st.taken.append((a, b))
            st.mentions.append(Mention(a, b, name, key, s.index))


def find_institution_names(st: EntityState) -> None:
    """A court, office or district noun before a place-like name is one name: 'Landgericht Zweibrücken' and
    'Landratsamt Kelheim' are organisations, 'Landkreis Pfaffenhofen an der Ilm' is a place."""
    names = st.rules.names
    heads = {h: "organization" for h in names["institution_org_heads"]} | {
        h: "place" for h in names["institution_place_heads"]}
    if not heads:
        return
    links = "|".join(map(re.escape, names["place_name_links"])) or "(?!)"
    saints = "|".join(map(re.escape, names["saint_prefixes"])) or "(?!)"
    alone = "|".join(re.escape(h.capitalize()) for h in heads)  # 'Museum X' as well as 'Landesmuseum X'
    # compounds ending in a head only where nouns are written together ('Landesmuseum'; not English 'Tesco')
    compound = r"[A-ZÄÖÜ]\w*?(?:" + "|".join(map(re.escape, heads)) + r")|" if st.rules.nouns_capitalised else ""
    rx = re.compile(r"(?<![\w-])(?P<head>" + compound + alone
                    + r")(?:es|s)?\s+"
                    r"(?P<name>(?:(?:" + saints + r")\.? )?[A-ZÄÖÜ][\wäöüß]+(?:-[A-ZÄÖÜ][\wäöüß]+)*)"
                    r"(?P<ext>\s+(?:" + links + r")\s+[A-ZÄÖÜ]\w+)?(?![\w-])")
    for s in st.cleaned.body:
        for m in rx.finditer(s.text):
            word, a, b = m.group("name"), s.start + m.start(), s.start + m.end()
            if (word in st.v.not_names or word in st.v.org_suffixes or st.overlaps(a, b)
                    or not _place_like(st, word, s.start + m.start("name"))):
                continue
            head = next(h for h in heads if m.group("head").lower().endswith(h))
            name = f"{m.group('head')} {word}{m.group('ext') or ''}"
            if heads[head] == "place" and re.match(r" [A-ZÄÖÜ]\w", st.text[b:b + 3]):
                continue  # 'Cape Velm Air Force Station': the name goes on, its run decides
            if heads[head] == "place":
                st.add_place(("district:" + norm(name), {"en": name, "de": name}, "place"), a, b, s.index)
            else:
                st.claim(st.add_fixed_org(name), a, b, s.index, counted=name)


def _place_like(st: EntityState, word: str, start: int) -> bool:
    """A place from the lists, a word the lexicon does not list, or one the tagger reads as a proper noun."""
    return bool(place_lookup(word)) or not is_listed(word, st.lang) or st.tags.get(start) == "NE"


def find_multiword_place_names(st: EntityState) -> None:
    """Multi-word country and region names ('Nahen Osten', 'Vereinigten Staaten')."""
    for s in st.cleaned.body:
        for ma, mb in find_multiword_places(s.text):
            a, b = s.start + ma, s.start + mb
            place = place_lookup(st.text[a:b])
            if (place and not st.overlaps(a, b) and not _currency_modifier(st, b) and not _opens_org_name(st, b)
                    and not _closes_org_name(st, a, s.start)):
                st.add_place(place, a, b, s.index)


def find_linked_town_names(st: EntityState) -> None:
    """Town names joined by small words that the town list holds whole ('in Reit im Winkl', 'Weil am Rhein'):
    the runs of name tokens would part them."""
    links = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in st.rules.names["town_name_links"])
    if not links:
        return
    linked = re.compile(r"(?<![\w-])[A-ZÄÖÜ][\w-]+\s+(?:" + links + r")\s+[A-ZÄÖÜ][\w-]+(?:\s+[A-ZÄÖÜ][\w-]+)?")
    for s in st.cleaned.body:
        for m in linked.finditer(s.text):
            words = m.group(0).split()  # the last capitalised word may open what follows the name
            name = next((n for n in (" ".join(words), " ".join(words[:-1])) if is_town(n)), None)
            a = s.start + m.start()
            if name and not st.overlaps(a, a + len(name)):
                st.add_place(("town:" + norm(name), {"en": name, "de": name}, "place"), a, a + len(name), s.index)


def _closes_org_name(st: EntityState, start: int, sent_start: int) -> bool:
    """'at UOB Kay Hian Hong Kong': two capitalised words or more right before a place (starting at `start`)
    name an organisation whose branch the place closes; it is no mention of the place."""
    m = re.search(r"(?:^|\s)((?:[A-Z][\w&'-]* ){2,})$", st.text[max(sent_start, start - 60):start])
    return bool(m) and not any(w in st.v.not_names or w.lower() in st.v.stopwords for w in m.group(1).split())


def _opens_org_name(st: EntityState, end: int) -> bool:
    """'the Hong Kong Stock Exchange', 'the Buenos Aires Times': capitalised words after a place (ending at `end`)
    that close on an organisation's word make one name with it, which the place only opens."""
    m = re.match(r" ((?:[A-Z][\w&'-]* ){0,3}[A-Z][\w-]*)", st.text[end:end + 80])
    return bool(m) and m.group(1).split()[-1] in st.v.org_suffixes


# ---------------------------------------------------------------- passes: runs of name tokens

def collect_groups(st: EntityState) -> None:
    """Runs of name tokens (candidate names) in every sentence; places in hyphen compounds are claimed here."""
    text = st.text
    for toks in st.sentences:
        i = 0
        while i < len(toks):
            t = toks[i]
            if st.overlaps(t.start, t.end) or re.match(r"\s*(?:dollars?|Dollar)\b", text[t.end:t.end + 9]):
                i += 1
                continue
            nxt = (_team_name(st, toks, i) or _org_prefixed_run(st, toks, i) or _hyphen_compound(st, toks, i)
                   or _after_org_cue(st, toks, i) or _after_place_cue(st, toks, i) or _name_run(st, toks, i))
            i = nxt if nxt is not None else i + 1
    _join_linked_groups(st)


def _team_name(st: EntityState, toks: list[Tok], i: int) -> int | None:
    """Where nouns are capitalised: a plural noun right before a city is a team's name ('die Wölfe Velmar', 'bei
    den Bären Tarvin'), where a common noun and a place never stand side by side otherwise."""
    if not st.rules.nouns_capitalised or i + 1 >= len(toks):
        return None
    noun, city = toks[i], toks[i + 1]
    if not (noun.text[:1].isupper() and st.spaced(noun, city) and "-" not in noun.text and city.text[:1].isupper()):
        return None
    place = place_lookup(city.text)
    if place is None or norm(place[1].get("de", "")) != norm(city.text):
        return None  # a place as written ('Velmar'; not a genitive 'Velmars')
    tagger = german_tagger()
    lemma, tag = tagger.analyze(noun.text) if tagger else (noun.text, "")
    if tag != "NN" or lemma == noun.text or not is_common(lemma, st.lang) and not lexicon_common_noun(lemma):
        return None  # a noun in the plural ('Wölfe' of 'Wolf')
    st.claim(st.add_fixed_org(st.text[noun.start:city.end]), noun.start, city.end, noun.sent)
    return i + 2


def _shared_head(st: EntityState, before: Group, after: Group) -> bool:
    """'Velm Rowing and Sailing Trust': a name closing on a common word, then common words only; the
    organisation's word at the end closes both (a name alone before 'and' stays apart: 'Orbix and Velmor Group')."""
    return (len(before.toks) > 1 and is_common(before.toks[-1].text, st.lang)
            and all(is_common(t.text, st.lang) for t in after.toks))


def _join_linked_groups(st: EntityState) -> None:
    """'Lawn Tennis and Croquet Club', 'Survey of Clinics and Health Systems': runs of capitalised common words
    linked by 'of', 'and' or '&' and closed by an organisation's word are one name; a name of its own before 'and'
    ('Orbix and Velmor Group') stays apart."""
    links = st.rules.names["name_links"]
    if not links:
        return
    out: list[Group] = []
    chain: list[Group] = []
    words_linked: list[str] = []  # the links in the chain other than '&' ('Barnes & Noble' needs no closing word)

    def flush() -> None:
        if len(chain) > 1 and (not words_linked or _closes_name(st, chain[-1].toks[-1].text)):
            out.append(Group([t for g in chain for t in g.toks], chain[-1].hint, chain[-1].head))
        else:
            out.extend(chain)
        chain.clear()
        words_linked.clear()

    for g in st.groups:
        prev = chain[-1] if chain else None
        gap = st.text[prev.toks[-1].end:g.toks[0].start] if prev else ""
        link = gap.strip()
        if prev and prev.toks[0].sent == g.toks[0].sent and gap == f" {link} " and link in links and (
                link == "&" or all(is_common(t.text, st.lang) for t in prev.toks) or _shared_head(st, prev, g)):
            chain.append(g)
            if link != "&":
                words_linked.append(link)
            continue
        flush()
        chain.append(g)
    flush()
    st.groups = out


def _closes_name(st: EntityState, word: str) -> bool:
    """Whether a word ends an organisation's or a product's name ('Club', 'Systems', 'Index')."""
    return word in st.v.suffixes


def _org_prefixed_run(st: EntityState, toks: list[Tok], i: int) -> int | None:
    """'FC Lindenau', 'Eintracht Ostheim': a club or firm word before a name; the index after the run."""
    t, v = toks[i], st.v
    if not (t.text in v.org_prefixes and i + 1 < len(toks) and st.spaced(t, toks[i + 1])
            and toks[i + 1].text[:1].isupper() and toks[i + 1].text not in v.not_names
            and not st.overlaps(toks[i + 1].start, toks[i + 1].end)):
        return None
    run = [t, toks[i + 1]]
    number = re.search(r"(?<![\w.])\d{1,2}(?=\. $)", st.text[max(0, t.start - 5):t.start])
    if number:  # '1. FC Lindenau': the club's number is part of its name (even where a sentence split it off)
        a = t.start - 5 + number.start() if t.start >= 5 else number.start()
        run.insert(0, Tok(a, a + len(number.group(0)), number.group(0), t.sent, t.pos))
    j = i + 2
    saints = set(st.rules.names["saint_prefixes"])
    while (j < len(toks) and toks[j].text[:1].isupper() and "-" not in toks[j].text and (
            st.spaced(run[-1], toks[j]) and st.is_name_token(toks[j], toks, j)
            or run[-1].text in saints and st.abbrev_gap(run[-1], toks[j]))):
        run.append(toks[j])  # ('FC St. Velm': after a saint's abbreviation any capitalised word is the name)
        j += 1
    st.org_headed.add(t.start)
    st.groups.append(Group(run, "organization"))
    return j


def _hyphen_compound(st: EntityState, toks: list[Tok], i: int) -> int | None:
    """A hyphenated token: a place ('Baden-Württemberg'), or a name before a head noun ('Orion-Chips',
    'Acme-Konzern', 'US-Zölle'); the index after it, None when the token is no such compound."""
    t, v, lang = toks[i], st.v, st.lang
    parts = t.text.split("-")
    whole_place = place_lookup(t.text) if "-" in t.text else None
    if whole_place and is_strong_place(t.text):
        st.add_place(whole_place, t.start, t.end, t.sent)
        return i + 1
    if "-" not in t.text or (len(parts) == 2 and all(
            p[:1].isupper() and not is_common(p, lang) and p not in v.heads
            and p not in v.not_names for p in parts)):
        return None
    if all(p[:1].isupper() for p in parts) and i + 1 < len(toks) and st.spaced(t, toks[i + 1]) and (
            _strip_possessive(toks[i + 1].text) in v.org_suffixes):
        return None  # 'Tarvin-Dominion Bank': capitalised parts before an organisation's word are its name
    first, head = "-".join(parts[:-1]), parts[-1]
    if t.text in v.not_names or not first[:1].isupper() and not name_shape(first):
        return i + 1
    if _named_institution(st, t, parts):
        return i + 1
    if _names_the_next(st, toks, i):
        return i + 1  # 'die US-Raumfahrtbehörde Orbis': the compound describes the name after it
    if _government_compound(st, t, first, head):
        return i + 1
    place = place_lookup(first)
    if place:
        # a place before a role names whom the person serves ('US-Präsident'); before a thing it is a modifier
        # and no mention of the place ('US-Zölle', 'Shanghai-based')
        if _is_title(head, v.titles) or head in v.role_words:
            st.add_place(place, t.start, t.start + len(first), t.sent)
    elif first not in v.not_names and head in v.org_suffixes and (
            norm(first) in st.alias_index or name_shape(first) or not is_listed(first, lang)):
        key = st.alias_index.get(norm(first)) or st.add_entity(first, "organization")
        st.claim(key, t.start, t.end, t.sent, counted=t.text)  # 'Orbix-Gruppe': the group is the company
        st.surfaces[key].setdefault(first, 0)
        st.votes[key]["organization"] += 3
    elif first not in v.not_names and norm(first) in st.alias_index:
        key = st.alias_index[norm(first)]
        st.taken.append((t.start, t.start + len(first)))
        st.mentions.append(Mention(t.start, t.start + len(first), first, key, t.sent))
        if head in v.product_heads:
            st.votes[key]["product"] += 0.5
    elif first not in v.not_names and (name_shape(first) or st.noninitial.get(first, 0) and
                                       not is_common(first, lang) or head in v.product_heads or
                                       head in v.org_heads and not is_common(first, lang)):
        hint = "product" if head in v.product_heads else "organization" if head in v.org_heads else None
        if hint or name_shape(first) or not is_common(first, lang):
            st.groups.append(Group([Tok(t.start, t.start + len(first), first, t.sent, t.pos)], hint, head))
            if hint == "product":
                st.compounds.append((t.start, t.text))
    return i + 1


def _named_institution(st: EntityState, t: Tok, parts: list[str]) -> bool:
    """'Hans-Quandt-Museum', 'Lena-Orvan-Zentrums': capitalised names joined to an institution noun are one
    organisation (a genitive ending goes); claimed here."""
    heads = st.rules.names["compound_org_heads"]
    head = parts[-1]
    stem = next((head[: -len(x)] for x in ("es", "s") if head.endswith(x) and head[: -len(x)] in heads), head)
    if stem not in heads or len(parts) < 3 or not all(p[:1].isupper() and p.isalpha() for p in parts[:-1]):
        return False
    name = "-".join([*parts[:-1], stem])
    st.claim(st.add_fixed_org(name), t.start, t.end, t.sent, counted=name)
    return True


def _names_the_next(st: EntityState, toks: list[Tok], i: int) -> bool:
    """Whether an organisation noun stands right before a name it describes ('US-Raumfahrtbehörde Orbis')."""
    if i + 1 >= len(toks) or not st.spaced(toks[i], toks[i + 1]) or not st.v.org_cue(toks[i].text):
        return False
    nxt = toks[i + 1].text
    return (nxt[:1].isupper() and nxt not in st.v.not_names and "-" not in nxt
            and (name_shape(nxt) or not is_listed(nxt, st.lang)))


def _government_compound(st: EntityState, t: Tok, first: str, head: str) -> bool:
    """'US-Regierung', 'US-Handelsministeriums', 'Trump-Administration': a name or place joined to an authority
    noun is one organisation (the genitive ending goes); claimed here."""
    heads = tuple(h.lower() for h in st.rules.authority_heads)
    low = head.lower()
    stem = next((head[: -len(x)] for x in ("es", "s") if low.endswith(x) and low[: -len(x)].endswith(heads)), head)
    if not heads or not stem.lower().endswith(heads) or not head[:1].isupper():
        return False
    if not (place_lookup(first) or norm(first) in st.alias_index or name_shape(first)
            or not is_common(first, st.lang) or st.tags.get(t.start) == "NE"):
        return False
    name = f"{first}-{stem}"
    st.claim(st.add_fixed_org(name), t.start, t.end, t.sent, counted=name)
    return True


def _after_org_cue(st: EntityState, toks: list[Tok], i: int) -> int | None:
    """A name right after an organisation noun, even one the lexicon reads as a compound ('der Autobauer Orbix',
    'die Gewerkschaft IG Bau', 'des Chipdesigners Kestrel Technologies')."""
    t, v, lang = toks[i], st.v, st.lang
    if not (i > 0 and t.text[:1].isupper() and t.text not in v.not_names and "-" not in t.text
            and st.spaced(toks[i - 1], t) and v.org_cue(toks[i - 1].text)
            and (not is_listed(t.text, lang) or name_shape(t.text))
            and not st.given_name_opens(toks, i)):  # 'the writer and producer Ivy Dornvale' is a person
        return None
    run = [t]
    if (ACRONYM.match(t.text) and i + 1 < len(toks) and toks[i + 1].text[:1].isupper()
            and st.spaced(t, toks[i + 1]) and toks[i + 1].text not in v.not_names
            and (i + 2 == len(toks) or not toks[i + 2].text[:1].isupper())):
        run.append(toks[i + 1])
    k = i + len(run)
    while (k < len(toks) and st.spaced(run[-1], toks[k]) and "-" not in toks[k].text
           and not ACRONYM_TICKER.match(toks[k].text)  # 'Acme ACM.O': a ticker is an alias
           and (toks[k].text in v.suffixes
                or toks[k].text[:1].isupper() and st.is_name_token(toks[k], toks, k)
                # where only names are capitalised, a capitalised word is the name's ('group Elm Organizing Project')
                and (not is_listed(toks[k].text, lang) or not st.rules.nouns_capitalised))):
        run.append(toks[k])
        k += 1
    st.org_headed.add(t.start)
    st.groups.append(Group(run, "organization"))
    return i + len(run)


def _after_place_cue(st: EntityState, toks: list[Tok], i: int) -> int | None:
    """Where nouns are capitalised: a word the lexicon does not list right after a place noun is a place's name,
    even when it reads as a compound ('im Bereich Oberndorf', 'die Gemeinde Talbrück')."""
    t = toks[i]
    if not (st.rules.nouns_capitalised and i > 0 and st.spaced(toks[i - 1], t) and _place_cue(st, toks[i - 1].text)
            and t.text[:1].isupper() and t.text not in st.v.not_names and "-" not in t.text
            and not is_listed(t.text, st.lang) and t.text not in st.rules.names["saint_prefixes"]):
        return None
    st.groups.append(Group([t]))
    return i + 1


def _place_cue(st: EntityState, word: str) -> bool:
    """'Insel', 'Landkreis', 'Luftwaffenstützpunkt': a place noun, or a compound ending in a longer one."""
    cues = st.rules.names["place_cues"]
    endings = tuple(c.lower() for c in cues if len(c) >= 5 and c[:1].isupper())
    return word in cues or word.split("-")[-1] in cues or bool(endings) and word[:1].isupper() and (
        word.lower().endswith(endings))


def compass_place(st: EntityState, word: str) -> tuple[str, dict[str, str], str] | None:
    """'Westeuropa(s)', 'Nordafrika': a compass word glued to a listed place names a region of it."""
    base = word[:-1] if st.rules.genitive_s and word.endswith("s") else word
    for prefix in st.rules.names["compass_prefixes"]:
        rest = base[len(prefix):]
        if base.startswith(prefix) and len(rest) >= 4 and place_lookup(rest.capitalize()):
            return "region:" + norm(base), {"en": base, "de": base}, "place"
    return None


def _common_first_name(st: EntityState, toks: list[Tok], i: int) -> bool:
    """A common word as a first name after a speech verb or title: 'sagte Tang Wei', 'Trainer Sam Miller'."""
    t, v, lang = toks[i], st.v, st.lang
    return bool(st.rules.nouns_capitalised and i + 1 < len(toks) and t.text[:1].isupper()
                and t.text not in v.not_names and st.spaced(t, toks[i + 1]) and "-" not in toks[i + 1].text
                and not is_common(toks[i + 1].text, lang) and not name_shape(toks[i + 1].text)
                and toks[i + 1].text not in v.not_names
                and (i == 0 or toks[i - 1].text.lower() not in DETERMINERS)
                and (i > 0 and (toks[i - 1].text in v.speech or toks[i - 1].text in v.titles
                                or toks[i - 1].text.split("-")[-1] in v.titles)))


def _name_run(st: EntityState, toks: list[Tok], i: int) -> int | None:
    """A run of name tokens starting at toks[i]; role words before or inside it are cut off."""
    t, v, lang = toks[i], st.v, st.lang
    if i + 1 < len(toks) and st.spaced(t, toks[i + 1]) and " " not in t.text and (demonym_place(
            f"{t.text} {toks[i + 1].text}", lang) or t.text[:1].isupper() and not name_shape(t.text)
            and not place_lookup(t.text) and demonym_place(toks[i + 1].text, lang)
            and st.adjective_of_origin(toks[i + 1].text, toks, i + 1)):
        return i + 2  # 'South Korean suppliers', 'Central Asian markets': an adjective of a place, no name
    if not st.is_name_token(t, toks, i) and not _common_first_name(st, toks, i):
        return None
    run = [t]
    if i > 0 and st.rules.nouns_capitalised:
        pv = toks[i - 1]
        if (pv.text[:1].isupper() and st.spaced(pv, t) and "-" not in pv.text
                and pv.text.lower() not in DETERMINERS and _ends_in_org_suffix(st, pv.text)):
            run = [pv, t]
            st.org_headed.add(pv.start)
    run, j = _extend_run(st, toks, run, i + 1)
    if st.rules.nouns_capitalised and len(run) > 1 and _ends_in_org_suffix(st, run[0].text):
        st.org_headed.add(run[0].start)  # 'Volksbank Nordwest': a compound on an organisation word opens it
    # a role word inside a run ends a name before it: 'Ohio Governor Dana Whitfield'
    cut = next((k for k in range(1, len(run) - 1) if _is_title(run[k].text, v.titles)
                and run[-1].text not in v.org_suffixes and not _is_title(run[k - 1].text, v.titles)), None)
    if cut is not None:
        before = run[:cut]
        # 'House Minority Whip X' loses its role words; 'Elm State University President X' keeps the university
        while len(before) > 1 and is_common(before[-1].text, lang) and before[-1].text not in v.suffixes:
            before = before[:-1]
        lone = before[0].text if len(run[:cut]) == 1 else None  # 'Majority Leader X' (Senate known)
        if not (lone and is_common(lone, lang) and not place_lookup(lone) and norm(lone) not in st.alias_index):
            st.groups.append(Group(before))
        run = run[cut + 1:]
    # 'European Medicines Agency': a capitalised country adjective opens an organisation's name
    if (not st.rules.nouns_capitalised and run[-1].text in v.org_suffixes and i > 0
            and toks[i - 1].text in v.not_names and DEMONYM_SHAPE.match(toks[i - 1].text)
            and st.spaced(toks[i - 1], t)):
        run = [toks[i - 1]] + run
    k0 = toks.index(run[0])
    if (k0 > 0 and toks[k0 - 1].text in st.rules.names["name_articles"] and st.spaced(toks[k0 - 1], run[0])
            and not st.opens_sentence(toks, k0 - 1)):
        run = [toks[k0 - 1]] + run  # 'told The Daily Courier': a capitalised article inside a sentence is the name's
    named_by_suffix = _strip_possessive(run[-1].text) in v.suffixes or MODEL_NUMBER.match(run[-1].text)
    if len(run) >= 3 and st.tags.get(run[0].start) == "NN" and all(st.tags.get(x.start) == "NE" for x in run[1:]):
        run = run[1:]  # a common noun before a proper name of two words is a role, not part of it
    while len(run) > 1 and not named_by_suffix and (_is_title(run[0].text, v.titles) or (
            not st.rules.nouns_capitalised and len(run) > 2 and is_common(run[0].text, lang)
            and not is_strong_place(run[0].text) and _leading_common_word(st, toks, toks.index(run[0])))):
        run = run[1:]
    if _defined_term(st, toks, run):
        return j
    split = _split_at_role(st, run)
    if split:
        st.groups.append(Group(split[0]))
        st.org_headed.add(split[0][0].start)  # the name before a role word is who the person works for
        run = split[1]
    st.groups.append(Group(run))
    return j


def _leading_common_word(st: EntityState, toks: list[Tok], k: int) -> bool:
    """Whether a capitalised common word before a name is no part of it: it opens the sentence or a capitalised
    opening ('Top Acme engineers', 'Trade Commissioner Anna Berg'), or it is shaped like a role ('Economist');
    inside a sentence any other is part of the name ('Cape Canaveral Air Force Station', 'United Launch Alliance')."""
    if all(x.text[:1].isupper() for x in toks[:k]) or st.opens_sentence(toks, k):
        return True
    return toks[k].text.lower().endswith(ROLE_ENDINGS)


def _defined_term(st: EntityState, toks: list[Tok], run: list[Tok]) -> bool:
    """'the Board approved', 'allowing the Company to': an English common word written capitalised after 'the'
    stands for a body the text names otherwise (a defined term), no name of its own; a longer name's last word
    stays, as its short form ('the Commission' after 'the European Commission')."""
    word = _strip_possessive(run[0].text)
    k = toks.index(run[0])
    return (len(run) == 1 and not st.rules.nouns_capitalised and k > 0 and toks[k - 1].text == "the"
            and not word.isupper() and is_common(word.lower(), st.lang) and not place_lookup(word)
            and norm(word) not in st.alias_index and word not in _name_tails(st))


def _name_tails(st: EntityState) -> set[str]:
    """Capitalised words that follow another capitalised word somewhere in the text (found once per article)."""
    if st.name_tails is None:
        st.name_tails = {m.group(1) for m in re.finditer(r"[A-Z][\w.’'-]*(?= ([A-Z][\w’'-]*))", st.text)}
    return st.name_tails


# endings of English role nouns ('Economist', 'Geologist', 'Director', 'Historian')
ROLE_ENDINGS = ("er", "or", "ist", "ian")


def _split_at_role(st: EntityState, run: list[Tok]) -> tuple[list[Tok], list[Tok]] | None:
    """'Velm Water Board Economist Anna Orvan': inside an English run of names, a role word before a given
    name ends the organisation's name and opens the person's; (the organisation's part, the person's part)."""
    if st.rules.nouns_capitalised:
        return None
    for k in range(1, len(run) - 1):
        word = run[k].text
        role = _is_title(word, st.v.titles) or is_common(word.lower(), st.lang) and word.lower().endswith(ROLE_ENDINGS)
        if role and is_given_name(run[k + 1].text) and not is_given_name(run[k - 1].text):
            return run[:k], run[k + 1:]
    return None


def _short_model_number(st: EntityState, toks: list[Tok], j: int) -> bool:
    """'Falcon 9 rocket', 'Atlas V rocket', '„Falcon 9“-Rakete': one digit or a Roman numeral closes a product's
    name when a product noun follows."""
    if not SHORT_MODEL.fullmatch(toks[j].text) or j + 1 >= len(toks):
        return False
    gap = st.text[toks[j].end:toks[j + 1].start]
    return bool(re.fullmatch(r"[\"“”„]?(?:-| )", gap)) and toks[j + 1].text.lower() in st.v.prod_lower


def _ends_in_org_suffix(st: EntityState, word: str) -> bool:
    """'Volksbank', 'Stadtwerke': a longer word ending in an organisation suffix of four letters or more."""
    return len(word) > 4 and any(word.lower().endswith(sfx.lower()) for sfx in st.v.org_suffixes if len(sfx) >= 4)


def _counted_at(st: EntityState, run: list[Tok], number: Tok) -> bool:
    """'the Tarnby General Hospital 12 patients', 'Orla 26 and Velm 12': after an institution's closing word, or
    after a town in a list, the number is a count at that place, no model number ('the Atlantic 10 opponent')."""
    last = _strip_possessive(run[-1].text)
    listed = re.match(r"\s*(?:[,;)]|and\b|und\b|$)", st.text[number.end:number.end + 5])
    return last in st.v.org_suffixes or len(run) == 1 and bool(listed) and is_town(last)


def _extend_run(st: EntityState, toks: list[Tok], run: list[Tok], j: int) -> tuple[list[Tok], int]:
    """Add the following name tokens to a run; (the run, the index after it)."""
    v, lang = st.v, st.lang
    while j < len(toks):
        nxt = toks[j]
        surname = len(run) == 1 and st.given_name_opens(toks, j - 1)  # 'Hannelore Birnbaum-Kesselring'
        if (not st.spaced(run[-1], nxt) and not st.abbrev_gap(run[-1], nxt) and not st.dotted_gap(run[-1], nxt)
                and not st.legal_gap(run[-1], nxt)) or "-" in nxt.text and not surname and not _regional_name(
                st, run, nxt):
            break
        if (len(nxt.text) == 1 and nxt.text.isupper() and j + 1 < len(toks) and st.dotted_gap(nxt, toks[j + 1])
                and st.is_name_token(toks[j + 1], toks, j + 1)):
            run.append(nxt)  # 'Anna K. Berg': a middle initial
            j += 1
            continue
        amount = re.match(r"[.,]\d", st.text[nxt.end:nxt.end + 2]) or (  # 'paid the Orvans 250,000 euros'
            j + 1 < len(toks) and toks[j + 1].text.lower() in st.rules.time.units)  # 'Anna Velm 59 years of …'
        if (MODEL_NUMBER.match(nxt.text) or _short_model_number(st, toks, j)) and not amount \
                and not _is_title(run[-1].text, v.titles) and not _counted_at(st, run, nxt):
            run.append(nxt)  # 'Zephyr 910C', 'Orbix Pro 600D': a model number closes a product's name
            j += 1
            break
        if not st.is_name_token(nxt, toks, j) and nxt.text not in v.suffixes and not _closes_place_name(st, nxt):
            # 'Dr. Miriam Sommer': after a title and a first name, a capitalised word is the surname
            k0 = toks.index(run[0])
            if not (len(run) == 1 and k0 > 0 and _is_title(toks[k0 - 1].text, v.titles)
                    and (nxt.text not in v.not_names or nxt.text in v.surname_words)
                    and nxt.text[:1].isupper() and not is_common(run[0].text, lang)
                    and (j + 1 == len(toks) or not toks[j + 1].text[:1].isupper())):
                break
        if _is_title(run[-1].text, v.titles) and len(run) == 1 and nxt.text not in v.org_suffixes:
            run = [nxt]
            j += 1
            continue
        if (ACRONYM_TICKER.match(nxt.text) and not ACRONYM_TICKER.match(run[-1].text)
                and not ROMAN.match(nxt.text)  # 'Artemis III' is one name
                and nxt.text not in v.suffixes):
            break
        if run[-1].text.endswith(("s'", "’s", "'s")) and not _possessive_inside_name(st, run[-1], toks, j):
            break
        run.append(nxt)
        j += 1
    return run, j


def _closes_place_name(st: EntityState, nxt: Tok) -> bool:
    """Where nouns are capitalised a place noun written apart closes the name before it ('die Velmar Arena'); in
    English every capitalised word continues a name anyway."""
    return st.rules.nouns_capitalised and nxt.text in st.rules.names["place_suffixes"]


def _regional_name(st: EntityState, run: list[Tok], nxt: Tok) -> bool:
    """'Raiffeisenbank Velm-Orla', 'Stadtbank Tarn-Aue': after an organisation's word a hyphenated pair of
    capitalised names (rivers, regions) is the rest of its name."""
    if len(run) != 1 or not _ends_in_org_suffix(st, run[0].text) and run[0].text not in st.v.org_suffixes:
        return False
    parts = nxt.text.split("-")
    return (len(parts) == 2 and all(p[:1].isupper() and len(p) > 2 for p in parts)
            and not is_common(nxt.text, st.lang) and not is_common(parts[-1].lower(), st.lang))


def _possessive_inside_name(st: EntityState, owner: Tok, toks: list[Tok], j: int) -> bool:
    """"Tarvin County Sheriff's Office", "Velmar Children's Hospital": a possessive right before an organisation
    suffix that closes the name belongs to it (not "Acme's Orbix Pro", "Acme's Office Team" or "Tarvin's AI")."""
    nxt = toks[j]
    if nxt.text not in st.v.org_suffixes or place_lookup(_strip_possessive(owner.text)):
        return False
    return j + 1 == len(toks) or not toks[j + 1].text[:1].isupper() or not st.spaced(nxt, toks[j + 1])


# ---------------------------------------------------------------- passes: groups become entities

def resolve_groups(st: EntityState) -> None:
    """Each group: an alias in brackets or a ticker of the name before it, a place, a town, a known name, or a
    new entity; new names collect type votes."""
    # words that open a longer name ('Velmar' of 'Velmar Space Center'), not one that closes it ('Plan Velmar')
    # words inside longer names ('Velmar' of 'Velmar Space Center'); a place's own name before a place word closing
    # it stays the place ('Velmar' of 'Velmar Hauptbahnhof')
    place_words = set(st.rules.names["place_suffixes"])
    multi_parts = {t.text for g in st.groups if len(g.toks) > 1 and g.toks[-1].text not in place_words
                   for t in g.toks[:-1]}
    legal = set(st.rules.names["legal_forms"]) | set(st.rules.names["generation_suffixes"])
    for g in st.groups:  # 'Orvan Freight Corp.', 'Ann Vole Jr.': the full stop is part of the name as written
        last = g.toks[-1]
        if len(g.toks) > 1 and last.text + "." in legal and st.text[last.end:last.end + 1] == ".":
            g.toks[-1] = Tok(last.start, last.end + 1, last.text + ".", last.sent, last.pos)
    n_before = len(st.mentions)
    pre_ends = {m.end: m for m in st.mentions if m.via == "name"}
    for g in st.groups:
        if st.overlaps(g.toks[0].start, g.toks[-1].end):
            continue
        if (_alias_of_previous(st, g, n_before, pre_ends) or _ticker_alias(st, g)
                or _suffix_after_comma(st, st.text[g.toks[0].start - 2:])):
            continue  # an alias, or the legal form of the name before it ('Acme Widgets, Inc.')
        if _place_adjective(st, g):
            continue
        if _place_group(st, g, multi_parts):
            continue
        key, base = _group_entity(st, g)
        st.claim(key, g.toks[0].start, g.toks[-1].end, g.toks[0].sent, counted=base)
        vote_type(st, g, key, base)


def _alias_of_previous(st: EntityState, g: Group, n_before: int, pre_ends: dict[int, Mention]) -> bool:
    """'Acme (ACM)', 'Acme ACM', 'Acme .ACM': a bracketed short form or ticker right after a name is its alias."""
    text = st.text
    surface = text[g.toks[0].start:g.toks[-1].end]
    a0 = g.toks[0].start
    # groups come in text order, so the name before is the last mention this pass added, or an earlier one
    newest = st.mentions[-1] if len(st.mentions) > n_before else None
    if newest is not None and newest.via == "name" and (
            a0 - 2 <= newest.end <= a0 or st.text[newest.end:a0] in st.rules.names["alias_links"]):
        prev_m = newest
    else:
        prev_m = pre_ends.get(a0 - 1) or pre_ends.get(a0 - 2) or pre_ends.get(a0) or next(
        (pre_ends[a0 - len(x)] for x in st.rules.names["alias_links"] if a0 - len(x) in pre_ends), None)
    if prev_m is None or len(g.toks) != 1 or st.entities[prev_m.key].type == "place":
        return False
    between = text[prev_m.end:a0]
    after = text[g.toks[-1].end:g.toks[-1].end + 1]
    before_words = text[max(0, prev_m.start - 40):prev_m.start].split()
    person_like = bool(before_words) and _is_title(before_words[-1].rstrip(".,"), st.v.titles)
    person_like = person_like or st.votes[prev_m.key]["person"] > 0
    if person_like and between == " (":
        return False  # 'Minister Anna Berger (SPD)': the party, not another name of the person
    named_again = between in st.rules.names["alias_links"] and bool(ACRONYM.match(surface))  # 'X, or XYZ,'
    if not ((between == " (" and after == ")") or (between in (" ", " .") and ACRONYM_TICKER.match(surface))
            or named_again):
        return False
    key = prev_m.key
    st.secondary.add(surface if between != " ." else "." + surface)
    if between == " .":
        a0 -= 1
        surface = "." + surface
    st.alias_index.setdefault(norm(surface), key)
    st.surfaces[key][surface] += 1
    st.taken.append((a0, g.toks[-1].end))
    st.mentions.append(Mention(a0, g.toks[-1].end, surface, key, g.toks[0].sent))
    return True


EXCHANGE_BRACKET = re.compile(r"(?:,\s*[A-Z][\w.]*)?\s*\(\s*[A-Z][A-Za-z]+\s*:\s*$")


def _ticker_alias(st: EntityState, g: Group) -> bool:
    """'Acme, Inc. (NASDAQ: ACME)': a ticker after an exchange's name in brackets is an alias of the company
    named right before the bracket."""
    a0 = g.toks[0].start
    if len(g.toks) != 1 or not ACRONYM_TICKER.match(g.toks[0].text):
        return False
    window = st.text[max(0, a0 - 60):a0]
    m = EXCHANGE_BRACKET.search(window)
    if not m:
        return False
    end = a0 - len(window) + m.start()
    # right after the name, or after its first ticker: 'Acme Inc (NASDAQ: ACME) (NASDAQ: ACMEL)'
    ends = {end, end - 1} if st.text[end - 1:end] == ")" else {end}
    owner = next((x for x in reversed(st.mentions) if x.end in ends and x.via == "name"), None)
    if owner is None or st.entities[owner.key].type == "place":
        return False
    surface = g.toks[0].text
    st.secondary.add(surface)
    st.alias_index.setdefault(norm(surface), owner.key)
    st.claim(owner.key, a0, g.toks[0].end, g.toks[0].sent)
    return True


def _place_adjective(st: EntityState, g: Group) -> bool:
    """Where nouns are capitalised: a place's '-er' adjective before a noun ('das St. Quellener Museum', 'die
    Talbrücker Polizei') describes the noun and is no mention of the place."""
    last = g.toks[-1]
    if not st.rules.nouns_capitalised or not last.text.endswith("er") or len(last.text) < 5:
        return False
    if not re.match(r" [A-ZÄÖÜ]", st.text[last.end:last.end + 2]):
        return False
    stem = st.text[g.toks[0].start:last.end][:-2]
    return bool(place_lookup(stem) or any(  # a place from the lists, or one this text names (typed later)
        (e.type == "place" or st.votes[e.id]["place"] > 0)
        and norm(stem) in {norm(f) for f in [e.name, *e.aliases, *st.surfaces[e.id]]} for e in st.entities.values()))


def _place_group(st: EntityState, g: Group, multi_parts: set[str]) -> bool:
    """A place from the lists, or a town by position ('in Millbrook, Ohio', 'aus Gütersloh'); claimed here."""
    v, text = st.v, st.text
    surface = text[g.toks[0].start:g.toks[-1].end]
    last = g.toks[-1].text
    place = place_lookup(surface) or (compass_place(st, surface) if len(g.toks) == 1 else None)
    if len(g.toks) == 1 and surface in multi_parts and not is_strong_place(surface):
        place = None  # 'Velmar' of 'Velmar Space Center'; a country stays one ('Norway' beside 'Norway Post')
    if place and (last not in v.suffixes or len(g.toks) > 1 and last in ("City", "County")):
        if not _modifier_abbreviation(st, g, surface) and not _currency_modifier(st, g.toks[-1].end):
            st.add_place(place, g.toks[0].start, g.toks[-1].end, g.toks[0].sent)
        return True
    if place or len(g.toks) > 2 or norm(surface) in st.alias_index or not v.locatives or g.toks[0].start == 0:
        return False
    before = text[max(0, g.toks[0].start - 12):g.toks[0].start].split()
    m_loc = re.match(r"(?:,\s*|\s+\()([A-ZÄÖÜ][\w-]+(?: [A-ZÄÖÜ][\w-]+)?)", text[g.toks[-1].end:g.toks[-1].end + 40])
    town_shape = len(g.toks) == 1 and _town_shaped(st, surface)
    if before and before[-1] in v.locatives and (m_loc and place_lookup(m_loc.group(1)) or town_shape):
        pk = "town:" + norm(surface)
        st.add_place((pk, {"en": surface, "de": surface}, "place"), g.toks[0].start, g.toks[-1].end,
                     g.toks[0].sent)
        return True
    return False


def _currency_modifier(st: EntityState, end: int) -> bool:
    """'12 Taiwan dollars', 'in New Zealand dollars': a place (ending at `end`) naming a currency is no mention of
    the place."""
    nxt = re.match(r"\s+([\w$€-]+)", st.text[end:end + 30])
    units = set(st.rules.currencies) | set(st.rules.names["currency_units"])
    return bool(nxt) and (nxt.group(1) in units or nxt.group(1).lower() in units)


def _modifier_abbreviation(st: EntityState, g: Group, surface: str) -> bool:
    """'U.S. acute care hospitals', 'US space agency X': where adjectives are lower case, a country's
    abbreviation before a lower-case noun only describes it and is no mention of the country."""
    if st.rules.nouns_capitalised or len(g.toks) != 1 or not re.fullmatch(r"(?:[A-Z]\.?){2,3}", surface):
        return False
    nxt = re.match(r"\.?\s+([a-z][\w-]*)", st.text[g.toks[-1].end:g.toks[-1].end + 40])
    if not nxt:
        return False
    word = nxt.group(1)
    return (is_common(word, st.lang) and word not in st.v.stopwords and word not in NON_NOUN_EN
            and word not in st.v.speech and word not in st.v.locatives and not word.endswith("ed")
            and word not in st.rules.names["modifier_stop"])


def _group_entity(st: EntityState, g: Group) -> tuple[str, str]:
    """(entity id, the surface counted as its name) of a group that names no place: a known name (a dotted
    form 'Acme Inc.', a genitive 'Acmes') or a new organisation, typed later by votes."""
    surface = st.text[g.toks[0].start:g.toks[-1].end]
    base = _strip_possessive(surface)
    dotted = next((k for f, k in st.alias_index.items() if "." in f and f.split(".")[0] == norm(base)), None)
    if dotted and norm(base) not in st.alias_index:
        st.alias_index[norm(base)] = dotted
        st.secondary.add(base)
    genitive = st.rules.genitive_s
    if norm(base) in st.alias_index:
        return st.alias_index[norm(base)], base
    if genitive and base.endswith("s") and norm(base[:-1]) in st.alias_index:
        return st.alias_index[norm(base[:-1])], base[:-1]
    if genitive and base.endswith("s") and len(g.toks) == 1 and (
            st.noninitial.get(base[:-1], 0) or any(x.text == base[:-1] for gg in st.groups for x in gg.toks)):
        base = base[:-1]
    return st.add_entity(base, "organization"), base


def vote_type(st: EntityState, g: Group, key: str, base: str) -> None:
    """Evidence for the type of a new name: suffixes, hyphen heads, cue words before it, an apposition after
    it, a model code, role words and speech verbs, two capitalised words."""
    v, text = st.v, st.text
    vote = st.votes[key]
    last = _strip_possessive(g.toks[-1].text)  # "Acme Corp's"
    b = g.toks[-1].end
    toks = st.sentences[st.sent_pos.get(g.toks[0].sent, 0)]
    idx = next(k for k, x in enumerate(toks) if x.start >= g.toks[0].start) if toks else 0
    prev = toks[idx - 1].text if idx > 0 else ""
    pprev = toks[idx - 2].text if idx > 1 else ""
    prev_head = prev.split("-")[-1]
    after = text[b:b + 40]
    if last in v.org_suffixes or g.toks[0].start in st.org_headed or _suffix_after_comma(st, after):
        vote["organization"] += 3
    elif last in v.prod_suffixes:
        vote["product"] += 3
    if g.hint == "product":
        vote["product_hyphen"] += 1
        vote[f"head:{g.head}"] += 1
    elif g.hint == "organization":
        vote["organization"] += 1
    if DIGIT_TOKEN.match(base) or DIGIT_TOKEN.match(g.toks[0].text) and last not in v.suffixes:
        vote["product"] += 2  # 'X900', 'X900 Pro': a model code names a product
    if prev in v.prod_cues or prev_head in v.prod_cues:
        vote["product"] += 3
    if len(g.toks) > 1 and st.rules.names["model_year"] and re.search(
            st.rules.names["model_year"] + r"\s+$", text[max(0, g.toks[0].start - 20):g.toks[0].start]):
        vote["product"] += 4  # 'a 2014 Velmo Strider': a model year before a make and model names a vehicle
    elif v.prod_endings and prev[:1].isupper() and prev.lower().endswith(v.prod_endings):
        vote["product"] += 3  # 'das Röntgenteleskop X'
    if prev in v.org_cues or prev_head in v.org_cues:
        vote["organization"] += 2
    if prev in v.org_links and pprev.lower() in v.org_heads_lower:
        # 'analysts at X', 'shares of X', 'Analysten von X': outweighs a given name ('analysts at Morgan Lane')
        vote["organization"] += 5
    _vote_apposition(st, vote, after)
    _vote_place_or_thing(st, vote, g, toks, idx, prev, pprev)
    kind = re.match(r" ([a-z]+)\b", after)
    if kind and kind.group(1) in st.rules.names["place_cues"]:
        st.surfaces[key].setdefault(f"{base} {kind.group(1)}", 0)  # 'Tarvan province' is another way to name it
    if len(g.toks) > 1 and (DIGIT_TOKEN.match(g.toks[-1].text) or MODEL_NUMBER.match(g.toks[-1].text)
                            or SHORT_MODEL.fullmatch(g.toks[-1].text)):
        vote["product"] += 2.5  # a model code closes the name ('Zephyr Z2', 'Orbix 910C')
    if st.rules.possessive_s and (text[b - 2:b] in ("'s", "’s") and re.match(r"\s+[A-Z][\w-]+\s+[A-Z][\w-]+", after)
                                  or re.match(r"['’]s\s+[A-Z][\w-]+\s+[A-Z][\w-]+", after)):
        vote["organization"] += 3  # "Blue Harbor's Tom Field": a team or employer before a person
    elif v.cue_endings and re.sub(r"(?:es|s)$", "", prev.lower()).endswith(v.cue_endings):
        vote["organization"] += 2  # 'des Datenanbieters X', 'des Energiekonzerns X'
    _vote_person(st, vote, g, toks, idx, prev, prev_head, after)
    if ACRONYM_TICKER.match(base) or name_shape(base):
        vote["organization"] += 0.5
    if not g.hint:
        vote["organization"] += 0.5
        vote["default"] += 0.5  # kept apart too: the later passes ask whether a name had any other evidence


# a person's age, then the town they live in ('Ann Vole, 27, of …', 'Ann Vole (27) aus …', '… 27 years of …')
RESIDENCE = re.compile(r"(?:,\s*\d{1,3},|\(\d{1,3}\)|\b\d{1,3}\s+years?(?:\s+old)?,?)\s+(?:of|from|aus|von)\s+$")


def _vote_place_or_thing(st: EntityState, vote: Counter, g: Group, toks: list[Tok], idx: int, prev: str,
                         pprev: str) -> None:
    """A place noun before the name ('die Insel X', 'the city of X'), a place word closing it ('X Airport'), or a
    lower-case place or product noun right after it ('the X asteroid', 'an X rocket')."""
    names = st.rules.names
    cues = set(names["place_cues"])
    if _place_cue(st, prev) or (prev in names["place_links"] and pprev in cues):
        vote["place"] += 3
    before = st.text[max(0, g.toks[0].start - 30):g.toks[0].start]
    if RESIDENCE.search(before):
        vote["place"] += 3  # 'Ann Vole, 27, of Elm Falls': where a person named with an age lives
    if before.lower().rstrip().endswith(tuple(names["compass_phrases"])) and before[-1:].isspace():
        vote["place"] += 3  # 'east of Velmar': a direction counts from a place
    if len(g.toks) > 1 and g.toks[-1].text in names["place_suffixes"] or g.toks[0].start in st.place_starts:
        vote["place"] += 3
    if len(g.toks) > 1 and g.toks[0].text in names["saint_prefixes"] and g.toks[-1].text not in st.v.suffixes:
        vote["place"] += 3  # 'St. Quellen', 'Sankt Velmar': a town named after a saint
    if len(g.toks) > 1 and place_lookup(g.toks[-1].text) and all(is_common(x.text, st.lang) for x in g.toks[:-1]):
        vote["place"] += 3  # 'New Ruritania', 'Greater Velmor': common words before a place name a place
    end = next((k for k in range(idx, len(toks)) if toks[k].start >= g.toks[-1].end), None)
    nxt = toks[end].text if end is not None and st.spaced(toks[end - 1], toks[end]) else ""
    if nxt.islower() and nxt in cues:
        vote["place"] += 3
    elif nxt.islower() and nxt in st.v.prod_cues and not nxt.endswith("s"):
        vote["product"] += 3  # one thing of a kind; 'X chips' (a plural) names their maker


def _suffix_after_comma(st: EntityState, after: str) -> bool:
    """'Acme Widgets, Inc. said': a legal-form suffix after a comma closes an organisation's name (not one that
    opens another name: 'Tarvel, Co Velmare', an Irish county)."""
    m = re.match(r",\s+([A-Z][\w.]*)(\s+[A-Z][a-z])?", after)
    return (bool(m) and m.group(1) in st.v.org_suffixes and len(m.group(1).rstrip(".")) <= 4
            and not (m.group(2) and not m.group(1).endswith(".")))


def _vote_apposition(st: EntityState, vote: Counter, after: str) -> None:
    """'the Zephyr Z2, a folding phone', 'Orbix, ein Autobauer aus …': the first typing noun decides."""
    v = st.v
    app = v.appos_re.match(after) if v.appos_re else None
    if not app:
        return
    for w in app.group(1).split():
        if w.lower() in v.stopwords or w in v.role_words or _is_title(w, v.titles):
            return  # 'Anna Berger, eine Sprecherin des Konzerns' is not typed by 'Konzerns'
        if w.split("-")[-1].lower() in v.prod_lower:
            vote["product"] += 3
            return
        if w in st.rules.names["place_cues"]:
            vote["place"] += 3  # 'X, a Greek island'
            return
        if v.org_cue(w) or w.split("-")[-1] in v.org_cues:
            vote["organization"] += 2
            return


def _vote_person(st: EntityState, vote: Counter, g: Group, toks: list[Tok], idx: int, prev: str, prev_head: str,
                 after: str) -> None:
    """Person evidence: a title or role word before, a speech verb, an age or role after, two name words."""
    v = st.v
    last = _strip_possessive(g.toks[-1].text)  # "Acme Corp's"
    if prev in v.titles or prev_head in v.titles or prev in v.role_words or _is_title(prev, v.titles):
        vote["person"] += 3
    if any(_strip_possessive(x.text) in v.org_suffixes for x in g.toks[1:-1]):
        return  # 'said Velm Weather Service Tarvin': an organisation's word inside the run names no person
    if prev in v.speech and len(g.toks) > 1:
        vote["person"] += 2
    kin = st.rules.names["kin_words"]
    if kin and (prev in kin or re.match(r",\s*(?:\w+\s+)?(?:" + "|".join(map(re.escape, kin)) + r")\b", after)):
        vote["person"] += 3  # 'his wife Rosalind', 'Rosalind, wife of …': a relative is a person
    coded = any(ACRONYM_TICKER.match(x.text) or MODEL_NUMBER.match(x.text) or SHORT_MODEL.fullmatch(x.text)
                or DIGIT_TOKEN.match(x.text) for x in g.toks)  # 'Nova Pro 600D' is a product
    if len(g.toks) > 1 and last in st.rules.names["place_suffixes"]:
        return  # 'Vera County', 'Ivy Street': a given name opening a county's or a road's name makes no person
    if len(g.toks) > 1 and not coded and last not in v.suffixes and st.given_name_opens(toks, idx):
        vote["person"] += 3  # 'Ivy Marwick': a known given name before a surname
    if re.match(r",\s*\d{1,3}\s*,", after):
        vote["person"] += 3
    if _pronoun_follows(st, after):
        vote["person"] += 2  # 'Velm scored his third goal': the clause goes on about a person
    if re.match(r",\s*(?:who|[\w-]*(?:" + "|".join(map(re.escape, v.role_words)) + r"))\b", after) or (
            len(g.toks) > 1 and re.match(r",\s*(?:der|die)\b", after)):
        vote["person"] += 1
    # 'Blue Threads', 'Acme Connect': an English common word closing two names makes no surname
    common_tail = not st.rules.nouns_capitalised and (len(last) > 4 and is_common(last, st.lang) or all(
        is_common(x.text, st.lang) for x in g.toks))  # 'Grand Slam', 'Advanced Micro Devices': no person's name
    # German writes a body's short form before its place ('PI Velmar', 'LKA Tarvin'); no person's name opens so
    acronym_first = st.rules.nouns_capitalised and bool(ACRONYM.match(g.toks[0].text))
    if len(g.toks) > 1 and last not in v.suffixes and not common_tail and not coded and not acronym_first \
            and g.toks[0].text.lower() not in v.ordinal_words and not _opens_with_known_org(st, g):
        vote["person"] += 2  # two names are a person's, unless an ordinal opens them ('Third Circuit')


def _opens_with_known_org(st: EntityState, g: Group) -> bool:
    """'Orvan Infomax' after '(Orvan) --': a name that opens with an organisation's own name is its unit or its
    product, no person's."""
    key = st.alias_index.get(norm(_strip_possessive(g.toks[0].text)))
    return key is not None and key in st.entities and st.entities[key].type == "organization"


def _pronoun_follows(st: EntityState, after: str) -> bool:
    """Whether a person's pronoun follows a name within its clause, after a verb and at most two more lower-case
    words ('… scored his', '… said in March she')."""
    pronouns = st.rules.names["person_pronouns_after"]
    if not pronouns:
        return False
    words = re.match(r"(?:\s+[a-z][\w’'-]*){1,4}", after)
    return bool(words) and any(w in pronouns for w in words.group(0).split()[1:])


SERIES_NUMBER = re.compile(r"(?<![\w-])(?:the|der|die|das|den|dem|des)\s+(\d{2,5}[A-Z]{0,2})"
                           r"(?![\w.,%-]|\s*(?:%|percent|Prozent))")


def find_series_numbers(st: EntityState) -> None:
    """'the 960 version', 'the 970' after 'the Zephyr 950': a bare model number of the same length names a
    model of the series mentioned last before it."""
    series: list[tuple[int, str, int]] = []  # (end, series name, digits) of products named '<Series> <number>'
    for m in st.mentions:
        e = st.entities.get(m.key)
        parts = m.text.rsplit(" ", 1)
        if e is not None and len(parts) == 2 and MODEL_NUMBER.match(parts[1]) and st.votes[m.key]["product"]:
            series.append((m.end, parts[0], len(re.match(r"\d+", parts[1]).group(0))))
    if not series:
        return
    series.sort()
    for s in st.cleaned.body:
        for m in SERIES_NUMBER.finditer(s.text):
            a, b = s.start + m.start(1), s.start + m.end(1)
            digits = len(re.match(r"\d+", m.group(1)).group(0))
            before = [x for x in series if x[0] <= a and x[2] == digits]
            if not before or st.overlaps(a, b) or MODEL_NUMBER.match(m.group(1)) is None:
                continue
            name = f"{before[-1][1]} {m.group(1)}"
            key = st.add_entity(name, "product")
            st.votes[key]["product"] += 3
            st.claim(key, a, b, s.index, counted=name)


# ---------------------------------------------------------------- passes: types, short forms, names, ids

def decide_types(st: EntityState) -> None:
    """The type with most votes (person before product before organisation on ties); a common word that only
    product hyphen compounds named ('Cloud-Dienst') is dropped."""
    lang = st.lang
    for key, vote in st.votes.items():
        e = st.entities[key]
        if e.existing or e.type == "place":
            continue
        heads = sum(1 for k in vote if k.startswith("head:"))
        prod = vote["product"] + (vote["product_hyphen"] if (heads >= 2 or not is_common(e.name, lang)) else 0)
        scores = {"person": vote["person"], "organization": vote["organization"], "product": prod,
                  "place": vote["place"]}
        best = max(scores.values())
        e.type = next(t for t in ("person", "product", "place", "organization") if scores[t] == best and best > 0) \
            if best > 0 else "organization"
        if heads and prod == 0 and vote["organization"] <= 0.5 and is_common(e.name, lang):
            e.type = "drop"
        if " " not in e.name and e.name in st.v.titles:
            e.type = "drop"  # a role word alone ('Der Richter hatte …') names nobody


def _after_locative(st: EntityState, key: str) -> list[bool]:
    """For each mention of a name, whether a locative preposition that links no organisation stands right before
    it ('in X', 'aus X', 'near X'; not 'bei X', 'at X', 'from X'). 'to' counts only after a motion word: 'lied to
    X', 'sold it to X' name a recipient, 'moved to X', 'a flight to X' a place."""
    locatives = st.v.locatives - st.v.org_links
    motion_locatives, motion = set(st.rules.names["motion_locatives"]), set(st.rules.names["motion_words"])
    starts = [m.start for m in st.mentions if m.key == key and m.via == "name"]
    words = [st.text[max(0, a - 40):a].lower().split() for a in starts]
    # where nouns are capitalised a region or a river takes its article after the preposition ('an der Velm')
    words = [w[:-1] if st.rules.nouns_capitalised and len(w) > 1 and w[-1] in ARTICLES else w for w in words]
    return [bool(w) and w[-1] in locatives and (
        w[-1] not in motion_locatives or len(w) > 1 and w[-2].strip(",;:") in motion) for w in words]


def type_places_by_position(st: EntityState) -> None:
    """A new one-word name without organisation evidence that the text only ever puts after a locative
    preposition ('in X', 'aus X', 'near X') is a place, not an organisation."""
    for key, vote in st.votes.items():
        e = st.entities[key]
        if e.existing or e.type != "organization" or " " in e.name or vote["organization"] > 1:
            continue
        after = _after_locative(st, key)
        if after and all(after):
            e.type = "place"


def type_towns_by_shape(st: EntityState) -> None:
    """A new one-word name with no evidence of being anything else (only the default vote) is a place when it is
    shaped like a town ('Quellbach', 'Velmarsheim', 'Tarvinville'; news names towns far more often than firms
    shaped so), or when GeoNames lists a town of that name and the text puts it after a locative at least once
    ('in Velmstedt'; a firm that shares a small town's name is named without one)."""
    for key, vote in st.votes.items():
        e = st.entities[key]
        if e.existing or e.type != "organization" or " " in e.name or not _only_default(vote):
            continue
        if is_common(e.name, st.lang):
            continue
        if _town_shaped(st, e.name) or is_town(e.name) and any(_after_locative(st, key)):
            e.type = "place"


def _only_default(vote: Counter[str]) -> bool:
    """Whether a name's only evidence is the default vote for 'organisation' that every unhinted name gets."""
    return vote["organization"] <= vote["default"] and sum(vote.values()) - vote["default"] == vote["organization"]


def _unlisted_town(word: str, lang: str) -> bool:
    """A listed town the word lists lack, though it splits into words ('Weißwasser'); not a noun's genitive that
    names a town elsewhere ('des Friedens')."""
    return is_town(word) and not (word.endswith("s") and is_listed(word[:-1], lang))


def _town_shaped(st: EntityState, word: str) -> bool:
    """A word of six letters or more that ends like the language's town names ('Quellbach', 'Tarvinville') and
    is neither an organisation noun nor shaped like a code."""
    return (len(word) >= 6 and word.lower().endswith(st.v.town_suffixes) and word not in st.v.org_cues
            and not name_shape(word))


def type_places_in_lists(st: EntityState) -> None:
    """A new one-word name without organisation evidence listed with places ('aus Quellbach, Velmar und
    Talbrück', 'in Leeds, Velmar or York') is a place too; one listed with people named by their surname alone
    and with nothing else ('with Orvan, Velmer, Tarkin and Aldo in favour') is a person. Repeated until nothing
    changes, as a type passes along the list."""
    links = st.rules.names["list_links"]
    joined = "|".join(map(re.escape, links))
    # ', ', ' and ', ', and ' (a serial comma)
    rx = re.compile(r"\s*(?:,\s*(?:(?:" + joined + r")\s+)?|(?:" + joined + r"))\s*") if links else None
    if rx is None:
        return
    named = sorted((m for m in st.mentions if m.via == "name"), key=lambda m: m.start)
    changed = True
    while changed:
        changed = False
        for key, vote in st.votes.items():
            e = st.entities[key]
            if e.existing or e.type != "organization" or " " in e.name or vote["organization"] > 1 or e.name.isupper():
                continue  # ('Seville, ORBN –': an agency's initials after its dateline)
            kinds = {_listed_kind(st, x) for k, m in enumerate(named) if m.key == key
                     for x in _list_neighbours(st, named, k, rx)}
            if "place" in kinds or kinds - {None} == {"person"}:
                e.type = "place" if "place" in kinds else "person"
                changed = True


def _list_neighbours(st: EntityState, named: list[Mention], k: int, rx: re.Pattern) -> list[Mention]:
    """The mentions right before and after named[k] in its sentence, joined to it by a comma or a list word."""
    m = named[k]
    return [x for x in (named[k - 1] if k else None, named[k + 1] if k + 1 < len(named) else None)
            if x and x.key in st.entities and x.sentence == m.sentence
            and rx.fullmatch(st.text[min(x.end, m.end):max(x.start, m.start)])]


def _listed_kind(st: EntityState, m: Mention) -> str | None:
    """What a list item tells of its neighbours: its type, but a person only when named by one word (a surname in
    a roll call), and nothing when it is a name with no evidence of its own."""
    e = st.entities[m.key]
    if e.type == "person" and " " in m.text.strip():
        return None
    if e.type == "organization" and not e.existing and _only_default(st.votes.get(m.key, Counter())):
        # a surname of a person named in full before ('Anna Kangas' … 'Kangas'), not yet folded into it
        full = any(p.type == "person" and p.name.split()[-1] == e.name for p in st.entities.values())
        return "person" if full else None
    return e.type


def drop_tagged_common_nouns(st: EntityState) -> None:
    """A new one-word name with no evidence but the default vote is a common word when the language's tagger reads
    every mention and the word alone as one (rules: tagger_model, common_tags): a German compound or rare noun the
    word lists lack ('das Seilbahnbegleitpersonal', 'mit Blaulicht und Signalhorn'), an English dictionary word
    capitalised in a label or a title ('Editing by …', 'the Bypass'). A listed town or place keeps its name."""
    common_tags = set(st.rules.names["common_tags"])
    if not common_tags:
        return
    tag_cache: dict[int, dict[int, str]] = {}
    for key, vote in st.votes.items():
        e = st.entities[key]
        if e.existing or e.type not in ("organization", "place") or not re.fullmatch(r"[A-ZÄÖÜ][a-zäöüß]+", e.name):
            continue
        if not _only_default(vote) or is_town(e.name) or place_lookup(e.name):
            continue
        if not st.rules.nouns_capitalised and not is_common(e.name, st.lang):
            continue  # where only names are capitalised, a word the dictionary lacks is a name
        tagger = hanta_tagger(st.rules.names["tagger_model"])  # loaded here: most articles never need it
        if tagger is None:
            return
        tags = [_tag_at(st, tagger, m, tag_cache) for m in st.mentions if m.key == key and m.via == "name"]
        if tags and all(t in common_tags for t in tags) and tagger.tag_word(e.name)[0][0] in common_tags:
            e.type = "drop"


def _tag_at(st: EntityState, tagger: Any, m: Mention, cache: dict[int, dict[int, str]]) -> str | None:
    """The tagger's tag of a mention's first word in its sentence: German sentences are all tagged already, an
    English one is tagged when a mention in it is asked about (once)."""
    if st.tags:
        return st.tags.get(m.start)
    if m.sentence not in cache:
        toks = st.sentences[st.sent_pos.get(m.sentence, 0)]
        words = [t.text if len(t.text) <= MAX_WORD_CHARS else "Xxx" for t in toks]
        cache[m.sentence] = dict(zip((t.start for t in toks), tagger.tag_sent(words, taglevel=0), strict=True))
    return cache[m.sentence].get(m.start)


FIXTURE = re.compile(r"\s*(?:\d{1,2}\s*[-:–]\s*\d{1,2}|[-–—])\s*")  # 'A 2-1 B', 'A – B': a match's two sides


def type_clubs(st: EntityState) -> None:
    """A city named as one side of a match ('Velmor 2-1 Ardell United', 'Velmor – Ardell') or after a club noun
    ('new club Velmor') is its sports club: an organisation, unless the text also puts it after a locative
    preposition ('in Velmor'), where it is the place."""
    cues = set(st.rules.names["club_cues"])
    locatives = st.v.locatives - st.v.org_links
    by_sentence: dict[int, list[Mention]] = defaultdict(list)
    for m in st.mentions:
        if m.via == "name":
            by_sentence[m.sentence].append(m)
    clubs: set[str] = set()
    sentence_text = {s.index: s.text.strip() for s in st.cleaned.body}
    for index, ms in by_sentence.items():
        ms.sort(key=lambda m: m.start)
        for a, b in zip(ms, ms[1:], strict=False):
            # the whole line is the fixture ('SAN FRANCISCO - Acme Inc. said …' is a dateline)
            if FIXTURE.fullmatch(st.text[a.end:b.start]) and sentence_text[index] == st.text[a.start:b.end]:
                clubs |= {a.key, b.key}
        for m in ms:
            before = st.text[max(0, m.start - 20):m.start].split()
            if before and before[-1] in cues:
                clubs.add(m.key)
    for key in clubs:
        e = st.entities.get(key)
        if e is None or e.existing or e.type != "place" or is_strong_place(e.name):
            continue
        starts = [m.start for m in st.mentions if m.key == key and m.via == "name"]
        if not any((st.text[max(0, a - 12):a].split() or [""])[-1].lower() in locatives for a in starts):
            e.type = "organization"


def _fold_into(st: EntityState, short: EntityCand, owner: EntityCand) -> None:
    """A short form ('Lin', 'the Commission') is the same entity as a full name: move its mentions."""
    for m in st.mentions:
        if m.key == short.id:
            m.key = owner.id
    st.surfaces[owner.id][short.name] += st.surfaces[short.id][short.name]
    del st.entities[short.id]


def _after_article(st: EntityState, e: EntityCand) -> bool:
    """Whether a mention of the entity follows a definite article ('the Board'), as a short form of a name does
    ('Health officials said' is no short form of 'Tarvin Health Authority')."""
    starts = [m.start for m in st.mentions if m.key == e.id]
    return any((st.text[max(0, a - 12):a].split() or [""])[-1].lower() in DETERMINERS for a in starts)


def fold_short_forms(st: EntityState) -> None:
    """A single name that is part of a person's full name is that person; one that opens an organisation's
    name, or a generic organisation suffix alone, is that organisation; dropped entities go."""
    entities = st.entities
    persons = [e for e in entities.values() if e.type == "person" and " " in e.name]
    for e in list(entities.values()):
        if e.existing or e.type not in ("organization", "person", "drop") or " " in e.name:
            continue
        # 'the Quandells' or 'Müllers' goes with 'Ann Quandell' / 'Jan Müller'
        owner = next((p for p in persons if e.name in (p.name.split()[0], p.name.split()[-1],
                                                       p.name.split()[-1] + "s")), None)
        if owner:
            _fold_into(st, e, owner)
    orgs = [e for e in entities.values() if e.type == "organization" and " " in e.name and not e.existing]
    for e in list(entities.values()):
        if e.existing or e.type != "organization" or " " in e.name:
            continue
        owner = next((o for o in orgs if o.name.split()[0] == e.name or (
            o.name.split()[-1] == e.name and o.name.split()[0] in st.v.org_prefixes)), None)
        if owner is None and not is_common(e.name, st.lang):  # 'Quarvel' of 'Edition Quarvel' (a common word opens it)
            owner = next((o for o in orgs if len(o.name.split()) == 2 and o.name.split()[-1] == e.name
                          and is_common(o.name.split()[0], st.lang)), None)
        heads = [o for o in orgs if o.name.split()[-1] == e.name]
        if owner is None and e.name in st.v.org_suffixes and len(heads) == 1:
            owner = heads[0]  # 'the Commission' after 'the European Commission' (a generic org suffix alone)
        holders = [o for o in orgs if e.name in o.name.split()]
        if owner is None and len(holders) == 1 and is_common(e.name, st.lang) and _after_article(st, e):
            owner = holders[0]  # 'the Board' after 'Tarvin School Board of Trustees': a common word of one name
        if owner:
            _fold_into(st, e, owner)
    for e in list(entities.values()):
        if e.type == "drop":
            st.mentions = [m for m in st.mentions if m.key != e.id]
            del entities[e.id]


def fold_initialisms(st: EntityState) -> None:
    """'the AP' after 'The Associated Press': an all-capital short form spelling the initials of exactly one
    organisation named in full is that organisation."""
    skip = set(st.rules.names["name_articles"])
    full: dict[str, list[EntityCand]] = defaultdict(list)
    for e in st.entities.values():
        words = [w for w in re.split(r"[\s-]+", e.name) if w[:1].isupper() and w not in skip]
        if e.type == "organization" and len(words) >= 2:
            full["".join(w[0] for w in words)].append(e)
    for e in list(st.entities.values()):
        owners = full.get(e.name, [])
        if not e.existing and e.name.isupper() and len(e.name) >= 2 and len(owners) == 1 and owners[0] is not e:
            _fold_into(st, e, owners[0])


def without_legal_form(st: EntityState, name: str) -> str:
    """'Orbix Widgets' of 'Orbix Widgets Co. Ltd' or 'Orbix Widgets, Inc.': the name without its legal forms."""
    forms = st.rules.names["legal_forms"]
    if not forms:
        return name
    rx = re.compile(r"(?:,?\s+(?:" + "|".join(re.escape(f.rstrip(".")) for f in forms) + r")\.?)+$")
    short = rx.sub("", name)
    return short if short and short != name and short[:1].isupper() else name


def fold_legal_forms(st: EntityState) -> None:
    """'Orvan Freight Corp.' and a later 'Orvan Freight': a name without its legal form is the same organisation."""
    by_name: dict[str, EntityCand] = {}
    for e in st.entities.values():
        by_name.setdefault(norm(e.name), e)
    for e in list(st.entities.values()):
        if e.id not in st.entities or e.type != "organization":
            continue
        for form in list(st.surfaces[e.id]):
            other = by_name.get(norm(without_legal_form(st, form)))
            if (other is not None and other is not e and other.id in st.entities and not other.existing
                    and other.type in ("organization", "product", "person")):
                _fold_into(st, other, e)


def choose_names(st: EntityState) -> None:
    """Names: the most frequent base surface (longest on ties; a person's longest form); aliases: the other
    surfaces; products named in compounds ('Orion-Chips') keep those compounds as aliases."""
    for key, counter in st.surfaces.items():
        e = st.entities.get(key)
        if e is None:
            continue
        # a dateline's capitals ('KELHEIM') are a way of printing the name, not its spelling
        forms = sorted(counter, key=lambda f: (f in st.secondary, f.isupper() and len(f) > 4, -counter[f], -len(f)))
        if not e.existing and e.place_key is None and key not in st.fixed_names:
            if e.type == "person":
                forms.sort(key=lambda f: (-len(f.split()), -counter[f]))
            e.name = forms[0]
            if e.type == "organization":
                e.name = without_legal_form(st, e.name)  # 'Orvan Freight Corp.' is named 'Orvan Freight'
        for f in forms:
            if f != e.name and f not in e.aliases:
                e.aliases.append(f)
        if e.type == "organization":  # 'Orbix Co Ltd.' closing a sentence: its full stop may be the sentence's
            e.aliases.extend(f[:-1] for f in forms if f.endswith(".") and f[:-1] not in forms and f[:-1] != e.name)
    starts = {m.start: m.key for m in st.mentions}
    for pos, compound in st.compounds:
        key = starts.get(pos)
        e = st.entities.get(key) if key else None
        if e is not None and e.type == "product" and compound not in e.aliases and compound != e.name:
            e.aliases.append(compound)


def sync_ids(st: EntityState) -> None:
    """Keep ids in step with (possibly changed) names of new entities."""
    renamed = {}
    for e in list(st.entities.values()):
        if not e.existing and e.type != "place" and slugify(e.name) != e.id and slugify(e.name) not in st.entities:
            renamed[e.id] = slugify(e.name)
    for old, new in renamed.items():
        ent = st.entities.pop(old)
        ent.id = new
        st.entities[new] = ent
        for m in st.mentions:
            if m.key == old:
                m.key = new


# ---------------------------------------------------------------- passes: mentions without a name

def link_demonyms(st: EntityState) -> None:
    """Country adjectives link to a country named in the article (also inside an authority's name,
    'chinesische Behörde')."""
    place_ids = {e.place_key: e.id for e in st.entities.values() if e.place_key}
    named_at = {m.start: m for m in st.mentions}
    for toks in st.sentences:
        for t in toks:
            if st.overlaps(t.start, t.end) and not (t.start in named_at and named_at[t.start].key in st.fixed_names):
                continue
            pk = demonym_place(t.text, st.lang)
            if pk and pk in place_ids:
                st.mentions.append(Mention(t.start, t.end, t.text, place_ids[pk], t.sent, via="demonym"))
    st.mentions.sort(key=lambda m: m.start)


class _Antecedents:
    """Look-ups of the mention a pronoun or 'das Unternehmen' refers to (bisections over sorted mentions)."""

    def __init__(self, st: EntityState) -> None:
        self.st = st
        self.mentions = st.mentions
        self.starts = [m.start for m in self.mentions]
        self.wanted: dict[object, list[int]] = {}
        self.sent_start = {s.index: s.start for s in st.cleaned.body}
        self.starts_of: dict[str, list[int]] = defaultdict(list)
        for x in self.mentions:
            self.starts_of[x.key].append(x.start)

    def last_before(self, pos: int, want) -> Mention | None:
        """The last mention before pos that want() accepts (its indices are computed once per predicate)."""
        if want not in self.wanted:
            self.wanted[want] = [k for k, x in enumerate(self.mentions)
                                 if self.st.entities.get(x.key) is not None and want(x)]
        idx = self.wanted[want]
        k = bisect.bisect_left(idx, bisect.bisect_left(self.starts, pos)) - 1
        return self.mentions[idx[k]] if k >= 0 else None

    def is_person(self, x: Mention) -> bool:
        return self.st.entities[x.key].type == "person"

    def is_org_subject(self, x: Mention) -> bool:
        text = self.st.text
        return (self.st.entities[x.key].type == "organization" and x.via == "name" and text[x.end:x.end + 1] != "-"
                and not re.search(r"(?:von|bei|aus|from|of|by|with|at)\s+$", text[max(0, x.start - 6):x.start]))

    def topic_org(self, pos: int, sent_index: int) -> Mention | None:
        """The organisation the last sentences are about: most mentions, a sentence-initial one counts double."""
        k = bisect.bisect_left(self.starts, pos) - 1
        score: Counter = Counter()
        first: dict[str, Mention] = {}
        while k >= 0 and self.mentions[k].sentence >= sent_index - 2:
            x = self.mentions[k]
            if self.st.entities.get(x.key) is not None and self.is_org_subject(x):
                score[x.key] += 2 if x.start == self.sent_start.get(x.sentence) else 1
                first[x.key] = x
            k -= 1
        if not score:
            return self.last_before(pos, self.is_org_subject)
        for key in score:  # ties go to the organisation the article names most
            score[key] += 0.01 * bisect.bisect_left(self.starts_of[key], pos)
        best = max(score.values())
        return next(first[key] for key in score if score[key] == best)


def resolve_coreference(st: EntityState) -> None:
    """Pronouns to the last person before them; 'das Unternehmen', 'the company' to the topical organisation."""
    pron = [p for p in st.rules.pronouns["person"] if p.lower() not in ("sie",)]
    org_phr = st.rules.pronouns["org"]
    ante = _Antecedents(st)
    pron_re = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, pron)) + r")(?!\w)") if pron else None
    org_re = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, org_phr)) + r")(?!\w)", re.IGNORECASE) \
        if org_phr else None
    coref: list[Mention] = []
    for s in st.cleaned.body:
        for rx, via in ((pron_re, "pronoun"), (org_re, "coref")):
            if rx is None:
                continue
            for m in rx.finditer(s.text):
                pos = s.start + m.start()
                prev = ante.last_before(pos, ante.is_person) if via == "pronoun" else ante.topic_org(pos, s.index)
                if prev is not None:
                    coref.append(Mention(pos, pos + len(m.group(0)), m.group(0), prev.key, s.index, via=via))
    st.mentions = sorted(st.mentions + coref, key=lambda m: m.start)


def apply_entity_model(st: EntityState) -> None:
    """The learned scorer (entity_model.py) drops, adds or retypes names where it is confident enough."""
    from .entity_model import apply_model  # it builds on this module's passes

    apply_model(st)


def keep_named(st: EntityState) -> None:
    """Only entities named at least once (not only by pronouns or adjectives) remain, with their mentions."""
    used = {m.key for m in st.mentions if m.via == "name"}
    st.entities = {k: e for k, e in st.entities.items() if k in used}
    st.mentions = [m for m in st.mentions if m.key in st.entities]


# the passes in order; each reads and extends the state (tests run them one by one)
PASSES = (scan_speech_names, count_noninitial, find_noun_only_words, match_gazetteer, find_wire_agency,
          find_caps_dateline, find_region_abbreviations, find_quoted_titles, find_authorities, find_adjective_orgs,
          find_proper_adjective_orgs, find_linked_orgs, find_institution_names, find_adjective_places,
          find_adjective_landmarks, find_street_names, find_adjective_media, find_adjective_town_orgs,
          find_listed_counties, find_numbered_roads, find_multiword_place_names, find_linked_town_names,
          collect_groups, resolve_groups,
          find_series_numbers, decide_types, type_places_by_position, type_towns_by_shape, type_places_in_lists,
          type_clubs, drop_tagged_common_nouns, fold_short_forms, fold_initialisms, fold_legal_forms, choose_names,
          sync_ids, apply_entity_model, link_demonyms, resolve_coreference, keep_named)


def new_state(cleaned: Cleaned, known: list[Known] | None = None) -> EntityState:
    """The state the passes start from: the body's tokens, the language's vocabulary, the known entities and,
    where nouns are capitalised, each token's part of speech."""
    sentences = _tokens(cleaned)
    tags = tag_tokens(sentences) if vocab(cleaned.language).rules.nouns_capitalised else {}
    return EntityState(cleaned=cleaned, v=vocab(cleaned.language), sentences=sentences, known=known or [], tags=tags)


def find_entities(cleaned: Cleaned, known: list[Known] | None = None) -> Entities:
    """Entities and their mentions in the body sentences."""
    st = new_state(cleaned, known)
    for step in PASSES:
        step(st)
    return Entities(entities=st.entities, mentions=st.mentions)


@functools.cache
def _linked_org_re(lang: str) -> re.Pattern | None:
    rules = lang_rules(lang)
    heads, links = rules.linked_org_heads, rules.linked_org_links
    if not heads or not links:
        return None
    # a head may end a hyphenated compound ('Fraunhofer-Institut für …')
    forms = [r"(?:[A-ZÄÖÜ][\w]*-)*" + (re.escape(h) if h[:1].isupper() else r"[A-ZÄÖÜ]\w*" + re.escape(h))
             for h in heads]
    cap = r"[A-ZÄÖÜ][\w&'’-]*"
    # German nouns are all capitalised: there the name ends after one word (or two joined by 'und')
    one_word = r"(?:\s+(?:und|&)\s+" + cap + r")?"
    tail = cap + (one_word if rules.nouns_capitalised else r"(?:\s+(?:(?:and|&)\s+)?" + cap + r")*")
    # where only names are capitalised, capitalised words before the head belong to the name ('Cyberspace
    # Administration of X', 'US Department of Commerce'); an article or a possessive does not
    lead = "" if rules.nouns_capitalised else r"(?:(?!(?:" + "|".join(rules.names["name_articles"]) + r")\s)" \
        r"[A-Z][\w.&-]*\s+){0,3}"
    return re.compile(r"(?<![\w'’.-])" + lead + r"(?:" + "|".join(forms) + r")\s+(?:" + "|".join(map(re.escape, links))
                      + r")\s+" + tail)


ACRONYM_TICKER = re.compile(r"^(?:[A-Z]{3,}(?:\.[A-Z]{1,2})?|[A-Z]+\.[A-Z]+)$")
DOTTED_ABBREVIATION = re.compile(r"^(?:[A-Z]\.)+[A-Z]$")  # 'U.S', 'U.K' (the last full stop is cut off)
ROMAN = re.compile(r"^(?:II|III|IV|VI|VII|VIII|IX|XI|XII)$")
# English words after a capitalised word that show it is no adjective: auxiliaries and modals ('Acmeic will')
NON_NOUN_EN = frozenset({"will", "would", "can", "could", "should", "may", "might", "must", "did", "does", "had",
                         "has", "was", "were", "said", "told", "and", "or", "but", "for", "with", "from", "into",
                         "who", "whose", "whom", "which", "that", "is", "are"})  # 'Ana Petrovic whose film …'

DEMONYM_SHAPE = re.compile(r"^[A-Z][a-z]+(?:an|ish|ese|ic|ch|ek)$")
DIGIT_TOKEN = re.compile(r"^[A-Za-z]+\d+[A-Za-z0-9]*$")
# a model number after a name: digits and at most two letters, never a year ('910C', '6000D', '950', not '2026')
# one digit or a Roman numeral: a model only where a product noun follows ('Falcon 9 rocket', 'Atlas V rocket')
SHORT_MODEL = re.compile(r"\d|[IVX]{1,4}")
MODEL_NUMBER = re.compile(r"^(?!(?:19|20)\d\d$)\d{2,5}[A-Z]{0,2}$")


class _Taken:
    """Character positions already claimed by a mention (linear time, whatever the article's length)."""

    def __init__(self, size: int) -> None:
        self.mask = bytearray(size + 1)

    def append(self, span: tuple[int, int]) -> None:
        a, b = span
        self.mask[a:b] = b"\x01" * (b - a)

    def overlaps(self, a: int, b: int) -> bool:
        return b > a and 1 in self.mask[a:b]


def _is_title(word: str, titles: set[str] | frozenset[str]) -> bool:
    """'Notenbankchefin', 'Konzernchef', 'CEO': a role word or a compound ending in one."""
    return _title_check(word, frozenset(titles) if not isinstance(titles, frozenset) else titles)


@functools.lru_cache(maxsize=20000)
def _title_check(word: str, titles: frozenset[str]) -> bool:
    low = word.lower()
    return word in titles or low.endswith(_title_suffixes(titles))


@functools.lru_cache(maxsize=8)
def _title_suffixes(titles: frozenset[str]) -> tuple[str, ...]:
    return tuple(sorted({t.lower() for t in titles if len(t) >= 4}))


def _sent_pos(sentences: list[list[Tok]], sent_index: int) -> int:
    for k, toks in enumerate(sentences):
        if toks and toks[0].sent == sent_index:
            return k
    return 0
