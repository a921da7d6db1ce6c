"""Everything issue 5 measures, on one generated corpus, in one run, beside the anchors.

    python -m benchmarks.run --docs N [--out FILE] [--entity-docs M] [--work DIR]

1. Writes (or reuses) the deterministic corpus of N documents.
2. Text phase: `seed-reader index --no-entities` in its own process, timed to
   the end of the text phase (the compaction that follows is timed apart);
   index size on disk.
3. Entity phase over the first M documents (the model at ~20 documents/s
   cannot cover 100k in a benchmark run): our words per CPU-second against
   raw `nlp.pipe` of the same pipeline over the same texts, and the RSS after
   every batch (memory must stay flat).
4. Keystroke to painted results in the reader while the sync is unfinished
   (the entity phase stopped part way), then the compaction a finished sync
   does (small segments merged into one), timed.
5. Query latency per kind for our `search()`, tantivy and SQLite FTS5.
6. The reader, headless in its own process: keystroke to painted results,
   start to first paint, paging, peak RSS.
7. The entity browser over a synthetic entity table of N documents (the entity
   phase covers only M of them here): `E` to a painted list, filter key to paint.

Prints a table and writes the JSON issue 5 specifies.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import threading
import time
from datetime import date
from pathlib import Path

from search_index.entities.model_pool import worker_count

from . import anchors, queries
from .corpus import generate

ENTITY_DOCS = 500


def _rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 2**20


def corpus_for(docs: int, work: Path) -> Path:
    folder = work / f"corpus-{docs}"
    if not (folder.is_dir() and sum(1 for _ in folder.rglob("*.txt")) == docs):
        shutil.rmtree(folder, ignore_errors=True)
        generate(folder, docs)
    return folder


def text_phase(corpus: Path, home: Path, keep: bool) -> dict:
    """Index from scratch, timed; with `keep`, an index this command built before, and its figures."""
    figures = home / "text-phase.json"
    if keep and figures.exists():
        return json.loads(figures.read_text())
    shutil.rmtree(home, ignore_errors=True)
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "tui", "--home", str(home), "index", "--no-entities", "--progress-json", str(corpus)],
        stdout=subprocess.PIPE,
        text=True,
    )
    searchable = None  # when the text phase ends: the sync then compacts, timed apart
    for line in process.stdout:
        if searchable is None and json.loads(line).get("phase") == "compact":
            searchable = time.perf_counter() - started
    if process.wait():
        raise SystemExit(f"indexing failed (exit {process.returncode})")
    finished = time.perf_counter() - started
    seconds = searchable or finished
    docs = sum(1 for _ in corpus.rglob("*.txt"))
    whoosh = next(home.rglob("whoosh"))
    result = {
        "index_seconds": round(seconds, 1),
        "index_docs_per_s": round(docs / seconds, 1),
        "text_phase_compact_seconds": round(finished - seconds, 1),
        "index_mb": round(_size_mb(whoosh.parent), 1),
        "segments": sum(1 for _ in whoosh.glob("*.seg")),
    }
    figures.write_text(json.dumps(result))
    return result


def _children_cpu() -> float:
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def entity_phase(index, sample: int) -> dict:
    """Raw single-process nlp.pipe over the next `sample` pending texts, then our entity phase on them.

    Side by side, in this order, so both see the same machine load. Ours runs as
    the app runs it (the model in one process per core), so its words per
    wall-second over raw nlp.pipe's is `entity_parallel_ratio`; words per
    CPU-second (ours counts its model processes) give `entity_throughput_ratio`.
    """
    from search_index.entities.recognizer import BATCH_SIZE, Recognizer

    before = set(index.recognized())
    ahead = sorted(str(p.relative_to(index.root)) for p in index.root.rglob("*.txt"))
    ahead = [doc for doc in ahead if doc not in before][:sample]
    texts = [(index.root / doc).read_text(encoding="utf-8") for doc in ahead]
    recognizer = Recognizer()
    recognizer.raw_spans(["Warm up the model with Shigeru Ishiba in Tokyo."])
    load = os.getloadavg()[0]
    wall, cpu = time.perf_counter(), time.process_time()
    with recognizer.nlp.memory_zone():
        for _ in recognizer.nlp.pipe(texts, batch_size=BATCH_SIZE):
            pass
    raw_wall, raw_cpu = time.perf_counter() - wall, time.process_time() - cpu
    raw_words = sum(len(text.split()) for text in texts)
    del recognizer

    stop = threading.Event()
    rss: list[float] = []
    clock: dict[str, float] = {}

    def progress(p) -> None:
        if p.phase != "entities":
            return
        clock.setdefault("wall", time.perf_counter())
        clock.setdefault("cpu", time.process_time() + _children_cpu())
        rss.append(round(_rss_mb(), 1))
        if p.done >= sample:
            clock.setdefault("end", time.perf_counter())
            stop.set()

    index.sync(progress=progress, stop=stop)
    ours_wall = clock.get("end", time.perf_counter()) - clock["wall"]
    ours_cpu = time.process_time() + _children_cpu() - clock["cpu"]
    done = [doc for doc in index.recognized() if doc not in before]
    words = sum(len((index.root / doc).read_text(encoding="utf-8").split()) for doc in done)
    return {
        "entity_docs": len(done),
        "entity_workers": worker_count(),
        "entity_load_avg": round(load, 2),
        "entity_words_per_wall_s": round(words / ours_wall),
        "raw_nlp_pipe_words_per_wall_s": round(raw_words / raw_wall),
        "entity_parallel_ratio": round((words / ours_wall) / (raw_words / raw_wall), 3),
        "entity_words_per_cpu_s": round(words / ours_cpu),
        "raw_nlp_pipe_words_per_cpu_s": round(raw_words / raw_cpu),
        "entity_throughput_ratio": round((words / ours_cpu) / (raw_words / raw_cpu), 3),
        "entity_rss_mb": {
            "first_batch": rss[1] if len(rss) > 1 else None,
            "quartiles": [rss[min(len(rss) - 1, len(rss) * q // 4)] for q in (1, 2, 3)] if rss else [],
            "last_batch": rss[-1] if rss else None,
        },
    }


def large_document(megabytes: float) -> dict:
    """The same news text as articles, as one document in lines, and on one line (`large_document.py`)."""
    script = Path(__file__).with_name("large_document.py")
    out = subprocess.run([sys.executable, str(script), "--mb", str(megabytes)], capture_output=True, text=True, check=True).stdout
    cases = {case.pop("case"): case for case in json.loads(out)["results"]}
    articles = cases.get("articles", {}).get("seconds")
    for case in cases.values():
        if articles and "seconds" in case:
            case["time_vs_articles"] = round(case["seconds"] / articles, 2)
    return {"megabytes": megabytes, **cases}


def entity_names(index) -> dict[str, list[str]]:
    from collections import Counter

    counts: dict[str, Counter] = {"person": Counter(), "org": Counter(), "place": Counter()}
    fields = {"PERSON": "person", "ORG": "org", "GPE": "place"}
    for doc in index.recognized():
        for entity in index.entities(doc, ""):
            if entity.label in fields and len(entity.canonical.split()) >= 2:
                counts[fields[entity.label]][entity.canonical] += 1
    return {field: [name for name, _ in counter.most_common(7)] for field, counter in counts.items()}


def records(index):
    from search_index.entities.names import ENTITY_FIELDS, field_values

    total = index.count()
    for offset in range(0, total, 1000):
        for info in index.documents("path", offset, 1000):
            body = (index.root / info.id).read_text(encoding="utf-8")
            fields = field_values(index.entities(info.id, body) or [])
            yield info.id, info.title, body, {f: fields.get(f, "") for f in ENTITY_FIELDS}


def query_latency(index, work: Path, asked: dict[str, list[str]]) -> dict:
    from search_index.entities.names import ENTITY_FIELDS
    from tui.widgets.search_bar import RESULT_LIMIT, TYPING_LIMIT

    def ours(kind: str, text: str) -> int:
        if kind == "prefix":  # as the reader searches while typing
            return len(index.search(text, limit=TYPING_LIMIT, as_you_type=True, quick=True).hits)
        if kind == "prefix_full":
            return len(index.search(text, limit=RESULT_LIMIT, as_you_type=True).hits)
        return len(index.search(text).hits)

    table = {"ours": anchors.time_queries(ours, asked, time.perf_counter)}
    built = {}
    for anchor, place in ((anchors.TantivyAnchor, work / "tantivy"), (anchors.Fts5Anchor, work / "fts5.sqlite")):
        shutil.rmtree(place, ignore_errors=True) if place.is_dir() else None
        started = time.perf_counter()
        engine = anchor(place, records(index), ENTITY_FIELDS)
        built[anchor.name] = round(time.perf_counter() - started, 1)
        table[anchor.name] = anchors.time_queries(engine.search, asked, time.perf_counter)
    return {"queries": table, "anchor_index_seconds": built}


def compaction(index) -> dict:
    """What a sync does once it has nothing left to do: merge the small segments, timed."""
    before = _segments(index)
    started = time.perf_counter()
    index.compact()
    return {"compact_seconds": round(time.perf_counter() - started, 1), "segments_before_compact": before,
            "segments_after_compact": _segments(index)}


def _segments(index) -> int:
    return len(index.segments())


def app_figures(corpus: Path, home: Path, *flags: str) -> dict:
    out = subprocess.run(
        [sys.executable, "-m", "benchmarks.app_latency", "--corpus", str(corpus), "--home", str(home), "--json", *flags],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def browser_figures(docs: int) -> dict:
    out = subprocess.run(
        [sys.executable, "-m", "benchmarks.entity_browser", "--documents", str(docs), "--json"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def print_table(result: dict) -> None:
    print(f"\n{result['docs']} documents, {result['date']}, {result['machine']}")
    print(f"text phase: {result['index_docs_per_s']} docs/s ({result['index_seconds']} s, then compacting {result.get('text_phase_compact_seconds', 0)} s), "
          f"{result['index_mb']} MB, {result['segments']} segments")
    print(f"entity phase ({result['entity_workers']} model processes, load {result['entity_load_avg']}): "
          f"{result['entity_words_per_wall_s']} words/s against raw nlp.pipe's {result['raw_nlp_pipe_words_per_wall_s']}: "
          f"entity_parallel_ratio {result['entity_parallel_ratio']}; per CPU-s {result['entity_words_per_cpu_s']} / "
          f"{result['raw_nlp_pipe_words_per_cpu_s']}: ratio {result['entity_throughput_ratio']}")
    print(f"{'kind':<10}" + "".join(f"{name + ' p50/p95 ms':>24}" for name in result["queries"]))
    for kind in queries.KINDS:
        cells = []
        for name in result["queries"]:
            cell = result["queries"][name].get(kind)
            cells.append(f"{cell['p50_ms']:>10} / {cell['p95_ms']:<10}" if cell else f"{'n/a':>24}")
        print(f"{kind:<10}" + "".join(f"{c:>24}" for c in cells))
    print(f"compaction: {result['segments_before_compact']} -> {result['segments_after_compact']} segments "
          f"in {result['compact_seconds']} s")
    keys, mid = result["keystroke_to_paint_ms"], result["keystroke_to_paint_ms_mid_sync"]
    print(f"keystroke to painted results: p50 {keys['p50']} ms, p95 {keys['p95']} ms "
          f"(mid-sync, before compaction: p50 {mid['p50']} ms, p95 {mid['p95']} ms)")
    print(f"reader memory: peak RSS {result['peak_rss_mb']} MB, of it private {result['private_mb']} MB")
    print(f"first paint {result['first_paint_s']} s; list filled {result['list_filled_s']} s; "
          f"page down list p95 {result['list_page_ms']['p95']} ms, reader p95 {result['reader_page_ms']['p95']} ms; "
          "")
    browser = result["entity_browser"]
    print(f"entity browser ({browser['entities']:,} entities): opens p50 {browser['open_ms']['p50']} ms, "
          f"p95 {browser['open_ms']['p95']} ms; filter key to paint p50 {browser['filter_keystroke_ms']['p50']} ms, "
          f"p95 {browser['filter_keystroke_ms']['p95']} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, required=True)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--entity-docs", type=int, default=ENTITY_DOCS)
    parser.add_argument("--work", type=Path, default=Path("/tmp/seed-reader-bench"))
    parser.add_argument("--keep-index", action="store_true", help="reuse the index (and text-phase figures) of a run before")
    parser.add_argument("--only", choices=("entities", "large"), help="only this step (entities: after the text phase, if needed)")
    parser.add_argument("--large-mb", type=float, default=2.0, help="the long-document case's size (0: leave it out)")
    args = parser.parse_args()
    from search_index import Index

    if args.only == "large":
        result = {"large_document": large_document(args.large_mb)}
        print(json.dumps(result, indent=2))
        if args.out:
            args.out.write_text(json.dumps(result, indent=2) + "\n")
        return
    corpus = corpus_for(args.docs, args.work)
    home = args.work / f"home-{args.docs}"
    result: dict = {
        "docs": args.docs,
        "date": date.today().isoformat(),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
    }
    result.update(text_phase(corpus, home, args.keep_index))
    index = Index(corpus, home)
    result.update(entity_phase(index, args.entity_docs))
    if args.only == "entities":
        index.close()
        print(json.dumps(result, indent=2))
        if args.out:
            args.out.write_text(json.dumps(result, indent=2) + "\n")
        return
    # Typing while the sync is still going (the entity phase stopped part way leaves
    # its segments); everything else on the index as a finished sync leaves it.
    index.close()
    result["keystroke_to_paint_ms_mid_sync"] = app_figures(corpus, home, "--typing-only")
    index = Index(corpus, home)
    result.update(compaction(index))
    asked = queries.build(queries.sample_texts(corpus), entity_names(index))
    result.update(query_latency(index, args.work, asked))
    index.close()
    result.update(app_figures(corpus, home))
    result["keystroke_to_paint_ms"] = {k: result["keystroke_to_paint_ms"][k] for k in ("p50", "p95", "max")}
    result["peak_rss_mb"] = result.pop("peak_rss_mb")
    result["entity_browser"] = browser_figures(args.docs)
    if args.large_mb:
        result["large_document"] = large_document(args.large_mb)
    print_table(result)
    if args.out:
        args.out.write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
