"""A large document costs what the same text costs as articles: time and peak memory.

    python benchmarks/large_document.py [--mb 2] [--json]

The same news text (Wikinews articles, repeated to size) indexed three ways,
each in a fresh process (peak RSS is the syncing process's; the model
processes' largest peak is reported apart): as 400 articles, as one
document with its lines, and as one document on a single line. Reports the
sync's seconds (text and entity phases) and the peak RSS.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "wikinews-en" / "docs"
CASES = ("articles", "lines", "one_line")


def _text(megabytes: float) -> list[str]:
    articles = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.iterdir())]
    out, size = [], 0
    while size < megabytes * 1_000_000:
        for article in articles:
            out.append(article)
            size += len(article.encode("utf-8"))
            if size >= megabytes * 1_000_000:
                break
    return out


class _TreePeak(threading.Thread):
    """The largest sum of RSS over this process and its descendants (sampled every 0.2 s)."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak = 0.0
        self._done = threading.Event()
        self.start()

    def run(self) -> None:
        while not self._done.wait(0.2):
            self.peak = max(self.peak, _tree_rss_mb(os.getpid()))

    def stop(self) -> None:
        self._done.set()
        self.join()


def _tree_rss_mb(root: int) -> float:
    parents, rss = {}, {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            parents[int(entry.name)], rss[int(entry.name)] = int(fields[1]), int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
    tree, grew = {root}, True
    while grew:
        more = {pid for pid, parent in parents.items() if parent in tree} - tree
        tree |= more
        grew = bool(more)
    return sum(rss.get(pid, 0) for pid in tree) / 2**20


def run_case(case: str, megabytes: float, src: Path = ROOT) -> dict:
    sys.path.insert(0, str(src))
    from search_index import Index

    articles = _text(megabytes)
    with tempfile.TemporaryDirectory() as scratch:
        corpus = Path(scratch) / "corpus"
        corpus.mkdir()
        if case == "articles":
            per = max(1, len(articles) // 400)
            for n in range(0, len(articles), per):
                (corpus / f"{n:05d}.txt").write_text("\n".join(articles[n : n + per]), encoding="utf-8")
        elif case == "lines":
            (corpus / "large.txt").write_text("\n".join(articles), encoding="utf-8")
        else:
            (corpus / "large.txt").write_text(" ".join(" ".join(a.split()) for a in articles), encoding="utf-8")
        files = len(list(corpus.iterdir()))
        index = Index(corpus, home=Path(scratch) / "home")
        tree = _TreePeak()
        start = time.perf_counter()
        report = index.sync()
        seconds = time.perf_counter() - start
        tree.stop()
        entities = sum(e.documents for e in index.corpus_entities(limit=5)) if hasattr(index, "corpus_entities") else None
        index.close()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    # The model runs in child processes (one per core): the largest of them, and the sum of peaks as a bound.
    child_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {
        "case": case,
        "files": files,
        "seconds": round(seconds, 1),
        "peak_rss_mb": round(peak_mb),
        "model_process_peak_rss_mb": round(child_mb),
        "tree_peak_rss_mb": round(tree.peak),
        "pending": report.entities_pending,
        "top5_documents": entities,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=2.0)
    parser.add_argument("--case", choices=CASES)
    parser.add_argument("--cases", default=",".join(CASES))
    parser.add_argument("--src", type=Path, default=ROOT, help="The checkout whose search_index to measure.")
    args = parser.parse_args()
    if args.case:
        print(json.dumps(run_case(args.case, args.mb, args.src)))
        return 0
    results = []
    for case in args.cases.split(","):
        proc = subprocess.run(
            [sys.executable, __file__, "--case", case, "--mb", str(args.mb), "--src", str(args.src)], capture_output=True, text=True, check=False
        )
        if proc.returncode:
            results.append({"case": case, "error": proc.stderr[-500:]})
        else:
            results.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    print(json.dumps({"megabytes": args.mb, "results": results}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
