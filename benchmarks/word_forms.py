"""Word forms (issue 29): of the documents holding any inflection of a word, the share a search finds.

    python -m benchmarks.word_forms [--words 50] [--seed 29] [--stemmed-field CORPUS]

Fifty words are drawn with a fixed seed from the Wikinews corpus's own vocabulary (lowercase,
four letters or more, not a stop word, with at least one other inflection in the corpus). A word's
inflections are written out by hand-made rules, apart from the engine's (`forms.py`): the word, +s /
+es, +ed / +d, +ing (a final e dropped, a final consonant doubled, y -> ies / ied) and the
possessive; a document holds one when its text has it as a whole word. Each word is searched as
typed (the engine's word forms) and quoted (exactly the word, as before word forms): the share of
the holding documents each finds, over all 50 words (documents summed) and per word.

`--stemmed-field CORPUS` measures the alternative: the same folder indexed by plain Whoosh twice,
the body alone and the body beside a Porter2-stemmed copy (positions kept, for phrases), and the
sizes and build times compared.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import tempfile
import time
from collections import Counter
from pathlib import Path

from benchmarks.corpus import SOURCE
from benchmarks.queries import _STOP

_WORD = re.compile(r"[A-Za-z]+(?:['’]s)?")


def inflections(word: str) -> set[str]:
    """The word's inflections by the grammar book's rules (not the engine's)."""
    forms = {word, word + "s", word + "es", word + "ed", word + "d", word + "ing", word + "'s", word + "’s"}
    if word.endswith("e"):
        forms |= {word[:-1] + "ing"}
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        forms |= {word[:-1] + "ies", word[:-1] + "ied"}
    if re.search(r"[^aeiou][aeiou][bdgklmnprt]$", word):
        forms |= {word + word[-1] + "ed", word + word[-1] + "ing"}
    return forms


def words_of(text: str) -> set[str]:
    return {w.lower().replace("’", "'") for w in _WORD.findall(text)}


def pick(texts: dict[str, set[str]], count: int, seed: int) -> list[str]:
    frequency = Counter(word for words in texts.values() for word in words)
    candidates = sorted(
        word
        for word, n in frequency.items()
        if len(word) >= 4 and word.isalpha() and word not in _STOP and n >= 2
        and sum(1 for form in inflections(word) - {word} if frequency.get(form.replace("’", "'"))) >= 1
    )
    return random.Random(seed).sample(candidates, count)


def measure(words: list[str], texts: dict[str, set[str]], index) -> dict:
    rows, found_forms, found_exact, holding_total = [], 0, 0, 0
    for word in words:
        forms = {form.replace("’", "'") for form in inflections(word)}
        holding = {doc for doc, present in texts.items() if present & forms}
        as_typed = {hit.doc for hit in index.search(word, limit=len(texts)).hits}
        quoted = {hit.doc for hit in index.search(f'"{word}"', limit=len(texts)).hits}
        rows.append({"word": word, "holding": len(holding), "found": len(holding & as_typed), "exact": len(holding & quoted)})
        holding_total += len(holding)
        found_forms += len(holding & as_typed)
        found_exact += len(holding & quoted)
    return {
        "words": len(words),
        "documents_holding": holding_total,
        "share_found_with_forms": round(found_forms / holding_total, 4),
        "share_found_exact_word_only": round(found_exact / holding_total, 4),
        "worst": sorted(rows, key=lambda row: row["found"] / row["holding"])[:5],
        "per_word": rows,
    }


def stemmed_field(corpus: Path) -> dict:
    """Plain Whoosh over `corpus`: the body alone vs the body and a stemmed copy of it."""
    from whoosh import index as whoosh_index
    from whoosh.analysis import StemFilter
    from whoosh.fields import ID, TEXT, Schema

    from search_index.search.analysis import analyzer

    paths = sorted(corpus.rglob("*.txt"))
    figures = {}
    for name, stemmed in (("exact", False), ("exact_and_stemmed", True)):
        folder = Path(tempfile.mkdtemp(prefix=f"forms-{name}-"))
        fields = {"id": ID(stored=True), "body": TEXT(analyzer=analyzer(), chars=True)}
        if stemmed:
            fields["stemmed"] = TEXT(analyzer=analyzer() | StemFilter(lang="en"))  # positions, for phrases
        ix = whoosh_index.create_in(str(folder), Schema(**fields))
        started = time.perf_counter()
        writer = ix.writer(limitmb=256)
        for path in paths:
            text = path.read_text(encoding="utf-8")
            writer.add_document(id=path.name, body=text, **({"stemmed": text} if stemmed else {}))
        writer.commit()
        seconds = time.perf_counter() - started
        size = sum(f.stat().st_size for f in folder.iterdir())
        figures[name] = {"documents": len(paths), "bytes": size, "build_seconds": round(seconds, 1)}
        shutil.rmtree(folder)
    figures["size_ratio"] = round(figures["exact_and_stemmed"]["bytes"] / figures["exact"]["bytes"], 3)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=50)
    parser.add_argument("--seed", type=int, default=29)
    parser.add_argument("--stemmed-field", type=Path, default=None, help="a folder to index with and without a stemmed field")
    args = parser.parse_args()
    from search_index import Index

    texts = {path.name: words_of(path.read_text(encoding="utf-8")) for path in sorted(SOURCE.glob("*.txt"))}
    home = Path(tempfile.mkdtemp(prefix="forms-home-"))
    index = Index(SOURCE, home=home)
    index.sync(entities=False)
    result = measure(pick(texts, args.words, args.seed), texts, index)
    index.close()
    shutil.rmtree(home)
    if args.stemmed_field:
        result["stemmed_field"] = stemmed_field(args.stemmed_field)
    print(json.dumps({k: v for k, v in result.items() if k != "per_word"}, indent=1))
    print(" ".join(f"{row['word']}:{row['found']}/{row['holding']}" for row in result["per_word"]))


if __name__ == "__main__":
    main()
