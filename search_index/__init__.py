"""seed-reader's engine: documents, entities, the Whoosh index, search and quotes.

A library for the CLI, the app and the tests. It never imports Textual.
"""

from .catalog import DocumentInfo
from .corpus_entities import CorpusEntity, EntityDocument
from .documents import Document, SkippedFile, Span, UnreadableFile
from .entities import Entity, EntityGroup, group_entities
from .home import bundled_seeds, home_dir
from .opener import OpenCommand, open_command
from .progress import PHASES, Progress
from .results import Hit, SearchResult

_INDEX_NAMES = {"CorpusMissing", "Index", "IndexBusy", "IndexError_", "SyncReport"}


def __getattr__(name: str):
    # The index module imports Whoosh (~0.1 s): paid by whoever opens an index, not by every import.
    if name in _INDEX_NAMES:
        from . import index

        return getattr(index, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "CorpusEntity",
    "CorpusMissing",
    "Document",
    "DocumentInfo",
    "Entity",
    "EntityDocument",
    "EntityGroup",
    "Hit",
    "Index",
    "OpenCommand",
    "PHASES",
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
    "open_command",
]
