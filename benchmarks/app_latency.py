"""The reader, headless: keystroke to painted results, start to first paint, memory.

    python -m benchmarks.app_latency --corpus DIR --home DIR [--json]

The corpus must already be indexed under --home (`seed-reader index`): this
measures reading and searching, not indexing (the reader runs with sync off).

- Keystroke to painted results: whole queries typed letter by letter, a key
  every 100 ms, posted straight to the app (Pilot's own pauses add ~75 ms).
  Each keystroke counts until the first paint of its results or of newer
  ones: what the user waits for.
- Start to first paint: a fresh interpreter, from spawn to the first frame,
  and to the first frame with the document list filled.
- Scrolling: page down in the document list and in the reader (the longest
  document), from the key to the next frame the app writes.
- Peak RSS of the reader process (indexing runs in its own process).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from contextlib import asynccontextmanager
from pathlib import Path

import tui  # noqa: F401 - first, as in the app: its settings (TEXTUAL_FPS) apply before Textual loads

from .stats import percentile

QUERIES = [
    "boris johnson",
    "climate change",
    "prime minister",
    "coronavirus vaccine",
    "earthquake",
    "new zealand",
    "football",
    "election results",
    'person:"donald trump"',
    "space telescope",
]
KEY_INTERVAL = 0.1


async def typing_latency(corpus: Path, home: Path, queries: list[str] = QUERIES) -> dict:
    from textual import events

    painted: list[tuple[int, float]] = []

    def stamp(app, message) -> None:
        # SearchBar.Results reaches the app after the screen has shown it: the next refresh paints it.
        generation = message.generation
        app.call_after_refresh(lambda: painted.append((generation, time.perf_counter())))

    typed: list[tuple[int, float]] = []
    async with ready_reader(corpus, home, on_results=stamp) as (app, pilot, screen):
        bar = screen.search_bar
        for query in queries:
            screen.action_clear_search()
            screen.set_focus(bar)
            await pilot.pause(0.2)
            for char in query:
                typed.append((bar.generation + 1, time.perf_counter()))
                app.post_message(events.Key(char if char != " " else "space", char))
                await asyncio.sleep(KEY_INTERVAL)
            deadline = time.perf_counter() + 10
            while (not painted or painted[-1][0] < bar.generation) and time.perf_counter() < deadline:
                await asyncio.sleep(0.01)
        searching_mb = _search_process_peak_mb()
    latencies = []
    for generation, sent in typed:
        later = [stamp for g, stamp in painted if g >= generation and stamp >= sent]
        if later:
            latencies.append((min(later) - sent) * 1000)
    return {
        "keystrokes": len(typed),
        "painted": len(latencies),
        **_p50_p95(latencies),
        "search_process_peak_rss_mb": searching_mb,
    }


def _search_process_peak_mb() -> float | None:
    """Peak RSS of the reader's search process (its child), while it lives."""
    for entry in Path("/proc").iterdir():
        try:
            if not entry.name.isdigit() or b"search_index.index.search_process" not in (entry / "cmdline").read_bytes():
                continue
            status = (entry / "status").read_text().splitlines()
        except OSError:
            continue
        if any(line.split()[1:] == [str(os.getpid())] for line in status if line.startswith("PPid:")):
            return round(int(next(line for line in status if line.startswith("VmHWM:")).split()[1]) / 1024, 1)
    return None


def _p50_p95(values: list[float]) -> dict:
    return {
        "p50": round(percentile(values, 50), 1),
        "p95": round(percentile(values, 95), 1),
        "max": round(max(values), 1) if values else None,
    }


@asynccontextmanager
async def ready_reader(corpus: Path, home: Path, on_results=None):
    """The reader, headless at 120x40, once its document list is filled and its index read.

    `on_results(app, message)`: called for each SearchBar.Results the screen has shown.
    """
    from tui.app import ReaderApp

    class Reader(ReaderApp):
        def on_search_bar_results(self, message) -> None:
            if on_results is not None:
                on_results(self, message)

    app = Reader(corpus, home=home, sync=False)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.reader_screen
        # Until the index has been read in (every segment's terms): typing before that
        # measures the warm-up, once per launch, not the typing.
        while screen.index is None or screen.documents.count == 0 or _running(app, "open-index"):
            await asyncio.sleep(0.05)
        await asyncio.to_thread(screen.search_bar.index.search, "warm")  # the search process read it in too
        yield app, pilot, screen


def _running(app, group: str) -> bool:
    return any(worker.group == group and not worker.is_finished for worker in app.workers)


async def scroll_latency(corpus: Path, home: Path, presses: int = 30) -> dict:
    """Key to the next frame the app writes, paging through the list and through a long document."""
    from textual import events
    from textual.app import App

    frames: list[float] = []
    original = App._display

    def display_and_stamp(self, screen, renderable):
        if renderable is not None:
            frames.append(time.perf_counter())
        original(self, screen, renderable)

    async def page(app, widget, key: str) -> list[float]:
        waits = []
        for _ in range(presses):
            # Paging past the end changes nothing, so nothing is painted: the wait used to be
            # taken from the last frame before the key, seconds earlier (a p50 of -56 s at
            # 2,000 short documents). At the end, go back to the top first, unmeasured.
            if widget.scroll_offset.y >= widget.max_scroll_y:
                app.post_message(events.Key("home", None))
                await asyncio.sleep(KEY_INTERVAL)
            sent = time.perf_counter()
            app.post_message(events.Key(key, None))
            deadline = sent + 5
            while not (frames and frames[-1] >= sent) and time.perf_counter() < deadline:
                await asyncio.sleep(0.002)
            if frames and frames[-1] >= sent:  # a key that painted nothing has no latency to report
                waits.append((frames[-1] - sent) * 1000)
            await asyncio.sleep(KEY_INTERVAL)
        return waits

    App._display = display_and_stamp
    try:
        async with ready_reader(corpus, home) as (app, pilot, screen):
            screen.documents.focus()
            await pilot.pause(0.2)
            listing = await page(app, screen.documents, "pagedown")
            longest = max(corpus.rglob("*.txt"), key=lambda path: path.stat().st_size)
            doc = str(longest.relative_to(corpus))
            screen.open_document(doc)
            while screen.reader.document is None or screen.reader.document.id != doc:
                await asyncio.sleep(0.05)
            await pilot.pause(0.5)
            screen.reader.focus()
            await pilot.pause(0.2)
            reading = await page(app, screen.reader, "pagedown")
    finally:
        App._display = original
    return {"list_page_ms": _p50_p95(listing), "reader_page_ms": _p50_p95(reading)}


FIRST_PAINT_CHILD = r"""
import sys, time
from pathlib import Path
from tui.app import ReaderApp
stamps = {}
class Reader(ReaderApp):
    def on_mount(self):  # runs before ReaderApp.on_mount pushes the reader screen (Textual calls both)
        self.call_after_refresh(lambda: stamps.setdefault("first_paint", time.monotonic()))
    def on_index_service_ready(self, message):  # after the screen filled the list from it
        def done():
            stamps["list_filled"] = time.monotonic()
            self.exit()
        self.call_after_refresh(done)
Reader(Path(sys.argv[1]), home=Path(sys.argv[2]), sync=False).run(headless=True)
print(stamps["first_paint"], stamps["list_filled"])
"""


def first_paint(corpus: Path, home: Path, runs: int = 5) -> dict:
    paints, filled = [], []
    for _ in range(runs):
        started = time.monotonic()
        out = subprocess.run(
            [sys.executable, "-c", FIRST_PAINT_CHILD, str(corpus), str(home)],
            capture_output=True,
            text=True,
            check=True,
            env=dict(os.environ, TEXTUAL_ANIMATIONS="none"),
        ).stdout.split()
        paints.append(float(out[0]) - started)
        filled.append(float(out[1]) - started)
    return {"first_paint_s": round(statistics.median(paints), 3), "list_filled_s": round(statistics.median(filled), 3)}


def _status_mb(field: str) -> float:
    with open("/proc/self/status") as status:
        line = next(line for line in status if line.startswith(field + ":"))
    return int(line.split()[1]) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--home", type=Path, required=True)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--typing-only", action="store_true", help="only keystroke to painted results")
    args = parser.parse_args()
    if args.typing_only:
        typing = asyncio.run(typing_latency(args.corpus, args.home))
        print(json.dumps(typing) if args.json else f"keystroke to painted results: p50 {typing['p50']} ms, p95 {typing['p95']} ms")
        return
    paint = first_paint(args.corpus, args.home)
    typing = asyncio.run(typing_latency(args.corpus, args.home))
    # One reader, searched 141 times. RSS counts the pages of the index Whoosh has
    # mapped and touched (shared with the page cache); private memory is the process's own.
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    private_mb = _status_mb("RssAnon")
    scrolling = asyncio.run(scroll_latency(args.corpus, args.home))  # a second reader in this process
    result = {
        "keystroke_to_paint_ms": typing,
        **paint,
        **scrolling,
        "peak_rss_mb": round(rss_mb, 1),
        "private_mb": round(private_mb, 1),
    }
    if args.json:
        print(json.dumps(result))
    else:
        print(f"keystroke to painted results: p50 {typing['p50']} ms, p95 {typing['p95']} ms, max {typing['max']} ms"
              f" ({typing['painted']} of {typing['keystrokes']} keystrokes)")
        print(f"start to first paint: {paint['first_paint_s']} s; list filled: {paint['list_filled_s']} s")
        print(f"page down: list p95 {scrolling['list_page_ms']['p95']} ms, reader p95 {scrolling['reader_page_ms']['p95']} ms")
        print(f"peak RSS of the reader: {rss_mb:.0f} MB, of it private {private_mb:.0f} MB")


if __name__ == "__main__":
    main()
