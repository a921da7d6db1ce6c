"""Sentence boundaries for `v`, `)` and quotes: exact document offsets, real English."""

from __future__ import annotations

import pytest

from search_index import Span, sentence_spans


def _sentences(paragraph: str, before: str = "Headline\n") -> list[str]:
    text = before + paragraph + "\nNext paragraph."
    spans = sentence_spans(text, Span(len(before), len(before) + len(paragraph)))
    assert all(len(before) <= s.start < s.end <= len(before) + len(paragraph) for s in spans)
    return [text[s.start : s.end] for s in spans]


@pytest.mark.parametrize(
    "paragraph, expected",
    [
        (
            "Time named her “the person who did the most to influence the events of the year” [...] "
            "for her work. She accepted.",
            ["Time named her “the person who did the most to influence the events of the year” [...] for her work.",
             "She accepted."],
        ),
        (
            "Mr. Smith went to Washington. He met the U.S. president at 3 p.m. on Friday.",
            ["Mr. Smith went to Washington.", "He met the U.S. president at 3 p.m. on Friday."],
        ),
        ("Prices rose 2.5 percent in May. Analysts were surprised.", ["Prices rose 2.5 percent in May.", "Analysts were surprised."]),
        (
            "He paused… and then went on. The end came (as expected). Next [sic] one.",
            ["He paused… and then went on.", "The end came (as expected).", "Next [sic] one."],
        ),
        (
            "“We will win,” she said. “Nobody doubts it.” Then she left.",
            ["“We will win,” she said.", "“Nobody doubts it.”", "Then she left."],
        ),
        ("Same. Same. Same.", ["Same.", "Same.", "Same."]),
        ("No full stop at the end", ["No full stop at the end"]),
    ],
)
def test_sentences_are_real_sentences_at_exact_offsets(paragraph, expected):
    assert _sentences(paragraph) == expected


def test_a_hard_wrapped_paragraph_splits_at_sentences_not_lines():
    paragraph = "The minister said the plan\nwould cost 1.2 billion. Critics\ndisagreed."
    assert _sentences(paragraph, before="Title\n\n") == ["The minister said the plan\nwould cost 1.2 billion.", "Critics\ndisagreed."]


@pytest.mark.parametrize("repeats", [80, 4000])  # windows of pySBD, and past LONGEST the likely ends alone
def test_a_very_long_paragraph_is_split_exactly_and_in_bounded_pieces(repeats):
    sentence = "Mr. Smith paid 2.5 dollars to the U.S. agency on Friday."
    paragraph = " ".join([sentence] * repeats)
    assert _sentences(paragraph) == [sentence] * repeats
