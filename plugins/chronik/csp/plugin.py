"""``chronik-csp``: put a Content-Security-Policy ``<meta http-equiv>`` into every HTML page.

GitHub Pages sends no security headers we control, so the policy travels in the page. Scripts may come
from the site's own origin ('self': Material's bundle and workers, the explorer's modules) and, inline,
only as the exact scripts the build wrote: each inline executable script's SHA-256 is computed per page
after every other plugin has run. There is no 'unsafe-inline' for scripts, so markup that slipped into a
page unescaped could not run. Data blocks (JSON, JSON-LD) are not scripts and need no hash. Styles keep
'unsafe-inline': Material and the explorer set style attributes, and styles cannot run code.

``mkdocs serve`` injects an inline live-reload script after the build; the policy is left out there.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import re
from html import escape

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.pages import Page

from .config import CspConfig

log = logging.getLogger("mkdocs.plugins.chronik")

# The generated HTML is ours (every value escaped, JSON in script blocks has '<' as \u003c), so a script
# element ends at the first '</script'. Attributes are read to tell executable scripts from data blocks.
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
_SRC = re.compile(r"\bsrc\s*=", re.IGNORECASE)
_EXECUTABLE = {"", "text/javascript", "application/javascript", "module"}
_HEAD = re.compile(r"<head\b[^>]*>(\s*<meta\s+charset=[^>]*>)?", re.IGNORECASE)

BASE_POLICY: dict[str, list[str]] = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "worker-src": ["'self'", "blob:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}


def inline_script_hashes(html: str) -> list[str]:
    """'sha256-…' sources for every inline executable script of a page, in page order, without repeats."""
    hashes: dict[str, None] = {}
    for match in _SCRIPT.finditer(html):
        attributes, body = match.group(1), match.group(2)
        kind = _TYPE.search(attributes)
        if _SRC.search(attributes) or (kind.group(1).lower() if kind else "") not in _EXECUTABLE:
            continue
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
        hashes[f"'sha256-{digest}'"] = None
    return list(hashes)


def policy(html: str, extra: dict[str, list[str]] | None = None) -> str:
    """The policy text for one page."""
    directives = {name: list(sources) for name, sources in BASE_POLICY.items()}
    directives["script-src"] += inline_script_hashes(html)
    for name, sources in (extra or {}).items():
        directives.setdefault(name, []).extend(str(s) for s in sources)
    return "; ".join(f"{name} {' '.join(dict.fromkeys(sources))}" for name, sources in directives.items())


def with_policy(html: str, extra: dict[str, list[str]] | None = None) -> str:
    """The page with its policy as the first element of <head> (after the charset), before any script."""
    head = _HEAD.search(html)
    if head is None:
        return html
    content = escape(policy(html, extra), quote=False).replace('"', "&quot;")  # keep the quotes of 'self' readable
    meta = f'\n    <meta http-equiv="Content-Security-Policy" content="{content}">'
    return html[: head.end()] + meta + html[head.end():]


class CspPlugin(BasePlugin[CspConfig]):
    """Adds the policy to every page and every HTML template (404.html) MkDocs writes."""

    def __init__(self) -> None:
        super().__init__()
        self.serving = False

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    def _active(self) -> bool:
        return bool(self.config.enabled) and not self.serving

    # Last of all: the page must be final before its scripts are hashed.
    @event_priority(-100)
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        return with_policy(output, self.config.extra_sources) if self._active() else output

    @event_priority(-100)
    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str | None:
        if self._active() and template_name.endswith(".html"):
            return with_policy(output_content, self.config.extra_sources)
        return output_content
