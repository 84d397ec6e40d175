"""A deterministic synthetic Chronik corpus: N events, N/5 entities, N/20 articles, valid under the model.

German news prose with dated events at every EDTF precision (days, months, seasons,
quarters, years, intervals, open ranges, approximate and uncertain dates, a few
undated), entities of all four types with relations and key figures, and quotes
with speakers. Every source sentence is cut from its article at exact offsets.

    python bench/synthetic.py OUT_DIR --events 1000 [--seed 7]

writes OUT_DIR/articles, OUT_DIR/events and OUT_DIR/entities. Same seed, same bytes.
Used by bench/bench_site.py and reusable by any test that needs a large corpus.
:func:`cached_corpus` keeps one generated corpus per size, seed and generator code and hard-links it
into a benchmark's work folder (a 100,000-event corpus is 125,000 files).
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import hashlib
import os
import random
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from chronik.model import render_yaml, slugify

MONTHS = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
          "November", "Dezember"]
SEASONS = {21: "Frühjahr", 22: "Sommer", 23: "Herbst", 24: "Winter"}
QUARTERS = {33: "ersten Quartal", 34: "zweiten Quartal", 35: "dritten Quartal", 36: "vierten Quartal"}
SYLLABLES = ["Var", "Kel", "Tro", "Lum", "Sen", "Dar", "Mek", "Ori", "Pax", "Qua", "Rho", "Sil", "Tek",
             "Ulm", "Ven", "Wol", "Xan", "Zed", "Bra", "Cor", "Fen", "Gal", "Hel", "Ist", "Jor", "Nov",
             "Pol", "Ren", "Sol", "Tal"]
ENDINGS = ["ix", "on", "ara", "eon", "ium", "ent", "ios", "ago", "ex", "una"]
LEGAL = ["AG", "GmbH", "SE", "Holding", "Systems", "Technologies", "Group", "Labs"]
FIRST = ["Anna", "Lukas", "Mia", "Jonas", "Lea", "Felix", "Sophie", "Paul", "Emma", "Leon", "Hannah",
         "Elias", "Lina", "Noah", "Marie", "Finn", "Clara", "Ben", "Ida", "Moritz", "Wei", "Li", "Chen",
         "Yuki", "Amir", "Sara", "Omar", "Nina", "Ivan", "Eva"]
LAST = ["Berger", "Hoffmann", "Keller", "Schuster", "Lehmann", "Brandt", "Vogel", "Krüger", "Seidel",
        "Busch", "Engel", "Horn", "Jansen", "Kühn", "Lorenz", "Martens", "Nowak", "Otto", "Peters",
        "Roth", "Sauer", "Thiel", "Ulrich", "Voigt", "Wagner", "Zhang", "Wang", "Tanaka", "Haddad", "Petrov"]
PLACES = ["Berlin", "Hamburg", "München", "Köln", "Frankfurt", "Stuttgart", "Leipzig", "Dresden", "Wien",
          "Zürich", "Peking", "Shanghai", "Shenzhen", "Tokio", "Seoul", "Singapur", "Taipeh", "Austin",
          "Boston", "Seattle", "Toronto", "Paris", "London", "Amsterdam", "Stockholm", "Warschau", "Prag",
          "Mailand", "Madrid", "Lissabon", "Dubai", "Bangalore", "Sydney", "Kapstadt", "Nairobi"]
OUTLETS = ["Handelsblatt Digital", "Tagesbote", "Wirtschaftswoche Online", "Techspiegel", "Rundschau",
           "Nordkurier Wirtschaft", "Finanzportal", "Chipwelt"]
ACTIONS = [  # (sentence after the time words, headline)
    ("stellte {org} in {place} {obj} vor", "{org} stellt {obj} vor"),
    ("kündigte {org} in {place} {obj} an", "{org} kündigt {obj} an"),
    ("eröffnete {org} in {place} {obj}", "{org} eröffnet {obj}"),
    ("verschob {org} in {place} {obj}", "{org} verschiebt {obj}"),
    ("investierte {org} in {place} in {obj}", "{org} investiert in {obj}"),
    ("stoppte {org} in {place} {obj}", "{org} stoppt {obj}"),
    ("erhielt {org} in {place} eine Genehmigung für {obj}", "Genehmigung für {org}: {obj}"),
    ("schloss {org} in {place} einen Vertrag über {obj}", "{org} schließt Vertrag über {obj}"),
]
OBJECTS = ["ein neues Rechenzentrum", "eine Fabrik für Halbleiter", "ein Sprachmodell", "eine Chip-Serie",
           "ein Forschungslabor", "eine Kooperation mit Hochschulen", "den Börsengang", "ein Sparprogramm",
           "eine Batteriefertigung", "einen Exportauftrag", "eine Cloud-Plattform", "ein Förderprogramm"]
QUOTES = ["Wir sehen eine enorme Nachfrage, die wir kaum bedienen können",
          "Der Abstand zur Konkurrenz wird eher größer als kleiner",
          "Ohne verlässliche Lieferketten ist keine Planung möglich",
          "Wir investieren weiter, auch wenn der Markt schwierig bleibt",
          "Die Regeln für den Export treffen uns härter als erwartet",
          "Unsere Kunden wollen schnellere und sparsamere Systeme",
          "Das ist erst der Anfang einer langen Entwicklung"]
FILLER = ["Beobachter werten den Schritt als Signal an die gesamte Branche.",
          "Die Aktie reagierte zunächst kaum auf die Nachricht.",
          "Analysten rechnen mit weiteren Ankündigungen in den kommenden Monaten.",
          "Details zur Finanzierung wurden nicht genannt.",
          "Der Wettbewerb um Fachkräfte hat sich zuletzt deutlich verschärft."]
ROLES = {"founder_of": "Gründerin oder Gründer von", "ceo_of": "Chef von", "works_for": "Mitarbeiter von",
         "analyst_at": "Analyst bei", "investor_at": "Investor bei"}


@dataclass
class Ent:
    id: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    relations: list[dict] = field(default_factory=list)
    facts: list[dict] = field(default_factory=list)


def _org_base(i: int) -> str:
    s = SYLLABLES
    base = s[i % len(s)] + s[(i // len(s)) % len(s)].lower() + ENDINGS[(i // len(s) ** 2) % len(ENDINGS)]
    return base + (str(i // (len(s) ** 2 * len(ENDINGS))) if i >= len(s) ** 2 * len(ENDINGS) else "")


def make_entities(n: int, rng: random.Random) -> list[Ent]:
    """n entities: 40 % organizations, 30 % people, 18 % products, the rest places; unique names."""
    n_org, n_person, n_product = max(1, n * 40 // 100), max(1, n * 30 // 100), max(1, n * 18 // 100)
    n_place = max(1, n - n_org - n_person - n_product)
    out: list[Ent] = []
    for i in range(n_org):
        base = _org_base(i)
        out.append(Ent(slugify(f"{base} {LEGAL[i % len(LEGAL)]}"), f"{base} {LEGAL[i % len(LEGAL)]}",
                       "organization", aliases=[base]))
    for i in range(n_person):
        first, last = FIRST[i % len(FIRST)], LAST[(i // len(FIRST)) % len(LAST)]
        extra = i // (len(FIRST) * len(LAST))
        name = f"{first} {chr(65 + extra % 26)}. {last}" if extra else f"{first} {last}"
        if extra >= 26:
            name += f" {extra // 26}"
        out.append(Ent(slugify(name), name, "person"))
    for i in range(n_product):
        name = f"{_org_base(i + 7919)[:5]}-{rng.choice('XSMPQ')}{i}"
        out.append(Ent(slugify(name), name, "product"))
    for i in range(n_place):
        name = PLACES[i] if i < len(PLACES) else f"{_org_base(i + 104729)}stadt"
        out.append(Ent(slugify(name), name, "place"))
    return out


def _date_text(rng: random.Random, published: dt.date) -> tuple[str | None, str, str]:
    """(EDTF, time words as written, the words used in the sentence) at a random precision."""
    day = published - dt.timedelta(days=rng.randint(0, 60))
    y, m, d = day.year, day.month, day.day
    roll = rng.random()
    if roll < 0.55:
        return f"{y:04d}-{m:02d}-{d:02d}", f"am {d}. {MONTHS[m - 1]} {y}", f"am {d}. {MONTHS[m - 1]} {y}"
    if roll < 0.70:
        return f"{y:04d}-{m:02d}", f"im {MONTHS[m - 1]} {y}", f"im {MONTHS[m - 1]} {y}"
    if roll < 0.75:
        code = rng.choice(list(SEASONS))
        return f"{y:04d}-{code}", f"im {SEASONS[code]} {y}", f"im {SEASONS[code]} {y}"
    if roll < 0.79:
        code = rng.choice(list(QUARTERS))
        return f"{y:04d}-{code}", f"im {QUARTERS[code]} {y}", f"im {QUARTERS[code]} {y}"
    if roll < 0.83:
        return f"{y:04d}", f"im Jahr {y}", f"im Jahr {y}"
    if roll < 0.89:
        last = min(calendar.monthrange(y, m)[1], d + rng.randint(1, 3))
        words = f"vom {d}. bis {last}. {MONTHS[m - 1]} {y}"
        return f"{y:04d}-{m:02d}-{d:02d}/{y:04d}-{m:02d}-{last:02d}", words, words
    if roll < 0.92:
        words = f"bis zum {d}. {MONTHS[m - 1]} {y}"
        return f"../{y:04d}-{m:02d}-{d:02d}", words, words
    if roll < 0.95:
        return f"{y:04d}-{m:02d}~", f"etwa im {MONTHS[m - 1]} {y}", f"etwa im {MONTHS[m - 1]} {y}"
    if roll < 0.98:
        return f"{y:04d}-{m:02d}-{d:02d}?", f"vermutlich am {d}. {MONTHS[m - 1]} {y}", \
            f"vermutlich am {d}. {MONTHS[m - 1]} {y}"
    return None, "", "zu einem unbekannten Zeitpunkt"


class _Text:
    """An article being written line by line; remembers where each sentence starts."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.length = 0

    def line(self, *sentences: str) -> list[tuple[int, str]]:
        """Append one line of sentences; return (start offset, sentence) for each."""
        spans, pos = [], self.length
        for k, sentence in enumerate(sentences):
            if k:
                pos += 1
            spans.append((pos, sentence))
            pos += len(sentence)
        text = " ".join(sentences)
        self.lines.append(text)
        self.length += len(text) + 1
        return spans

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


def _src(article: str, span: tuple[int, str], time_expression: str = "") -> dict:
    start, sentence = span
    out = {"article": article, "quote": sentence, "start": start, "end": start + len(sentence)}
    if time_expression:
        out["time_expression"] = time_expression
    return out


def generate(root: Path, n_events: int, seed: int = 7) -> dict[str, int]:
    """Write the corpus under ``root``; returns the counts written."""
    rng = random.Random(seed)
    root = Path(root)
    for kind in ("articles", "events", "entities"):
        (root / kind).mkdir(parents=True, exist_ok=True)
    n_articles = max(1, n_events // 20)
    entities = make_entities(max(4, n_events // 5), rng)
    orgs = [e for e in entities if e.type == "organization"]
    people = [e for e in entities if e.type == "person"]
    products = [e for e in entities if e.type == "product"]
    places = [e for e in entities if e.type == "place"]
    start, span_days = dt.date(2016, 1, 1), 365 * 10
    event_no = 0
    for a in range(n_articles):
        published = start + dt.timedelta(days=span_days * a // n_articles)
        outlet = OUTLETS[a % len(OUTLETS)]
        article_id = f"{published.isoformat()}-{slugify(outlet)}-{a}"
        lead_org = orgs[a % len(orgs)]
        title = f"{lead_org.name} und die Konkurrenz: Bewegung im Markt"
        doc = _Text()
        doc.line("Startseite Wirtschaft Technik Finanzen Mehr")
        doc.line(title)
        doc.line(f"Von der Redaktion, {published.day}. {MONTHS[published.month - 1]} {published.year}")
        doc.line("")
        # Relations and figures of the entities this article introduces (each entity once in the corpus).
        for ent in entities[a::n_articles]:
            if ent.type == "person":
                rel = rng.choice(list(ROLES))
                org = rng.choice(orgs)
                (span,) = doc.line(f"{ent.name} ist {ROLES[rel]} {org.name}.")
                ent.relations.append({"type": rel, "target": org.id, "sources": [_src(article_id, span)]})
            elif ent.type == "product":
                org = rng.choice(orgs)
                (span,) = doc.line(f"{ent.name} wird von {org.name} hergestellt.")
                ent.relations.append({"type": "made_by", "target": org.id, "sources": [_src(article_id, span)]})
            elif ent.type == "organization":
                place = rng.choice(places)
                value = f"{rng.randint(1, 900)}.{rng.randint(1, 9)}"
                year = published.year - 1
                s1, s2 = doc.line(f"{ent.name} hat seinen Sitz in {place.name}.",
                                  f"Im Jahr {year} setzte {ent.name} {value.replace('.', ',')} Millionen Euro um.")
                ent.relations.append({"type": "located_in", "target": place.id,
                                      "sources": [_src(article_id, s1)]})
                ent.facts.append({"label": "Jahresumsatz", "value": value, "unit": "Mio. EUR",
                                  "date": f"{year:04d}", "sources": [_src(article_id, s2)]})
        doc.line("")
        pending: list[tuple[str, dict]] = []
        for _ in range(20):
            if event_no >= n_events:
                break
            event_no += 1
            org, place = rng.choice(orgs), rng.choice(places)
            verb, headline = rng.choice(ACTIONS)
            obj = rng.choice(OBJECTS)
            edtf, time_expr, when = _date_text(rng, published)
            sentence = f"{when[0].upper()}{when[1:]} {verb.format(org=org.name, place=place.name, obj=obj)}."
            involved = [org.id, place.id]
            product = rng.choice(products) if rng.random() < 0.3 else None
            if product:
                involved.append(product.id)
            parts = [sentence]
            speaker = rng.choice(people) if rng.random() < 0.35 else None
            quote_text = rng.choice(QUOTES) if speaker else ""
            if speaker:
                parts.append(f"„{quote_text}“, sagte {speaker.name}.")
                involved.append(speaker.id)
            parts.append(rng.choice(FILLER))
            spans = doc.line(*parts)
            data: dict = {
                "date": edtf,
                "title": headline.format(org=org.name, obj=obj),
                "summary": f"{headline.format(org=org.name, obj=obj)} (Standort: {place.name}).",
                "entities": involved,
                "tags": [slugify(obj.split()[-1])],
                "sources": [_src(article_id, spans[0], time_expr)],
                "origin": "extracted",
                "reviewed": rng.random() < 0.2,
            }
            if speaker:
                q_start = spans[1][0] + 1
                data["quotes"] = [{"speaker": speaker.id, "text": quote_text,
                                   "source": _src(article_id, (q_start, quote_text))}]
            pending.append((f"e{event_no:06d}-{slugify(org.name)}", data))
        doc.line("Teilen Drucken Kommentare")
        text = doc.text()
        (root / "articles" / f"{article_id}.txt").write_text(text, encoding="utf-8")
        meta = {"title": title, "outlet": outlet, "url": f"https://example.org/{article_id}",
                "published": f"{published.isoformat()}T{8 + a % 10:02d}:{a % 60:02d}", "language": "de",
                "author": f"{FIRST[a % len(FIRST)]} {LAST[a % len(LAST)]}",
                "chrome": [{"line": 1, "reason": "menu"}, {"line": len(doc.lines), "reason": "share"}]}
        _write(root / "articles" / f"{article_id}.yaml", meta, "article")
        for event_id, data in pending:
            _write(root / "events" / f"{event_id}.yaml", data, "event")
    for ent in entities:
        data = {"name": ent.name, "type": ent.type, "origin": "extracted"}
        if ent.aliases:
            data["aliases"] = ent.aliases
        if ent.relations:
            data["relations"] = ent.relations
        if ent.facts:
            data["facts"] = ent.facts
        data["description"] = f"Synthetischer Eintrag ({ent.type})."
        _write(root / "entities" / f"{ent.id}.yaml", data, "entity")
    return {"events": event_no, "entities": len(entities), "articles": n_articles}


def _write(path: Path, data: dict, kind: str) -> None:
    # A scratch corpus: plain writes (no fsync per file) keep generating 12,500 files fast.
    path.write_text(render_yaml(path, data, kind), encoding="utf-8")


#: Where cached_corpus keeps generated corpora: outside any checkout (the schema header each file starts with
#: is written relative to the repository when the file lies inside one).
CORPUS_CACHE = Path(os.environ.get("CHRONIK_CORPUS_CACHE") or Path.home() / ".cache" / "chronik-bench")


def _generator_fingerprint() -> str:
    """A digest of what decides a corpus's bytes: this file, the YAML writer and the schemas it orders by."""
    from chronik.model import writer

    digest = hashlib.blake2b(digest_size=8)
    schemas = Path(writer.__file__).resolve().parent / "schema"
    for path in [Path(__file__).resolve(), Path(writer.__file__).resolve(), *sorted(schemas.glob("*.json"))]:
        digest.update(path.read_bytes())
    return digest.hexdigest()


def cached_corpus(dest: Path, n_events: int, seed: int = 7, cache: Path | None = CORPUS_CACHE) -> dict[str, int]:
    """generate() into ``dest``, from a corpus cached under ``cache`` (generated there once, atomically) by
    hard links (a copy across file systems); ``cache`` None generates straight into ``dest``."""
    if cache is None:
        return generate(dest, n_events, seed)
    stored = Path(cache) / f"{n_events}-{seed}-{_generator_fingerprint()}"
    if not (stored / "counts").is_file():
        Path(cache).mkdir(parents=True, exist_ok=True)
        scratch = Path(tempfile.mkdtemp(prefix=f".{stored.name}.", dir=cache))
        (scratch / "counts").write_text(" ".join(map(str, generate(scratch, n_events, seed).values())))
        shutil.rmtree(stored, ignore_errors=True)
        scratch.rename(stored)
    Path(dest).mkdir(parents=True, exist_ok=True)
    for kind in ("articles", "events", "entities"):
        shutil.copytree(stored / kind, Path(dest) / kind, copy_function=_link_or_copy, dirs_exist_ok=True)
    events, entities, articles = map(int, (stored / "counts").read_text().split())
    return {"events": events, "entities": entities, "articles": articles}


def _link_or_copy(src: str, dst: str) -> None:
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    counts = generate(args.out, args.events, args.seed)
    print(", ".join(f"{v} {k}" for k, v in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
