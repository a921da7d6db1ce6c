"""The Whoosh schema.

`body` holds the whole document text, headline included, so the character
offsets Whoosh records are document offsets: matches map to the reader with
no arithmetic. It is not stored: the reader reads the file. The analyzer is
lean on purpose (no stemming, no stop words): stemming breaks prefix search
as you type ("runn*" finds nothing once "running" is stored as "run"), and
stop words break phrases.
"""

from __future__ import annotations

from whoosh.analysis import CharsetFilter, LowercaseFilter, RegexTokenizer
from whoosh.fields import ID, STORED, TEXT, Schema
from whoosh.support.charset import accent_map

from ..entities.names import ENTITY_FIELDS

SEARCH_FIELDS = ("title", "body")
QUERY_FIELDS = ("title", "body") + ENTITY_FIELDS


def analyzer():
    # Accent folding lets "Sao Paulo" find "São Paulo"; offsets are unaffected.
    return RegexTokenizer() | LowercaseFilter() | CharsetFilter(accent_map)


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
