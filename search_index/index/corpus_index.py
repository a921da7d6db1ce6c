"""One corpus's index: the facade over the Whoosh index, its catalog and the search engine.

Everything the app and the CLI need is a method here, by name; the Whoosh
index, the catalog, the engine and the vocabulary stay private. Syncing is in
`sync.py`, searching in `search/engine.py`. Whoosh is imported when an index is
opened, not when `search_index` is: the reader paints its first frame before.
"""

from __future__ import annotations

import gc
import shutil
import threading
import time
from contextlib import AbstractContextManager
from dataclasses import replace
from pathlib import Path

from ..documents.text_store import TextStore
from ..entities.corpus_table import CorpusEntity, EntityDocument, EntityTable
from ..errors import CorpusMissing, IndexProblem
from ..home import home_dir, index_dir
from ..records import Document, DocumentInfo, Entity, SavedSearch, SavedSearchStatus, SearchResult, SkippedFile, SyncReport
from ..search.buffers import use_mapped_files
from ..search.readers import LiveSearcher
from ..search.vocabulary import Vocabulary
from .catalog import Catalog


class Index:
    """Open (or create) the index of the corpus at `corpus`."""

    def __init__(self, corpus: str | Path, home: str | Path | None = None) -> None:
        self.root = Path(corpus).expanduser().resolve()
        if not self.root.is_dir():
            raise CorpusMissing(f"No such folder: {corpus}")
        self.home = home_dir(home)
        self.location = index_dir(self.home, self.root)  # the reader keeps its reading state here too
        self.rebuilt_reason: str | None = None
        try:
            self.location.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise IndexProblem(f"Cannot write the index under {self.home}: {error.strerror}. Use --home DIR.") from error
        from ..search.engine import SearchEngine  # Whoosh loads here (~0.1 s), not on `import search_index`

        use_mapped_files()
        self._ix = self._open_whoosh()
        self._entity_ix = self._open_entities()
        from .reanalysis import OUTDATED, outdated

        if outdated(self._ix) or outdated(self._entity_ix):  # the next sync indexes it again; until then
            self.rebuilt_reason = self.rebuilt_reason or OUTDATED  # it is searched in its own terms
        self._catalog = Catalog(self.location / "catalog.sqlite")
        self._texts = TextStore(self.location, self.root)
        self._entity_table = EntityTable(self._catalog)
        self._catalog.linked = self._entity_table.linked  # documents' entities carry their corpus names
        self._vocabulary = Vocabulary()
        from ..search.engine import IndexSearcher

        self._searcher = LiveSearcher(self._ix, IndexSearcher, lambda searcher: self._vocabulary.update(searcher.reader()))
        self._entity_searcher = LiveSearcher(self._entity_ix, IndexSearcher)
        self._engine = SearchEngine(
            self.root,
            self._ix.schema,
            self._searcher.get,
            self._entity_searcher.get,
            self._vocabulary,
            self._catalog.entities,
            self._texts.text_of,
            self._entity_table,
        )

    def _open_whoosh(self):
        from whoosh import index as whoosh_index

        from ..search.schema import build_schema

        whoosh_dir = self.location / "whoosh"
        if whoosh_dir.is_dir() and whoosh_index.exists_in(str(whoosh_dir)):
            try:
                ix = whoosh_index.open_dir(str(whoosh_dir))
                with ix.reader():  # opening the reader touches every segment file
                    pass
                return ix
            except (TypeError, AttributeError, NameError, ImportError):
                raise  # our bug, not damage: never throw an index away for it
            except Exception:  # noqa: BLE001 - damage shows as any of many errors: rebuild
                self.rebuilt_reason = "The index was damaged and is being rebuilt from the folder."
                shutil.rmtree(whoosh_dir, ignore_errors=True)
                for suffix in ("", "-wal", "-shm"):  # a stale WAL would replay into the new catalog
                    (self.location / f"catalog.sqlite{suffix}").unlink(missing_ok=True)
        whoosh_dir.mkdir(parents=True, exist_ok=True)
        return whoosh_index.create_in(str(whoosh_dir), build_schema())

    def _open_entities(self):
        """The entity fields' index: created where missing (a new index, or one from before it)."""
        from ..search.entity_fields import DIRECTORY
        from .entity_index import open_or_create

        for _ in range(3):
            try:
                return open_or_create(self.location)
            except (TypeError, AttributeError, NameError, ImportError):
                raise  # our bug, not damage
            except OSError:  # a commit elsewhere may replace the table of contents as it is read
                time.sleep(0.05)
            except Exception:  # noqa: BLE001 - damage shows as any of many errors
                break
        # Made again: the next sync puts every recognised document's names back from the catalog.
        shutil.rmtree(self.location / DIRECTORY, ignore_errors=True)
        return open_or_create(self.location)

    def close(self) -> None:
        self._searcher.close()
        self._entity_searcher.close()
        self._texts.close()
        self._catalog.close()
        self._entity_ix.close()
        self._ix.close()

    # -- searching ------------------------------------------------------------

    def search(self, query: str, limit: int = 20, as_you_type: bool = False, quick: bool = False) -> SearchResult:
        """Ranked hits for `query`. Never raises for a bad query: the result carries a hint.

        `quick`: the best hits found within a keystroke's time (the total is then a lower bound).
        """
        return self._engine.search(query, limit=limit, as_you_type=as_you_type, quick=quick)

    def query_problem(self, query: str) -> str | None:
        """Why `query` cannot be searched as typed (the hint a search would show), or None."""
        return self._engine.problem(query)

    def saved_status(self, search: SavedSearch) -> SavedSearchStatus:
        """A saved search run now: its matches, and those it did not have when last seen (best first)."""
        found = self._engine.matching(search.query)
        seen = set(search.seen)
        new = tuple(doc for doc in found if doc not in seen)
        return SavedSearchStatus(search, len(found), new, self.query_problem(search.query))

    def matching(self, query: str) -> list[str]:
        """Every document `query` matches, best first (ids only)."""
        return self._engine.matching(query)

    def asks_entities(self, query: str) -> bool:
        """Whether `query` searches an entity field (person:, org:, place:, date:, entity:)."""
        return self._engine.asks_entities(query)

    def cancel_search(self) -> None:
        """Stop the search now running, if any; it returns the hits found so far."""
        self._engine.cancel()

    def warm_up(self) -> None:
        """Read every segment's terms now, not in the first keystroke's search.

        What is loaded now lives as long as the index: a full garbage collection
        walked it all, up to 64 ms with the UI thread waiting, about once per
        query typed; gc.freeze() takes it out of those walks.
        """
        self._vocabulary.enable(self._searcher.get().reader())  # a process answering many queries keeps it
        self._entity_searcher.get()
        self._engine.warm_up()
        gc.freeze()

    def searchable_count(self) -> int:
        """Documents the search index holds (the catalog's count() may run ahead during a sync)."""
        return self._searcher.get().doc_count()

    def segments(self) -> list[str]:
        """The ids of the Whoosh index's segments: every query pays per segment for each of its terms."""
        return [segment.segment_id() for segment in self._ix._segments()]

    # -- documents ------------------------------------------------------------

    def documents(self, sort: str = "title", offset: int = 0, limit: int = 100) -> list[DocumentInfo]:
        """A page of the document list, in `sort` order ("title", "date" or "path")."""
        return self._catalog.page(sort, offset, limit)

    def count(self) -> int:
        return self._catalog.count()

    def pending_count(self) -> int:
        """Documents the entity phase has not reached yet."""
        return self._catalog.pending_count()

    def info(self, doc: str) -> DocumentInfo | None:
        """What the list shows of `doc`, or None when it is not indexed."""
        return self._catalog.info(doc)

    def position(self, doc: str, sort: str = "title") -> int | None:
        """Row number of `doc` in the given order, for scrolling the list to it."""
        return self._catalog.position(doc, sort)

    def entities(self, doc: str, text: str) -> tuple[Entity, ...] | None:
        """`doc`'s entity spans over `text`, or None while the entity phase has not reached it."""
        found = self._catalog.entities(doc, text)
        return tuple(found) if found is not None else None

    def recognized(self) -> list[str]:
        """Documents the entity phase has reached, in id order."""
        return self._catalog.recognized()

    def is_current(self, document: Document) -> bool:
        """The index holds this very version of the document (its stored entities fit its text)."""
        return self._catalog.sha1(document.id) == document.sha1

    def skipped(self) -> list[SkippedFile]:
        """Files the last sync passed over, and why."""
        return self._catalog.skipped()

    def open_document(self, doc: str) -> Document:
        """Read a document for display, with the entity spans the index holds for it.

        The model never runs here. If the file changed since it was indexed,
        `stale` is set and stored entities are left out (their offsets would
        point at the wrong text).
        """
        document = self._texts.open(doc)  # extracted formats come from the cache, never parsed again
        known = self._catalog.sha1(doc)
        stale = known is not None and known != document.sha1
        entities = self.entities(doc, document.text) if known is not None and not stale else None
        return replace(document, stale=stale, entities=entities)

    # -- the corpus's entities -----------------------------------------------

    def corpus_entities(
        self, label: str | None = None, sort: str = "documents", filter_text: str = "", offset: int = 0, limit: int = 100
    ) -> list[CorpusEntity]:
        """A page of the corpus's entities. `label`: PERSON, ORG, GPE (places), or another spaCy label;
        `sort`: documents, mentions, name or recent; `filter_text`: part of the name, any case."""
        return self._entity_table.page(label, sort, filter_text, offset, limit)

    def corpus_entity_count(self, label: str | None = None, filter_text: str = "") -> int:
        return self._entity_table.count(label, filter_text)

    def corpus_entity(self, key: str) -> CorpusEntity | None:
        return self._entity_table.get(key)

    def entity_documents(self, key: str, limit: int = 1000) -> list[EntityDocument]:
        """Documents mentioning the entity, most mentions first (then the newest)."""
        return self._entity_table.documents(key, limit)

    def co_occurring(self, key: str, limit: int = 10) -> list[tuple[CorpusEntity, int]]:
        """The entities that share the most documents with this one, and how many they share."""
        return self._entity_table.co_occurring(key, limit)

    def entity_timeline(self, key: str) -> list[tuple[str, int]]:
        """(YYYY-MM, documents) per month with dated documents mentioning the entity."""
        return self._entity_table.timeline(key)

    # -- writing ------------------------------------------------------------

    def _syncer(self):
        from .sync import Syncer

        return Syncer(self.root, self._ix, self._entity_ix, self._catalog, self._texts, self._entity_table)

    def sync(self, progress=None, entities: bool = True, stop: threading.Event | None = None, recognizer=None) -> SyncReport:
        """Bring the index in line with the folder. Safe to stop at any time (`stop`)."""
        syncer = self._syncer()
        with self._syncing():
            self._reanalyse(syncer, progress, stop)
            return syncer.sync(progress, entities, stop, recognizer)

    def _syncing(self) -> AbstractContextManager[None]:
        """One sync at a time, from start to end: its phases take the write lock and give it back
        between commits, and a reading command's sync (`search`) took it there and indexed the rest
        itself, so the `index` running was refused its next commit (exit 75). Raises IndexBusy."""
        return self._syncer().locked("SYNC")

    def _reanalyse(self, syncer, progress, stop=None) -> None:
        """An index written by an older analysis is emptied and filled again (`reanalysis.py`)."""
        from ..search.entity_fields import entity_schema
        from ..search.schema import build_schema
        from .reanalysis import outdated, reset, restore

        if outdated(self._ix) or outdated(self._entity_ix):
            with syncer.locked():
                for ix, schema in ((self._ix, build_schema()), (self._entity_ix, entity_schema())):
                    if outdated(ix):
                        reset(ix, schema)
        restore(syncer, progress, stop)

    def sync_text(self, progress=None) -> SyncReport:
        """Bring only the text index in line with the folder (a stat scan; files that changed are
        read again): never runs the model, never merges, writes nothing when nothing changed.
        Raises IndexBusy when something changed and another process holds the write lock."""
        syncer = self._syncer()
        with self._syncing():
            self._reanalyse(syncer, progress)
            return syncer.sync_text(progress)

    def compact(self, progress=None) -> bool:
        """Merge the small segments into one, if there are more than a few; whether it merged."""
        return self._syncer().compact(progress)

    def write_lock(self) -> AbstractContextManager[None]:
        """Hold the write lock as a sync does: other processes read, but cannot sync (IndexBusy)."""
        return self._syncer().locked()
