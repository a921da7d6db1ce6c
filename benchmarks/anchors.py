"""The engines we are measured against: tantivy (Rust, via tantivy-py) and SQLite FTS5.

Both index the same documents with the same entity fields our index holds, and
answer the same queries, top 20 by BM25. They return ids only: no snippets and
no match offsets, which our `search()` includes. tantivy is a benchmark extra
(`pip install '.[bench]'`), never a dependency of the reader.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterable
from pathlib import Path

LIMIT = 20
_FIELD = re.compile(r'^(\w+):"(.*)"$')

Record = tuple[str, str, str, dict[str, str]]  # id, title, body, entity field values


class TantivyAnchor:
    name = "tantivy"

    def __init__(self, folder: Path, records: Iterable[Record], entity_fields: tuple[str, ...]) -> None:
        import tantivy

        self.tantivy = tantivy
        builder = tantivy.SchemaBuilder()
        builder.add_text_field("id", stored=True, tokenizer_name="raw")
        for name in ("title", "body", *entity_fields):
            builder.add_text_field(name, stored=False, index_option="position")
        self.schema = builder.build()
        folder.mkdir(parents=True, exist_ok=True)
        self.index = tantivy.Index(self.schema, path=str(folder))
        writer = self.index.writer(heap_size=256_000_000, num_threads=1)  # one thread, as Whoosh has
        for doc, title, body, fields in records:
            writer.add_document(tantivy.Document(id=doc, title=title, body=body, **fields))
        writer.commit()
        writer.wait_merging_threads()
        self.index.reload()
        self.searcher = self.index.searcher()

    def query(self, kind: str, text: str):
        T = self.tantivy
        if kind.startswith("prefix"):
            pattern = re.escape(text.lower()) + ".*"
            return T.Query.boolean_query(
                [(T.Occur.Should, T.Query.regex_query(self.schema, f, pattern)) for f in ("title", "body")]
            )
        if kind == "fuzzy":
            return T.Query.boolean_query(
                [
                    (T.Occur.Should, T.Query.fuzzy_term_query(self.schema, f, text.lower(), distance=1))
                    for f in ("title", "body")
                ]
            )
        if kind == "two_terms":
            text = " ".join("+" + word for word in text.split())  # all words, as ours
        return self.index.parse_query(text, ["title", "body"])

    def search(self, kind: str, text: str) -> int:
        return len(self.searcher.search(self.query(kind, text), LIMIT).hits)


class Fts5Anchor:
    name = "fts5"

    def __init__(self, path: Path, records: Iterable[Record], entity_fields: tuple[str, ...]) -> None:
        path.unlink(missing_ok=True)
        self.db = sqlite3.connect(path)
        columns = ", ".join(("id UNINDEXED", "title", "body", *entity_fields))
        self.db.execute(f"CREATE VIRTUAL TABLE docs USING fts5({columns}, tokenize='unicode61 remove_diacritics 2')")
        self.fields = entity_fields
        marks = ", ".join("?" * (3 + len(entity_fields)))
        with self.db:
            self.db.executemany(
                f"INSERT INTO docs VALUES ({marks})",
                ((doc, title, body, *(fields.get(f, "") for f in entity_fields)) for doc, title, body, fields in records),
            )
        self.db.execute("INSERT INTO docs(docs) VALUES ('optimize')")
        self.db.commit()

    def query(self, kind: str, text: str) -> str | None:
        if kind == "fuzzy":
            return None  # FTS5 has no fuzzy matching
        if kind.startswith("prefix"):
            return "{title body}: " + re.sub(r"\W", "", text) + "*"
        field = _FIELD.match(text)
        if field:
            return f'{field.group(1)} : "{field.group(2)}"'
        if kind == "phrase":
            return "{title body}: " + text
        return "{title body}: " + " ".join(f'"{word}"' for word in text.split())

    def search(self, kind: str, text: str) -> int | None:
        match = self.query(kind, text)
        if match is None:
            return None
        rows = self.db.execute("SELECT id FROM docs WHERE docs MATCH ? ORDER BY rank LIMIT ?", (match, LIMIT)).fetchall()
        return len(rows)


def time_queries(search: Callable[[str, str], int | None], queries: dict[str, list[str]], clock) -> dict:
    """p50/p95 per kind in milliseconds; a kind the engine cannot answer is None."""
    from .stats import summary

    table = {}
    for kind, texts in queries.items():
        search(kind, texts[0]) if texts else None  # warm the caches once per kind, as a user's second query would
        times = []
        for text in texts:
            started = clock()
            found = search(kind, text)
            if found is None:
                break
            times.append((clock() - started) * 1000)
        table[kind] = summary(times) if times else None
    return table
