"""Build a real Chronik site into a temporary folder and serve it on 127.0.0.1."""

from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[2]
GRAPH_NAV = {"Netzwerk": "graph/index.md"}


def project_config(
    content: Path, docs: Path, site_url: str, options: dict[str, dict[str, Any]] | None = None
) -> dict[str, Any]:
    """The project's own mkdocs.yml, pointed at ``content`` and ``docs``, served at ``site_url``;
    ``options`` adds settings to plugins by name (``{"chronik-events": {"enabled": False}}``).

    Two additions for the explorer's tests when the project's file lacks them: Material's
    ``navigation.instant`` (the explorer must keep working under it) and the graph page in the nav.
    """
    from mkdocs.utils.yaml import yaml_load

    with open(REPO / "mkdocs.yml", encoding="utf-8") as handle:
        config: dict[str, Any] = yaml_load(handle)
    config["site_url"] = site_url
    config["docs_dir"] = str(docs)
    config.pop("site_dir", None)
    theme = config.setdefault("theme", {"name": "material"})
    if theme.get("custom_dir"):
        theme["custom_dir"] = str(REPO / theme["custom_dir"])
    features = theme.setdefault("features", [])
    if "navigation.instant" not in features:
        features.append("navigation.instant")
    plugins = []
    for entry in config.get("plugins", []):
        name = entry if isinstance(entry, str) else next(iter(entry))
        if name == "chronik-site":
            site_options = dict(entry["chronik-site"] or {}) if isinstance(entry, dict) else {}
            site_options["content_dir"] = str(content)
            entry = {"chronik-site": site_options}
        if options and name in options:
            own = dict(entry[name] or {}) if isinstance(entry, dict) else {}
            entry = {name: {**own, **options[name]}}
        plugins.append(entry)
    if "chronik-explorer" not in [p if isinstance(p, str) else next(iter(p)) for p in plugins]:
        plugins.append("chronik-explorer")
    config["plugins"] = plugins
    nav = config.get("nav")
    if isinstance(nav, list) and not any(isinstance(i, dict) and "graph/index.md" in i.values() for i in nav):
        nav.append(GRAPH_NAV)
    return config


def write_project(
    project: Path, content: Path, site_url: str = "http://127.0.0.1/", options: dict[str, dict[str, Any]] | None = None
) -> Path:
    """Write ``mkdocs.yml`` and the hand-written pages for ``content``; returns the config path.

    Material's instant navigation only works when ``site_url`` matches the served origin.
    """
    docs = project / "docs"
    shutil.copytree(REPO / "content" / "pages", docs, dirs_exist_ok=True)
    config = project_config(content, docs, site_url, options)
    path = project / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def build_site(
    project: Path,
    content: Path,
    strict: bool = True,
    site_url: str = "http://127.0.0.1/",
    options: dict[str, dict[str, Any]] | None = None,
) -> Path:
    """Build the site with ``mkdocs build``; returns the site folder (raises with mkdocs' output)."""
    from harness import Project  # imported here: the harness imports this module

    config = write_project(project, content, site_url, options)
    built = Project(project).build_config(config, subprocess_=True, strict=strict)
    if not built.ok:
        raise RuntimeError(f"mkdocs build failed:\n{built.output}")
    return built.site


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Static files without request logging."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass


@contextlib.contextmanager
def serve(site_dir: Path) -> Iterator[str]:
    """Serve ``site_dir`` on a random port of 127.0.0.1; yields the base URL (with a slash)."""
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
