"""`make serve`: a content error shows in the browser page (not only in the terminal); the preview recovers
when the file is fixed. A real `mkdocs serve` on the project's configuration and a copy of its content."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

from harness import Project

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from bench_preview import fetch as page  # noqa: E402
from bench_preview import free_port  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
BROKEN = "date: 16.01.2026\ntitle: Kaputt <script>alert(1)</script>\norigin: manual\n"


def wait_for(url: str, predicate, seconds: float = 120) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        html = page(url)
        if html and predicate(html):
            return html
        time.sleep(0.5)
    raise AssertionError(f"{url} never showed what was expected; last page:\n{page(url)[:2000]}")


def test_a_content_error_shows_in_the_preview_and_goes_when_fixed(project: Project) -> None:
    content = project.content.root
    shutil.copytree(ROOT / "content", content)
    port = free_port()
    config = project.write_config(site_url=f"http://127.0.0.1:{port}/")
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "-a", f"127.0.0.1:{port}",
                             "--livereload"], cwd=project.root, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_for(url, lambda html: "Chronik" in html)
        assert "chronik-content-errors" not in page(url)
        broken = content / "events" / "kaputt.yaml"
        broken.write_text(BROKEN, encoding="utf-8")
        html = wait_for(url, lambda html: "chronik-content-errors" in html)
        assert "is not an EDTF date (write it as &#39;2026-01-16&#39;)" in html or \
            "is not an EDTF date (write it as '2026-01-16')" in html
        assert "<script>alert(1)</script>" not in html
        entity = page(f"{url}entities/rubin/")
        assert "chronik-content-errors" in entity and "Rubin-Hardware" in entity  # the last valid content stays
        broken.write_text(BROKEN.replace("16.01.2026", "2026-01-16"), encoding="utf-8")
        wait_for(url, lambda html: "chronik-content-errors" not in html)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
