"""Entity precision / recall on news gold sets other than the Wikinews one: the bare model beside the pipeline.

    python benchmarks/entity_second_gold.py [GOLD ...] [--json] [--errors N]

GOLD is a `.jsonl` pack (one document a line: {"doc", "text", "spans": [[start, end, label]]}) or a
folder of `docs/*.txt` with a `gold.jsonl` beside them ({"doc", "start", "end", "label", "text"});
labels person / organization / place. Default: `benchmarks/uner_pud_news.jsonl`, the news half of
Universal NER English-PUD (215 documents, 399 spans; CC BY-SA 3.0, see `uner_pud_news.md`). The
CoNLL++ test set (Reuters text, research use only: never committed) is read from the path given,
e.g. a conversion made by CrossWeigh's `data/conllpp_test.txt`; a path that is absent is skipped
with a message.

Two systems over the very same texts:
- model: spaCy's en_core_web_sm NER as seed-reader runs it (`Recognizer.raw_spans`), no rules;
- pipeline: the folder indexed as the reader indexes it (consistency, the corpus's votes, linking),
  each document's entities read back with `Index.open_document`.
PERSON -> person, ORG -> organization, GPE/LOC/FAC -> place. Scoring: exact span match (start,
end and type), per type and overall. Line 1 of each document is a neutral title the conversions
add ("uner pud n01001"): predictions there are not scored.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from search_index import Index  # noqa: E402
from search_index.entities.recognizer import Recognizer  # noqa: E402

DEFAULT = ROOT / "benchmarks" / "uner_pud_news.jsonl"
TYPES = {"PERSON": "person", "ORG": "organization", "GPE": "place", "LOC": "place", "FAC": "place"}
KINDS = ("person", "organization", "place")


def load(gold: Path) -> tuple[dict[str, str], dict[str, list[tuple[int, int, str]]]]:
    """Texts and gold spans by document name."""
    texts: dict[str, str] = {}
    spans: dict[str, list[tuple[int, int, str]]] = {}
    if gold.suffix == ".jsonl":
        for line in gold.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            texts[row["doc"]] = row["text"]
            spans[row["doc"]] = [(s, e, label) for s, e, label in row["spans"]]
        return texts, spans
    for path in sorted((gold / "docs").glob("*.txt")):
        texts[path.name] = path.read_text(encoding="utf-8")
        spans[path.name] = []
    for line in (gold / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        spans[row["doc"]].append((row["start"], row["end"], row["label"]))
    return texts, spans


def score(gold: dict, predicted: dict) -> dict:
    counts = {kind: Counter() for kind in KINDS}
    for doc, spans in gold.items():
        right, found = set(spans), set(predicted.get(doc, []))
        for _, _, kind in found:
            counts[kind]["predicted"] += 1
        for span in found & right:
            counts[span[2]]["correct"] += 1
        for _, _, kind in right:
            counts[kind]["gold"] += 1
    table = {}
    for kind in KINDS + ("all",):
        c = counts[kind] if kind != "all" else sum(counts.values(), Counter())
        p = c["correct"] / c["predicted"] if c["predicted"] else 0.0
        r = c["correct"] / c["gold"] if c["gold"] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        table[kind] = {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3), "gold": c["gold"]}
    return table


def systems(texts: dict[str, str], recognizer) -> dict[str, dict[str, list[tuple[int, int, str]]]]:
    """Both systems' typed spans outside each document's title line."""
    docs = sorted(texts)
    raw = dict(zip(docs, recognizer.raw_spans([texts[d] for d in docs]), strict=True))
    model = {d: [(s, e, TYPES[label]) for s, e, label in raw[d] if label in TYPES] for d in docs}
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "docs"
        folder.mkdir()
        for doc in docs:
            (folder / doc).write_text(texts[doc], encoding="utf-8")
        index = Index(folder, home=Path(scratch) / "home")
        try:
            index.sync(recognizer=recognizer)
            pipeline = {d: [(e.start, e.end, TYPES[e.label]) for e in index.open_document(d).entities or () if e.label in TYPES] for d in docs}
        finally:
            index.close()
    body = {d: texts[d].find("\n") + 1 for d in docs}
    return {name: {d: [s for s in spans[d] if s[0] >= body[d]] for d in docs} for name, spans in (("model", model), ("pipeline", pipeline))}


def errors(gold: dict, predicted: dict, texts: dict, top: int) -> dict[str, list]:
    wrong, missed = Counter(), Counter()
    for doc, spans in gold.items():
        right, found = set(spans), set(predicted.get(doc, []))
        wrong.update(f"{kind} {texts[doc][s:e]!r}" for s, e, kind in found - right)
        missed.update(f"{kind} {texts[doc][s:e]!r}" for s, e, kind in right - found)
    return {"false_positives": wrong.most_common(top), "misses": missed.most_common(top)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="*", type=Path, default=[DEFAULT])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--errors", type=int, default=0, metavar="N", help="Also list the N commonest errors of each system.")
    args = parser.parse_args()
    recognizer = Recognizer()
    results = {}
    for gold in args.gold:
        if not gold.exists():
            print(f"{gold}: absent, skipped (CoNLL++ is research-only Reuters text: convert it yourself).", file=sys.stderr)
            continue
        texts, spans = load(gold)
        found = systems(texts, recognizer)
        result = {"documents": len(texts), **{name: score(spans, predicted) for name, predicted in found.items()}}
        result["f1_over_model"] = round(result["pipeline"]["all"]["f1"] - result["model"]["all"]["f1"], 3)
        if args.errors:
            result["errors"] = {name: errors(spans, predicted, texts, args.errors) for name, predicted in found.items()}
        results[gold.name] = result
    if args.json:
        print(json.dumps(results, indent=2, ensure_ascii=False))
        return 0
    for name, result in results.items():
        print(f"\n{name}: {result['documents']} documents, exact span match; pipeline F1 over the model {result['f1_over_model']:+.3f}")
        print(f"{'type':13} {'gold':>5}  {'model P':>8} {'R':>6} {'F1':>6}  {'pipeline P':>10} {'R':>6} {'F1':>6}")
        for kind in KINDS + ("all",):
            m, p = result["model"][kind], result["pipeline"][kind]
            print(
                f"{kind:13} {m['gold']:>5}  {m['precision']:>8.3f} {m['recall']:>6.3f} {m['f1']:>6.3f}"
                f"  {p['precision']:>10.3f} {p['recall']:>6.3f} {p['f1']:>6.3f}"
            )
        for system, found in result.get("errors", {}).items():
            print(f"{system} false positives: {found['false_positives']}\n{system} misses: {found['misses']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
