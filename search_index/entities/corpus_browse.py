"""Reading the corpus entity table: the records and the paged queries the entity browser asks.

Every query is bounded and served by an index (see `_SCHEMA` in
`corpus_table.py`): a page of 100 rows in any order, filtered by part of
the name; an entity's documents from its (entity, document) rows. Measured at
100,000 documents by `benchmarks/entity_table.py`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from .linking import NONE, group_of
from .names import NAME_LABELS

SORTS = {
    "documents": "documents DESC, name_key",
    "mentions": "mentions DESC, name_key",
    "name": "name_key",
    "recent": "last_date IS NULL, last_date DESC, name_key",
}
LABEL_GROUPS = {
    "PERSON": ("PERSON",),
    "ORG": ("ORG",),
    "GPE": ("GPE", "LOC", "FAC"),
    "PLACE": ("GPE", "LOC", "FAC"),
}
CO_OCCURRENCE_DOCUMENTS = 2_000


@dataclass(frozen=True)
class CorpusEntity:
    """One entity across the corpus. `key` names it for the other calls."""

    key: str
    canonical: str
    label: str
    documents: int
    mentions: int
    aliases: tuple[str, ...]
    first_date: str | None
    last_date: str | None

    def to_json(self) -> dict:
        return {
            "canonical": self.canonical,
            "label": self.label,
            "documents": self.documents,
            "mentions": self.mentions,
            "aliases": list(self.aliases),
            "first_date": self.first_date,
            "last_date": self.last_date,
        }


@dataclass(frozen=True)
class EntityDocument:
    """A document that mentions an entity, for the browser's list."""

    doc: str
    title: str
    date: str | None
    mentions: int


class EntityReading:
    """The read side of `EntityTable` (a mixin: it uses the table's `_rows`)."""

    def _rows(self, sql: str, params: Iterable = ()) -> list[tuple]:
        raise NotImplementedError

    def _where(self, label: str | None, filter_text: str) -> tuple[str, list]:
        clauses: list[str] = []
        params: list = []
        if label:
            labels = LABEL_GROUPS.get(label.upper(), (label.upper(),))
            clauses.append(f"label IN ({','.join('?' * len(labels))})")
            params += labels
        if filter_text.strip():
            # instr, not LIKE '%x%': the same test on casefolded names, ~10% cheaper a row.
            clauses.append("instr(name_key, ?) > 0")
            params.append(filter_text.strip().casefold())
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params

    def page(self, label=None, sort="documents", filter_text="", offset=0, limit=100) -> list[CorpusEntity]:
        where, params = self._where(label, filter_text)
        columns = "key, canonical, label, documents, mentions, aliases, first_date, last_date"
        if not filter_text.strip():
            sql = f"SELECT {columns} FROM corpus_entities{where} ORDER BY {SORTS[sort]} LIMIT ? OFFSET ?"
        else:
            # A filter few names match scans the whole sort index: scanned alone (it holds
            # name_key), then only the page's rows are read. At 100,000 documents (300k
            # entities) the worst page took 28-31 ms reading each row, 18-20 ms so.
            sql = (
                f"SELECT {columns} FROM corpus_entities WHERE rowid IN (SELECT rowid FROM corpus_entities{where}"
                f" ORDER BY {SORTS[sort]} LIMIT ? OFFSET ?) ORDER BY {SORTS[sort]}"
            )
        return [_entity(row) for row in self._rows(sql, params + [limit, offset])]

    def count(self, label=None, filter_text="") -> int:
        where, params = self._where(label, filter_text)
        return self._rows(f"SELECT COUNT(*) FROM corpus_entities{where}", params)[0][0]

    def get(self, key: str) -> CorpusEntity | None:
        rows = self._rows(
            "SELECT key, canonical, label, documents, mentions, aliases, first_date, last_date"
            " FROM corpus_entities WHERE key = ?",
            (key,),
        )
        return _entity(rows[0]) if rows else None

    def documents(self, key: str, limit: int = 1000) -> list[EntityDocument]:
        rows = self._rows(
            "SELECT e.doc, d.title, e.date, e.mentions FROM entity_docs e JOIN documents d ON d.id = e.doc"
            " WHERE e.key = ? ORDER BY e.mentions DESC, e.date IS NULL, e.date DESC, e.doc LIMIT ?",
            (key, limit),
        )
        return [EntityDocument(*row) for row in rows]

    def co_occurring(self, key: str, limit: int = 10) -> list[tuple[CorpusEntity, int]]:
        """Entities that share the most documents with `key`, with how many they share.

        Counted over the CO_OCCURRENCE_DOCUMENTS documents that mention it most: a
        bounded cost for an entity in every document.
        """
        rows = self._rows(
            "WITH docs AS (SELECT doc FROM entity_docs WHERE key = ? ORDER BY mentions DESC LIMIT ?)"
            " SELECT e.key, COUNT(*) AS shared FROM docs JOIN entity_docs e ON e.doc = docs.doc WHERE e.key != ?"
            " GROUP BY e.key ORDER BY shared DESC, e.key LIMIT ?",
            (key, CO_OCCURRENCE_DOCUMENTS, key, limit),
        )
        found = []
        for other, shared in rows:
            entity = self.get(other)
            if entity is not None:
                found.append((entity, shared))
        return found

    def timeline(self, key: str) -> list[tuple[str, int]]:
        """(YYYY-MM, documents) for each month with a dated document mentioning `key`, in order."""
        return self._rows(
            "SELECT substr(date, 1, 7) AS month, COUNT(*) FROM entity_docs WHERE key = ? AND date IS NOT NULL"
            " GROUP BY month ORDER BY month",
            (key,),
        )

    def linked(self, names: Iterable[tuple[str, str]]) -> dict[tuple[str, str], tuple[str, str] | None]:
        """(canonical, label) of a document's entity -> the corpus entity's (canonical, label), where they
        differ; None where the corpus says the name is no entity (a disease the document did not call one).

        One query for the whole document (a query per name cost ~1 ms per name on a busy machine).
        """
        wanted = {
            (group_of(label), " ".join(canonical.split())): (canonical, label)
            for canonical, label in set(names)
            if label in NAME_LABELS
        }
        found: dict[tuple[str, str], tuple[str, str] | None] = {}
        pairs = list(wanted)
        for start in range(0, len(pairs), 400):  # SQLite's default limit: 999 parameters a statement
            chunk = pairs[start : start + 400]
            rows = self._rows(
                "SELECT l.grp, l.name, l.key, c.canonical, c.grp, c.label FROM name_links l"
                " LEFT JOIN corpus_entities c ON c.key = l.key"
                f" WHERE (l.grp, l.name) IN (VALUES {','.join(['(?, ?)'] * len(chunk))})",
                [value for pair in chunk for value in pair],
            )
            for group, name, key, other, other_group, other_label in rows:
                canonical, label = wanted[(group, name)]
                if key.startswith(NONE):
                    found[(canonical, label)] = None
                    continue
                if other is None:
                    continue
                new_label = label if other_group == group else other_label
                if (other, new_label) != (canonical, label):
                    found[(canonical, label)] = (other, new_label)
        return found

    def keys_named(self, words: str, groups: tuple[str, ...] | None) -> list[str]:
        """Keys of the entities whose canonical name is `words` (case-folded), in the given groups."""
        rows = self._rows(
            "SELECT key, grp FROM corpus_entities WHERE name_key = ?",
            (words.casefold(),),
        )
        return [key for key, group in rows if groups is None or group in groups]

    def alias_documents(self, key: str, limit: int) -> list[str]:
        """Documents that name the entity `key` only under another name (a linked short form)."""
        canonical = self._rows("SELECT canonical FROM corpus_entities WHERE key = ?", (key,))
        if not canonical:
            return []
        rows = self._rows(
            "SELECT DISTINCT e.doc FROM name_links l JOIN entity_names e ON e.grp = l.grp AND e.name = l.name"
            " WHERE l.key = ? AND l.name != ? LIMIT ?",
            (key, canonical[0][0], limit),
        )
        return [row[0] for row in rows]


def _entity(row) -> CorpusEntity:
    key, canonical, label, documents, mentions, aliases, first, last = row
    return CorpusEntity(
        key,
        canonical,
        label,
        documents,
        mentions,
        tuple(json.loads(aliases)),
        first,
        last,
    )
