"""Who said what: quotations of a document attributed to its entities (issue 21, the engine).

Sentences written for these tests (not the gold set's), run through the real model for their
entities, as the entity phase would. Each test reads the quotations as a user of `seed-reader
said` would see them: the words, the kind, the speaker.
"""

from __future__ import annotations

import pytest

from search_index import Index
from search_index.entities.quotations import find_quotations
from search_index.entities.speech import speech_evidence
from search_index.records import Quotation, Span


def _paragraphs(text: str) -> list[Span]:
    """A text file's paragraphs: every line after the headline."""
    spans, start = [], 0
    for line in text.split("\n"):
        spans.append(Span(start, start + len(line)))
        start += len(line) + 1
    return spans[1:]


@pytest.fixture
def quotations(recognizer):
    def extract(text: str) -> list[Quotation]:
        return find_quotations(text, recognizer.entities([text])[0], _paragraphs(text))

    return extract


def _said(found: list[Quotation]) -> list[tuple[str, str, str | None]]:
    return [(q.kind, q.text, q.speaker) for q in found]


FERRIES = (
    "Ferry budget agreed\n"
    "The transport minister, Ingrid Solheim, presented the budget in Oslo on Tuesday. "
    '"The ferries are the roads of the coast," Solheim said. "Nobody should wait an hour for one."\n'
    "“We will,” she said, “find the money.”\n"
    "The minister said the fares would not rise this year, adding that the timetable would be published in May.\n"
    "The new timetable, Solheim said, would add twenty crossings a day.\n"
)


def test_direct_quotations_before_their_attribution_and_one_broken_by_it(quotations):
    found = [q for q in quotations(FERRIES) if q.kind == "direct"]
    assert _said(found) == [
        ("direct", "The ferries are the roads of the coast,", "Ingrid Solheim"),
        ("direct", "Nobody should wait an hour for one.", "Ingrid Solheim"),  # its neighbour's: no cue of its own
        ("direct", "We will, … find the money.", "Ingrid Solheim"),  # curly quotes, one quotation
    ]
    first, neighbour, broken = found
    assert (first.cue, FERRIES[first.speaker_span.start : first.speaker_span.end]) == ("said", "Solheim")
    assert (neighbour.cue, neighbour.speaker_span) == (None, None)
    assert [FERRIES[p.start : p.end] for p in broken.parts] == ["We will,", "find the money."]
    assert FERRIES[broken.start : broken.end] == "We will,” she said, “find the money."


def test_reported_speech_runs_to_the_end_of_its_clause_and_a_second_cue_starts_another(quotations):
    found = [q for q in quotations(FERRIES) if q.kind == "indirect"]
    assert _said(found) == [
        ("indirect", "the fares would not rise this year", "Ingrid Solheim"),  # "the minister": the one described so
        ("indirect", "the timetable would be published in May", "Ingrid Solheim"),  # ", adding that"
        ("indirect", "The new timetable … would add twenty crossings a day", "Ingrid Solheim"),  # "A, X said, B"
    ]
    assert [q.cue for q in found] == ["said", "adding", "said"]
    assert len(found[2].parts) == 2


def test_said_before_a_quotation_with_a_colon_or_to_reporters(quotations):
    text = (
        "Harbour vote\n"
        "Halvard Brekke told reporters: “The harbour will stay open.”\n"
        'Brekke said: "Nobody will lose a job."\n'
        '"We have enough money," said Brekke after the vote.\n'
    )
    found = quotations(text)
    assert _said(found) == [
        ("direct", "The harbour will stay open.", "Halvard Brekke"),
        ("direct", "Nobody will lose a job.", "Halvard Brekke"),
        ("direct", "We have enough money,", "Halvard Brekke"),  # "Brekke" is the document's Halvard Brekke
    ]
    assert [q.cue for q in found] == ["told reporters", "said", "said"]


def test_a_two_sentence_quotation_ended_by_she_said_is_the_woman_named_before_it(quotations):
    text = 'Vote count\nMarta Lindqvist spoke after the count in Uppsala. "We lost today. We will be back next year," she said.\n'
    [quotation] = quotations(text)
    assert (quotation.kind, quotation.text, quotation.speaker, quotation.label) == (
        "direct",
        "We lost today. We will be back next year,",
        "Marta Lindqvist",
        "PERSON",  # the model calls her an organisation; "she" says otherwise
    )
    assert text[quotation.speaker_span.start : quotation.speaker_span.end] == "she"


def test_a_quotation_over_two_paragraphs_is_one_with_a_part_in_each(quotations):
    text = (
        "Orchestra tour\n"
        'Conductor Henrik Dahl told reporters: "We will play in twelve cities. It is the longest tour we have made.\n'
        '"The musicians voted for it," he added.\n'
    )
    [quotation] = quotations(text)
    assert quotation.speaker == "Henrik Dahl"
    assert [text[p.start : p.end] for p in quotation.parts] == [
        "We will play in twelve cities. It is the longest tour we have made.",
        "The musicians voted for it,",
    ]
    assert quotation.text == "We will play in twelve cities. It is the longest tour we have made.\nThe musicians voted for it,"


def test_according_to_before_or_after_the_clause(quotations):
    text = (
        "Storm damage\n"
        "According to the Norwegian Meteorological Institute, the storm was the strongest in twenty years.\n"
        "Three roads were closed overnight, according to the Norwegian Public Roads Administration.\n"
        "According to the institute's own figures, rain fell on 300 days last year.\n"
    )
    assert _said(quotations(text)) == [
        ("indirect", "the storm was the strongest in twenty years", "Norwegian Meteorological Institute"),
        ("indirect", "Three roads were closed overnight", "Norwegian Public Roads Administration"),
        # "according to figures" is no source (the guidelines): not listed
    ]


def test_speakers_the_text_does_not_name_stay_unknown(quotations):
    text = (
        "Lighthouse sold\n"
        "The old lighthouse at Lindesnes was sold on Friday to a foundation, the county said.\n"
        "A local fisherman said the light had guided him home for forty years. "
        "Officials said the sale price would not be made public.\n"
    )
    found = quotations(text)
    assert [q.text for q in found] == [
        "The old lighthouse at Lindesnes was sold on Friday to a foundation",
        "the light had guided him home for forty years",
        "the sale price would not be made public",
    ]
    assert [(q.speaker, q.label) for q in found] == [(None, None)] * 3
    assert [text[q.speaker_span.start : q.speaker_span.end] for q in found] == ["the county", "A local fisherman", "Officials"]


def test_scare_quotes_titles_and_quoted_words_are_not_quotations(quotations):
    text = (
        "Deal signed\n"
        'The so-called "blue deal" was signed in March by Ingrid Solheim.\n'
        'The film "Northern Lights" was shot at the lighthouse, and visitors praised the "view".\n'
        'Engineers found a pattern called a "glider" in the data.\n'
    )
    assert quotations(text) == []


def test_quoted_fragments_inside_a_reported_clause_belong_to_it(quotations):
    text = 'Budget row\nSolheim said the opposition\'s plan was "a fantasy" and would "sink the ferries".\n'
    [quotation] = quotations(text)
    assert (quotation.kind, quotation.text) == ("indirect", 'the opposition\'s plan was "a fantasy" and would "sink the ferries"')


def test_a_fragment_with_its_own_cue_is_a_direct_quotation(quotations):
    text = 'Budget row\nThe opposition leader, Arne Vold, called the budget "a fantasy".\n'
    [quotation] = quotations(text)
    assert (quotation.kind, quotation.text, quotation.speaker, quotation.cue) == ("direct", "a fantasy", "Arne Vold", "called")


def test_a_quotation_broken_by_its_attribution_goes_on_with_i(quotations):
    text = (
        "Court notice\n"
        '"On behalf of the court," wrote Chief Justice Ola Berg, "I am saddened to report the death of a colleague."\n'
    )
    [quotation] = quotations(text)
    assert (quotation.text, quotation.speaker) == (
        "On behalf of the court, … I am saddened to report the death of a colleague.",
        "Ola Berg",
    )


def test_a_quotation_in_a_paragraph_of_its_own_after_a_colon(quotations):
    text = 'Clock\nThe mayor, Eva Moen, wrote on her account:\n"Cool clock, Ahmed. Bring it to the town hall."\n'
    [quotation] = quotations(text)
    assert (quotation.text, quotation.speaker, quotation.cue) == (
        "Cool clock, Ahmed. Bring it to the town hall.",
        "Eva Moen",
        "wrote",
    )


def test_the_headline_is_not_read_for_quotations(quotations):
    text = '"We will go on," says Solheim\nThe minister spoke in Oslo on Tuesday.\n'
    assert quotations(text) == []


def test_offsets_point_into_the_text_and_the_record_has_the_json_shape(quotations):
    for quotation in quotations(FERRIES):
        assert all(quotation.start <= p.start < p.end <= quotation.end for p in quotation.parts)
        assert quotation.text.replace(" … ", "").replace("\n", "") == "".join(FERRIES[p.start : p.end] for p in quotation.parts)
        assert set(quotation.to_json()) == {"speaker", "label", "text", "kind", "start", "end", "parts", "speaker_span", "cue"}


@pytest.mark.xfail(
    strict=True,
    reason="the model tags a lone 'Brekke' ORG in the articles without his full name, so the corpus does not link it"
    " to Halvard Brekke; speech_evidence relabels it (checked: then this passes) but is not wired into consistency,"
    " having measured no gain on benchmarks/entity_quality.py (issue 21: wire it only if it helps)",
)
def test_every_quotation_of_brekke_across_the_corpus_names_halvard_brekke(tmp_path, home, recognizer):
    """The issue's Done-when, at the engine: one article names him in full, the others only "Brekke"."""
    corpus = tmp_path / "news"
    corpus.mkdir()
    articles = {
        "2024-05-01-profile.txt": "Profile: the harbour minister\n"
        "Halvard Brekke, Norway's harbour minister, grew up in Bergen. "
        '"I have worked on boats since I was twelve," Brekke said.\n',
        "2024-05-02-ferries.txt": "Ferries keep running\n"
        '"The ferries will keep running," Brekke said on Monday.\n'
        '"We have enough crews," said Brekke.\n'
        'Brekke told reporters: "Nobody will lose a job."\n'
        "Brekke said the timetable would be published in June.\n",
        "2024-05-03-quay.txt": "New quay\nThe new quay will open in May, according to Brekke.\n",
    }
    for name, text in articles.items():
        (corpus / name).write_text(text, encoding="utf-8")
    index = Index(corpus, home=home)
    try:
        index.sync(recognizer=recognizer)
        found = []
        for name in articles:
            document = index.open_document(name)
            found += [(name, q) for q in find_quotations(document.text, document.entities or (), document.paragraphs)]
    finally:
        index.close()
    assert [(name, q.kind, q.text) for name, q in found] == [
        ("2024-05-01-profile.txt", "direct", "I have worked on boats since I was twelve,"),
        ("2024-05-02-ferries.txt", "direct", "The ferries will keep running,"),
        ("2024-05-02-ferries.txt", "direct", "We have enough crews,"),
        ("2024-05-02-ferries.txt", "direct", "Nobody will lose a job."),
        ("2024-05-02-ferries.txt", "indirect", "the timetable would be published in June"),
        ("2024-05-03-quay.txt", "indirect", "The new quay will open in May"),
    ]
    assert {(q.speaker, q.label) for _, q in found} == {("Halvard Brekke", "PERSON")}


def test_a_speech_verb_is_evidence_that_a_name_is_a_person():
    def span(text: str, name: str, label: str) -> tuple[int, int, str]:
        return text.index(name), text.index(name) + len(name), label

    text = "Lindqvist asked for more time. Volvo Cars announced a new model. Italy asks for a vote. NATO said nothing."
    spans = [
        span(text, "Lindqvist", "ORG"),
        span(text, "Volvo Cars", "ORG"),
        span(text, "Italy", "GPE"),
        span(text, "NATO", "ORG"),
    ]
    # organisations announce and say; places ask in headlines; an acronym is no surname
    assert speech_evidence(text, spans) == [span(text, "Lindqvist", "PERSON")]
    text = 'Marta Lindqvist spoke in Uppsala. "We lost," she said.'
    assert speech_evidence(text, [span(text, "Marta Lindqvist", "ORG"), span(text, "Uppsala", "GPE")]) == [
        span(text, "Marta Lindqvist", "PERSON")
    ]
    assert speech_evidence(text, [span(text, "Marta Lindqvist", "PERSON")]) == []  # already a person
