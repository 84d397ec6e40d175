"""Word knowledge: is a capitalised token a common word or possibly a name? Places by name."""

from __future__ import annotations

import functools
import re

from chronik.model.ids import slugify as model_slugify

from .rules import RULES_DIR, common_rules, lang_rules, word_list

INFLECTIONS = ("nen", "ern", "en", "er", "es", "em", "e", "n", "s")
FEMININE = ("innen", "in")
CAMEL = re.compile(r"[a-zäöü][A-ZÄÖÜ]")
DIGIT_NAME = re.compile(r"^[A-Za-z]+\d+[A-Za-z0-9]*$")
ACRONYM = re.compile(r"^[A-ZÄÖÜ]{2,6}(?:\.[A-Z]{1,2})?$")


def slugify(text: str) -> str:
    """Entity / event id by the model's one slug rule; 'x' when nothing of the text is left."""
    return model_slugify(text) or "x"


def _in(words: frozenset[str], w: str, feminine: bool = False) -> bool:
    if w in words:
        return True
    if feminine and any(w.endswith(s) and len(w) - len(s) >= 4 and w[: -len(s)] in words for s in FEMININE):
        return True
    return any(w.endswith(s) and len(w) - len(s) >= 3 and w[: -len(s)] in words for s in INFLECTIONS)


# the longest German compounds in real text stay well under this ('Rindfleischetikettierungsüberwachungs…' is 63)
MAX_COMPOUND_CHARS = 64


@functools.lru_cache(maxsize=50000)
def is_common_de(token: str, depth: int = 0) -> bool:
    """Whether a capitalised German token is an ordinary word (noun, or a capitalised adjective/adverb)."""
    nouns = word_list("de", "nouns.txt")
    lower = word_list("de", "lower.txt")
    if _in(nouns, token, feminine=True) or _in(lower, token.lower()):
        return True
    if depth > 1 or len(token) < 6 or len(token) > MAX_COMPOUND_CHARS:
        return False  # splitting costs time quadratic in the length: a longer 'word' is no ordinary one
    rules = lang_rules("de")
    prefixes = set(rules.compound_prefixes)
    links = rules.linking_elements
    for i in range(len(token) - 3, 2, -1):
        head = token[i:].capitalize()
        if not (_in(nouns, head, feminine=True) or (len(head) >= 4 and _in(lower, head.lower()))):
            continue
        pre = token[:i]
        pre_cands = [pre] + [pre[: -len(s)] for s in links if pre.endswith(s) and len(pre) - len(s) >= 3]
        for p in pre_cands:
            if p.lower() in prefixes or _in(nouns, p.capitalize()) or p.lower() in lower:
                return True
            if is_common_de(p.capitalize(), depth + 1):
                return True
    return False


def has_common_head(token: str) -> bool:
    """German: whether a word ends in a listed common noun of four letters or more after at least three letters
    ('Kernquote' -> 'Quote'): a compound of a common noun, whatever its first part."""
    nouns = word_list("de", "nouns.txt")
    return any(_in(nouns, token[i:].capitalize(), feminine=True) for i in range(3, len(token) - 3))


def is_listed(token: str, lang: str) -> bool:
    """Whether the word list itself has the token (not only as a compound of listed words)."""
    if lang == "de":
        return _in(word_list("de", "nouns.txt"), token, feminine=True) or _in(word_list("de", "lower.txt"),
                                                                              token.lower())
    return is_common(token, lang)


def is_common(token: str, lang: str) -> bool:
    """Whether a token is an ordinary word in the language (so, alone, not a name)."""
    if lang == "de":
        # a town's name the word lists lack is no common word because it splits into two ('Weißwasser', 'Neuburg')
        return is_common_de(token) and (is_listed(token, lang) or not is_town(token))
    words = word_list("en", "words.txt")
    low = token.lower()
    return _in(words, low) if len(low) > 3 else low in words


def is_given_name(token: str) -> bool:
    """Whether a word is a known given name ('Hannelore', 'Ivy'; rules/common/given_names.txt, derived from Faker's
    person providers): person evidence when a surname follows."""
    return token in word_list("common", "given_names.txt")


def is_town(token: str) -> bool:
    """Whether a word is the name of a town of 1,000 inhabitants or more (rules/common/towns.txt, derived from
    GeoNames; common words, given names and the big cities left out): a vote for 'place', never a find by itself."""
    return bool(token) and "\n" not in token and f"\n{token}\n" in _towns_text()


@functools.cache
def _towns_text() -> str:
    """The town list as one string: an article asks about a handful of names, and searching the text for each is
    cheaper than building a set of 130,000 names in every process."""
    return "\n" + (RULES_DIR / "common" / "towns.txt").read_text(encoding="utf-8") + "\n"


def name_shape(token: str) -> bool:
    """camelCase, letters with digits (X900) or an acronym: looks like a name whatever the lexicon says."""
    return bool(CAMEL.search(token) or DIGIT_NAME.match(token) or ACRONYM.match(token))


def norm(text: str) -> str:
    """Key for comparing surface forms."""
    return re.sub(r"\s+", " ", text).strip().casefold()


@functools.cache
def places() -> dict[str, tuple[str, dict[str, str], str]]:
    """Map of normalised place name -> (key, {'en': name, 'de': name}, type): the big cities, the states,
    provinces and counties of ISO 3166-2, every country, and rules/common/places.yaml."""
    table: dict[str, tuple[str, dict[str, str], str]] = {}

    def add(names: list[str], key: str, canon: dict[str, str], type_: str = "place", force: bool = False) -> None:
        for n in names:
            k = n.casefold()
            if k and (force or k not in table):
                table[k] = (key, canon, type_)

    for name in ("cities.txt", "regions.txt"):
        for line in (RULES_DIR / "common" / name).read_text(encoding="utf-8").splitlines():
            if line.startswith("#") or not line.strip():
                continue
            parts = line.split("\t")
            add(parts, parts[0], {"en": parts[0], "de": parts[0]})
    for line in (RULES_DIR / "common" / "countries.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        code, en, de, *others = line.split("\t")
        add([en, de, *others], en, {"en": en, "de": de}, force=True)
    for p in common_rules("places")["places"]:
        canon = {"en": p["en"], "de": p["de"]}
        add([p["en"], p["de"], *p.get("aliases", [])], p["en"], canon, p.get("type", "place"), force=True)
    return table


@functools.cache
def strong_places() -> frozenset[str]:
    """Normalised names of countries and regions (not cities): names even where the lexicon knows the word."""
    out = set()
    for line in (RULES_DIR / "common" / "countries.txt").read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            out |= {norm(n) for n in line.split("\t")[1:]}
    for p in common_rules("places")["places"]:
        out |= {norm(n) for n in [p["en"], p["de"], *p.get("aliases", [])]}
    return frozenset(out)


@functools.cache
def multiword_places() -> dict[str, int]:
    """Place names of several words (normalised) -> number of words."""
    names = {n for n in strong_places() if " " in n}
    names |= {k for k, v in places().items() if " " in k and len(k) >= 6}
    return {n: len(n.split()) for n in names}


@functools.cache
def _longest_multiword() -> int:
    return max(multiword_places().values(), default=0)


def find_multiword_places(text: str) -> list[tuple[int, int]]:
    """Spans of multi-word country/region names in text (longest first at each word)."""
    table = multiword_places()
    longest = _longest_multiword()
    words = [(m.start(), m.end()) for m in re.finditer(r"[\w.]+", text)]
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(words):
        hit = None
        if text[words[i][0]].isupper():
            for n in range(min(longest, len(words) - i), 1, -1):
                a, b = words[i][0], words[i + n - 1][1]
                # a sentence's full stop after the last word is no part of the name ('… nach Kingston upon Hull.')
                b = next((e for e in (b, b - 1) if (e == b or text[e] == ".")
                          and " ".join(text[a:e].split()).casefold() in table), 0)
                if b:
                    hit = (a, b, n)
                    break
        if hit:
            out.append((hit[0], hit[1]))
            i += hit[2]
        else:
            i += 1
    return out


def is_strong_place(token: str) -> bool:
    """A country or region name, also in German genitive ('Chinas') or English possessive."""
    k = norm(token)
    sp = strong_places()
    return k in sp or any(k.endswith(x) and k[: -len(x)] in sp for x in ("s", "'s", "’s"))


def place_lookup(text: str) -> tuple[str, dict[str, str], str] | None:
    """The place a surface form names (German genitive -s and English 's allowed)."""
    table = places()
    k = norm(text)
    if k in table:
        return table[k]
    for suffix in ("'s", "’s", "s"):
        if k.endswith(suffix) and k[: -len(suffix)] in table and len(k) > 4:
            return table[k[: -len(suffix)]]
    return None


@functools.cache
def demonyms(lang: str) -> list[tuple[str, str]]:
    """(stem, place key) pairs, longest stem first."""
    data = common_rules("places")["demonyms"].get(lang, {})
    pairs = [(stem, key) for key, stems in data.items() for stem in stems]
    return sorted(pairs, key=lambda p: -len(p[0]))


@functools.lru_cache(maxsize=20000)
def demonym_place(token: str, lang: str) -> str | None:
    """Place key of a country adjective ('chinesischen' -> China, 'American' -> United States)."""
    for stem, key in demonyms(lang):
        if lang == "de":
            low = token.lower()
            base = low.split("-")[-1] if "-" in low else low
            if base.startswith(stem.lower().split("-")[-1]) and len(base) - len(stem.split("-")[-1]) <= 2:
                return key
        elif token == stem:
            return key
    return None
