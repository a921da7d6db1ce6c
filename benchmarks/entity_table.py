"""The corpus entity table at scale: the browser's queries and the entity phase's updates.

    python benchmarks/entity_table.py [--documents 100000] [--json]

Builds a catalog of synthetic documents (25 names each, drawn Zipf-like from a
pool of ~4 names per document, a few full person names with their surnames),
in bulk, then times through the public `Index` API what the entity browser
asks (first page, a page per filter keystroke, an entity's documents,
co-occurring entities, timeline) and what one entity-phase batch of 64
documents costs the table (`EntityTable.replace`).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.stats import percentile  # noqa: E402
from search_index.entities.corpus_table import Contribution  # noqa: E402

SYLLABLES = "ka lo mi ra sen tor vel an is ber gun dal fo ne ri shi ta wen yo zu".split()
LABELS = ["PERSON", "PERSON", "ORG", "GPE", "NORP", "GPE", "ORG", "PERSON"]


def _name(rng: random.Random, words: int) -> str:
    return " ".join("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).title() for _ in range(words))


def build(index, documents: int, seed: int = 7) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    pool = [(_name(rng, rng.choice((1, 2, 2, 3))), rng.choice(LABELS)) for _ in range(documents * 4)]
    db = index._catalog._db
    db.execute("BEGIN")
    db.executemany(
        "INSERT INTO documents (id, title, title_key, date, size, mtime_ns, sha1, words, note, entities, labels)"
        " VALUES (?, ?, ?, ?, 0, 0, '', 500, NULL, '[]', '')",
        [(f"d{n:07d}.txt", f"Doc {n}", f"doc {n}", f"20{10 + n % 15}-{1 + n % 12:02d}-01") for n in range(documents)],
    )
    db.execute("COMMIT")
    # The final state written in bulk (what `EntityTable.replace` would leave, every name its own entity):
    # replaying 100,000 documents through `replace` would take as long as the entity phase itself.
    from search_index.entities.linking import key_of, person_parts

    names_rows, docs_rows, stats, totals = [], [], {}, {}
    for n in range(documents):
        doc, date = f"d{n:07d}.txt", f"20{10 + n % 15}-{1 + n % 12:02d}-01"
        for group, name, label, mentions in _contribution(_names(pool, rng), rng).names:
            first, last = person_parts(name) if group == "person" else (None, None)
            names_rows.append((doc, group, name, label, mentions, first, last))
            key = key_of(group, name)
            docs_rows.append((key, doc, mentions, date))
            stat = stats.setdefault((name, group, label), [0, 0, first, last])
            stat[0] += 1
            stat[1] += mentions
            total = totals.setdefault(key, [name, label, group, 0, 0, date, date])
            total[3] += 1
            total[4] += mentions
            total[5], total[6] = min(total[5], date), max(total[6], date)
    db.execute("BEGIN")
    db.executemany("INSERT OR REPLACE INTO entity_names VALUES (?, ?, ?, ?, ?, ?, ?)", names_rows)
    db.executemany("INSERT OR REPLACE INTO entity_docs VALUES (?, ?, ?, ?)", docs_rows)
    db.executemany("INSERT OR REPLACE INTO name_stats VALUES (?, ?, ?, ?, ?, ?, ?)", [(*k, *v) for k, v in stats.items()])
    db.executemany("INSERT OR REPLACE INTO name_links VALUES (?, ?, ?)", [(g, n, key_of(g, n)) for (n, g, _) in stats])
    db.executemany(
        "INSERT OR REPLACE INTO corpus_entities VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '[]')",
        [(key, name, name.casefold(), label, group, d, m, f, la) for key, (name, label, group, d, m, f, la) in totals.items()],
    )
    db.execute("COMMIT")
    return pool


def _names(pool, rng) -> set:
    """25 names: 60% from the 2,000 commonest (skewed to the top), 40% from anywhere (the long tail)."""
    return {pool[int(2000 * rng.random() ** 3)] if rng.random() < 0.6 else rng.choice(pool) for _ in range(25)}


def _contribution(names, rng) -> Contribution:
    rows = []
    for name, label in names:
        group = {"PERSON": "person", "ORG": "org", "GPE": "place"}.get(label, label.lower())
        rows.append((group, name, label, rng.randint(1, 6)))
    return Contribution(tuple(rows), (), tuple((name, label, 1) for name, label in names))


def timed(fn, repeat: int = 20) -> dict:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return {"p50_ms": round(percentile(times, 50), 2), "p95_ms": round(percentile(times, 95), 2)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    from search_index import Index

    with tempfile.TemporaryDirectory() as scratch:
        corpus = Path(scratch) / "corpus"
        corpus.mkdir()
        index = Index(corpus, home=Path(scratch) / "home")
        start = time.perf_counter()
        pool = build(index, args.documents)
        built = time.perf_counter() - start
        top = index.corpus_entities(limit=1)[0]
        rng = random.Random(3)
        prefixes = [pool[rng.randrange(len(pool))][0][:k] for k in (1, 2, 3, 4, 5) for _ in range(4)]
        keystrokes = iter(prefixes * 10)
        results = {
            "documents": args.documents,
            "entities": index.corpus_entity_count(),
            "build_s": round(built, 1),
            "open_ms": timed(lambda: (index.corpus_entities(limit=100), index.corpus_entity_count())),
            "open_people_ms": timed(lambda: index.corpus_entities(label="PERSON", limit=100)),
            "filter_keystroke_ms": timed(lambda: index.corpus_entities(filter_text=next(keystrokes), limit=100), 40),
            "filter_count_ms": timed(lambda: index.corpus_entity_count(filter_text=next(keystrokes)), 40),
            "sort_recent_ms": timed(lambda: index.corpus_entities(sort="recent", limit=100)),
            "top_entity_documents": top.documents,
            "entity_documents_ms": timed(lambda: index.entity_documents(top.key, limit=200), 5),
            "co_occurring_ms": timed(lambda: index.co_occurring(top.key, limit=10), 3),
            "timeline_ms": timed(lambda: index.entity_timeline(top.key), 5),
        }
        batch_rng = random.Random(11)
        # The bulk state gives every name its own entity; the first batches' relinking repairs what real
        # linking decides differently (a popular surname joining a full name re-counts its documents).
        batches = []
        for _b in range(8):
            batch = {
                f"d{batch_rng.randrange(args.documents):07d}.txt": _contribution(_names(pool, batch_rng), batch_rng)
                for _ in range(64)
            }
            start = time.perf_counter()
            index._entity_table.replace(batch)
            batches.append((time.perf_counter() - start) * 1000)
        results["update_64_documents_ms"] = {
            "first_3": [round(b) for b in batches[:3]],
            "after_p50_ms": round(percentile(batches[3:], 50), 1),
            "after_max_ms": round(max(batches[3:]), 1),
        }
        index.close()
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
