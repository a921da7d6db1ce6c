"""An index written by the analysis before NewsTokenizer is recognised, answers in its own terms
until a sync, and is indexed again by that sync without the model (issue 20's "Changing the
analyzer changes what is in the index")."""

from __future__ import annotations

import pytest
from whoosh.analysis import CharsetFilter, LowercaseFilter, RegexTokenizer
from whoosh.support.charset import accent_map

import search_index.search.entity_fields
import search_index.search.schema
from search_index import Index
from tests.app_helpers import write_doc
from tests.conftest import SEED_DOC


def old_analyzer():
    """The analysis of every index written before this one (commit 0bf84b0)."""
    return RegexTokenizer() | LowercaseFilter() | CharsetFilter(accent_map)


@pytest.fixture
def old_index(seeds, home, recognizer, monkeypatch):
    """The seed article and a Japanese page, indexed (entities included) with the old analysis."""
    write_doc(seeds, "ja.txt", "草枕", "山路を登りながら、こう考えた。")
    with monkeypatch.context() as patched:  # (both modules imported above: neither binds the patched name at import)
        patched.setattr(search_index.search.schema, "analyzer", old_analyzer)
        patched.setattr(search_index.search.entity_fields, "analyzer", old_analyzer)
        index = Index(seeds, home=home)
        index.sync(recognizer=recognizer)
        spans = index.entities(SEED_DOC, index.open_document(SEED_DOC).text)
        assert not index.search("登りながら").hits  # the old analysis: one term for the whole run
        index.close()
    return spans


def test_an_old_index_is_said_to_be_indexed_again_and_answers_in_its_own_terms_until_then(seeds, home, old_index):
    index = Index(seeds, home=home)
    assert "older version of the text analysis" in index.rebuilt_reason
    assert [h.doc for h in index.search("Japan-US").hits] == [SEED_DOC]  # the old terms, asked the old way
    assert [h.doc for h in index.search("Trump's").hits] == [SEED_DOC]
    assert [h.doc for h in index.search('person:"Shigeru Ishiba"').hits] == [SEED_DOC]
    index.close()


def test_the_next_sync_indexes_it_again_keeping_the_entities_without_the_model(seeds, home, old_index):
    index = Index(seeds, home=home)
    report = index.sync(entities=False)  # entities=False: had any document lost its entities, they would stay pending
    assert report.added == report.updated == 0 and report.entities_pending == 0
    assert index.entities(SEED_DOC, index.open_document(SEED_DOC).text) == old_index
    assert [h.doc for h in index.search("登りながら").hits] == ["ja.txt"]  # the new analysis: bigrams
    assert [h.doc for h in index.search('person:"Shigeru Ishiba"').hits] == [SEED_DOC]  # names put back from the catalog
    assert index.search("Ishiba").total == 1 and index.count() == 2
    index.close()
    again = Index(seeds, home=home)
    assert again.rebuilt_reason is None
    again.close()


def test_a_reader_open_before_the_sync_follows_it(seeds, home, old_index):
    """The reader's search process opened the old index; another process's sync moves it to the new one."""
    reader = Index(seeds, home=home)
    assert not reader.search("登りながら").hits
    writer = Index(seeds, home=home)
    writer.sync(entities=False)
    writer.close()
    assert [h.doc for h in reader.search("登りながら").hits] == ["ja.txt"]
    assert [h.doc for h in reader.search("Japan-US").hits] == [SEED_DOC]
    reader.close()
