"""The entity phase's throughput, for comparing two checkouts side by side.

    python benchmarks/entity_phase.py [--src CHECKOUT] [--corpus DIR]

Indexes a copy of the corpus in a temporary home with the `search_index` of
CHECKOUT (default: this one) and prints the entity phase's words per second
(the model, consistency, and, where the checkout has it, the corpus entity
table and linking). Run it for two checkouts alternately: the machine is shared.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "wikinews-en" / "docs"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--src", type=Path, default=ROOT)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args()
    sys.path.insert(0, str(args.src.resolve()))
    from search_index import Index
    from search_index.entities.recognizer import Recognizer

    recognizer = Recognizer()
    recognizer.raw_spans(["Warm up the model with Shigeru Ishiba in Tokyo."])
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "docs"
        shutil.copytree(args.corpus, copy)
        words = sum(len(p.read_text(encoding="utf-8", errors="replace").split()) for p in copy.iterdir())
        index = Index(copy, home=Path(scratch) / "home")
        index.sync(entities=False)
        start = time.perf_counter()
        index.sync(recognizer=recognizer)
        seconds = time.perf_counter() - start
        index.close()
    print(json.dumps({"src": str(args.src), "words": words, "entity_seconds": round(seconds, 2), "words_per_s": round(words / seconds)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
