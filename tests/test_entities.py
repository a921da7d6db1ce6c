"""Entities of the seed article, with the real model and document-level consistency."""

from __future__ import annotations

from search_index.entities.consistency import make_consistent
from tests.conftest import SEED_DOC


def _by_text(entities):
    found: dict[str, set[str]] = {}
    for entity in entities:
        found.setdefault(entity.text, set()).add(entity.label)
    return found


def test_seed_entities(seed_index):
    document = seed_index.open_document(SEED_DOC)
    found = _by_text(document.entities)
    for person in ("Shigeru Ishiba", "Donald Trump", "Shinzo Abe"):
        assert found[person] == {"PERSON"}
    assert found["Japan"] == {"GPE"} and found["Brazil"] == {"GPE"}
    assert found["November 18-19"] == {"DATE"}


def test_every_ishiba_and_trump_mention_is_a_person(seed_index):
    document = seed_index.open_document(SEED_DOC)
    text = document.text
    mentions = {e.start: e for e in document.entities}
    for name, canonical in (("Ishiba", "Shigeru Ishiba"), ("Trump", "Donald Trump")):
        start = text.find(name)
        while start != -1:
            if text.startswith("Trump Tower", start):
                start = text.find(name, start + 1)
                continue
            covering = [e for e in document.entities if e.start <= start < e.end]
            assert covering, f"{name} at {start} is not an entity"
            assert covering[0].label == "PERSON" and covering[0].canonical == canonical, covering[0]
            start = text.find(name, start + 1)
    assert mentions[text.index("Trump Tower")].label == "FAC"


def test_no_entity_crosses_a_line(seed_index):
    document = seed_index.open_document(SEED_DOC)
    assert all("\n" not in e.text for e in document.entities)


def test_consistency_rules_on_their_own():
    text = "Talks\nAlice Walker met Walker Corp.\nLater Walker said Walker was right. Walker left."
    spans = [
        (6, 18, "PERSON"),  # Alice Walker
        (23, 34, "ORG"),  # Walker Corp
        (42, 48, "ORG"),  # Walker (stray ORG)
        (54, 60, "PERSON"),  # Walker
    ]
    entities = make_consistent(text, spans)
    walkers = [e for e in entities if e.text == "Walker"]
    assert len(walkers) == 3  # the missed third mention was added
    assert {(e.label, e.canonical) for e in walkers} == {("PERSON", "Alice Walker")}
    assert [e for e in entities if e.text == "Walker Corp"][0].label == "ORG"


def test_texts_longer_than_the_model_accepts_are_cut_at_line_ends_with_their_offsets():
    from search_index.entities.recognizer import MAX_PIECE, _pieces

    text = ("A line of words about Boris Johnson in London.\n" * 40_000) + "x " * 600_000  # 2.9M characters
    pieces = _pieces(text)
    assert "".join(piece for _, piece in pieces) == text
    assert all(text[offset : offset + len(piece)] == piece for offset, piece in pieces)
    assert all(len(piece) <= MAX_PIECE for _, piece in pieces)
    assert pieces[0][1].endswith("in London.\n")  # not mid-line, where a name could be cut in two


def test_a_person_or_place_named_inside_an_organisation_is_a_mention_too():
    from collections import Counter

    from search_index.entities.consistency import CorpusEvidence

    text = "Gift\nAndy Warhol made prints. The Andy Warhol Foundation gave them to the University of North Carolina."
    at = text.index
    spans = [
        (at("Andy Warhol made"), at(" made"), "PERSON"),
        (at("The Andy"), at(" gave"), "ORG"),
        (at("the University"), len(text) - 1, "ORG"),
    ]
    without_corpus = make_consistent(text, spans)
    warhols = [e for e in without_corpus if e.text == "Andy Warhol"]
    assert len(warhols) == 2 and {e.label for e in warhols} == {"PERSON"}  # the foundation names him
    assert "North Carolina" not in {e.text for e in without_corpus}  # nothing says it is a place

    corpus = CorpusEvidence({"North Carolina": Counter(GPE=9), "University": Counter(ORG=5)})
    entities = make_consistent(text, spans, corpus)
    assert [(e.text, e.label) for e in entities if e.text == "North Carolina"] == [("North Carolina", "GPE")]
    assert [e.text for e in entities if e.label == "ORG"] == ["The Andy Warhol Foundation", "University of North Carolina"]


def test_a_surname_inside_an_organisation_is_not_guessed_to_be_the_documents_person():
    text = "Visit\nBoris Johnson toured Johnson Space Center."
    spans = [(6, 19, "PERSON"), (27, 47, "ORG")]
    assert [(e.text, e.label) for e in make_consistent(text, spans)] == [
        ("Boris Johnson", "PERSON"),
        ("Johnson Space Center", "ORG"),
    ]


def test_words_around_a_name_say_it_is_a_person_or_a_place():
    text = (
        "Claims\nValeska Paris, an Australian woman, said she was held. Paris claims the ship kept her passport.\n"
        "Rain fell in Paris.\nStaff at Johnson Space Center cheered. Johnson Space Center employs many."
    )
    at = text.index
    spans = [
        (at("Valeska"), at(" Paris,"), "GPE"),  # the model cut her name in two places
        (at("Paris,"), at(", an"), "GPE"),
        (at("Paris claims"), at(" claims"), "GPE"),
        (at("Paris.\n"), at(".\nStaff"), "GPE"),
        (at("Johnson Space Center cheered"), at(" cheered"), "ORG"),
    ]
    entities = {(e.text, e.label, e.canonical) for e in make_consistent(text, spans)}
    assert ("Valeska Paris", "PERSON", "Valeska Paris") in entities
    assert ("Paris", "PERSON", "Valeska Paris") in entities  # her surname alone follows her
    assert ("Johnson Space Center", "FAC", "Johnson Space Center") in entities  # "at" a building: a place


def test_an_occupation_before_a_name_and_a_list_of_people_make_a_person():
    text = "Photos\nThe camera was used by Ansel Adams, Chuck Close, Walker Evans, and fashion designer Halston.\nRain in Halston."
    at = text.index
    spans = [
        (at("Ansel"), at(", Chuck"), "PERSON"),
        (at("Chuck"), at(", Walker"), "PERSON"),
        (at("Walker"), at(", and"), "ORG"),  # one of a list of people
        (at("Halston."), at(".\nRain"), "GPE"),  # after "designer"
    ]
    labels = {(e.start, e.text): e.label for e in make_consistent(text, spans)}
    assert labels[(at("Walker"), "Walker Evans")] == "PERSON"
    assert labels[(at("Halston."), "Halston")] == "PERSON"
    assert make_consistent(text, spans, rules=frozenset())[2].label == "ORG"  # the model's label, without the rules


def test_a_possessive_or_for_before_a_name_says_whose_person_it_is():
    text = "Vote\npro-Beijing New People Party's Regina Ip was re-elected.\nLydia Buchtmann for Food Standards Australia said so."
    at = text.index
    spans = [
        (at("pro-Beijing"), at(" Regina"), "ORG"),  # the model stops at the possessive
        (at("Lydia"), at(" said"), "ORG"),  # and reads the spokeswoman into her organisation
    ]
    found = {(e.text, e.label) for e in make_consistent(text, spans)}
    assert {("Regina Ip", "PERSON"), ("Lydia Buchtmann", "PERSON"), ("Food Standards Australia", "ORG")} <= found
    assert ("New People Party's", "ORG") in found  # "pro-Beijing" is no part of its name
    institution = "Grant\nThe Center for Biological Diversity sued."
    span = (institution.index("The"), institution.index(" sued"), "ORG")
    assert [(e.text, e.label) for e in make_consistent(institution, [span])] == [("The Center for Biological Diversity", "ORG")]
