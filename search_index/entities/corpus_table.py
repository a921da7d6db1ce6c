"""The corpus entity table: every entity of the corpus, in the catalog's SQLite file.

Each document contributes rows (`entity_names`: its names with their mention
counts; `acronyms` it defines; `surface_votes`: the model's raw votes). A file
added, changed or deleted replaces only its own rows; then only the names
whose link can have changed are linked again (the names it touched, and the
one-word names its full person names or acronyms can decide), and only the
corpus entities those links point to are counted again. Links are a function
of the whole corpus as it is, so the order files arrive in does not matter:
a later full-name article links earlier short-form ones, deleting it unlinks
them, and the model never runs again for either.

Reading is paged SQL over indexes (the browser asks for 100 rows at a time).
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from .consistency import RECALL_MIN_VOTES, CorpusEvidence, not_a_name
from .corpus_browse import CorpusEntity, EntityDocument, EntityReading  # noqa: F401 - re-exported
from .linking import (
    NONE,
    choose,
    group_of,
    is_acronym,
    key_of,
    normal_name,
    person_parts,
)
from .not_names import NOT_A_NAME

_SCHEMA = """
CREATE TABLE IF NOT EXISTS entity_names (
    doc TEXT NOT NULL, grp TEXT NOT NULL, name TEXT NOT NULL, label TEXT NOT NULL,
    mentions INTEGER NOT NULL, first TEXT, last TEXT, PRIMARY KEY (doc, grp, name, label));
CREATE INDEX IF NOT EXISTS entity_names_name ON entity_names (name, grp);
CREATE INDEX IF NOT EXISTS entity_names_last ON entity_names (last) WHERE last IS NOT NULL;
CREATE INDEX IF NOT EXISTS entity_names_first ON entity_names (first) WHERE first IS NOT NULL;
CREATE TABLE IF NOT EXISTS name_stats (
    name TEXT NOT NULL, grp TEXT NOT NULL, label TEXT NOT NULL, documents INTEGER NOT NULL, mentions INTEGER NOT NULL,
    first TEXT, last TEXT, PRIMARY KEY (name, grp, label));
CREATE INDEX IF NOT EXISTS name_stats_last ON name_stats (last) WHERE last IS NOT NULL;
CREATE INDEX IF NOT EXISTS name_stats_first ON name_stats (first) WHERE first IS NOT NULL;
CREATE TABLE IF NOT EXISTS acronyms (doc TEXT NOT NULL, short TEXT NOT NULL, full TEXT NOT NULL, PRIMARY KEY (doc, short, full));
CREATE INDEX IF NOT EXISTS acronyms_short ON acronyms (short);
CREATE TABLE IF NOT EXISTS name_links (grp TEXT NOT NULL, name TEXT NOT NULL, key TEXT NOT NULL, PRIMARY KEY (grp, name));
CREATE INDEX IF NOT EXISTS name_links_key ON name_links (key);
CREATE TABLE IF NOT EXISTS corpus_entities (
    key TEXT PRIMARY KEY, canonical TEXT NOT NULL, name_key TEXT NOT NULL, label TEXT NOT NULL, grp TEXT NOT NULL,
    documents INTEGER NOT NULL, mentions INTEGER NOT NULL, first_date TEXT, last_date TEXT, aliases TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS corpus_entities_documents ON corpus_entities (documents DESC, name_key);
CREATE INDEX IF NOT EXISTS corpus_entities_mentions ON corpus_entities (mentions DESC, name_key);
CREATE INDEX IF NOT EXISTS corpus_entities_name ON corpus_entities (name_key);
CREATE INDEX IF NOT EXISTS corpus_entities_recent ON corpus_entities (last_date IS NULL, last_date DESC, name_key);
CREATE INDEX IF NOT EXISTS corpus_entities_label ON corpus_entities (label, documents DESC, name_key);
CREATE TABLE IF NOT EXISTS entity_docs (
    key TEXT NOT NULL, doc TEXT NOT NULL, mentions INTEGER NOT NULL, date TEXT, PRIMARY KEY (key, doc));
CREATE INDEX IF NOT EXISTS entity_docs_doc ON entity_docs (doc);
CREATE INDEX IF NOT EXISTS entity_docs_mentions ON entity_docs (key, mentions DESC);
CREATE INDEX IF NOT EXISTS entity_docs_date ON entity_docs (key, date);
CREATE TABLE IF NOT EXISTS surface_votes (doc TEXT NOT NULL, surface TEXT NOT NULL, label TEXT NOT NULL, votes INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS surface_votes_doc ON surface_votes (doc);
CREATE TABLE IF NOT EXISTS surface_totals (
    surface TEXT NOT NULL, label TEXT NOT NULL, votes INTEGER NOT NULL, PRIMARY KEY (surface, label)
);
CREATE INDEX IF NOT EXISTS surface_totals_votes ON surface_totals (votes) WHERE votes >= 3;
"""

MAX_ALIASES = 20
DOMINANT_DOCUMENTS = 3
DOMINANT_RATIO = 3


@dataclass(frozen=True)
class Contribution:
    """What one document adds to the corpus table."""

    names: tuple[tuple[str, str, str, int], ...]  # (group, name, label, mentions)
    acronyms: tuple[tuple[str, str], ...]
    votes: tuple[tuple[str, str, int], ...]  # the model's raw votes: (surface, label, count)


def _label_of_group(labels: Counter, group: str) -> str:
    """The entity's label: the commonest among its names' labels of its own group (the group its
    documents gave the name: an ORG mention merged into an event stays an event)."""
    own = Counter({label: count for label, count in labels.items() if group_of(label) == group})
    return (own or labels).most_common(1)[0][0]


class EntityTable(EntityReading):
    """The corpus entity table over the catalog's connection (same lock, same file)."""

    def __init__(self, catalog) -> None:
        self._db = catalog._db
        self._lock = catalog._lock
        with self._lock:
            self._db.executescript(_SCHEMA)

    def _rows(self, sql: str, params: Iterable = ()) -> list[tuple]:
        with self._lock:
            return self._db.execute(sql, tuple(params)).fetchall()

    # -- writing ---------------------------------------------------------

    def replace(self, contributions: dict[str, Contribution | None]) -> None:
        """Documents' contributions replaced (None: the document is gone or pending again)."""
        if not contributions:
            return
        with self._lock:
            db = self._db
            db.execute("BEGIN IMMEDIATE")
            try:
                touched = self._swap(db, contributions)
                self._relink(db, touched, set(contributions))
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise

    def remove(self, docs: list[str]) -> None:
        self.replace(dict.fromkeys(docs))

    def _swap(self, db, contributions: dict[str, Contribution | None]) -> tuple[set, set]:
        names: set[tuple[str, str]] = set()
        shorts: set[str] = set()
        for doc, new in contributions.items():
            old_rows = db.execute("SELECT grp, name, label, mentions FROM entity_names WHERE doc = ?", (doc,)).fetchall()
            names.update((group, name) for group, name, _, _ in old_rows)
            db.executemany(
                "UPDATE name_stats SET documents = documents - 1, mentions = mentions - ?"
                " WHERE name = ? AND grp = ? AND label = ?",
                [(mentions, name, group, label) for group, name, label, mentions in old_rows],
            )
            shorts.update(row[0] for row in db.execute("SELECT short FROM acronyms WHERE doc = ?", (doc,)))
            for surface, label, votes in db.execute(
                "SELECT surface, label, votes FROM surface_votes WHERE doc = ?", (doc,)
            ).fetchall():
                if label == NOT_A_NAME:
                    shorts.add(surface)  # its link may change
                db.execute(
                    "UPDATE surface_totals SET votes = votes - ? WHERE surface = ? AND label = ?",
                    (votes, surface, label),
                )
            for table in ("entity_names", "acronyms", "surface_votes"):
                db.execute(f"DELETE FROM {table} WHERE doc = ?", (doc,))
            if new is None:
                continue
            rows = []
            for group, name, label, mentions in new.names:
                first, last = person_parts(normal_name(name, group)) if group == "person" else (None, None)
                rows.append((doc, group, name, label, mentions, first, last))
                names.add((group, name))
            db.executemany("INSERT OR REPLACE INTO entity_names VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
            db.executemany(
                "INSERT INTO name_stats VALUES (?, ?, ?, 1, ?, ?, ?) ON CONFLICT (name, grp, label)"
                " DO UPDATE SET documents = documents + 1, mentions = mentions + excluded.mentions",
                [(name, group, label, mentions, first, last) for _, group, name, label, mentions, first, last in rows],
            )
            db.executemany(
                "INSERT OR IGNORE INTO acronyms VALUES (?, ?, ?)",
                [(doc, s, f) for s, f in new.acronyms],
            )
            shorts.update(s for s, _ in new.acronyms)
            shorts.update(surface for surface, label, _ in new.votes if label == NOT_A_NAME)
            db.executemany(
                "INSERT INTO surface_votes VALUES (?, ?, ?, ?)",
                [(doc, *v) for v in new.votes],
            )
            db.executemany(
                "INSERT INTO surface_totals VALUES (?, ?, ?)"
                " ON CONFLICT (surface, label) DO UPDATE SET votes = votes + excluded.votes",
                new.votes,
            )
        db.execute("DELETE FROM surface_totals WHERE votes <= 0")
        db.execute("DELETE FROM name_stats WHERE documents <= 0")
        return names, shorts

    def _relink(self, db, touched: tuple[set, set], docs: set[str]) -> None:
        names, shorts = touched
        relink = set(names)
        # The same word in every group (its dominant group may change), the parts of full person
        # names (a surname the model also took for a place: "talks led by Aasland") and acronyms.
        words = {name for _, name in names} | shorts
        words.update(part for group, name in names if group == "person" for part in person_parts(name) if part)
        for word in words:
            relink.update(db.execute("SELECT DISTINCT grp, name FROM name_stats WHERE name = ?", (word,)).fetchall())
        relinked, details = [], set()
        for group, name in relink:
            old = db.execute("SELECT key FROM name_links WHERE grp = ? AND name = ?", (group, name)).fetchone()
            present = db.execute("SELECT 1 FROM name_stats WHERE name = ? AND grp = ? LIMIT 1", (name, group)).fetchone()
            if not present:
                if old:
                    db.execute("DELETE FROM name_links WHERE grp = ? AND name = ?", (group, name))
                    details.add(old[0])
                continue
            key = self._link(db, group, name)
            if not old or old[0] != key:
                db.execute("INSERT OR REPLACE INTO name_links VALUES (?, ?, ?)", (group, name, key))
                relinked.append((group, name))
                details.update([key] + ([old[0]] if old else []))
        self._recount(db, docs | self._documents_of(db, relinked), details)

    def _documents_of(self, db, names: list[tuple[str, str]]) -> set[str]:
        docs: set[str] = set()
        for group, name in names:
            docs.update(row[0] for row in db.execute("SELECT doc FROM entity_names WHERE name = ? AND grp = ?", (name, group)))
        return docs

    def _recount(self, db, docs: set[str], details: set[str]) -> None:
        """Each document's (entity, mentions) rows made again, and the entities' totals moved by the difference.

        Totals move by deltas: counting a large entity's documents again for every batch
        cost ~900 ms per 64 documents at 5,000 documents (the model takes ~4 s for them).
        """
        deltas: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for doc in docs:
            old = dict(db.execute("SELECT key, mentions FROM entity_docs WHERE doc = ?", (doc,)).fetchall())
            new = dict(
                db.execute(
                    "SELECT l.key, SUM(e.mentions) FROM entity_names e JOIN name_links l ON l.grp = e.grp AND l.name = e.name"
                    " WHERE e.doc = ? AND l.key NOT LIKE ? GROUP BY l.key",
                    (doc, NONE + "%"),
                ).fetchall()
            )
            if old == new:
                continue
            # Only the rows that differ are written: most documents a relinked name pulls in change by one row.
            gone = [key for key in old if key not in new or new[key] != old[key]]
            db.executemany("DELETE FROM entity_docs WHERE key = ? AND doc = ?", [(key, doc) for key in gone])
            for key in gone:
                deltas[key][0] -= 1
                deltas[key][1] -= old[key]
            came = [key for key in new if key not in old or new[key] != old[key]]
            if came:
                dated = db.execute("SELECT date FROM documents WHERE id = ?", (doc,)).fetchone()
                date = dated[0] if dated else None
                db.executemany("INSERT INTO entity_docs VALUES (?, ?, ?, ?)", [(key, doc, new[key], date) for key in came])
            for key in came:
                deltas[key][0] += 1
                deltas[key][1] += new[key]
        for key in set(deltas) | details:
            documents, mentions = deltas.get(key, (0, 0))
            if documents or mentions or key in details:
                self._count(db, key, documents, mentions, key in details)

    def _link(self, db, group: str, name: str) -> str:
        counts = Counter(dict(db.execute("SELECT label, votes FROM surface_totals WHERE surface = ?", (name,)).fetchall()))
        if not_a_name(counts):
            return NONE + name  # no entity: documents that said so outnumber the model
        group = self._dominant_group(db, group, name)
        name = normal_name(name, group)
        if group in ("place", "org") and " " not in name and self._mostly_person(db, name):
            group = "person"
        if group == "person" and " " not in name and "-" not in name:
            rows = db.execute(
                "SELECT name, SUM(documents) FROM name_stats WHERE (last = ? OR first = ?) AND grp = 'person' GROUP BY name",
                (name, name),
            ).fetchall()
            full = choose(Counter({key_of(group, n): c for n, c in rows}))
            if full:
                return full
        elif group != "person" and is_acronym(name):
            rows = db.execute(
                "SELECT full, COUNT(*) FROM acronyms WHERE short = ? GROUP BY full",
                (name,),
            ).fetchall()
            full = choose(Counter({normal_name(f, group): c for f, c in rows}))
            if full:
                return key_of(group, full)
        return key_of(group, name)

    def _dominant_group(self, db, group: str, name: str) -> str:
        """The group most documents give this name, when they clearly agree (>= 3 documents, 3x the
        others): "Texas" tagged ORG in one article is the place that 20 others name."""
        counts = Counter(
            dict(
                db.execute(
                    "SELECT grp, SUM(documents) FROM name_stats WHERE name = ? GROUP BY grp",
                    (name,),
                ).fetchall()
            )
        )
        if len(counts) < 2:
            return group
        best, top = counts.most_common(1)[0]
        rest = sum(counts.values()) - top
        if best != group and top >= DOMINANT_DOCUMENTS and top >= DOMINANT_RATIO * rest:
            return best
        return group

    def _mostly_person(self, db, name: str) -> bool:
        """More documents use this word for a person (alone, or as a full name's first or last word)
        than for a place or an organisation: "talks led by Aasland" tagged GPE joins Tove Aasland,
        where "Paris", a city in most documents, stays one beside "Valeska Paris"."""
        alone = db.execute("SELECT COALESCE(SUM(documents), 0) FROM name_stats WHERE name = ? AND grp = 'person'", (name,))
        person = alone.fetchone()[0]
        part = db.execute(
            "SELECT COALESCE(SUM(documents), 0) FROM name_stats WHERE (last = ? OR first = ?) AND grp = 'person'", (name, name)
        )
        person += part.fetchone()[0]
        other = db.execute(
            "SELECT COALESCE(SUM(documents), 0) FROM name_stats WHERE name = ? AND grp IN ('place', 'org')", (name,)
        ).fetchone()[0]
        return person > other

    def _count(self, db, key: str, documents: int, mentions: int, details: bool) -> None:
        row = db.execute("SELECT documents, mentions FROM corpus_entities WHERE key = ?", (key,)).fetchone()
        if row is None:  # new: counted from its rows (deltas start from nothing)
            documents, mentions = db.execute(
                "SELECT COUNT(*), COALESCE(SUM(mentions), 0) FROM entity_docs WHERE key = ?", (key,)
            ).fetchone()
            details = True
        else:
            documents, mentions = row[0] + documents, row[1] + mentions
        if documents <= 0:
            db.execute("DELETE FROM corpus_entities WHERE key = ?", (key,))
            return
        first, last = db.execute("SELECT MIN(date), MAX(date) FROM entity_docs WHERE key = ?", (key,)).fetchone()
        if not details:
            db.execute(
                "UPDATE corpus_entities SET documents = ?, mentions = ?, first_date = ?, last_date = ? WHERE key = ?",
                (documents, mentions, first, last, key),
            )
            return
        # Name and aliases: only when the names linked to the entity changed.
        docs_of_name: dict[str, int] = {}
        labels: Counter = Counter()
        for group, name in db.execute("SELECT grp, name FROM name_links WHERE key = ?", (key,)).fetchall():
            for label, count, docs in db.execute(
                "SELECT label, mentions, documents FROM name_stats WHERE name = ? AND grp = ?", (name, group)
            ).fetchall():
                labels[label] += count
                docs_of_name[name] = docs_of_name.get(name, 0) + docs
        if not docs_of_name:
            db.execute("DELETE FROM corpus_entities WHERE key = ?", (key,))
            return
        group, folded = key.split(":", 1)
        own = [n for n in docs_of_name if n.casefold() == folded]
        canonical = max(own or docs_of_name, key=lambda n: (docs_of_name[n], n))
        if not own:  # only variants were seen ("U.S."): the entity goes by the form they share
            canonical = normal_name(canonical, group) if group != "person" or " " in canonical else canonical
        aliases = sorted((n for n in docs_of_name if n != canonical), key=lambda n: (-docs_of_name[n], n))
        db.execute(
            "INSERT OR REPLACE INTO corpus_entities VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                key,
                canonical,
                canonical.casefold(),
                _label_of_group(labels, group),
                group,
                documents,
                mentions,
                first,
                last,
                json.dumps(aliases[:MAX_ALIASES], ensure_ascii=False),
            ),
        )

    # -- evidence for consistency -------------------------------------------

    def evidence(self) -> CorpusEvidence:
        """The model's votes in the corpus for the forms it labelled often (for consistency and recall)."""
        votes: dict[str, Counter] = defaultdict(Counter)
        for surface, label, count in self._rows(
            "SELECT surface, label, votes FROM surface_totals"
            " WHERE surface IN (SELECT surface FROM surface_totals WHERE votes >= ?)",
            (RECALL_MIN_VOTES,),
        ):
            votes[surface][label] = count
        return CorpusEvidence(votes)

    def refresh_evidence(self, evidence: CorpusEvidence, surfaces: Iterable[str]) -> None:
        for surface in set(surfaces):
            counts = Counter(
                dict(
                    self._rows(
                        "SELECT label, votes FROM surface_totals WHERE surface = ?",
                        (surface,),
                    )
                )
            )
            evidence.update(surface, counts)
