"""How fast `chronik validate` reads a large content folder (strict YAML + schemas + cross-file checks).

    python bench/bench_validate.py [--events 8000]

Generates the synthetic corpus (bench/synthetic.py) into a temp folder and prints, for the same files:
our full validation, and a bare `yaml.load` with libyaml's CSafeLoader and with the pure-Python SafeLoader
(the floor and the price of losing libyaml).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from chronik.model import load_content  # noqa: E402
from synthetic import generate  # noqa: E402


def _timed(action) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def _bare(files: list[Path], loader: type) -> None:
    for path in files:
        yaml.load(path.read_text(encoding="utf-8"), Loader=loader)  # noqa: S506 - safe loaders only


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=8000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="chronik-bench-validate-") as tmp:
        root = Path(tmp)
        counts = generate(root, args.events)
        files = sorted(root.glob("*/*.yaml"))
        ours = _timed(lambda: load_content(root))
        corpus, problems = load_content(root)
        c_loader = _timed(lambda: _bare(files, yaml.CSafeLoader))
        py_loader = _timed(lambda: _bare(files, yaml.SafeLoader))
    print(f"files: {len(files)} YAML ({counts}), problems: {len(problems)}")
    print(f"chronik validate (load + schema + checks): {ours:6.2f} s")
    print(f"bare yaml.load, CSafeLoader:               {c_loader:6.2f} s")
    print(f"bare yaml.load, pure-Python SafeLoader:    {py_loader:6.2f} s")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
