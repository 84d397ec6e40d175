"""The project's mkdocs.yml pointed at a test's content, and a static server on 127.0.0.1 (tests/harness.py's
``Project`` writes, builds and serves with them)."""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

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
