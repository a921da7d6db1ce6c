"""Entity quality against the Wikinews gold spans (GUM), model alone and with consistency.

    python benchmarks/entity_quality.py [--json]

GUM's spans are full noun phrases ("the Saudi Interior Ministry"), so a
predicted span counts when it overlaps a gold span of the same type.
Precision: predicted spans that overlap gold of their type. Recall: gold spans
overlapped by a prediction of their type. Only the 24 documents with gold are
scored; the others have no gold and must not count as "no entities".
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from search_index.entities import make_consistent  # noqa: E402
from search_index.recognizer import Recognizer  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpora" / "wikinews-en"
GOLD_TYPES = {"person": "person", "organization": "org", "place": "place"}
PREDICTED_TYPES = {"PERSON": "person", "ORG": "org", "GPE": "place", "LOC": "place", "FAC": "place"}


def load_gold(corpus: Path) -> dict[str, list[tuple[int, int, str]]]:
    gold: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    with open(corpus / "entities.gold.jsonl", encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            if row["label"] in GOLD_TYPES:
                gold[row["doc"]].append((row["start"], row["end"], GOLD_TYPES[row["label"]]))
    return gold


def score(gold: dict, predicted: dict) -> dict[str, dict[str, float]]:
    counts = defaultdict(lambda: defaultdict(int))
    for doc, gold_spans in gold.items():
        spans = predicted.get(doc, [])
        for start, end, kind in spans:
            counts[kind]["predicted"] += 1
            counts[kind]["correct"] += any(kind == k and start < e and s < end for s, e, k in gold_spans)
        for start, end, kind in gold_spans:
            counts[kind]["gold"] += 1
            counts[kind]["found"] += any(kind == k and start < e and s < end for s, e, k in spans)
    table = {}
    for kind in ("person", "org", "place"):
        c = counts[kind]
        precision = c["correct"] / c["predicted"] if c["predicted"] else 0.0
        recall = c["found"] / c["gold"] if c["gold"] else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        table[kind] = {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3), "gold": c["gold"]}
    return table


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not (args.corpus / "entities.gold.jsonl").exists():
        print(f"No gold set at {args.corpus}: this script needs ../shared/corpora/wikinews-en.", file=sys.stderr)
        return 2
    gold = load_gold(args.corpus)
    docs = sorted(gold)
    texts = [(args.corpus / "docs" / doc).read_text(encoding="utf-8") for doc in docs]
    raw = Recognizer().raw_spans(texts)
    model = {doc: [(s, e, PREDICTED_TYPES[label]) for s, e, label in spans if label in PREDICTED_TYPES] for doc, spans in zip(docs, raw, strict=False)}
    consistent = {
        doc: [(e.start, e.end, PREDICTED_TYPES[e.label]) for e in make_consistent(text, spans) if e.label in PREDICTED_TYPES]
        for doc, text, spans in zip(docs, texts, raw, strict=False)
    }
    results = {"documents": len(docs), "model": score(gold, model), "consistent": score(gold, consistent)}
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    print(f"Entity quality on {len(docs)} Wikinews documents with gold spans (overlap match)")
    print(f"{'type':8} {'gold':>5}  {'model P':>8} {'R':>6} {'F1':>6}   {'consistent P':>12} {'R':>6} {'F1':>6}")
    for kind in ("person", "org", "place"):
        m, c = results["model"][kind], results["consistent"][kind]
        print(
            f"{kind:8} {m['gold']:>5}  {m['precision']:>8.3f} {m['recall']:>6.3f} {m['f1']:>6.3f}"
            f"   {c['precision']:>12.3f} {c['recall']:>6.3f} {c['f1']:>6.3f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
