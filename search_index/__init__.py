"""seed-reader's engine: documents, entities, the Whoosh index, search and quotes.

A library for the CLI, the app and the tests. It never imports Textual. This
module is its whole public face: records in and out (`records.py`), the errors a
caller can act on (`errors.py`), the `Index` facade, and the sync subprocess's
protocol. Whoosh loads when an Index opens, not here (see index/corpus_index.py).
"""

from .documents.folder import SUFFIXES
from .entities.corpus_table import CorpusEntity, EntityDocument
from .entities.names import group_entities
from .errors import CorpusMissing, IndexBusy, IndexError_, IndexProblem, NotSaved, UnreadableFile
from .home import HOME_ENV, bundled_seeds, home_dir, indexed_folder
from .index.corpus_index import Index
from .index.search_process import SearchProcess
from .opener import OpenCommand, open_command
from .protocol import BUSY_EXIT, SyncBusy, SyncDone, SyncEvent, SyncFailed, encode_progress, encode_report
from .protocol import decode as decode_sync_line
from .protocol import outcome as sync_outcome
from .quotes.book import QuoteBook, QuoteState, locate, quote_folder
from .quotes.citation import cite, load_templates, make_quote
from .quotes.sentences import sentence_spans
from .records import (
    PHASES,
    Bookmark,
    BookmarkPlace,
    Document,
    DocumentInfo,
    Entity,
    EntityGroup,
    Hit,
    Progress,
    Quote,
    SavedSearch,
    SavedSearchStatus,
    SearchResult,
    SkippedFile,
    Span,
    SyncReport,
)
from .saved.bookmarks import Bookmarks, make_bookmark
from .saved.bookmarks import place as place_bookmark
from .saved.bookmarks import read_place as read_bookmark_place
from .saved.searches import SavedSearches

__all__ = [
    "BUSY_EXIT",
    "Bookmark",
    "BookmarkPlace",
    "Bookmarks",
    "CorpusEntity",
    "CorpusMissing",
    "Document",
    "DocumentInfo",
    "Entity",
    "EntityDocument",
    "EntityGroup",
    "HOME_ENV",
    "Hit",
    "Index",
    "IndexBusy",
    "IndexError_",
    "IndexProblem",
    "NotSaved",
    "OpenCommand",
    "PHASES",
    "Progress",
    "Quote",
    "QuoteBook",
    "QuoteState",
    "SUFFIXES",
    "SavedSearch",
    "SavedSearchStatus",
    "SavedSearches",
    "SearchProcess",
    "SearchResult",
    "SkippedFile",
    "Span",
    "SyncBusy",
    "SyncDone",
    "SyncEvent",
    "SyncFailed",
    "SyncReport",
    "UnreadableFile",
    "bundled_seeds",
    "cite",
    "decode_sync_line",
    "encode_progress",
    "encode_report",
    "group_entities",
    "home_dir",
    "indexed_folder",
    "load_templates",
    "locate",
    "make_bookmark",
    "make_quote",
    "open_command",
    "place_bookmark",
    "quote_folder",
    "read_bookmark_place",
    "sentence_spans",
    "sync_outcome",
]
