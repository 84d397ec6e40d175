"""Launch the system Chromium with Playwright; record console errors and outgoing requests."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path(os.environ.get("CHRONIK_CHROMIUM", "/usr/bin/chromium"))
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def require_chromium() -> Path:
    """The Chromium binary; skip locally when it is missing, fail in CI (CI=true) instead."""
    if CHROMIUM.exists() or shutil.which(str(CHROMIUM)):
        return CHROMIUM
    message = f"Chromium not found at {CHROMIUM} (install Debian's 'chromium' package)"
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(message)
    pytest.skip(message)


@dataclass
class PageLog:
    """What a page did that tests check: console errors, page errors, every request URL."""

    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)


def is_local(url: str) -> bool:
    """True for requests that stay on the test server (or are inline data)."""
    return url.startswith(("http://127.0.0.1:", "data:", "blob:", "about:"))


def watch(context: Any, log: PageLog) -> None:
    """Abort and record every request that would leave 127.0.0.1, on a browser context."""

    def route(route: Any) -> None:
        url = route.request.url
        log.requests.append(url)
        if is_local(url):
            route.continue_()
        else:
            log.blocked.append(url)
            route.abort()

    context.route("**/*", route)


def watch_page(page: Any, log: PageLog) -> None:
    """Record console errors and uncaught exceptions of ``page``."""
    page.on("response", lambda r: log.errors.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None)
    page.on(
        "console", lambda msg: log.errors.append(f"console.{msg.type}: {msg.text}") if msg.type == "error" else None
    )
    page.on("pageerror", lambda exc: log.errors.append(f"pageerror: {exc}"))
