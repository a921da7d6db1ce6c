"""seed-reader's engine: documents, entities, the Whoosh index, search and quotes.

A library for the CLI, the app and the tests. It never imports Textual.
"""

from .catalog import DocumentInfo
from .documents import Document, SkippedFile, Span, UnreadableFile
from .entities import Entity, EntityGroup, group_entities
from .home import bundled_seeds, home_dir
from .index import CorpusMissing, Index, IndexBusy, IndexError_, Progress, SyncReport
from .search import Hit, SearchResult

__all__ = [
    "CorpusMissing",
    "Document",
    "DocumentInfo",
    "Entity",
    "EntityGroup",
    "Hit",
    "Index",
    "IndexBusy",
    "IndexError_",
    "Progress",
    "SearchResult",
    "SkippedFile",
    "Span",
    "SyncReport",
    "UnreadableFile",
    "bundled_seeds",
    "group_entities",
    "home_dir",
]
