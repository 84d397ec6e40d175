"""The training data of Chronik's learned components (entity scorer, name-span tagger, event reviewer): the gold
files of the tuning sets, their fixed cross-validation folds, and the publication date the evaluation passes."""

from __future__ import annotations

import hashlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
# The tuning sets (tests/dev is a copy of ../shared/eval/dev). Never tests/holdout3: it judges unseen text.
TRAINING_SETS = ("tests/dev", "tests/holdout", "tests/holdout2")
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


def file_hashes(files: list[Path], root: Path = ROOT) -> dict[str, str]:
    """sha256 of each file by its path under root: what a shipped model records about its training data."""
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest() for p in files}
