"""`chronik extract A.txt B.txt …` or a folder: many articles at once.

The analysis of each article (the costly part) runs in a pool of worker processes, one per core; the parent
merges and writes each result into the content folder one at a time with the same `run()` a single article
uses, so the writer's guarantees hold. A progress line names the article in hand; the summary lists events,
entities and warnings per article. The exit code is 0 when every article succeeded, else 1 (the others are
written all the same).
"""

from __future__ import annotations

import concurrent.futures as cf
import io
import multiprocessing
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from .entities import Known
from .pipeline import Analysed, Given, InputError, analyse, load_known, run


@dataclass
class Outcome:
    """What became of one article."""

    path: Path
    events: int = 0
    entities: int = 0
    warnings: list[str] = field(default_factory=list)
    error: str | None = None


def expand_articles(paths: list[Path]) -> list[Path]:
    """The article files named: files as given, folders by their *.txt files (sorted); each once."""
    out: list[Path] = []
    for p in paths:
        found = sorted(q for q in p.glob("*.txt") if q.is_file()) if p.is_dir() else [p]
        if p.is_dir() and not found:
            raise InputError(f"{p}: no .txt articles in this folder")
        out += [q for q in found if q not in out]
    return out


def _analyse(path: Path, content: Path, lang: str | None, given: Given) -> Analysed | str:
    """In a worker: the analysed article, or the one-line error message for bad input or a bug."""
    try:
        return analyse(path, content, lang, given)
    except InputError as exc:
        return str(exc)
    except OSError as exc:
        return f"{exc.filename or path}: {exc.strerror or exc}"
    except Exception as exc:  # noqa: BLE001 - one article's bug must not stop the others
        return f"{path}: internal error ({type(exc).__name__}: {exc})"


def relink(analysed: Analysed, known: list[Known]) -> None:
    """Entities that articles written since this one was analysed added to the content folder: a new entity
    whose name or alias is theirs becomes that entity, as the gazetteer would have made it."""
    def key(name: str) -> str:
        return " ".join(name.split()).casefold()

    index: dict[str, Known] = {}
    for k in known:
        for form in (k.name, *k.aliases):
            index.setdefault(key(form), k)
    ents = analysed.extraction.entities
    renamed: dict[str, str] = {}
    for e in list(ents.entities.values()):
        k = None if e.existing else next((index[key(f)] for f in (e.name, *e.aliases) if key(f) in index), None)
        if k is None or k.type != e.type and e.type != "place":
            continue
        del ents.entities[e.id]
        target = ents.entities.get(k.id)
        if target is None:
            target = ents.entities[k.id] = type(e)(id=k.id, name=k.name, type=k.type, aliases=list(k.aliases),
                                                   existing=True, place_key=e.place_key)
        target.aliases += [f for f in (e.name, *e.aliases) if f != target.name and f not in target.aliases]
        renamed[e.id] = k.id
    if renamed:
        _rename_references(analysed, renamed)
    analysed.known = known


def _rename_references(analysed: Analysed, renamed: dict[str, str]) -> None:
    """Point every mention, event, quote, relation and figure at the entities' new ids."""
    x = analysed.extraction
    for m in x.entities.mentions:
        m.key = renamed.get(m.key, m.key)
    for ev in x.events:
        ev.entities = list(dict.fromkeys(renamed.get(i, i) for i in ev.entities))
        for q in ev.quotes:
            q.speaker = renamed.get(q.speaker, q.speaker) if q.speaker else q.speaker
    for r in x.relations:
        r.source, r.target = renamed.get(r.source, r.source), renamed.get(r.target, r.target)
    x.relations[:] = [r for r in x.relations if r.source != r.target]
    for f in x.facts:
        f.entity = renamed.get(f.entity, f.entity)


def _write(path: Path, content: Path, lang: str | None, given: Given, analysed: Analysed) -> Outcome:
    """Merge one analysed article into the content folder (in the parent, one at a time), linked to the
    entities the articles written before it added."""
    relink(analysed, load_known(content))
    out, err = io.StringIO(), io.StringIO()
    outcome = Outcome(path)
    try:
        run(path, content, given.published, lang, out=out, given=given, err=err, analysed=analysed)
    except InputError as exc:
        outcome.error = str(exc)
    except OSError as exc:
        outcome.error = f"{exc.filename or path}: {exc.strerror or exc}"
    x = analysed.extraction
    outcome.events, outcome.entities = len(x.events), len(x.entities.entities)
    outcome.warnings = [ln.split(": warning: ", 1)[-1] for ln in err.getvalue().splitlines() if ln]
    return outcome


def _progress(stream: TextIO, done: int, total: int, path: Path) -> None:
    """'[3/10] name.txt': in place on a terminal, one line each otherwise."""
    width = 30
    bar = "#" * (width * done // total) + "-" * (width - width * done // total)
    line = f"[{bar}] {done}/{total} {path.name}"
    if stream.isatty():
        stream.write("\r" + line[:100].ljust(100) + ("\n" if done == total else ""))
    else:
        stream.write(line + "\n")
    stream.flush()


def run_many(paths: list[Path], content: Path, lang: str | None, given: Given, jobs: int | None = None,
             out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Extract many articles into one content folder; 0 when all succeeded, 1 when any failed."""
    out, err = out or sys.stdout, err or sys.stderr
    articles = expand_articles(paths)
    given.check()
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(articles)))
    outcomes: dict[Path, Outcome] = {}
    # fork shares the rules and word lists the parent loaded; elsewhere the default start method is used
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    _warm_up()
    with cf.ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        futures = {pool.submit(_analyse, p, content, lang, given): p for p in articles}
        for n, fut in enumerate(cf.as_completed(futures), start=1):
            path = futures[fut]
            _progress(err, n, len(articles), path)
            result = fut.result()
            if isinstance(result, str):
                outcomes[path] = Outcome(path, error=result)
            else:
                outcomes[path] = _write(path, content, lang, given, result)
    _summary(out, [outcomes[p] for p in articles])
    return 1 if any(o.error for o in outcomes.values()) else 0


def _warm_up() -> None:
    """Load both languages' rules and word lists once in the parent, so forked workers start warm."""
    from .entities import vocab
    from .events import event_patterns
    from .lexicon import is_common
    from .tagger import german_tagger
    from .time import compiled

    for lang in ("de", "en"):
        vocab(lang)
        compiled(lang)
        event_patterns(lang)
        is_common("Wort", lang)
    german_tagger()


def _summary(out: TextIO, outcomes: list[Outcome]) -> None:
    """One line per article: events, entities, warnings, or why it failed; then the totals."""
    for o in outcomes:
        if o.error:
            print(f"FAILED  {o.path}: {o.error}", file=out)
            continue
        print(f"ok      {o.path}: {o.events} events, {o.entities} entities, {len(o.warnings)} warnings", file=out)
        for w in o.warnings:
            print(f"        warning: {w}", file=out)
    failed = sum(1 for o in outcomes if o.error)
    print(f"{len(outcomes) - failed} of {len(outcomes)} articles extracted"
          + (f", {failed} failed" if failed else ""), file=out)
