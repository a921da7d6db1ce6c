"""Ranking and counting over a generated corpus large enough for Whoosh's block skipping.

Each document is drawn from a fixed vocabulary with a fixed seed, so the tests
know which documents hold which words and can check every hit and every count
against the texts themselves.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from search_index import Index

DOCS = 1500
STEMS = ("elect", "trade", "storm", "court", "river", "vote", "coal", "rail")
ENDINGS = ("", "ion", "ions", "ed", "er", "ing", "s", "al", "ive", "ors")
FILLER = [f"{a}{b}" for a in ("ba", "ke", "mo", "tu", "si", "ra") for b in ("lun", "dor", "vik", "sen", "pam")]
_WORD = re.compile(r"\w+")


def _document(rng: random.Random) -> str:
    words = [rng.choice(FILLER) for _ in range(rng.randint(40, 400))]
    for stem in STEMS:  # each stem's forms in a different share of the documents, a few times each
        if rng.random() < 0.15 + 0.1 * STEMS.index(stem):
            for _ in range(rng.randint(1, 6)):
                words.insert(rng.randrange(len(words)), stem + rng.choice(ENDINGS))
    if rng.random() < 0.3:
        at = rng.randrange(len(words))
        words[at : at + 2] = ["coal", "train"]  # a phrase; its words also stand apart elsewhere
    if rng.random() < 0.3:
        words.insert(rng.randrange(len(words)), "train")
    return " ".join(words)


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> tuple[Index, dict[str, set[str]]]:
    rng = random.Random(7)
    corpus = tmp_path_factory.mktemp("generated")
    words_of: dict[str, set[str]] = {}
    texts: dict[str, str] = {}
    for n in range(DOCS):
        body = _document(rng)
        doc = f"{n // 500:02d}/doc-{n:05d}.txt"
        (corpus / doc).parent.mkdir(exist_ok=True)
        (corpus / doc).write_text(f"Report {n}\n\n{body}\n", encoding="utf-8")
        words_of[doc] = set(_WORD.findall(body.lower()))
        texts[doc] = body
    index = Index(corpus, home=tmp_path_factory.mktemp("generated-home"))
    index.sync(entities=False)
    yield index, words_of, texts
    index.close()


def _holding(words_of: dict[str, set[str]], test) -> set[str]:
    return {doc for doc, words in words_of.items() if test(words)}


def forms(word: str) -> set[str]:
    """The inflections of a word the generated texts hold: a word finds them all (issue 29)."""
    return {word, word + "s", word + "ed", word + "ing"}


def test_the_best_hits_are_the_same_whatever_the_number_asked(generated):
    index, _, _ = generated
    for query in ("electing trades", "storms rail", "court river", "voted coal", "electors OR storm"):
        few = [(hit.doc, round(hit.score, 9)) for hit in index.search(query, limit=5).hits]
        many = [(hit.doc, round(hit.score, 9)) for hit in index.search(query, limit=200).hits]
        assert few == many[:5], query
        scores = [score for _, score in many]
        assert scores == sorted(scores, reverse=True)


def test_counts_are_exact_and_every_hit_holds_the_words(generated):
    index, words_of, _ = generated
    for query, test in (
        ("coal", lambda w: forms("coal") & w),
        ("storms rail", lambda w: forms("storm") & w and forms("rail") & w),
        ("court OR river", lambda w: forms("court") & w or forms("river") & w),
        ('"coal"', lambda w: "coal" in w),  # quoted: the word exactly
    ):
        expected = _holding(words_of, test)
        result = index.search(query, limit=DOCS)
        assert result.total == len(expected) and result.exact_total, query
        assert {hit.doc for hit in result.hits} == expected, query
    assert len(_holding(words_of, lambda w: "coal" in w)) > 128  # more than a block of postings, which Whoosh skips


def test_an_excluded_word_is_in_none_of_the_hits(generated):
    index, words_of, _ = generated
    for kept, dropped in (("coal", "rail"), ("storm", "river"), ("court", "coal")):
        result = index.search(f"{kept} -{dropped}", limit=DOCS)
        expected = _holding(words_of, lambda w, k=kept, d=dropped: forms(k) & w and not forms(d) & w)
        assert {hit.doc for hit in result.hits} == expected
        assert result.total == len(expected)


def test_a_prefix_counts_every_document_holding_one_of_its_words(generated):
    index, words_of, _ = generated
    result = index.search("elect", as_you_type=True, limit=30)  # the search bar's full pass
    expected = _holding(words_of, lambda w: any(word.startswith("elect") for word in w))
    assert result.total == len(expected) and result.exact_total
    assert all(hit.doc in expected for hit in result.hits)


def test_a_misspelling_finds_the_close_spellings(generated):
    index, words_of, _ = generated
    result = index.search("riverr", limit=1000)
    assert result.hint == "No exact matches; showing close spellings."
    assert {hit.doc for hit in result.hits} >= _holding(words_of, lambda w: "river" in w)


def test_a_phrase_finds_the_words_side_by_side_only(generated):
    index, words_of, texts = generated
    both = _holding(words_of, lambda w: {"coal", "train"} <= w)
    side_by_side = {doc for doc in both if "coal train" in texts[doc]}
    assert len(side_by_side) < len(both)  # some hold both words apart
    result = index.search('"coal train"', limit=1000)
    assert {hit.doc for hit in result.hits} == side_by_side
    assert result.total == len(side_by_side) and result.exact_total
    hit = result.hits[0]
    assert hit.snippet_marks and all(hit.snippet[start:end].lower() == "coal train" for start, end in hit.snippet_marks)


def test_deleted_documents_leave_hits_and_counts(tmp_path):
    rng = random.Random(3)
    for n in range(300):
        (tmp_path / f"doc-{n:03d}.txt").write_text(f"Note {n}\n\n{_document(rng)}\n", encoding="utf-8")
    index = Index(tmp_path, home=tmp_path / "home")
    index.sync(entities=False)
    before = index.search("coal", limit=500)
    gone = [hit.doc for hit in before.hits[:40]]
    for doc in gone:
        Path(tmp_path, doc).unlink()
    index.sync(entities=False)
    after = index.search("coal", limit=500)
    assert after.total == before.total - len(gone) and after.exact_total
    assert not {hit.doc for hit in after.hits} & set(gone)
    assert not {hit.doc for hit in index.search('"coal train"', limit=500).hits} & set(gone)
    index.close()


def test_a_phrase_s_best_hits_are_exact_even_when_its_count_is_a_lower_bound(generated, monkeypatch):
    index, _, _ = generated
    full = index.search('"coal train"', limit=1000)
    monkeypatch.setattr("search_index.search.array_scoring.PHRASE_CHUNK", 8)  # candidates checked 8 at a time: it stops early
    for limit in (1, 5, 20):
        best = index.search('"coal train"', limit=limit)
        assert [(h.doc, round(h.score, 9)) for h in best.hits] == [(h.doc, round(h.score, 9)) for h in full.hits[:limit]]
        assert best.total <= full.total
        assert best.exact_total == (best.total == full.total)
    assert not index.search('"coal train"', limit=5).exact_total  # it did stop early
