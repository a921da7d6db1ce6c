"""seed-reader's engine: documents, entities, the Whoosh index, search and quotes.

A library for the CLI, the app and the tests. It never imports Textual. This
module is its whole public face: records in and out (`records.py`), the errors a
caller can act on (`errors.py`), the `Index` facade, and the sync subprocess's
protocol. Whoosh loads when an Index opens, not here (see index.py).
"""

from .corpus_entities import CorpusEntity, EntityDocument
from .documents import SUFFIXES
from .entities import group_entities
from .errors import CorpusMissing, IndexBusy, IndexError_, IndexProblem, UnreadableFile
from .home import HOME_ENV, bundled_seeds, home_dir, indexed_folder
from .index import Index
from .opener import OpenCommand, open_command
from .protocol import BUSY_EXIT, SyncBusy, SyncDone, SyncEvent, SyncFailed, encode_progress, encode_report
from .quotes import QuoteBook, QuoteState, cite, load_templates, locate, make_quote, quote_folder
from .records import (
    PHASES,
    Document,
    DocumentInfo,
    Entity,
    EntityGroup,
    Hit,
    Progress,
    Quote,
    SearchResult,
    SkippedFile,
    Span,
    SyncReport,
)
from .search_process import SearchProcess
from .sentences import sentence_spans

__all__ = [
    "BUSY_EXIT",
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
    "OpenCommand",
    "PHASES",
    "Progress",
    "Quote",
    "QuoteBook",
    "QuoteState",
    "SUFFIXES",
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
    "encode_progress",
    "encode_report",
    "group_entities",
    "home_dir",
    "indexed_folder",
    "load_templates",
    "locate",
    "make_quote",
    "open_command",
    "quote_folder",
    "sentence_spans",
]
