#!/usr/bin/env python3
"""Many articles, one knowledge base: extract every development article into one fresh content folder and print
what the write stage merged across articles and which likely duplicates `chronik validate` still sees.

Usage: python bench/bench_knowledge_base.py [DIR] [--keep OUT]
DIR defaults to ../shared/eval/dev. `--published` is passed exactly as the scorer (run.py) decides: only where the
gold says the date is not in the text itself. Prints figures and lists; asserts nothing.
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
import time
from pathlib import Path

import yaml
from chronik.model import display_path, load_content
from chronik.model.duplicates import duplicate_warnings
from chronik_build.pipeline import InputError, run

ROOT = Path(__file__).resolve().parent.parent
# ../shared/eval/dev beside the repository (or beside a worktree's parent folder)
DEV = next((p / "shared" / "eval" / "dev" for p in ROOT.parents if (p / "shared" / "eval" / "dev").is_dir()),
           ROOT.parent / "shared" / "eval" / "dev")


def published_for(gold: dict) -> str | None:
    """run.py's rule: --published only where the date is not in the text itself (it came from the URL …)."""
    if gold.get("publication_date_source") not in ("text", "store-prefix") and gold.get("anchor_date"):
        return str(gold["anchor_date"])
    return None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dir", nargs="?", type=Path, default=DEV)
    ap.add_argument("--keep", type=Path, help="write the content folder here (must not exist)")
    args = ap.parse_args()
    content = args.keep or Path(tempfile.mkdtemp(prefix="chronik-kb-")) / "content"
    merged: list[str] = []
    names: dict[bytes, str] = {}  # article text → the development file's number (00, 01 …)
    started = time.perf_counter()
    for gold_path in sorted(args.dir.glob("*.gold.yaml")):
        gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
        article = gold_path.with_name(gold_path.name[: -len(".gold.yaml")] + ".txt")
        try:
            report = run(article, content, published_for(gold), gold.get("language"), out=io.StringIO())
        except InputError as exc:  # the extractor found no date where the scorer expects it to: say so, go on
            if not gold.get("anchor_date"):
                print(f"FAILED as run.py runs it, left out: {exc}")
                continue
            print(f"FAILED as run.py runs it: {exc}; retried with --published {gold['anchor_date']}")
            report = run(article, content, str(gold["anchor_date"]), gold.get("language"), out=io.StringIO())
        merged += [f"{article.name[:2]}: {line}" for line in report.merged]
        names[article.read_bytes()] = article.name[:2]
    seconds = time.perf_counter() - started
    corpus, problems = load_content(content)
    short = {a.id: names.get(a.text.encode("utf-8"), a.id) for a in corpus.articles.values()}
    print(f"{len(corpus.articles)} articles, {len(corpus.events)} events, {len(corpus.entities)} entities "
          f"in {seconds:.1f} s; {len(problems)} problems; content: {content}")
    multi = [e for e in corpus.events.values() if len({s.article for s in e.sources}) > 1]
    print(f"\nevents told by several articles: {len(multi)} (merged pairs: {len(merged)})")
    for ev in sorted(multi, key=lambda e: e.id):
        print(f"  {ev.id}  [{ev.date}]  articles: {', '.join(sorted({short[s.article] for s in ev.sources}))}")
        for s in ev.sources:
            print(f"      {short[s.article]}: {s.quote[:110]}")
    pooled = [(ent.id, f"{kind} {label}", {short[s.article] for s in sources})
              for ent in corpus.entities.values()
              for kind, label, sources in [("relation", f"{r.type} → {r.target}", r.sources) for r in ent.relations]
              + [("figure", f"{f.label} = {f.value} {f.unit}", f.sources) for f in ent.facts]
              if len({s.article for s in sources}) > 1]
    print(f"\nrelations and figures told by several articles (one item, every source): {len(pooled)}")
    for ident, what, arts in sorted(pooled):
        print(f"  {ident}: {what}  articles: {', '.join(sorted(arts))}")
    repeated = [(ent.id, r.type, r.target) for ent in corpus.entities.values() for i, r in enumerate(ent.relations)
                if any((r.type, r.target) == (o.type, o.target) for o in ent.relations[:i])]
    print(f"relations listed twice on one entity: {len(repeated)}")
    dups = duplicate_warnings(corpus)
    print(f"\nlikely duplicates left (validate warnings): {len(dups)}")
    for dup in dups:
        print(f"  {dup.replace(display_path(content) + '/', '')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
