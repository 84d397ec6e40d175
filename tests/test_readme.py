"""The README's curating walkthrough runs as written (add an entity and an event, a second article, merge two
entities, remove an article), on a copy of the repository's content."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from chronik.model import load_content

ROOT = Path(__file__).resolve().parent.parent


def walkthrough() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- walkthrough:start -->\n```sh\n(.*?)```\n<!-- walkthrough:end -->", readme, re.S)
    assert block, "the README lost its walkthrough markers"
    return block.group(1)


def test_readme_walkthrough_runs_as_written(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "content", tmp_path / "content")
    (tmp_path / ".venv" / "bin").mkdir(parents=True)
    (tmp_path / ".venv" / "bin" / "chronik").symlink_to(Path(sys.executable).with_name("chronik"))
    proc = subprocess.run(["bash", "-euo", "pipefail", "-c", walkthrough()], cwd=tmp_path, capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "merged content/entities/advanced-micro-devices.yaml into content/entities/amd.yaml" in proc.stdout
    assert "removed content/articles/2025-10-06-amd-openai.txt" in proc.stdout
    corpus, problems = load_content(tmp_path / "content")
    assert problems == []
    assert corpus.entities["lisa-su"].origin == "manual"
    assert corpus.events["2025-10-06-amd-und-openai-schliessen-einen-liefervertrag"].entities == ("lisa-su", "openai")
    assert "advanced-micro-devices" not in corpus.entities
    assert "Advanced Micro Devices" in corpus.entities["amd"].aliases  # the merge was a person's edit: it stays
    assert "2025-10-06-amd-openai" not in corpus.articles
