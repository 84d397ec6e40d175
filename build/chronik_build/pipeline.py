"""`chronik extract ARTICLE [--content DIR] [--published DATE] [--url URL] [--title T] [--outlet O] [--lang de|en]`.

read → clean → time → entities → events → relations / quotes / figures → merge & write.
`main(argv)` returns the exit code: 0 done, 1 bad input or a problem writing, 2 bad usage.
"""

from __future__ import annotations

import argparse
import bisect
import hashlib
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from chronik.model.paths import TooLargeError, UnsafePathError, check_inside, read_limited
from chronik.model.problems import printable
from chronik.model.writer import content_lock
from chronik.model.yamlload import load_yaml_file

from .clean import CleanError, chrome_summary, clean, parse_published
from .dedupe import event_targets
from .doc import Cleaned, Entities, EventCand, FactCand, RelationCand, SourceRef
from .entities import Known, find_entities
from .events import find_events
from .figures import find_figures
from .lexicon import slugify
from .merge import Planned, Report, deleted_by_hand, drop_entities, files_citing, plan, write_all
from .quotes import find_quotes
from .relations import find_relations
from .time import find_times

MAX_BYTES = 10 * 1024 * 1024  # the content loader's limit for article texts
URL = re.compile(r"https?://[^\s/?#]+[^\s]*", re.IGNORECASE)


class InputError(Exception):
    """A problem with what the user gave us (one-line message, exit 1)."""


@dataclass(frozen=True)
class Given:
    """What the user told us about the article on the command line (each overrides what the text says)."""

    published: str | None = None
    url: str | None = None
    title: str | None = None
    outlet: str | None = None

    def check(self) -> None:
        """InputError naming the option for a value that cannot be right."""
        if self.published is not None:
            try:
                parse_published(self.published, label=f"--published {self.published!r}")
            except CleanError as exc:
                raise InputError(str(exc)) from exc
        if self.url is not None and not URL.fullmatch(self.url.strip()):
            raise InputError(f"--url {self.url!r}: use an absolute http(s) address")
        for flag, value in (("--title", self.title), ("--outlet", self.outlet)):
            if value is not None and not value.strip():
                raise InputError(f"{flag}: must not be empty")


@dataclass
class Extraction:
    """Everything the stages found in one article."""

    cleaned: Cleaned
    entities: Entities
    events: list[EventCand]
    relations: list[RelationCand]
    facts: list[FactCand]


def read_article(path: Path) -> tuple[bytes, str]:
    """The article's bytes and text; InputError for missing, binary, non-UTF-8, empty or huge files."""
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path}: not a file")
    try:  # no symlink, pipe or device; never more than the limit read (a link to /dev/zero fails at once)
        raw = read_limited(path, MAX_BYTES, what="articles")
    except TooLargeError as exc:
        raise InputError(f"{path}: too large ({exc})") from None
    except UnsafePathError as exc:
        raise InputError(f"{path}: {exc}") from None
    if b"\x00" in raw:
        raise InputError(f"{path}: binary file, expected plain text")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text (byte {exc.start})") from exc
    if text.startswith("\ufeff"):
        raise InputError(f"{path}: starts with a byte order mark; save it as UTF-8 without BOM")
    if not text.strip():
        raise InputError(f"{path}: the article is empty")
    return raw, text


def load_known(content: Path) -> list[Known]:
    """Entities already in the content folder (the gazetteer)."""
    out = []
    folder = content / "entities"
    if not folder.is_dir():
        return out
    for path in sorted(folder.glob("*.yaml")):
        loaded, _ = load_yaml_file(path)
        if loaded is None:  # a broken file is the validator's business, not ours
            continue
        data = loaded.data
        if isinstance(data, dict) and isinstance(data.get("name"), str):
            aliases = [a for a in data.get("aliases") or [] if isinstance(a, str)]
            out.append(Known(id=path.stem, name=data["name"], type=str(data.get("type") or "organization"),
                             aliases=aliases))
    return out


def extract(text: str, published: str | None, lang: str | None, known: list[Known], url: str | None = None
            ) -> Extraction:
    """Run the analysis stages on one article text."""
    cleaned = clean(text, published=published, lang=lang, url=url)
    times = find_times(cleaned)
    ents = find_entities(cleaned, known)
    events = find_events(cleaned, times, ents)
    quotes = find_quotes(cleaned, ents)
    attach_quotes(events, quotes, ents)
    relations = find_relations(cleaned, ents)
    link_employers(events, relations, ents)
    dates = {}
    for ev in events:
        dates.setdefault(ev.sentence, ev.date)
    facts = find_figures(cleaned, ents, times, dates)
    if not events and cleaned.body:
        cleaned.warnings.append("nothing extracted: no event found in the article text")
    return Extraction(cleaned, ents, events, relations, facts)


def link_employers(events: list[EventCand], relations: list[RelationCand], ents: Entities) -> None:
    """A person acting without an organisation in the event acts for the one a role links them to
    ('CEO X said …' joins X's company to the event)."""
    employer: dict[str, str] = {}
    for r in relations:
        src, tgt = ents.entities.get(r.source), ents.entities.get(r.target)
        if src is not None and tgt is not None and src.type == "person" and tgt.type == "organization":
            employer.setdefault(r.source, r.target)
    for ev in events:
        types = {ents.entities[i].type for i in ev.entities if i in ents.entities}
        if "organization" in types:
            continue
        for i in list(ev.entities):
            if i in employer and employer[i] not in ev.entities:
                ev.entities.append(employer[i])


def attach_quotes(events: list[EventCand], quotes: list, ents: Entities) -> None:
    """Each quote goes to the event of its sentence, else to the speaker's latest earlier event."""
    # source spans sorted by start (first event wins on ties, as in text order): a bisection per quote
    spans = sorted(((s.start, s.end, n) for n, e in enumerate(events) for s in e.sources), key=lambda x: (x[0], x[2]))
    span_starts = [x[0] for x in spans]
    by_speaker: dict[str, list[EventCand]] = {}
    for e in events:
        for i in e.entities:
            by_speaker.setdefault(i, []).append(e)
    for q in quotes:
        k = bisect.bisect_right(span_starts, q.start)
        hits = [n for a, b, n in spans[max(0, k - 50):k] if a <= q.start < b]
        target = events[min(hits)] if hits else None
        if target is None and q.speaker:
            earlier = [e for e in by_speaker.get(q.speaker, []) if e.sentence <= q.sentence]
            target = earlier[-1] if earlier else None
        if target is None:
            continue
        target.quotes.append(q)
        if q.speaker and q.speaker not in target.entities:
            target.entities.append(q.speaker)


def article_id(path: Path, cleaned: Cleaned) -> str:
    """The file name's slug when it starts with a date, else date + outlet + title words."""
    stem = slugify(path.stem)
    if re.match(r"\d{4}-\d{2}-\d{2}-", stem):
        return stem[:80].strip("-")
    words = " ".join(cleaned.title.split()[:5])
    outlet = cleaned.outlet if cleaned.outlet not in ("unbekannt", "unknown") else ""
    return slugify(f"{(cleaned.published or '')[:10]} {outlet} {words}")[:80].strip("-")


def _source(aid: str, s: SourceRef) -> dict:
    d = {"article": aid, "quote": s.quote, "start": s.start, "end": s.end}
    if s.time_expression:
        d["time_expression"] = s.time_expression
    return d


def article_document(c: Cleaned, given: Given | None = None) -> dict:
    """The article's metadata; what the user gave on the command line wins over what the text says."""
    given = given or Given()
    article: dict = {"title": (given.title or c.title).strip(), "outlet": (given.outlet or c.outlet).strip()}
    if c.published:
        article["published"] = c.published
    article["language"] = c.language
    if given.url:
        article["url"] = given.url.strip()
    if c.author:
        article["author"] = c.author
    if c.chrome:
        article["chrome"] = [{"line": n, "reason": r} for n, r in c.chrome]
    return article


def to_documents(x: Extraction, aid: str, known: list[Known] | None = None, given: Given | None = None
                 ) -> tuple[dict, dict[str, dict], dict[str, dict]]:
    """Article, event and entity data in the content model's shape."""
    known = known or []
    article = article_document(x.cleaned, given)
    events: dict[str, dict] = {}
    for ev in x.events:
        d: dict = {"date": ev.date, "title": ev.title, "summary": ev.summary, "entities": list(ev.entities)}
        if ev.tags:
            d["tags"] = list(ev.tags)
        if ev.quotes:
            qs = []
            for q in ev.quotes:
                qd: dict = {}
                if q.speaker:
                    qd["speaker"] = q.speaker
                qd["text"] = q.text
                qd["source"] = {"article": aid, "quote": q.text, "start": q.start, "end": q.end}
                qs.append(qd)
            d["quotes"] = qs
        d["sources"] = [_source(aid, s) for s in ev.sources]
        d["origin"] = "extracted"
        d["reviewed"] = False
        events[ev.id] = d
    entities: dict[str, dict] = {}

    def key(name: str) -> str:
        return " ".join(name.split()).casefold()

    # a name or alias belongs to one entity only (the validator's rule): names first, then first come
    owner: dict[str, str] = {}
    for e in x.entities.entities.values():
        owner.setdefault(key(e.name), e.id)
    for k in known:
        for form in [k.name, *k.aliases]:
            owner.setdefault(key(form), k.id)
    for e in x.entities.entities.values():
        d = {"name": e.name, "type": e.type, "aliases": []}
        for a in e.aliases:
            if a != e.name and owner.setdefault(key(a), e.id) == e.id and a not in d["aliases"]:
                d["aliases"].append(a)
        rels = [r for r in x.relations if r.source == e.id]
        if rels:
            d["relations"] = [{"type": r.type, "target": r.target, "sources": [_source(aid, r.evidence)]}
                              for r in rels]
        facts = [f for f in x.facts if f.entity == e.id]
        if facts:
            fl = []
            for f in facts:
                fd: dict = {"label": f.label, "value": f.value}
                if f.unit:
                    fd["unit"] = f.unit
                if f.date:
                    fd["date"] = f.date
                fd["sources"] = [_source(aid, f.evidence)]
                fl.append(fd)
            d["facts"] = fl
        d["origin"] = "extracted"
        d["reviewed"] = False
        entities[e.id] = d
    return article, events, entities


@dataclass
class Analysed:
    """One article read and analysed, ready to be merged into the content folder."""

    raw: bytes
    known: list[Known]
    extraction: Extraction

    def __iter__(self):
        return iter((self.raw, self.known, self.extraction))


def analyse(article_path: Path, content: Path, lang: str | None, given: Given) -> Analysed:
    """Read one article and run the analysis stages (nothing is written); InputError for bad input."""
    given.check()
    raw, text = read_article(article_path)
    if content.exists() and not content.is_dir():
        raise InputError(f"{content}: not a folder")
    known = load_known(content)
    return Analysed(raw, known, _analyse(article_path, text, given, lang, known))


def _analyse(article_path: Path, text: str, given: Given, lang: str | None, known: list[Known]) -> Extraction:
    """extract() with the cleaner's complaints as InputError."""
    try:
        return extract(text, given.published, lang, known, url=given.url)
    except CleanError as exc:
        raise InputError(f"{article_path}: {exc}") from exc


def run(article_path: Path, content: Path, published: str | None, lang: str | None,
        out=None, given: Given | None = None, err=None, analysed: Analysed | None = None) -> Report:
    """Extract one article into the content folder (a summary and what was kept go to out, default stdout;
    warnings to err, default stderr). `analysed` is the article already analysed (by a worker process)."""
    out = out or sys.stdout
    given = given or Given(published=published)
    raw, known, x = analysed or analyse(article_path, content, lang, given)
    # merge and write under the lock; the entities known may have changed while we waited for it, and a
    # concurrent run's entities must be linked, not created twice: then analyse again
    with content_lock(content):
        fresh = load_known(content)
        if fresh != known:
            known, x = fresh, _analyse(article_path, raw.decode("utf-8"), given, lang, fresh)
        for warning in x.cleaned.warnings:
            print(f"chronik extract: warning: {article_path}: {warning}", file=err or sys.stderr)
        dropped = chrome_summary(x.cleaned)
        if dropped:
            print(f"{article_path}: {dropped}", file=out)
        aid = article_id(article_path, x.cleaned)
        same = article_with_text(content, raw)
        if same is not None and same != aid:  # one article under another file name: not added twice
            print(f"{article_path}: the same text as {content / 'articles' / same}.txt: extracted as '{same}'",
                  file=out)
            aid = same
        article, events, entities = to_documents(x, aid, known, given)
        types = {k.id: k.type for k in known} | {i: str(d.get("type")) for i, d in entities.items()}
        report = write_extraction(content, aid, raw, article, events, entities, types)
    print(f"{article_path}: {len(events)} events, {len(entities)} entities; "
          f"{len(report.written)} files written, {len(report.unchanged)} unchanged", file=out)
    print_report(report, out)
    return report


def article_with_text(content: Path, raw: bytes) -> str | None:
    """The id of the article in the content folder whose text is exactly raw (sizes first, then SHA-256)."""
    folder = content / "articles"
    if not folder.is_dir():
        return None
    digest = hashlib.sha256(raw).digest()
    for path in sorted(folder.glob("*.txt")):
        try:
            if path.stat().st_size == len(raw) and hashlib.sha256(path.read_bytes()).digest() == digest:
                return path.stem
        except OSError:
            continue
    return None


def print_report(report: Report, out) -> None:
    """What a person should know: fields overwritten, what was kept and why, files removed, items merged."""
    for line in report.updated:
        print(f"updated: {line}", file=out)
    for line in report.kept:
        print(f"kept: {line}", file=out)
    for line in report.removed:
        print(f"removed: {line}", file=out)
    for line in report.merged:
        print(f"merged: {line}", file=out)


def write_extraction(content: Path, aid: str, raw: bytes, article: dict, events: dict[str, dict],
                     entities: dict[str, dict], types: dict[str, str] | None = None) -> Report:
    """Merge one article's items into the content folder (call it holding the content lock).

    An event another article already told goes into that article's event file (see dedupe)."""
    report = Report()
    planned: list[Planned] = []
    txt = content / "articles" / f"{aid}.txt"
    if txt.exists():
        if txt.read_bytes() != raw:
            raise InputError(f"{txt} exists with different text; rename the new article file")
    else:
        planned.append(Planned(path=txt, data=raw))
        report.written.append(str(txt))
    gone = {i for i in entities if deleted_by_hand(content, "entity", i)}
    if gone:
        drop_entities(gone, events, entities)
    targets = event_targets(content, aid, events, types or {}, report)
    files = {"article": {aid: (aid, article)}, "entity": {i: (i, d) for i, d in entities.items()},
             "event": {targets[i]: (i, d) for i, d in events.items()}}
    for kind, items in files.items():
        for ident in sorted(files_citing(content, kind, aid) - set(items)):
            planned += plan(content, kind, ident, None, report, aid)  # no longer found in this article
        for ident, (extracted_as, data) in items.items():
            planned += plan(content, kind, ident, data, report, aid, extracted_as)
    folders: set[Path] = set()
    for p in planned:  # never write through a symlinked folder or file to outside the content folder
        for target in (p.path, p.record):
            try:
                if target is not None:
                    check_inside(content, target, leaf=None, folders=folders)
            except UnsafePathError as exc:
                raise InputError(f"{target}: {exc}") from None
    write_all(content, planned)
    return report


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point (the `chronik extract` subcommand calls this)."""
    ap = argparse.ArgumentParser(prog="chronik extract",
                                 description="Turn a news article into events, entities, relations, quotes and "
                                             "figures in the content folder.")
    ap.add_argument("articles", type=Path, nargs="+", metavar="ARTICLE",
                    help="the article as plain UTF-8 text; several files or a folder of .txt files run in parallel")
    ap.add_argument("--content", type=Path, default=Path("content"), help="content folder (default: content)")
    ap.add_argument("--published", help="publication date YYYY-MM-DD, YYYY-MM-DDTHH:MM or YYYY-MM (overrides the one "
                                        "found in the text)")
    ap.add_argument("--url", help="the article's address (stored; its date is used when the text states none)")
    ap.add_argument("--title", help="the article's title (overrides the one found in the text)")
    ap.add_argument("--outlet", help="who published it (overrides the one found in the text)")
    ap.add_argument("--lang", choices=("de", "en"), help="article language (default: detected)")
    ap.add_argument("--jobs", type=int, help="worker processes for many articles (default: one per core)")
    args = ap.parse_args(argv)
    given = Given(published=args.published, url=args.url, title=args.title, outlet=args.outlet)
    many = len(args.articles) > 1 or args.articles[0].is_dir()
    if many and (args.url or args.title):
        ap.error("--url and --title describe one article; give them with a single ARTICLE")
    if args.jobs is not None and args.jobs < 1:
        ap.error("--jobs must be at least 1")
    try:
        if many:
            from .batch import run_many

            return run_many(args.articles, args.content, args.lang, given, jobs=args.jobs)
        run(args.articles[0], args.content, args.published, args.lang, given=given)
    except (InputError, UnsafePathError) as exc:
        print(printable(f"chronik extract: error: {exc}"), file=sys.stderr)
        return 1
    except OSError as exc:
        print(printable(f"chronik extract: error: {exc.filename or ''}: {exc.strerror or exc}"), file=sys.stderr)
        return 1
    except Exception as exc:  # noqa: BLE001 - a bug: one line, the traceback only on request
        if os.environ.get("CHRONIK_DEBUG"):
            raise
        print(f"chronik extract: internal error ({type(exc).__name__}: {exc}); "
              f"set CHRONIK_DEBUG=1 for details", file=sys.stderr)
        return 70
    return 0


if __name__ == "__main__":
    sys.exit(main())
