"""Supply chain and packaging: the lock covers every dependency with hashes, the workflow's jobs time out,
and building a wheel leaves the build/ source folder alone."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

REPO = Path(__file__).resolve().parents[1]
LOCK = REPO / "requirements.lock"


def locked() -> dict[str, tuple[str, int]]:
    """Locked name -> (version, number of hashes)."""
    pins: dict[str, tuple[str, int]] = {}
    for block in re.split(r"\n(?=[A-Za-z0-9])", LOCK.read_text(encoding="utf-8")):
        match = re.match(r"([A-Za-z0-9._-]+)==([^\s\\]+)", block)
        if match:
            pins[canonicalize_name(match.group(1))] = (match.group(2), block.count("--hash=sha256:"))
    return pins


def test_the_lock_pins_every_dependency_with_hashes() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    wanted = [*project["project"]["dependencies"], *project["project"]["optional-dependencies"]["test"],
              *project["build-system"]["requires"]]
    pins = locked()
    assert pins and all(hashes > 0 for _, hashes in pins.values())
    for text in wanted:
        requirement = Requirement(text)
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{name} is not in requirements.lock: run `make lock` and commit it"
        assert requirement.specifier.contains(pins[name][0], prereleases=True), (
            f"requirements.lock pins {name}=={pins[name][0]}, pyproject.toml wants {requirement.specifier}: "
            "run `make lock`")
    assert Requirement([r for r in wanted if r.startswith("icalendar")][0]).specifier.contains("7.3.0")
    assert not Requirement([r for r in wanted if r.startswith("icalendar")][0]).specifier.contains("7.2.2")


def test_setup_installs_from_the_lock_with_hashes() -> None:
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert "--require-hashes --no-deps -r $(LOCK)" in makefile
    assert "--no-build-isolation" in makefile
    workflow = (REPO / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8")
    assert "make site" in workflow and "cache-dependency-path: requirements.lock" in workflow


def test_every_workflow_job_has_a_timeout() -> None:
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"))
    jobs = workflow["jobs"]
    assert jobs and all(0 < job.get("timeout-minutes", 0) <= 60 for job in jobs.values()), jobs.keys()


def test_building_a_wheel_writes_nothing_into_the_build_source_folder(tmp_path: Path) -> None:
    before = sorted(p for p in (REPO / "build").rglob("*") if "__pycache__" not in p.parts)
    result = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                             str(REPO), "-w", str(tmp_path)], capture_output=True, text=True, check=False,
                            timeout=300)
    assert result.returncode == 0, result.stderr
    after = sorted(p for p in (REPO / "build").rglob("*") if "__pycache__" not in p.parts)
    assert after == before
    wheel = next(tmp_path.glob("chronik-*.whl"))
    import zipfile

    names = set(zipfile.ZipFile(wheel).namelist())
    assert {"chronik/model/schema/event.schema.json", "chronik_build/pipeline.py", "chronik/csp/plugin.py",
            "chronik/theme/chronik/fragments/entity.html"} <= names
    assert not [n for n in names if n.startswith(("plugins/", "build/")) or "__pycache__" in n]
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "chronik-csp = chronik.csp.plugin:CspPlugin" in zipfile.ZipFile(wheel).read(entry_points).decode()
