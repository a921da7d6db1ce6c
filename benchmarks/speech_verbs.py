"""Where the list of speech verbs (`search_index/entities/speech.py`) comes from, counted in the corpus.

    python -m benchmarks.speech_verbs [--corpus DIR] [--top N]

1. The words right before an opening quotation mark (`said: "`, `wrote, "`) and right after a
   closing one (`," said`, `", according to`), across every article: the commonest, each marked
   `+` when the list has it.
2. For each speech verb of the list, the model's label of the name just before it ("Brekke
   said", "Google announced"): which verbs people use and organisations rarely do
   (`PERSON_VERBS`, the evidence `speech_evidence` gives the entity rules).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from search_index.entities.speech import LEMMA, PERSON_VERBS, VERB_RE  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpora" / "wikinews-en" / "docs"
_BEFORE_OPENING = re.compile(r"([A-Za-z]+)\s*[,:]?\s*[\"“](?=\w)")
_AFTER_CLOSING = re.compile(r"[,.!?]?[\"”],?\s+(according to|[a-z]+)\b")


def marks(texts: list[str]) -> tuple[Counter, Counter]:
    before, after = Counter(), Counter()
    for text in texts:
        before.update(m.group(1).casefold() for m in _BEFORE_OPENING.finditer(text))
        after.update(m.group(1).casefold() for m in _AFTER_CLOSING.finditer(text))
    return before, after


def subjects(texts: list[str]) -> dict[str, Counter]:
    """lemma -> labels of the model's names ending just before a form of it."""
    from search_index.entities.recognizer import Recognizer

    found: dict[str, Counter] = defaultdict(Counter)
    for text, spans in zip(texts, Recognizer().raw_spans(texts), strict=True):
        ends = {end: label for _, end, label in spans}
        for verb in VERB_RE.finditer(text):
            gap = re.search(r"\s+(?:(?:also|later|then|has|had)\s+)*$", text[max(0, verb.start() - 20) : verb.start()])
            label = ends.get(verb.start() - (len(gap.group()) if gap else 0))
            if label in ("PERSON", "ORG", "GPE", "NORP"):
                found[LEMMA[verb.group()]][label] += 1
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--top", type=int, default=40)
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"No corpus at {args.corpus}.", file=sys.stderr)
        return 2
    texts = [path.read_text(encoding="utf-8") for path in sorted(args.corpus.glob("*.txt"))]
    before, after = marks(texts)
    known = set(LEMMA) | {"according to"}
    for title, counts in (("before an opening mark", before), ("after a closing mark", after)):
        print(f"\n{title} ({len(texts)} articles); + = in the list")
        print("  ".join(f"{'+' if w in known else ' '}{w} {n}" for w, n in counts.most_common(args.top)))
    print("\nthe model's label of the name before each speech verb (PERSON ORG GPE NORP); * = PERSON_VERBS")
    for word, counts in sorted(subjects(texts).items(), key=lambda item: -sum(item[1].values())):
        share = counts["PERSON"] / max(1, counts["PERSON"] + counts["ORG"] + counts["GPE"])
        print(
            f"{'*' if word in PERSON_VERBS else ' '}{word:12} {counts['PERSON']:5} {counts['ORG']:5} {counts['GPE']:5}"
            f" {counts['NORP']:5}  person share {share:.2f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
