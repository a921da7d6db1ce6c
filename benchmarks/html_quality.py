"""HTML extraction quality on scrapinghub's article-extraction-benchmark, beside trafilatura alone.

    python -m benchmarks.html_quality AEB_DIR [--json FILE] [--worst N]

AEB_DIR is a checkout of github.com/scrapinghub/article-extraction-benchmark
(MIT): its `ground-truth.json` and its pages, as `html/<id>.html.gz` (as
cloned) or `<id>.html` (unpacked). 181 news and blog pages, each with the
article's body text as a person marked it.

Our text is what the reader shows of each page: `formats.read()`, the
paragraphs without the title line (the ground truth has no headline), joined
by blank lines. trafilatura alone is `trafilatura.extract(html)` with the
settings the benchmark's own run_trafilatura.py uses (include_comments=False).

Measures, aggregated as the benchmark's evaluate.py does (precision and recall
averaged over pages, then F1 of the two means):
- token F1: bags of \\w+ tokens, multiset overlap;
- shingle F1: the benchmark's own measure, bags of 4-token shingles.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import time
from collections import Counter
from pathlib import Path

_TOKEN = re.compile(r"\w+")


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text or "")


def shingles(text: str, n: int = 4) -> list[tuple[str, ...]]:
    words = tokens(text)
    return [tuple(words[i : i + n]) for i in range(max(1, len(words) - n + 1)) if words[i : i + n]]


def counts(true: list, pred: list) -> tuple[int, int, int]:
    t, p = Counter(true), Counter(pred)
    tp = sum((t & p).values())
    return tp, sum(p.values()) - tp, sum(t.values()) - tp


def _precision(tp: int, fp: int, fn: int) -> float:
    return 1.0 if fp == fn == 0 else (0.0 if tp == fp == 0 else tp / (tp + fp))


def _recall(tp: int, fp: int, fn: int) -> float:
    return 1.0 if fp == fn == 0 else (0.0 if tp == fn == 0 else tp / (tp + fn))


def aggregate(rows: list[tuple[int, int, int]]) -> dict:
    p = statistics.mean(_precision(*c) for c in rows if c[0] + c[1] > 0)
    r = statistics.mean(_recall(*c) for c in rows if c[0] + c[2] > 0)
    return {"f1": round(2 * p * r / (p + r), 4) if p + r else 0.0, "precision": round(p, 4), "recall": round(r, 4)}


def page_f1(row: tuple[int, int, int]) -> float:
    p, r = _precision(*row), _recall(*row)
    return 2 * p * r / (p + r) if p + r else 0.0


def pages(folder: Path) -> dict[str, bytes]:
    out = {}
    for path in sorted(folder.glob("*.html")) + sorted((folder / "html").glob("*.html.gz")):
        key = path.name.split(".")[0]
        out[key] = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    return out


def ours(name: str, data: bytes) -> str:
    from search_index.documents.formats import ExtractionFailed, read

    try:
        extracted = read(name, data)
    except ExtractionFailed:
        return ""
    return "\n\n".join(extracted.text[block.start : block.end] for block in extracted.blocks)


def theirs(data: bytes) -> str:
    import trafilatura

    return trafilatura.extract(data, include_comments=False) or ""


def measure(folder: Path) -> dict:
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    html = pages(folder)
    systems: dict[str, dict[str, str]] = {"seed-reader": {}, "trafilatura": {}}
    seconds = {"seed-reader": 0.0, "trafilatura": 0.0}
    for key in truth:
        data = html.get(key, b"")
        start = time.perf_counter()
        systems["seed-reader"][key] = ours(f"{key}.html", data)
        seconds["seed-reader"] += time.perf_counter() - start
        start = time.perf_counter()
        systems["trafilatura"][key] = theirs(data)
        seconds["trafilatura"] += time.perf_counter() - start
    report: dict = {"pages": len(truth), "missing_pages": [k for k in truth if k not in html], "systems": {}, "per_page": {}}
    for name, texts in systems.items():
        token_rows, shingle_rows = [], []
        for key, value in truth.items():
            gold = value.get("articleBody", "")
            token_rows.append(counts(tokens(gold), tokens(texts[key])))
            shingle_rows.append(counts(shingles(gold), shingles(texts[key])))
            report["per_page"].setdefault(key, {"url": value.get("url", "")})[name] = round(page_f1(token_rows[-1]), 4)
        report["systems"][name] = {
            "token": aggregate(token_rows),
            "shingle4": aggregate(shingle_rows),
            "seconds": round(seconds[name], 2),
        }
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path, help="the benchmark's checkout (ground-truth.json and its pages)")
    parser.add_argument("--json", type=Path, help="write the report, per page figures included, here")
    parser.add_argument("--worst", type=int, default=10, help="list the N pages where we trail trafilatura most")
    args = parser.parse_args()
    report = measure(args.folder)
    print(f"{report['pages']} pages ({len(report['missing_pages'])} missing)")
    print(f"{'':14} {'token F1':>9} {'P':>7} {'R':>7}   {'shingle F1':>10} {'P':>7} {'R':>7}   seconds")
    for name, figures in report["systems"].items():
        t, s = figures["token"], figures["shingle4"]
        print(
            f"{name:14} {t['f1']:9.4f} {t['precision']:7.4f} {t['recall']:7.4f}   "
            f"{s['f1']:10.4f} {s['precision']:7.4f} {s['recall']:7.4f}   {figures['seconds']:7.1f}"
        )
    gaps = sorted(report["per_page"].items(), key=lambda item: item[1]["seed-reader"] - item[1]["trafilatura"])
    print("\npages where seed-reader trails trafilatura most (token F1, ours / theirs):")
    for key, row in gaps[: args.worst]:
        print(f"  {row['seed-reader']:.3f} / {row['trafilatura']:.3f}  {key[:12]}  {row['url'][:80]}")
    if args.json:
        args.json.write_text(json.dumps(report, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
