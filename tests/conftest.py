"""The fixtures every test shares: ``project`` (tests/harness.py: content, validate, build, serve, CLI) and
the small site built once per module from the ``small`` corpus (tests/corpora.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from corpora import small_config
from harness import Project

# The browser tests' fixtures (system Chromium, a served site): registered once for the whole run, so the
# session-scoped browser is shared by every browser test module.
pytest_plugins = ["browser.fixtures"]


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """A temporary project from tests/harness.py: content builder, validate, build, serve, CLI."""
    return Project(tmp_path)


@pytest.fixture(scope="module")
def small_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small corpus with a home page, built once per test module with the site tests' own mkdocs.yml
    (German UI); the content lies beside the site (``small_site.parent / "content"``)."""
    project = Project(tmp_path_factory.mktemp("small"))
    project.content.small().home()
    return project.build(project.write_inline_config(small_config())).require()
