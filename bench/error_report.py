"""List what the extractor got wrong on a tuning set, one line per error, grouped by class.

    python bench/error_report.py tests/holdout2 [--keep /tmp/out] [--only entities|events]

Runs the shared scorer's `run.py --keep` (or reuses a kept output with `--reuse`) and prints, per article:
missed gold entities (with the predicted name that overlaps it: a boundary error), spurious entities, wrong
types, missed required events, spurious events and wrong dates. The last block counts each class over the set.
Use it on tuning sets only (never on the unseen set: reading its errors is tuning on it).
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVAL = next((p / "shared" / "eval" for p in ROOT.parents if (p / "shared" / "eval" / "score.py").exists()),
            ROOT.parent / "shared" / "eval")  # a git worktree sits deeper than the main checkout


def _scorer():
    sys.path.insert(0, str(EVAL))
    import score  # the shared scorer: its matching rules are the ones reported

    return score


def _words(name: str) -> set[str]:
    return {w.casefold().removesuffix("s") for w in name.replace("-", " ").split() if len(w) > 2}


def entity_errors(sc, gold: dict, out: Path) -> list[tuple[str, str]]:
    """(class, line) pairs for one article's entities."""
    preds = sc.read_dir(out / "entities")
    wanted = [g for g in gold.get("entities") or [] if not g.get("in_boilerplate")]
    chrome = set().union(*[sc.entity_names(g) for g in gold.get("entities") or [] if g.get("in_boilerplate")])
    found: dict[int, dict] = {}
    errors = []
    for ent in preds:
        forms = sc.entity_names(ent)
        hit = next((i for i, g in enumerate(wanted) if forms & sc.entity_names(g)), None)
        if hit is None:
            if not forms & chrome:
                errors.append(("entity spurious", f"{ent.get('name')!r} ({ent.get('type')})"))
        elif hit in found:
            errors.append(("entity duplicate", f"{ent.get('name')!r} of {wanted[hit]['name']!r}"))
        else:
            found[hit] = ent
            if str(ent.get("type")) != str(wanted[hit].get("type")):
                errors.append(("entity type", f"{wanted[hit]['name']!r}: {ent.get('type')} for {wanted[hit]['type']}"))
    for i, g in enumerate(wanted):
        if i in found:
            continue
        near = [e.get("name") for e in preds if _words(str(e.get("name"))) & _words(g["name"])]
        kind = "entity boundary" if near else "entity missed"
        errors.append((kind, f"{g['name']!r} ({g['type']})" + (f" ~ predicted {near}" if near else "")))
    return errors


def event_errors(sc, gold: dict, out: Path) -> list[tuple[str, str]]:
    """(class, line) pairs for one article's events, with the scorer's one-to-one matching."""
    preds = sc.read_dir(out / "events")
    golds = gold.get("events") or []
    pairs = sorted(((sc.evidence_match(g.get("evidence", ""), sc.event_text(p)), pi, gi)
                    for pi, p in enumerate(preds) for gi, g in enumerate(golds)),
                   key=lambda x: (x[0], not golds[x[2]].get("optional"), -x[1], -x[2]), reverse=True)
    used_p: dict[int, int] = {}
    used_g: set[int] = set()
    for s, pi, gi in pairs:
        if s > 0 and pi not in used_p and gi not in used_g:
            used_p[pi] = gi
            used_g.add(gi)
    errors = link_errors(sc, gold, out, preds, used_p)
    for pi, p in enumerate(preds):
        if pi not in used_p:
            errors.append(("event spurious", f"{p.get('date')} {sc.event_text(p)[:110]!r}"))
            continue
        g = golds[used_p[pi]]
        if g.get("date") is not None and not sc.date_exact(p.get("date"), g["date"], g.get("date_alt")):
            kind = "date compatible" if sc.date_compatible(p.get("date"), g["date"]) else "date wrong"
            errors.append((kind, f"{p.get('date')} for {g['date']} ({g.get('time_expression')!r}) "
                                 f"{g.get('evidence', '')[:80]!r}"))
    for gi, g in enumerate(golds):
        if gi not in used_g and not g.get("optional"):
            errors.append(("event missed", f"{g.get('date')} {g.get('evidence', '')[:110]!r}"))
    return errors


def link_errors(sc, gold: dict, out: Path, preds: list[dict], matched: dict[int, int]) -> list[tuple[str, str]]:
    """Gold entities of matched events that the predicted event does not link: 'link unfound' when no predicted
    entity is that gold entity at all, 'link missing' when one is but the event leaves it out."""
    wanted = [g for g in gold.get("entities") or [] if not g.get("in_boilerplate")]
    name_of: dict[str, str] = {}
    for ent in sc.read_dir(out / "entities"):
        hit = next((g["name"] for g in wanted if sc.entity_names(ent) & sc.entity_names(g)), None)
        if hit:
            name_of.setdefault(str(ent.get("id")), hit)
    found = {n.casefold() for n in name_of.values()}
    errors = []
    for pi, gi in matched.items():
        have = {name_of.get(str(e), "").casefold() for e in preds[pi].get("entities") or []}
        for name in (gold.get("events") or [])[gi].get("entities") or []:
            if name.casefold() not in have:
                kind = "link missing" if name.casefold() in found else "link unfound"
                errors.append((kind, f"{name!r} in {(gold['events'][gi].get('evidence') or '')[:70]!r}"))
    return errors


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--keep", type=Path, help="where the outputs go (a new temporary folder by default)")
    ap.add_argument("--reuse", action="store_true", help="score the kept output without extracting again")
    ap.add_argument("--only", choices=("entities", "events"), help="events includes their entity links")
    args = ap.parse_args()
    if args.keep is None:
        args.keep = Path(tempfile.mkdtemp(prefix="chronik-errors-"))
    elif not args.reuse and args.keep.exists() and any(args.keep.iterdir()):
        # extracting into earlier output would merge with it, and the report would mix two runs
        sys.exit(f"error_report: {args.keep} is not empty; pass a new folder, or --reuse to score it as it is")
    if not args.reuse:
        subprocess.run([sys.executable, str(EVAL / "run.py"), str(args.folder), "--keep", str(args.keep), "--json"],
                       check=True, stdout=subprocess.DEVNULL)
    sc = _scorer()
    totals: Counter = Counter()
    for gold_path in sorted(args.folder.glob("*.gold.yaml")):
        name = gold_path.name.removesuffix(".gold.yaml")
        gold = sc.load_yaml(gold_path)
        errors = []
        if args.only != "events":
            errors += entity_errors(sc, gold, args.keep / name)
        if args.only != "entities":
            errors += event_errors(sc, gold, args.keep / name)
        print(f"== {name}")
        for kind, line in sorted(errors):
            print(f"  {kind:17} {line}")
        totals.update(kind for kind, _ in errors)
    print("== totals: " + ", ".join(f"{k} {v}" for k, v in sorted(totals.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
