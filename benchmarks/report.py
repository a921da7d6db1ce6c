"""Markdown tables from `benchmarks.run` JSON files, for RESULTS.md.

    python -m benchmarks.report /tmp/bench-1000.json /tmp/bench-10000.json /tmp/bench-100000.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from .queries import KINDS


def _cell(entry: dict | None) -> str:
    return f"{entry['p50_ms']} / {entry['p95_ms']}" if entry else "n/a"


def _ratio(ours: dict | None, anchor: dict | None) -> str:
    if not ours or not anchor or not anchor["p95_ms"]:
        return "n/a"
    ratio = ours["p95_ms"] / anchor["p95_ms"]
    return f"{ratio:,.0f}x" if ratio >= 10 else f"{ratio:.1f}x"


def render(runs: list[dict]) -> str:
    lines = ["| | " + " | ".join(f"{run['docs']:,} docs" for run in runs) + " |", "| --- |" + " --- |" * len(runs)]

    def row(label: str, value) -> None:
        lines.append(f"| {label} | " + " | ".join(str(value(run)) for run in runs) + " |")

    row("text phase, docs/s (seconds)", lambda r: f"{r['index_docs_per_s']} ({r['index_seconds']} s)")
    row("index on disk, MB (segments)", lambda r: f"{r['index_mb']} ({r['segments']})")
    row("entity phase, words per CPU-s: ours / raw nlp.pipe", lambda r: f"{r['entity_words_per_cpu_s']:,} / {r['raw_nlp_pipe_words_per_cpu_s']:,}")
    row("entity_throughput_ratio", lambda r: r["entity_throughput_ratio"])
    row("entity phase, words per wall-s: ours / raw nlp.pipe (model processes, load)", lambda r: (
        f"{r['entity_words_per_wall_s']:,} / {r['raw_nlp_pipe_words_per_wall_s']:,} ({r['entity_workers']}, {r['entity_load_avg']})"
        if "entity_parallel_ratio" in r else "n/a"))
    row("entity_parallel_ratio", lambda r: r.get("entity_parallel_ratio", "n/a"))
    row("entity phase RSS, first / last batch (MB)", lambda r: f"{r['entity_rss_mb']['first_batch']} / {r['entity_rss_mb']['last_batch']}")
    def large(r, case):
        c = r.get("large_document", {}).get(case)
        if not c or "seconds" not in c:
            return "n/a"
        return f"{c['seconds']} s ({c.get('time_vs_articles', 'n/a')}x), {c['peak_rss_mb']} / {c['model_process_peak_rss_mb']} / {c['tree_peak_rss_mb']} MB"

    for case in ("lines", "one_line", "articles"):
        row(f"2 MB as {case}: time (vs articles), peak RSS sync / model / tree", lambda r, case=case: large(r, case))
    row("keystroke to painted results, p50 / p95 ms", lambda r: f"{r['keystroke_to_paint_ms']['p50']} / {r['keystroke_to_paint_ms']['p95']}")
    row("start to first paint, s (list filled)", lambda r: f"{r['first_paint_s']} ({r['list_filled_s']})")
    row("page down, list / reader, p95 ms", lambda r: f"{r['list_page_ms']['p95']} / {r['reader_page_ms']['p95']}")
    row("reader peak RSS, MB", lambda r: r["peak_rss_mb"])
    row("anchors' indexing, s: tantivy / FTS5", lambda r: f"{r['anchor_index_seconds']['tantivy']} / {r['anchor_index_seconds']['fts5']}")
    lines += ["", "Query latency, p50 / p95 ms (top 20; ours includes snippets and match offsets, the anchors return ids):", ""]
    header = "| kind | " + " | ".join(f"{name} {run['docs']:,}" for run in runs for name in ("ours", "tantivy", "fts5"))
    lines += [header + " |", "| --- |" + " --- |" * (3 * len(runs))]
    for kind in KINDS:
        cells = []
        for run in runs:
            q = run["queries"]
            cells += [_cell(q["ours"].get(kind)), _cell(q["tantivy"].get(kind)), _cell(q["fts5"].get(kind))]
        lines.append(f"| {kind} | " + " | ".join(cells) + " |")
    lines += ["", "p95 ratio, ours to the anchor (how many times slower):", ""]
    lines += ["| kind | " + " | ".join(f"vs {name} {run['docs']:,}" for run in runs for name in ("tantivy", "fts5")) + " |"]
    lines += ["| --- |" + " --- |" * (2 * len(runs))]
    for kind in KINDS:
        cells = []
        for run in runs:
            q = run["queries"]
            cells += [_ratio(q["ours"].get(kind), q["tantivy"].get(kind)), _ratio(q["ours"].get(kind), q["fts5"].get(kind))]
        lines.append(f"| {kind} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def main() -> None:
    runs = sorted((json.loads(Path(p).read_text()) for p in sys.argv[1:]), key=lambda run: run["docs"])
    print(render(runs))


if __name__ == "__main__":
    main()
