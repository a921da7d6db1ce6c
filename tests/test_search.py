"""search(): the queries the issue names, hits' fields, hints for bad queries."""

from __future__ import annotations

import re

import pytest

from tests.conftest import SEED_DOC, needs_wikinews


@pytest.mark.parametrize("query", ["Ishiba", 'person:"Shigeru Ishiba"', '"Trump Tower"', "place:brazil", "date:november"])
def test_seed_is_found(seed_index, query):
    result = seed_index.search(query)
    assert [hit.doc for hit in result.hits] == [SEED_DOC]
    assert result.hint is None


def test_as_you_type_treats_the_last_word_as_a_prefix(seed_index):
    assert seed_index.search("ishi").total == 0
    result = seed_index.search("ishi", as_you_type=True)
    assert [hit.doc for hit in result.hits] == [SEED_DOC]


def test_hit_carries_snippet_and_match_ranges(seed_index):
    hit = seed_index.search("Ishiba").hits[0]
    text = seed_index.open_document(SEED_DOC).text
    assert hit.title.startswith("Japan’s PM Ishiba")
    assert hit.path.endswith(SEED_DOC)
    assert [text[s:e] for s, e in hit.matches] == re.findall(r"Ishiba(?:’s)?", text)  # the possessive is the form that matched
    assert "**Ishiba**" in hit.marked_snippet()
    assert all(hit.snippet[s:e].lower() == "ishiba" for s, e in hit.snippet_marks)


def test_phrase_matches_cover_the_phrase_only(seed_index):
    hit = seed_index.search('"Trump Tower"').hits[0]
    text = seed_index.open_document(SEED_DOC).text
    assert [text[s:e] for s, e in hit.matches] == ["Trump Tower"]


def test_entity_field_matches_are_the_mentions(seed_index):
    hit = seed_index.search('person:"Shigeru Ishiba"').hits[0]
    text = seed_index.open_document(SEED_DOC).text
    assert {text[s:e] for s, e in hit.matches} == {"Shigeru Ishiba", "Ishiba"}


def test_not_excludes(seed_index):
    assert seed_index.search("japan NOT trump").total == 0
    assert seed_index.search("japan -trump").total == 0
    assert seed_index.search("japan trump").total == 1


@pytest.mark.parametrize(
    "query, hint",
    [
        ('"trump', "Unclosed quote"),
        ("(trump", "without its )"),
        ("trump)", "without its ("),
        ("colour:red", "Unknown field colour:"),
        ("*", "at least one letter"),
        ('""', "Nothing to search for"),
        ("zzzzqq", "Check the spelling"),
        ("NOT trump", "NOT only leaves documents out"),
    ],
)
def test_bad_queries_return_a_hint_not_an_error(seed_index, query, hint):
    result = seed_index.search(query)
    assert result.hint and hint in result.hint


def test_misspelling_falls_back_to_close_spellings(seed_index):
    result = seed_index.search("Ishibaa")
    assert [hit.doc for hit in result.hits] == [SEED_DOC]
    assert "close spellings" in result.hint


@needs_wikinews()
def test_wikinews_search_ranks_and_snippets(wikinews_index):
    result = wikinews_index.search('"Boris Johnson"', limit=5)
    assert result.total >= 5
    for hit in result.hits:
        assert "**Boris Johnson**" in hit.marked_snippet()
    people = wikinews_index.search('person:"Boris Johnson"', limit=50)
    assert people.total >= 3


@needs_wikinews()
def test_wikinews_as_you_type_prefixes_stay_bounded(wikinews_index):
    for prefix in ("t", "tr", "tru", "trum"):
        result = wikinews_index.search(prefix, as_you_type=True, limit=10)
        assert result.hits, prefix
        assert not result.partial


def test_a_cancelled_search_does_not_cancel_the_next_one(seed_index):
    seed_index.cancel_search()  # nothing running: the next keystroke's search must still run in full
    result = seed_index.search("ishiba")
    assert result.hits and not result.partial


def test_a_word_begun_matches_in_the_text_too(seed_index):
    """Issue 29: a last word of 1-3 letters being typed is a prefix in every field (it matched
    titles only: "EU" found 1 document in the reader, 7 on the CLI), marked where it matched."""
    hit = seed_index.search("jap", as_you_type=True).hits[0]
    text = seed_index.open_document(SEED_DOC).text
    headline_end = text.index("\n")
    marked = [text[s:e] for s, e in hit.matches if s > headline_end]
    assert "Japanese" in marked and "Japan" in marked


def test_searching_in_the_reader_s_process_leaves_the_garbage_collector_as_it_found_it(seed_index):
    """The collector's switch is the process's: the reader's idle collector reads it from another thread."""
    import gc

    assert gc.isenabled()
    seed_index.search('"Shigeru Ishiba"')
    assert gc.isenabled()
    gc.disable()
    try:
        seed_index.search('"Shigeru Ishiba"')
        assert not gc.isenabled()
    finally:
        gc.enable()
