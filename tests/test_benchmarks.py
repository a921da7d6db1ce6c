"""The benchmarks' own arithmetic: a figure they report must be one that can happen."""

from __future__ import annotations

import pytest

from benchmarks.app_latency import scroll_latency
from search_index import Index
from tests.app_helpers import write_doc

pytestmark = pytest.mark.slow


async def test_paging_latency_is_never_negative_even_past_the_end(seeds, home):
    """A page down past the end paints nothing; it must not count as a wait measured from an older frame.

    Eight presses page past the end of both the list and the longest document.
    """
    for n in range(80):  # more than a screen of rows in the list, and one document of about two screens
        write_doc(seeds, f"more/{n:02}.txt", f"Story number {n}", *(["A line of the story."] * (60 if n == 0 else 1)))
    index = Index(seeds, home=home)
    index.sync(entities=False)
    index.close()
    figures = await scroll_latency(seeds, home, presses=8)
    for name in ("list_page_ms", "reader_page_ms"):
        assert figures[name]["p50"] >= 0 and figures[name]["max"] >= 0, (name, figures[name])


def test_quotation_scores_match_one_to_one_within_a_kind_and_count_unknown_speakers_alike():
    """A prediction overlapping two gold quotations matches one; a direct one never matches an indirect one."""
    from benchmarks.quotation_quality import score

    gold = {
        "a.txt": [
            {"kind": "direct", "start": 0, "end": 10, "speaker": "Tove Aasland"},
            {"kind": "direct", "start": 12, "end": 20, "speaker": None},
            {"kind": "indirect", "start": 30, "end": 40, "speaker": "The Times"},
        ],
        "none.txt": [],
    }
    predicted = {
        "a.txt": [
            {"kind": "direct", "start": 5, "end": 15, "speaker": "Tove Aasland"},  # overlaps both direct ones
            {"kind": "direct", "start": 30, "end": 40, "speaker": "Times"},  # on the indirect one: wrong kind
        ],
        "none.txt": [{"kind": "indirect", "start": 0, "end": 4, "speaker": None}],
    }
    table = score(predicted, gold, ["a.txt", "none.txt"])
    direct, indirect, any_kind = table["direct"], table["indirect"], table["any"]
    assert (direct["matched"], direct["precision"], direct["recall"]) == (1, 0.5, 0.5)
    assert (indirect["predicted"], indirect["matched"], indirect["recall"]) == (1, 0, 0.0)
    assert (any_kind["matched"], any_kind["speaker_same_name"]) == (2, 1.0)  # "Times" is "The Times"


def test_the_second_gold_set_is_whole_and_its_score_is_exact_match():
    from benchmarks.entity_second_gold import DEFAULT, load, score

    texts, spans = load(DEFAULT)
    assert (len(texts), sum(len(found) for found in spans.values())) == (215, 399)
    assert all(texts[doc][s:e] and texts[doc][s:e].strip() == texts[doc][s:e] for doc in spans for s, e, _ in spans[doc])
    assert score(spans, spans)["all"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "gold": 399}
    shifted = {doc: [(s + 1, e, kind) for s, e, kind in found] for doc, found in spans.items()}
    assert score(spans, shifted)["all"]["precision"] == 0.0  # a boundary off by one is a miss
