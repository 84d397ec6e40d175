"""The training data of Chronik's learned components (entity scorer, name-span tagger, event reviewer): the gold
files of the tuning sets, their fixed cross-validation folds, and the publication date the evaluation passes."""

from __future__ import annotations

import hashlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
# The tuning sets (tests/dev is a copy of ../shared/eval/dev). Never a set or half that judges unseen text
# (tests/holdout4, whose second half is unseen; tests/holdout10).
TRAINING_SETS = ("tests/dev", "tests/holdout", "tests/holdout2", "tests/holdout5", "tests/holdout6", "tests/holdout3",
                 "tests/holdout7", "tests/holdout8", "tests/holdout9")
FOLDS = 5


def gold_articles(root: Path = ROOT) -> list[Path]:
    """The gold files of the training sets, set by set, each set in name order."""
    return [p for d in TRAINING_SETS for p in sorted((root / d).glob("*.gold.yaml"))]


def fold_of(index: int) -> int:
    """The fixed fold of the index-th training article (round robin, so sets and languages mix)."""
    return index % FOLDS


def published_for(gold: dict) -> str | None:
    """The publication date the evaluation passes on the command line: only where the text does not state it."""
    if gold.get("publication_date_source") not in ("text", "store-prefix") and gold.get("anchor_date"):
        return str(gold["anchor_date"])
    return None


def file_hashes(files: list[Path], root: Path = ROOT) -> dict[str, dict[str, object]]:
    """What a shipped model records about its training data: per set folder, how many files and one sha256 over
    their names and contents. File names are left out on purpose: they name the articles' firms and people, and
    no shipped rules file should."""
    by_set: dict[str, list[Path]] = {}
    for p in files:
        by_set.setdefault(p.parent.relative_to(root).as_posix(), []).append(p)
    out: dict[str, dict[str, object]] = {}
    for folder, paths in sorted(by_set.items()):
        digest = hashlib.sha256()
        for p in sorted(paths):
            digest.update(p.name.encode("utf-8") + b"\0" + hashlib.sha256(p.read_bytes()).digest())
        out[folder] = {"files": len(paths), "sha256": digest.hexdigest()}
    return out
