"""What spaCy's tagger and parser would cost the entity phase: words per CPU-second, side by side.

    python -m benchmarks.model_components [--articles N] [--rounds R]

The entity phase runs only the NER (`recognizer.py`). Quotation rules could use part-of-speech
tags or the dependency parse (textacy's `direct_quotations` needs both); this runs the same
articles, cut into the same pieces, through three pipelines of the same model, alternately
for R rounds (the machine is shared): NER only, NER + tagger (and the tok2vec it listens to),
NER + tagger + parser. CPU time of this process, so other load matters less than wall time.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from search_index.entities.recognizer import MODEL, _register_newline_component, pieces  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpora" / "wikinews-en" / "docs"
EVERY = ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter"]
PIPELINES = {
    "ner": EVERY,  # what the entity phase runs
    "ner+tagger": ["parser", "lemmatizer", "senter"],
    "ner+tagger+parser": ["lemmatizer", "senter"],
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--articles", type=int, default=120)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    import importlib

    texts = [p.read_text(encoding="utf-8") for p in sorted(args.corpus.glob("*.txt"))[: args.articles]]
    words = sum(len(t.split()) for t in texts)
    cut = [piece for text in texts for _, piece in pieces(text)]
    _register_newline_component()
    package = importlib.import_module(MODEL)
    models = {}
    for name, exclude in PIPELINES.items():
        models[name] = package.load(exclude=exclude)
        models[name].add_pipe("newline_sentences", first=True)
        list(models[name].pipe(cut[:8]))  # warm
    rates: dict[str, list[float]] = {name: [] for name in PIPELINES}
    for _ in range(args.rounds):
        for name, nlp in models.items():
            started = time.process_time()
            with nlp.memory_zone():
                for _doc in nlp.pipe(cut, batch_size=32):
                    pass
            rates[name].append(words / (time.process_time() - started))
    base = statistics.median(rates["ner"])
    result = {
        name: {
            "words_per_cpu_s": round(statistics.median(r)),
            "runs": [round(x) for x in r],
            "vs_ner": round(statistics.median(r) / base, 3),
        }
        for name, r in rates.items()
    }
    print(json.dumps({"articles": len(texts), "words": words, "pipelines": result}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
