"""The entity browser, headless, over a synthetic corpus entity table: `E` to a painted list, filter keys to paint.

    python -m benchmarks.entity_browser [--documents 100000] [--json]

The table is built by `benchmarks/entity_table.py` (25 names a document, Zipf-like;
~370,000 entities at 100,000 documents). The reader runs with sync off over it.

- Open: `E` posted to the app, to the first frame the app writes with the
  browser's first page of rows in it (the count comes after, unmeasured).
- Filter keystroke: names typed letter by letter into the filter, a key every
  100 ms, posted straight to the app (Pilot's own pauses add ~75 ms). Each key
  counts until the first frame showing its rows or a newer request's.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.entity_table import build  # noqa: E402
from benchmarks.stats import percentile  # noqa: E402

KEY_INTERVAL = 0.1
OPENS = 12


def _p50_p95(values: list[float]) -> dict:
    return {
        "n": len(values),
        "p50": round(percentile(values, 50), 1),
        "p95": round(percentile(values, 95), 1),
        "max": round(max(values), 1) if values else None,
    }


async def measure(corpus: Path, home: Path, names: list[str]) -> dict:
    from textual import events
    from textual.app import App

    from tui.app import ReaderApp
    from tui.screens.entity_browser import EntityBrowser

    frames: list[tuple[float, int]] = []  # (when, the request whose rows the browser showed; -1 elsewhere)
    original = App._display

    def display_and_stamp(self, screen, renderable):
        if renderable is not None:
            shown = -1
            if isinstance(self.screen, EntityBrowser) and self.screen.table.count:
                shown = self.screen.table.shown_generation
            frames.append((time.perf_counter(), shown))
        original(self, screen, renderable)

    async def wait_frame(sent: float, generation: int, timeout: float = 5) -> float | None:
        deadline = sent + timeout
        while time.perf_counter() < deadline:
            later = [when for when, shown in frames if when >= sent and shown >= generation]
            if later:
                return (min(later) - sent) * 1000
            await asyncio.sleep(0.002)
        return None

    App._display = display_and_stamp
    opens, keys = [], []
    try:
        app = ReaderApp(corpus, home=home, sync=False)
        async with app.run_test(size=(120, 40)) as pilot:
            screen = app.reader_screen
            while screen.index is None or screen.documents.count == 0:
                await asyncio.sleep(0.05)
            await pilot.pause(1.0)  # the index's warm-up (a thread) settles
            for _ in range(OPENS):
                screen.documents.focus()
                await pilot.pause(0.2)
                sent = time.perf_counter()
                app.post_message(events.Key("E", "E"))
                waited = await wait_frame(sent, 1)
                if waited is not None:
                    opens.append(waited)
                await pilot.pause(0.4)  # the count, then back
                app.post_message(events.Key("escape", None))
                await pilot.pause(0.2)
            app.post_message(events.Key("E", "E"))
            while not isinstance(app.screen, EntityBrowser):
                await asyncio.sleep(0.02)
            browser = app.screen
            await pilot.pause(0.5)
            for name in names:
                browser.filter.value = ""
                await pilot.pause(0.5)
                for char in name:
                    generation = browser.table.generation + 1
                    sent = time.perf_counter()
                    app.post_message(events.Key("space" if char == " " else char, char))
                    waited = await wait_frame(sent, generation, timeout=KEY_INTERVAL * 30)
                    if waited is not None:
                        keys.append(waited)
                    await asyncio.sleep(max(0.0, KEY_INTERVAL - (time.perf_counter() - sent)))
            app.exit()
    finally:
        App._display = original
    return {"open_ms": _p50_p95(opens), "filter_keystroke_ms": _p50_p95(keys)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--names", type=int, default=12, help="names typed into the filter")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    from search_index import Index

    with tempfile.TemporaryDirectory() as scratch:
        corpus, home = Path(scratch) / "corpus", Path(scratch) / "home"
        corpus.mkdir()
        index = Index(corpus, home=home)
        pool = build(index, args.documents)
        entities = index.corpus_entity_count()
        index.close()
        rng = random.Random(5)
        names = [pool[rng.randrange(len(pool))][0][:6] for _ in range(args.names)]
        result = {"documents": args.documents, "entities": entities, **asyncio.run(measure(corpus, home, names))}
    if args.json:
        print(json.dumps(result))
    else:
        print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
