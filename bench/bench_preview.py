"""Edit-to-preview latency: how long after saving an event its new title shows in `make serve`.

    python bench/bench_preview.py [--sizes 1000 10000] [--runs 5] [--seed 7] [--work DIR]

For each size: a synthetic corpus (bench/synthetic.py) with the project's mkdocs.yml, served by a real
`mkdocs serve --livereload` (what `make serve` runs) in a child process. Once it serves, ``--runs`` times:
rewrite one event's title in its YAML file, then poll the served event page and the timeline page
holding its card until both show the new title. Each latency (from the file being written to both pages
showing it) is printed, with when the server told open browsers to reload (its "Reloading browsers"),
then the median. Before the next edit the server must have reported the
reload ("Reloading browsers"), so one rebuild never overlaps the next edit. Also printed: the time to
the first served page and the serving process's resident and peak memory (VmRSS, VmHWM) at the end.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from bench_site import chronik_config  # noqa: E402
from synthetic import generate  # noqa: E402

POLL = 0.02  # seconds between two requests for the same page
TITLE = re.compile(r"^title: .*$", re.MULTILINE)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - our own local server
            return response.read().decode("utf-8")
    except OSError:
        return ""


class Server:
    """A `mkdocs serve --livereload` child process: its log lines and the reloads it logged."""

    def __init__(self, config: Path, port: int) -> None:
        self.url = f"http://127.0.0.1:{port}/"
        self.lines: list[str] = []
        self.reloaded_at: list[float] = []  # monotonic time of each "Reloading browsers"
        self._cond = threading.Condition()
        self.proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "-a",
                                      f"127.0.0.1:{port}", "--livereload"], cwd=config.parent,
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        threading.Thread(target=self._read, daemon=True).start()

    @property
    def reloads(self) -> int:
        return len(self.reloaded_at)

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            with self._cond:
                self.lines.append(line.rstrip())
                if "Reloading browsers" in line:
                    self.reloaded_at.append(time.monotonic())
                self._cond.notify_all()

    def wait_line(self, pattern: str, after: int = 0, seconds: float = 600) -> re.Match[str]:
        """The first log line from index ``after`` on that matches ``pattern`` (waits for it)."""
        regex = re.compile(pattern)

        def found() -> re.Match[str] | None:
            return next((m for line in self.lines[after:] if (m := regex.search(line))), None)

        with self._cond:
            self._cond.wait_for(lambda: found() is not None or self.proc.poll() is not None, timeout=seconds)
            match = found()
        if match is None:
            raise AssertionError(f"no '{pattern}' in the server's log:\n" + "\n".join(self.lines[-40:]))
        return match

    def wait_reloads(self, count: int, seconds: float) -> None:
        """Wait until the server logged ``count`` reloads in all."""
        with self._cond:
            if not self._cond.wait_for(lambda: self.reloads >= count, timeout=seconds):
                raise SystemExit("the server did not report a reload; its log:\n" + "\n".join(self.lines[-30:]))

    def memory_mb(self) -> tuple[float, float]:
        """Resident and peak resident memory of the serving process (MB)."""
        status = Path(f"/proc/{self.proc.pid}/status").read_text(encoding="utf-8")
        values = dict(re.findall(r"^(VmRSS|VmHWM):\s+(\d+) kB", status, re.MULTILINE))
        return int(values.get("VmRSS", 0)) / 1024, int(values.get("VmHWM", 0)) / 1024

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def wait_until(predicate, seconds: float, what: str) -> float:
    """Poll ``predicate`` until true; the monotonic time it first was."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return time.monotonic()
        time.sleep(POLL)
    raise SystemExit(f"timed out waiting for {what}")


def card_page(server: Server, event_id: str) -> str:
    """URL of the timeline page holding the event's card (the event page links it: '…#<id>')."""
    html = fetch(f"{server.url}events/{event_id}/")
    match = re.search(r'href="([^"#]*timeline/[^"#]*)#' + re.escape(event_id) + '"', html)
    if match is None:
        raise SystemExit(f"events/{event_id}/ links no timeline card")
    return urllib.request.urljoin(f"{server.url}events/{event_id}/", match.group(1))


def edit_title(path: Path, title: str) -> None:
    """Rewrite the event's title line in place (what an editor's save does)."""
    text = path.read_text(encoding="utf-8")
    path.write_text(TITLE.sub(f"title: {title}", text, count=1), encoding="utf-8")


def run_size(n: int, runs: int, seed: int, base: Path) -> dict:
    """Serve an ``n``-event corpus and time ``runs`` title edits."""
    work = base / f"preview-{n}"
    shutil.rmtree(work, ignore_errors=True)
    generate(work / "content", n, seed)
    config = chronik_config(work, "project")
    events = sorted((work / "content" / "events").glob("*.yaml"))
    started = time.monotonic()
    server = Server(config, free_port())
    try:
        ready = wait_until(lambda: "<title>" in fetch(server.url), 1800, "the first build") - started
        print(f"{n:>7} events: first page served after {ready:.1f} s", flush=True)
        latencies, signals = [], []
        for run in range(runs):
            path = events[(run * 2 + 1) * len(events) // (runs * 2)]
            event_page = f"{server.url}events/{path.stem}/"
            pages = [event_page, card_page(server, path.stem)]
            title = f"Vorschau-Messung {run + 1} {time.time_ns()}"
            load = os.getloadavg()[0]
            reloads, mark = server.reloads, len(server.lines)
            edit_title(path, title)
            written = time.monotonic()
            shown = wait_until(lambda t=title, p=pages: all(t in fetch(url) for url in p), 600, f"'{title}' on {pages}")
            latencies.append(shown - written)
            server.wait_reloads(reloads + 1, 600)
            signalled = server.reloaded_at[reloads] - written
            signals.append(signalled)
            update = re.search(r"\d+ pages re-rendered in [\d.]+ s \([\d.]+ s CPU\)", "\n".join(server.lines[mark:]))
            print(f"{n:>7} events: edit {run + 1}: {latencies[-1]:.2f} s to both pages, browsers told to "
                  f"reload after {signalled:.2f} s  ({path.name}; load {load:.1f}; server: "
                  f"{update[0] if update else 'full build'})", flush=True)
        rss, peak = server.memory_mb()
    finally:
        server.stop()
    median = statistics.median(latencies)
    print(f"{n:>7} events: median {median:.2f} s of {runs} (browsers told to reload: median "
          f"{statistics.median(signals):.2f} s); serving process {rss:.0f} MB resident, {peak:.0f} MB peak",
          flush=True)
    return {"n": n, "latencies": latencies, "median": median, "rss_mb": rss, "peak_mb": peak}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    default = [int(n) for n in os.environ.get("CHRONIK_PREVIEW_SIZES", "1000").split()]
    parser.add_argument("--sizes", type=int, nargs="+", default=default,
                        help="corpus sizes (default: $CHRONIK_PREVIEW_SIZES or 1000)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--work", type=Path, default=None, help="work folder (default: a temporary one)")
    args = parser.parse_args(argv)
    base = args.work or Path(tempfile.mkdtemp(prefix="chronik-preview-"))
    try:
        for n in args.sizes:
            run_size(n, args.runs, args.seed, base)
    finally:
        if args.work is None:
            shutil.rmtree(base, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
