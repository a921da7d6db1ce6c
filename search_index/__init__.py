"""seed-reader's engine: documents, entities, the Whoosh index, search and quotes.

A library for the CLI, the app and the tests. It never imports Textual. This
module is its whole public face: records in and out (`records.py`), the errors a
caller can act on (`errors.py`), the `Index` facade, and the sync subprocess's
protocol. Whoosh loads when an Index opens, not here (see index.py).
"""

from .corpus_entities import CorpusEntity, EntityDocument
from .entities import group_entities
from .errors import CorpusMissing, IndexBusy, IndexError_, IndexProblem, UnreadableFile
from .home import bundled_seeds, home_dir
from .index import Index
from .opener import OpenCommand, open_command
from .protocol import BUSY_EXIT, SyncBusy, SyncDone, SyncEvent, SyncFailed
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

__all__ = [
    "BUSY_EXIT",
    "CorpusEntity",
    "CorpusMissing",
    "Document",
    "DocumentInfo",
    "Entity",
    "EntityDocument",
    "EntityGroup",
    "Hit",
    "Index",
    "IndexBusy",
    "IndexError_",
    "IndexProblem",
    "Progress",
    "Quote",
    "SearchResult",
    "SkippedFile",
    "Span",
    "SyncBusy",
    "SyncDone",
    "SyncEvent",
    "SyncFailed",
    "SyncReport",
    "OpenCommand",
    "PHASES",
    "UnreadableFile",
    "bundled_seeds",
    "group_entities",
    "home_dir",
    "open_command",
]
