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

from .doc import DATELINE, Cleaned, Entities, EntityCand, Mention
from .lexicon import (
    ACRONYM,
    demonym_place,
    find_multiword_places,
    is_common,
    is_listed,
    is_strong_place,
    name_shape,
    norm,
    place_lookup,
    slugify,
)
from .rules import lang_rules

TOKEN = re.compile(r"[\w$€][\w.&+$]*(?:[-’'][\w$]+)*", re.UNICODE)
PREPOSITIONS = {"gegen", "neben", "zwischen", "unter", "hinter", "oder", "aber", "sowie", "wie", "wegen",
                "sagte", "verbieten", "erlauben", "entgegen", "ohne", "über", "vor", "nach", "seit", "ab"}
ARTICLES = {"der", "die", "das", "dem", "den", "the"}  # not "des": "des Chipherstellers" is no name
DETERMINERS = {"der", "die", "das", "des", "dem", "den", "ein", "eine", "einen", "einem", "eines", "einer",
               "the", "a", "an", "this", "that", "seine", "seinen", "seiner", "ihre", "ihren", "its", "their",
               "ihr", "ihrem", "ihrer", "sein", "seinem", "unser", "unsere", "unseren", "unserem", "dieser",
               "diese", "dieses", "diesem", "diesen", "jeder", "jede", "jedes", "kein", "keine", "keinen", "mein",
               "meine", "alle", "viele", "einige", "mehrere", "andere", "anderen", "beiden", "beide"}
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


def find_entities(cleaned: Cleaned, known: list[Known] | None = None) -> Entities:
    """Entities and their mentions in the body sentences."""
    lang = cleaned.language
    rules = lang_rules(lang)
    text = cleaned.text
    not_names = set(rules["not_names"]) | set(rules["acronym_stop"])
    months = {m.capitalize() for m in rules["time"]["months"]} | {w.capitalize() for w in rules["time"]["weekdays"]}
    not_names |= months | {m.capitalize() for m in rules["time"]["month_abbr"]}
    # time words that are also surnames ('Dr. Miriam Sommer', 'Anna Mai'), after a title and a first name
    surname_words = months | {w.capitalize() for w in rules["time"]["seasons"]}
    titles = frozenset(rules["person_titles"])
    role_words = {w for ws in rules["roles"].values() for w in ws}
    speech = {w.split()[0] for w in rules["speech_verbs"]}
    product_heads = set(rules["product_heads"])
    org_heads = set(rules["org_heads"])
    prod_cues = set(rules["type_cues"]["product"])
    org_cues = set(rules["type_cues"]["organization"])
    org_suffixes = set(rules["org_suffixes"])
    org_prefixes = set(rules.get("org_prefixes", []))
    cue_endings = tuple(sorted({c.lower() for c in org_cues if len(c) >= 5 and "-" not in c}))
    prod_endings = tuple(sorted({c.lower() for c in prod_cues if len(c) >= 5 and "-" not in c}))
    locatives = set(rules.get("locative_prepositions", []))
    town_suffixes = tuple(rules.get("town_suffixes", []))
    prod_suffixes = set(rules["product_suffixes"])
    sentences = _tokens(cleaned)
    prod_lower = {w.lower() for w in prod_cues | product_heads}
    org_heads_lower = {w.lower() for w in org_heads}
    stopwords = {str(w).lower() for w in rules.get("stopwords", [])}
    ordinal_words = {str(w).lower() for w in rules["time"]["ordinals"]}
    org_links = set(rules.get("org_head_links", []))
    appos = rules.get("apposition_articles", [])
    appos_re = re.compile(r",\s+(?:" + "|".join(map(re.escape, appos)) + r")\s+((?:[\w-]+ ){0,3}[\w-]+)"
                          ) if appos else None

    # a capitalised word right after a speech verb and before the sentence's end is a name ('sagte Berger.'),
    # even when the lexicon knows it as a word; so is a known town the lexicon reads as a compound ('Ingolstadt')
    said_names: set[str] = set()
    for toks in sentences:
        for i, t in enumerate(toks[1:], start=1):
            if (toks[i - 1].text in speech and t.text[:1].isupper() and t.text not in not_names
                    and (i + 1 == len(toks) or re.match(r"\s*[.,;]", text[t.end:t.end + 2])
                         or toks[i + 1].text[:1].islower())):
                said_names.add(t.text)
    noninitial: Counter[str] = Counter()
    for toks in sentences:
        for t in toks[1:]:
            if t.text[:1].isupper():
                noninitial[_strip_possessive(t.text)] += 1

    # German: a word seen only after a determiner, number or inflected adjective is a noun ("der Optimismus")
    noun_only: set[str] = set()
    if lang == "de":
        ctx_name: Counter[str] = Counter()
        ctx_noun: Counter[str] = Counter()
        numbers = set(rules["time"]["numbers"])
        noun_suffixes = tuple(rules.get("noun_suffixes", []))
        for toks in sentences:
            for i, t in enumerate(toks[1:], start=1):
                if not t.text[:1].isupper() or "-" in t.text or name_shape(t.text):
                    continue
                p = toks[i - 1].text
                pp = toks[i - 2].text.lower() if i >= 2 else ""
                adjective = (p.islower() and re.search(r"(?:en|er|es|em)$", p) and p not in speech
                             and len(p) > 3 and p not in PREPOSITIONS)
                weak = p.lower() in ARTICLES  # 'die Lufthansa' names a company, 'der Optimismus' does not
                noun_ctx = ((pp in DETERMINERS and p.islower()) or (p.lower() in DETERMINERS and not weak)
                            or (weak and t.text.lower().endswith(noun_suffixes))
                            or p.lower() in numbers or p.isdigit() or adjective)
                (ctx_noun if noun_ctx else ctx_name)[_strip_possessive(t.text)] += 1
        noun_only = {w for w in ctx_noun if not ctx_name.get(w)}

    entities: dict[str, EntityCand] = {}
    fixed_names: set[str] = set()
    mentions: list[Mention] = []
    alias_index: dict[str, str] = {}
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    surfaces: dict[str, Counter[str]] = defaultdict(Counter)
    taken = _Taken(len(text))

    def _org_cue(word: str) -> bool:
        return (word in org_cues or word.split("-")[-1] in org_cues
                or bool(cue_endings) and word[:1].isupper() and word.lower().endswith(cue_endings))

    def _abbrev_gap(a: Tok, b: Tok) -> bool:
        # 'Dr. Miriam': a title abbreviation with its full stop joins the name after it
        return text[a.end:b.start] == ". " and (a.text + ".") in titles

    def overlaps(a: int, b: int) -> bool:
        return taken.overlaps(a, b)

    # 1. the gazetteer: names and aliases of entities already in the content folder (longest first)
    forms: list[tuple[str, str]] = []
    for k in known or []:
        pk = None
        if k.type == "place":
            pk = next((p[0] for p in map(place_lookup, [k.name, *k.aliases]) if p), None)
        entities[k.id] = EntityCand(id=k.id, name=k.name, type=k.type, aliases=list(k.aliases), existing=True,
                                    place_key=pk)
        for form in {k.name, *k.aliases}:
            if len(form) >= 2:
                forms.append((form, k.id))
                alias_index.setdefault(norm(form), k.id)
    for form, kid in sorted(forms, key=lambda f: (-len(f[0]), f[0], f[1])):
        flags = 0 if len(form) <= 3 else re.IGNORECASE
        pat = re.compile(r"(?<![\w-])" + re.escape(form) + r"(?:s|'s|’s)?(?![\w])", flags)
        for s in cleaned.body:
            for m in pat.finditer(s.text):
                a, b = s.start + m.start(), s.start + m.end()
                if not overlaps(a, b):
                    taken.append((a, b))
                    mentions.append(Mention(a, b, text[a:b], kid, s.index))

    def add_entity(name: str, type_: str, place_key: str | None = None) -> str:
        key = slugify(name)
        if key in entities:
            return key
        entities[key] = EntityCand(id=key, name=name, type=type_, place_key=place_key)
        alias_index.setdefault(norm(name), key)
        return key

    def add_fixed_org(name: str) -> str:
        """An organisation whose name a rule built (not to be re-split later); its id."""
        key = slugify(name)
        if key not in entities:
            fixed_names.add(add_entity(name, "organization"))
        return key

    def claim(key: str, a: int, b: int, sent: int, counted: str | None = None) -> None:
        """Record that text[a:b] in sentence `sent` names entity `key` (counting `counted` as its surface)."""
        surfaces[key][counted or text[a:b]] += 1
        taken.append((a, b))
        mentions.append(Mention(a, b, text[a:b], key, sent))

    def add_place(place: tuple[str, dict[str, str], str], tok_start: int, tok_end: int, sent: int) -> None:
        pkey, canon, ptype = place
        found = next((e.id for e in entities.values() if e.place_key == pkey), None)
        if found is None:
            for e in list(entities.values()):
                if e.type in ("place", "organization") and e.existing and any(
                        (place_lookup(f) or ("",))[0] == pkey for f in [e.name, *e.aliases]):
                    found = e.id
                    e.place_key = pkey
                    break
        if found is None:
            found = add_entity(canon.get(lang) or canon["en"], ptype, pkey)
        claim(found, tok_start, tok_end, sent)

    # 1a. the news agency of a wire dateline ('BERLIN (dpa) –', '(dpa/AFP)') is an organisation
    first_body = cleaned.body[:1]
    wire = DATELINE.match(first_body[0].text) if first_body else None
    if wire and not re.search(r"\d", wire.group("agency")):
        base = first_body[0].start + wire.start("agency")
        for m in re.finditer(r"[^/,;]+", wire.group("agency")):
            name = m.group(0).strip()
            a = base + m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
            b = a + len(name)
            if 2 <= len(name) <= 20 and not overlaps(a, b):
                claim(add_fixed_org(name), a, b, first_body[0].index)

    # 1b. authorities named by a country adjective and an authority noun ('chinesische Marktaufsichtsbehörde')
    heads = rules.get("authority_heads", [])
    if lang == "de" and heads:
        auth = re.compile(r"(?<![\w-])([A-Za-zÄÖÜäöüß]+?(?:isch|ländisch))(e|en|er|es|em)\s+([A-ZÄÖÜ]\w*(?:"
                          + "|".join(heads) + r")(?:s|es|n)?)(?![\w-])")
        tails_done: set[tuple[str, str, str]] = set()
        for s in cleaned.body:
            for m in auth.finditer(s.text):
                if not demonym_place(m.group(1) + m.group(2), lang):
                    continue
                noun = m.group(3)
                stem = next((noun[: -len(x)] for x in ("es", "s", "n") if noun.endswith(x) and any(
                    noun[: -len(x)].lower().endswith(h) for h in heads)), noun)
                name = m.group(1).capitalize() + "e " + stem
                key = add_fixed_org(name)
                a, b = s.start + m.start(), s.start + m.end()
                claim(key, a, b, s.index)
                # later bare mentions of the head noun ('die Aufsichtsbehörde'), once per name
                for h in heads:
                    if stem.lower().endswith(h) and (key, stem, h) not in tails_done:
                        tails_done.add((key, stem, h))
                        tail = re.compile(r"(?<=\b(?:[Dd]ie|[Dd]er|[Dd]as) )([A-ZÄÖÜ]\w*" + h + r")\b")
                        for s2 in cleaned.body:
                            for m2 in tail.finditer(s2.text):
                                w = m2.group(1)
                                if stem.lower().endswith(w.lower()) and w != stem or w == stem:
                                    a2, b2 = s2.start + m2.start(1), s2.start + m2.end(1)
                                    if not overlaps(a2, b2):
                                        claim(key, a2, b2, s2.index)

    # 1b'. a capitalised adjective before an organisation noun is a name ('der Deutschen Bank')
    adj_heads = rules.get("adjective_org_heads", [])
    if adj_heads:
        adj = re.compile(r"(?<=[a-zäöüß,] )([A-ZÄÖÜ][a-zäöüß]+?)(e|en|er|es|em)\s+(" +
                         "|".join(map(re.escape, adj_heads)) + r")(?![\w-])")
        for s in cleaned.body:
            for m in adj.finditer(s.text):
                if not is_common(m.group(1).lower() + m.group(2), lang):
                    continue
                name = m.group(1) + "e " + m.group(3)
                key = add_fixed_org(name)
                a, b = s.start + m.start(), s.start + m.end()
                if not overlaps(a, b):
                    claim(key, a, b, s.index)

    # 1b'''. German writes adjectives in lower case, so a capitalised country-type adjective inside a sentence
    #        opens a name: 'der Europäischen Fischereiagentur', 'des Deutschen Wetterdienstes'
    if lang == "de":
        proper = re.compile(r"(?<=[a-zäöüß,] )(?P<adj>[A-ZÄÖÜ][a-zäöüß]+?(?:isch|sch))(?P<end>e|en|er|es|em)\s+"
                            r"(?P<noun>[A-ZÄÖÜ][a-zäöüß]{3,})(?![\w-])")
        for s in cleaned.body:
            for m in proper.finditer(s.text):
                a, b = s.start + m.start(), s.start + m.end()
                if overlaps(a, b) or place_lookup(m.group(0)) or find_multiword_places(m.group(0)):
                    continue
                adj_word = m.group("adj").lower() + m.group("end")
                if not is_common(adj_word, lang) and not demonym_place(adj_word, lang):
                    continue
                noun = m.group("noun")
                if text[max(0, a - 4):a] == "des " and noun.endswith("es") and is_common(noun[:-2], lang):
                    noun = noun[:-2]
                elif text[max(0, a - 4):a] == "des " and noun.endswith("s") and is_common(noun[:-1], lang):
                    noun = noun[:-1]
                name = m.group("adj") + "e " + noun
                claim(add_fixed_org(name), a, b, s.index)

    # 1b''. an organisation noun, a link word and capitalised words: 'University of Vermont',
    #       'Verband der Papierindustrie', 'Bundesministerium für Wirtschaft und Energie'
    linked = _linked_org_re(lang)
    if linked is not None:
        for s in cleaned.body:
            for m in linked.finditer(s.text):
                a, b = s.start + m.start(), s.start + m.end()
                if overlaps(a, b):
                    continue
                name = m.group(0)
                key = slugify(name)
                if key not in entities:
                    entities[key] = EntityCand(id=key, name=name, type="organization")
                    fixed_names.add(key)
                    alias_index.setdefault(norm(name), key)
                surfaces[key][name] += 1
                taken.append((a, b))
                mentions.append(Mention(a, b, name, key, s.index))

    # 1c. multi-word country and region names ('Nahen Osten', 'Vereinigten Staaten')
    for s in cleaned.body:
        for ma, mb in find_multiword_places(s.text):
            a, b = s.start + ma, s.start + mb
            place = place_lookup(text[a:b])
            if place and not overlaps(a, b):
                add_place(place, a, b, s.index)

    # 2. name candidates
    def is_name_token(t: Tok, toks: list[Tok], i: int) -> bool:
        w = _strip_possessive(t.text)
        if w in not_names or t.text in not_names or not w[:1].isupper() and not name_shape(w):
            return False
        if len(w) < 2 or w.isdigit() or re.match(r"^\d", w) or re.search(r"[$€]|\d[.,]\d", w):
            return False
        if name_shape(w):
            return True
        if i > 0 and t.text[:1].isupper() and (_is_title(toks[i - 1].text, titles) or (
                i > 1 and _is_title(toks[i - 2].text, titles) and toks[i - 1].text[:1].isupper()
                and text[toks[i - 1].end:t.start] == " ")) and (
                text[toks[i - 1].end:t.start] == " " or _abbrev_gap(toks[i - 1], t)):
            return True
        if is_strong_place(w) or w in said_names or (lang == "de" and place_lookup(w) and not is_listed(w, lang)):
            return True
        initial = i == 0 or text[toks[i - 1].end:t.start].strip(" ") in ("„", "“", "\"", "«", "»", "(", "–", "-")
        if initial and i + 1 < len(toks) and text[t.end:toks[i + 1].start] == " " and not is_common(w, lang):
            nx = toks[i + 1].text
            if nx[:1].isupper() and nx not in not_names and not is_common(nx, lang) and "-" not in nx:
                return True
        if (initial and lang == "en" and i + 1 < len(toks) and text[t.end:toks[i + 1].start] == " "
                and toks[i + 1].text in org_suffixes):
            return True  # 'Acme Corp said …': a common word opening a sentence before an organisation suffix
        if initial and noninitial.get(w, 0) == 0 and not (w.endswith("s") and noninitial.get(w[:-1], 0)):
            return bool(lang == "en" and not is_common(w, lang))
        if lang == "en":
            return True
        base = w[:-1] if w.endswith("s") and noninitial.get(w[:-1], 0) else w
        if is_common(base, lang):
            return False
        return base not in noun_only

    groups: list[Group] = []
    org_headed: set[int] = set()
    compounds: list[tuple[int, str]] = []
    for toks in sentences:
        i = 0
        while i < len(toks):
            t = toks[i]
            if overlaps(t.start, t.end) or re.match(r"\s*(?:dollars?|Dollar)\b", text[t.end:t.end + 9]):
                i += 1
                continue
            if (t.text in org_prefixes and i + 1 < len(toks) and text[t.end:toks[i + 1].start] == " "
                    and toks[i + 1].text[:1].isupper() and toks[i + 1].text not in not_names
                    and not overlaps(toks[i + 1].start, toks[i + 1].end)):
                # 'FC Lindenau', 'Eintracht Ostheim': a club or firm word before a name
                run = [t, toks[i + 1]]
                j = i + 2
                while (j < len(toks) and text[run[-1].end:toks[j].start] == " " and toks[j].text[:1].isupper()
                       and "-" not in toks[j].text and is_name_token(toks[j], toks, j)):
                    run.append(toks[j])
                    j += 1
                org_headed.add(t.start)
                groups.append(Group(run, "organization"))
                i = j
                continue
            parts = t.text.split("-")
            whole_place = place_lookup(t.text) if "-" in t.text else None
            if whole_place and is_strong_place(t.text):
                add_place(whole_place, t.start, t.end, t.sent)
                i += 1
                continue
            if "-" in t.text and not (len(parts) == 2 and all(
                    p[:1].isupper() and not is_common(p, lang) and p not in product_heads | org_heads
                    and p not in not_names for p in parts)):
                first, head = "-".join(parts[:-1]), parts[-1]
                whole_known = t.text in not_names
                if whole_known or not first[:1].isupper() and not name_shape(first):
                    i += 1
                    continue
                place = place_lookup(first)
                if place:
                    add_place(place, t.start, t.start + len(first), t.sent)
                elif first not in not_names and norm(first) in alias_index:
                    key = alias_index[norm(first)]
                    taken.append((t.start, t.start + len(first)))
                    mentions.append(Mention(t.start, t.start + len(first), first, key, t.sent))
                    if head in product_heads:
                        votes[key]["product"] += 0.5
                elif first not in not_names and (name_shape(first) or noninitial.get(first, 0) and
                                                 not is_common(first, lang) or head in product_heads or
                                                 head in org_heads and not is_common(first, lang)):
                    hint = "product" if head in product_heads else "organization" if head in org_heads else None
                    if hint or name_shape(first) or not is_common(first, lang):
                        groups.append(Group([Tok(t.start, t.start + len(first), first, t.sent, t.pos)], hint, head))
                        if hint == "product":
                            compounds.append((t.start, t.text))
                i += 1
                continue
            if (i > 0 and t.text[:1].isupper() and t.text not in not_names and "-" not in t.text
                    and text[toks[i - 1].end:t.start] == " " and _org_cue(toks[i - 1].text)
                    and (not is_listed(t.text, lang) or name_shape(t.text))):
                # a name right after an organisation noun, even one the lexicon reads as a compound
                # ('der Autobauer Orbix', 'die Gewerkschaft IG Bau')
                run = [t]
                if (ACRONYM.match(t.text) and i + 1 < len(toks) and toks[i + 1].text[:1].isupper()
                        and text[t.end:toks[i + 1].start] == " " and toks[i + 1].text not in not_names
                        and (i + 2 == len(toks) or not toks[i + 2].text[:1].isupper())):
                    run.append(toks[i + 1])
                k = i + len(run)
                while (k < len(toks) and text[run[-1].end:toks[k].start] == " " and "-" not in toks[k].text
                       and not ACRONYM_TICKER.match(toks[k].text)  # 'Acme ACM.O': a ticker is an alias
                       and (toks[k].text in org_suffixes | prod_suffixes
                            or toks[k].text[:1].isupper() and is_name_token(toks[k], toks, k)
                            and not is_listed(toks[k].text, lang))):
                    run.append(toks[k])  # 'des Chipdesigners Kestrel Technologies'
                    k += 1
                org_headed.add(t.start)
                groups.append(Group(run, "organization"))
                i += len(run)
                continue
            if not is_name_token(t, toks, i):
                # a common word as a first name: 'Tang Wei', 'Sam Miller' (not after a determiner)
                if (lang == "de" and i + 1 < len(toks) and t.text[:1].isupper() and t.text not in not_names
                        and text[t.end:toks[i + 1].start] == " " and "-" not in toks[i + 1].text
                        and not is_common(toks[i + 1].text, lang) and not name_shape(toks[i + 1].text)
                        and toks[i + 1].text not in not_names
                        and (i == 0 or toks[i - 1].text.lower() not in DETERMINERS)
                        and (i > 0 and (toks[i - 1].text in speech or toks[i - 1].text in titles
                                        or toks[i - 1].text.split("-")[-1] in titles))):
                    pass
                else:
                    i += 1
                    continue
            run = [t]
            if i > 0 and lang == "de":
                pv = toks[i - 1]
                if (pv.text[:1].isupper() and text[pv.end:t.start] == " " and "-" not in pv.text
                        and pv.text.lower() not in DETERMINERS and len(pv.text) > 4
                        and any(pv.text.lower().endswith(sfx.lower()) for sfx in org_suffixes if len(sfx) >= 4)):
                    run = [pv, t]
                    org_headed.add(pv.start)
            j = i + 1
            while j < len(toks):
                nxt = toks[j]
                gap = text[run[-1].end:nxt.start]
                if (gap != " " and not _abbrev_gap(run[-1], nxt)) or "-" in nxt.text:
                    break
                if not is_name_token(nxt, toks, j) and nxt.text not in org_suffixes | prod_suffixes:
                    # 'Dr. Miriam Sommer': after a title and a first name, a capitalised word is the surname
                    k0 = toks.index(run[0])
                    if not (len(run) == 1 and k0 > 0 and _is_title(toks[k0 - 1].text, titles)
                            and (nxt.text not in not_names or nxt.text in surname_words)
                            and nxt.text[:1].isupper() and not is_common(run[0].text, lang)
                            and (j + 1 == len(toks) or not toks[j + 1].text[:1].isupper())):
                        break
                if _is_title(run[-1].text, titles) and len(run) == 1 and nxt.text not in org_suffixes:
                    run = [nxt]
                    j += 1
                    continue
                if (ACRONYM_TICKER.match(nxt.text) and not ACRONYM_TICKER.match(run[-1].text)
                        and not ROMAN.match(nxt.text)  # 'Artemis III' is one name
                        and nxt.text not in org_suffixes | prod_suffixes):
                    break
                if run[-1].text.endswith(("s'", "’s", "'s")):
                    break
                run.append(nxt)
                j += 1
            # a role word inside a run ends a name before it: 'Ohio Governor Dana Whitfield'
            cut = next((k for k in range(1, len(run) - 1) if _is_title(run[k].text, titles)
                        and run[-1].text not in org_suffixes and not _is_title(run[k - 1].text, titles)), None)
            if cut is not None:
                before = run[:cut]
                while len(before) > 1 and is_common(before[-1].text, lang):  # 'House Minority Whip X'
                    before = before[:-1]
                lone = before[0].text if len(run[:cut]) == 1 else None  # 'Majority Leader X' (Senate known)
                if not (lone and is_common(lone, lang) and not place_lookup(lone) and norm(lone) not in alias_index):
                    groups.append(Group(before))
                run = run[cut + 1:]
            # 'European Medicines Agency': a capitalised country adjective opens an organisation's name
            if (lang == "en" and run[-1].text in org_suffixes and i > 0 and toks[i - 1].text in not_names
                    and DEMONYM_SHAPE.match(toks[i - 1].text) and text[toks[i - 1].end:t.start] == " "):
                run = [toks[i - 1]] + run
            named_by_suffix = run[-1].text in org_suffixes | prod_suffixes
            while len(run) > 1 and not named_by_suffix and (_is_title(run[0].text, titles) or (
                    lang == "en" and len(run) > 2 and is_common(run[0].text, lang)
                    and not is_strong_place(run[0].text))):
                run = run[1:]
            groups.append(Group(run))
            i = j

    # 3. resolve groups: places, known names, new entities with type votes
    pending: list[tuple[Group, str]] = []
    sent_pos = {toks[0].sent: k for k, toks in enumerate(sentences) if toks}
    multi_parts = {t.text for g in groups if len(g.toks) > 1 for t in g.toks}
    secondary: set[str] = set()
    n_before = len(mentions)
    pre_ends = {m.end: m for m in mentions if m.via == "name"}
    for g in groups:
        if overlaps(g.toks[0].start, g.toks[-1].end):
            continue
        surface = text[g.toks[0].start:g.toks[-1].end]
        last = g.toks[-1].text
        a0 = g.toks[0].start
        # the name right before this group ('Acme (ACM)', 'Acme ACM'): groups come in text order, so it is the
        # last mention this loop added, or one found before the loop
        newest = mentions[-1] if len(mentions) > n_before else None
        if newest is not None and newest.via == "name" and a0 - 2 <= newest.end <= a0:
            prev_m = newest
        else:
            prev_m = pre_ends.get(a0 - 1) or pre_ends.get(a0 - 2) or pre_ends.get(a0)
        if prev_m is not None and len(g.toks) == 1 and entities[prev_m.key].type != "place":
            between = text[prev_m.end:a0]
            after = text[g.toks[-1].end:g.toks[-1].end + 1]
            before_words = text[max(0, prev_m.start - 40):prev_m.start].split()
            person_like = bool(before_words) and _is_title(before_words[-1].rstrip(".,"), titles)
            if person_like and between == " (":
                pass  # 'Minister Anna Berger (SPD)': the party, not another name of the person
            elif (between == " (" and after == ")") or (between in (" ", " .") and ACRONYM_TICKER.match(surface)):
                key = prev_m.key
                secondary.add(surface if between != " ." else "." + surface)
                if between == " .":
                    a0 -= 1
                    surface = "." + surface
                alias_index.setdefault(norm(surface), key)
                surfaces[key][surface] += 1
                taken.append((a0, g.toks[-1].end))
                mentions.append(Mention(a0, g.toks[-1].end, surface, key, g.toks[0].sent))
                continue
        place = place_lookup(surface)
        if len(g.toks) == 1 and surface in multi_parts:
            place = None
        if place and (last not in org_suffixes | prod_suffixes or len(g.toks) > 1 and last in ("City", "County")):
            add_place(place, g.toks[0].start, g.toks[-1].end, g.toks[0].sent)
            continue
        # 'in Millbrook, Ohio': a name after a locative preposition and before ', <place>' is a town
        if (not place and len(g.toks) <= 2 and norm(surface) not in alias_index and locatives
                and g.toks[0].start > 0):
            before = text[max(0, g.toks[0].start - 12):g.toks[0].start].split()
            m_loc = re.match(r"(?:,\s*|\s+\()([A-ZÄÖÜ][\w-]+(?: [A-ZÄÖÜ][\w-]+)?)",
                             text[g.toks[-1].end:g.toks[-1].end + 40])
            town_shape = len(g.toks) == 1 and len(surface) >= 6 and surface.lower().endswith(town_suffixes) \
                and surface not in org_cues and not name_shape(surface)
            if before and before[-1] in locatives and (m_loc and place_lookup(m_loc.group(1)) or town_shape):
                pk = "town:" + norm(surface)
                add_place((pk, {"en": surface, "de": surface}, "place"), g.toks[0].start, g.toks[-1].end,
                          g.toks[0].sent)
                continue
        base = _strip_possessive(surface)
        dotted = next((k for f, k in alias_index.items() if "." in f and f.split(".")[0] == norm(base)), None)
        if dotted and norm(base) not in alias_index:
            alias_index[norm(base)] = dotted
            secondary.add(base)
        if norm(base) in alias_index:
            key = alias_index[norm(base)]
        elif base.endswith("s") and norm(base[:-1]) in alias_index and lang == "de":
            key = alias_index[norm(base[:-1])]
            base = base[:-1]
        else:
            if lang == "de" and base.endswith("s") and len(g.toks) == 1 and (
                    noninitial.get(base[:-1], 0) or any(x.text == base[:-1] for gg in groups for x in gg.toks)):
                base = base[:-1]
            key = add_entity(base, "organization")
        pending.append((g, key))
        a, b = g.toks[0].start, g.toks[-1].end
        claim(key, a, b, g.toks[0].sent, counted=base)
        # type votes
        v = votes[key]
        toks = sentences[sent_pos.get(g.toks[0].sent, 0)]
        idx = next(k for k, x in enumerate(toks) if x.start >= g.toks[0].start - 0) if toks else 0
        prev = toks[idx - 1].text if idx > 0 else ""
        prev_head = prev.split("-")[-1]
        after = text[b:b + 40]
        if last in org_suffixes or g.toks[0].start in org_headed:
            v["organization"] += 3
        elif last in prod_suffixes:
            v["product"] += 3
        if g.hint == "product":
            v["product_hyphen"] += 1
            v[f"head:{g.head}"] += 1
        elif g.hint == "organization":
            v["organization"] += 1
        if DIGIT_TOKEN.match(base):
            v["product"] += 2
        if prev in prod_cues or prev_head in prod_cues:
            v["product"] += 3
        elif prod_endings and prev[:1].isupper() and prev.lower().endswith(prod_endings):
            v["product"] += 3  # 'das Röntgenteleskop X'
        if prev in org_cues or prev_head in org_cues:
            v["organization"] += 2
        pprev = toks[idx - 2].text if idx > 1 else ""
        if prev in org_links and pprev.lower() in org_heads_lower:
            v["organization"] += 3  # 'analysts at X', 'shares of X', 'Analysten von X'
        app = appos_re.match(after) if appos_re else None
        if app:  # 'the Zephyr Z2, a folding phone', 'Orbix, ein Autobauer aus …'
            for w in app.group(1).split():  # the first typing noun decides ('a company that makes chips')
                if w.lower() in stopwords or w in role_words or _is_title(w, titles):
                    break  # 'Anna Berger, eine Sprecherin des Konzerns' is not typed by 'Konzerns'
                if w.split("-")[-1].lower() in prod_lower:
                    v["product"] += 3
                    break
                if _org_cue(w) or w.split("-")[-1] in org_cues:
                    v["organization"] += 2
                    break
        if len(g.toks) > 1 and DIGIT_TOKEN.match(g.toks[-1].text):
            v["product"] += 2.5  # a model code closes the name ('Zephyr Z2')
        if lang == "en" and (text[b - 2:b] in ("'s", "’s") and re.match(r"\s+[A-Z][\w-]+\s+[A-Z][\w-]+", after)
                             or re.match(r"['’]s\s+[A-Z][\w-]+\s+[A-Z][\w-]+", after)):
            v["organization"] += 3  # "Blue Harbor's Tom Field": a team or employer before a person
        elif cue_endings and re.sub(r"(?:es|s)$", "", prev.lower()).endswith(cue_endings):
            v["organization"] += 2  # 'des Datenanbieters X', 'des Energiekonzerns X'
        if prev in titles or prev_head in titles or prev in role_words or _is_title(prev, titles):
            v["person"] += 3
        if prev in speech and len(g.toks) > 1:
            v["person"] += 2
        if re.match(r",\s*\d{1,3}\s*,", after):
            v["person"] += 3
        if re.match(r",\s*(?:who|[\w-]*(?:" + "|".join(map(re.escape, role_words)) + r"))\b", after) or (
                len(g.toks) > 1 and re.match(r",\s*(?:der|die)\b", after)):
            v["person"] += 1
        if len(g.toks) > 1 and last not in org_suffixes | prod_suffixes and not any(
                ACRONYM_TICKER.match(x.text) for x in g.toks) and g.toks[0].text.lower() not in ordinal_words:
            v["person"] += 2  # two names are a person's, unless an ordinal opens them ('Third Circuit')
        if ACRONYM_TICKER.match(base) or name_shape(base):
            v["organization"] += 0.5
        if not g.hint:
            v["organization"] += 0.5

    # 4. decide types; a single name that is part of a person's name is that person
    for key, v in votes.items():
        e = entities[key]
        if e.existing or e.type == "place":
            continue
        heads = sum(1 for k in v if k.startswith("head:"))
        prod = v["product"] + (v["product_hyphen"] if (heads >= 2 or not is_common(e.name, lang)) else 0)
        scores = {"person": v["person"], "organization": v["organization"], "product": prod}
        best = max(scores.values())
        e.type = next(t for t in ("person", "product", "organization") if scores[t] == best and best > 0) \
            if best > 0 else "organization"
        if heads and prod == 0 and v["organization"] <= 0.5 and is_common(e.name, lang):
            e.type = "drop"
    def fold_into(short: EntityCand, owner: EntityCand) -> None:
        """A short form ('Lin', 'the Commission') is the same entity as a full name: move its mentions."""
        for m in mentions:
            if m.key == short.id:
                m.key = owner.id
        surfaces[owner.id][short.name] += surfaces[short.id][short.name]
        del entities[short.id]

    persons = [e for e in entities.values() if e.type == "person" and " " in e.name]
    for e in list(entities.values()):
        if e.existing or e.type not in ("organization", "person", "drop") or " " in e.name:
            continue
        owner = next((p for p in persons if e.name in (p.name.split()[0], p.name.split()[-1])), None)
        if owner:
            fold_into(e, owner)
    orgs = [e for e in entities.values() if e.type == "organization" and " " in e.name and not e.existing]
    for e in list(entities.values()):
        if e.existing or e.type != "organization" or " " in e.name:
            continue
        owner = next((o for o in orgs if o.name.split()[0] == e.name or (
            o.name.split()[-1] == e.name and o.name.split()[0] in org_prefixes)), None)
        heads = [o for o in orgs if o.name.split()[-1] == e.name]
        if owner is None and e.name in org_suffixes and len(heads) == 1:
            owner = heads[0]  # 'the Commission' after 'the European Commission' (a generic org suffix alone)
        if owner:
            fold_into(e, owner)
    for e in list(entities.values()):
        if e.type == "drop":
            mentions = [m for m in mentions if m.key != e.id]
            del entities[e.id]

    # names: the most frequent base surface (longest on ties); aliases: other surfaces
    for key, counter in surfaces.items():
        e = entities.get(key)
        if e is None:
            continue
        forms = sorted(counter, key=lambda f: (f in secondary, -counter[f], -len(f)))
        if not e.existing and e.type != "place" and key not in fixed_names:
            if e.type == "person":
                forms.sort(key=lambda f: (-len(f.split()), -counter[f]))
            e.name = forms[0]
        for f in forms:
            if f != e.name and f not in e.aliases:
                e.aliases.append(f)
    # products named in compounds ('Orion-Chips') keep those compounds as aliases
    starts = {m.start: m.key for m in mentions}
    for pos, compound in compounds:
        key = starts.get(pos)
        e = entities.get(key) if key else None
        if e is not None and e.type == "product" and compound not in e.aliases and compound != e.name:
            e.aliases.append(compound)

    # keep ids in step with (possibly changed) names of new entities
    renamed = {}
    for e in list(entities.values()):
        if not e.existing and e.type != "place" and slugify(e.name) != e.id and slugify(e.name) not in entities:
            renamed[e.id] = slugify(e.name)
    for old, new in renamed.items():
        ent = entities.pop(old)
        ent.id = new
        entities[new] = ent
        for m in mentions:
            if m.key == old:
                m.key = new

    # 5. country adjectives link to a country named in the article; pronouns and 'das Unternehmen' to
    #    the last person / organisation before them
    place_ids = {e.place_key: e.id for e in entities.values() if e.place_key}
    named_at = {m.start: m for m in mentions}
    for toks in sentences:
        for t in toks:
            # an adjective inside an authority's name still links the country ('chinesische Behörde')
            if overlaps(t.start, t.end) and not (t.start in named_at and named_at[t.start].key in fixed_names):
                continue
            pk = demonym_place(t.text, lang)
            if pk and pk in place_ids:
                mentions.append(Mention(t.start, t.end, t.text, place_ids[pk], t.sent, via="demonym"))
    mentions.sort(key=lambda m: m.start)
    pron = [p for p in rules["pronouns"]["person"] if p.lower() not in ("sie",)]
    org_phr = rules["pronouns"]["org"]
    coref: list[Mention] = []
    starts = [m.start for m in mentions]

    wanted: dict[object, list[int]] = {}

    def last_before(pos: int, want) -> Mention | None:
        # indices of the mentions a predicate accepts, computed once: each look-up is a bisection
        if want not in wanted:
            wanted[want] = [k for k, x in enumerate(mentions) if entities.get(x.key) is not None and want(x)]
        idx = wanted[want]
        k = bisect.bisect_left(idx, bisect.bisect_left(starts, pos)) - 1
        return mentions[idx[k]] if k >= 0 else None

    def is_person(x: Mention) -> bool:
        return entities[x.key].type == "person"

    def is_org_subject(x: Mention) -> bool:
        return (entities[x.key].type == "organization" and x.via == "name" and text[x.end:x.end + 1] != "-"
                and not re.search(r"(?:von|bei|aus|from|of|by|with|at)\s+$", text[max(0, x.start - 6):x.start]))

    pron_re = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, pron)) + r")(?!\w)") if pron else None
    org_re = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, org_phr)) + r")(?!\w)", re.IGNORECASE) \
        if org_phr else None
    sent_start = {s.index: s.start for s in cleaned.body}
    starts_of: dict[str, list[int]] = defaultdict(list)
    for x in mentions:
        starts_of[x.key].append(x.start)

    def topic_org(pos: int, sent_index: int) -> Mention | None:
        """The organisation the last sentences are about: most mentions, a sentence-initial one counts double."""
        k = bisect.bisect_left(starts, pos) - 1
        score: Counter = Counter()
        first: dict[str, Mention] = {}
        while k >= 0 and mentions[k].sentence >= sent_index - 2:
            x = mentions[k]
            if entities.get(x.key) is not None and is_org_subject(x):
                score[x.key] += 2 if x.start == sent_start.get(x.sentence) else 1
                first[x.key] = x
            k -= 1
        if not score:
            return last_before(pos, is_org_subject)
        for key in score:  # ties go to the organisation the article names most
            score[key] += 0.01 * bisect.bisect_left(starts_of[key], pos)
        best = max(score.values())
        return next(first[key] for key in score if score[key] == best)

    for s in cleaned.body:
        for rx, via in ((pron_re, "pronoun"), (org_re, "coref")):
            if rx is None:
                continue
            for m in rx.finditer(s.text):
                pos = s.start + m.start()
                prev = last_before(pos, is_person) if via == "pronoun" else topic_org(pos, s.index)
                if prev is not None:
                    coref.append(Mention(pos, pos + len(m.group(0)), m.group(0), prev.key, s.index, via=via))
    mentions = sorted(mentions + coref, key=lambda m: m.start)
    used = {m.key for m in mentions if m.via == "name"}
    entities = {k: e for k, e in entities.items() if k in used}
    mentions = [m for m in mentions if m.key in entities]
    return Entities(entities=entities, mentions=mentions)


@functools.cache
def _linked_org_re(lang: str) -> re.Pattern | None:
    rules = lang_rules(lang)
    heads, links = rules.get("linked_org_heads") or [], rules.get("linked_org_links") or []
    if not heads or not links:
        return None
    # a head may end a hyphenated compound ('Fraunhofer-Institut für …')
    forms = [r"(?:[A-ZÄÖÜ][\w]*-)*" + (re.escape(h) if h[:1].isupper() else r"[A-ZÄÖÜ]\w*" + re.escape(h))
             for h in heads]
    cap = r"[A-ZÄÖÜ][\w&'’-]*"
    # German nouns are all capitalised: there the name ends after one word (or two joined by 'und')
    tail = cap + (r"(?:\s+(?:und|&)\s+" + cap + r")?" if lang == "de" else r"(?:\s+(?:(?:and|&)\s+)?" + cap + r")*")
    return re.compile(r"(?<![\w-])(?:" + "|".join(forms) + r")\s+(?:" + "|".join(map(re.escape, links))
                      + r")\s+" + tail)


ACRONYM_TICKER = re.compile(r"^(?:[A-Z]{3,}(?:\.[A-Z]{1,2})?|[A-Z]+\.[A-Z]+)$")
ROMAN = re.compile(r"^(?:II|III|IV|VI|VII|VIII|IX|XI|XII)$")
DEMONYM_SHAPE = re.compile(r"^[A-Z][a-z]+(?:an|ish|ese|ic|ch)$")
DIGIT_TOKEN = re.compile(r"^[A-Za-z]+\d+[A-Za-z0-9]*$")


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
