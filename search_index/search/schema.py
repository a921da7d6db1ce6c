"""The Whoosh schema.

`body` holds the whole document text, headline included, so the character
offsets Whoosh records are document offsets: matches map to the reader with
no arithmetic. It is not stored: the reader reads the file. The analysis
(`analysis.py`) is lean on purpose (no stemming, no stop words): stemming
breaks prefix search as you type ("runn*" finds nothing once "running" is
stored as "run"), and stop words break phrases. Word forms are found at query
time instead (`forms.py`), so the index and its marks stay exact.
"""

from __future__ import annotations

from whoosh.fields import ID, STORED, TEXT, Schema

from ..entities.names import ENTITY_FIELDS
from .analysis import analyzer

SEARCH_FIELDS = ("title", "body")
QUERY_FIELDS = ("title", "body") + ENTITY_FIELDS


def build_schema() -> Schema:
    text = analyzer()
    fields = {
        "id": ID(unique=True, stored=True),
        "path": STORED(),
        "title": TEXT(analyzer=text, stored=True, field_boost=2.0),
        "body": TEXT(analyzer=text, chars=True),
        "sha1": STORED(),
    }
    for name in ENTITY_FIELDS:
        fields[name] = TEXT(analyzer=text)
    return Schema(**fields)
