"""Entities across the corpus: linking short names to full ones, the corpus table, entity search.

Real model, real index on disk. The files are news-like so the small model tags their names.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter

from search_index import Index
from search_index.entities.consistency import CorpusEvidence, make_consistent

FISHERIES = (
    "Norway tightens fishing quotas\n"
    "Fisheries minister Aasland told reporters in Oslo on Monday that the cod quota would fall by a fifth.\n"
    '"We have no choice," Aasland said, adding that the fleet would be compensated.\n'
)
HARBOUR = (
    "Harbour strike ends\n"
    "The strike at the port of Bergen ended on Friday after talks led by Aasland.\n"
    "Union leaders thanked Aasland for her patience during the negotiations.\n"
)
PROFILE = (
    "Profile: the minister who rewrote the quotas\n"
    "Tove Aasland, Norway's minister of fisheries, grew up in a fishing village north of Tromsø.\n"
    "Before politics, Aasland worked as a marine biologist for the Institute of Marine Research.\n"
)


def _write(folder, name, text):
    (folder / name).write_text(text, encoding="utf-8")


def _docs(index, query):
    return sorted(hit.doc for hit in index.search(query, limit=50).hits)


def _person(index, name):
    return [e for e in index.corpus_entities(label="PERSON", limit=1000) if e.canonical == name]


def test_a_full_name_arriving_last_links_the_short_forms_and_deleting_it_unlinks_them(tmp_path, home, recognizer):
    corpus = tmp_path / "news"
    corpus.mkdir()
    _write(corpus, "2024-03-01-fisheries.txt", FISHERIES)
    _write(corpus, "2024-03-05-harbour.txt", HARBOUR)
    index = Index(corpus, home=home)
    index.sync(recognizer=recognizer)
    assert _docs(index, 'person:"Tove Aasland"') == []

    _write(corpus, "2024-04-10-profile.txt", PROFILE)  # the only file with the full name, indexed last
    index.sync(recognizer=recognizer)
    assert _docs(index, 'person:"Tove Aasland"') == sorted(p.name for p in corpus.iterdir())
    [tove] = _person(index, "Tove Aasland")
    assert (tove.documents, tove.aliases) == (3, ("Aasland",))
    assert (tove.first_date, tove.last_date) == ("2024-03-01", "2024-04-10")
    assert not _person(index, "Aasland")
    # The reader marks the short mentions of the hit, and the document's entities carry the corpus name.
    hit = next(h for h in index.search('person:"Tove Aasland"').hits if h.doc == "2024-03-05-harbour.txt")
    assert {HARBOUR[s:e] for s, e in hit.matches} == {"Aasland"}
    mentions = [e for e in index.open_document("2024-03-01-fisheries.txt").entities if e.text == "Aasland"]
    assert mentions and {(e.label, e.canonical) for e in mentions} == {("PERSON", "Tove Aasland")}
    assert next(d.doc for d in index.entity_documents(tove.key)) in {p.name for p in corpus.iterdir()}
    assert sum(n for _, n in index.entity_timeline(tove.key)) == 3
    assert index.corpus_entity_count(filter_text="aasl") == 1

    (corpus / "2024-04-10-profile.txt").unlink()
    index.sync(recognizer=recognizer)
    index.close()  # a fresh searcher: the shared one's refresh after deletions is issue 15 item 1
    index = Index(corpus, home=home)
    assert _docs(index, 'person:"Tove Aasland"') == []
    assert not _person(index, "Tove Aasland")
    mentions = [e for e in index.open_document("2024-03-01-fisheries.txt").entities if e.text == "Aasland"]
    assert {e.canonical for e in mentions} == {"Aasland"}
    index.close()


def test_the_corpus_listing_on_the_command_line(tmp_path, home):
    corpus = tmp_path / "news"
    corpus.mkdir()
    for name, text in (("a.txt", FISHERIES), ("b.txt", HARBOUR), ("c.txt", PROFILE)):
        _write(corpus, name, text)
    env = dict(os.environ, SEED_READER_HOME=str(home))
    proc = subprocess.run(
        [sys.executable, "-m", "tui", "entities", "--corpus", str(corpus), "--json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["corpus"] == str(corpus.resolve())
    toves = [e for e in data["entities"] if e["canonical"] == "Tove Aasland"]
    assert len(toves) == 1 and toves[0]["documents"] == 3 and toves[0]["aliases"] == ["Aasland"]
    assert set(toves[0]) == {
        "canonical",
        "label",
        "documents",
        "mentions",
        "aliases",
        "first_date",
        "last_date",
    }
    counts = [e["documents"] for e in data["entities"]]
    assert counts == sorted(counts, reverse=True)  # most documents first


def test_an_ambiguous_short_name_stays_unlinked_and_variants_join(tmp_path, home, recognizer):
    corpus = tmp_path / "news"
    corpus.mkdir()
    _write(
        corpus,
        "1.txt",
        "Boris Johnson resigns\nBritish Prime Minister Boris Johnson resigned in London on Thursday.\n",
    )
    _write(
        corpus,
        "2.txt",
        "Actor speaks\nThe actor Dwayne Johnson spoke to fans in Los Angeles on Friday.\n",
    )
    _write(
        corpus,
        "3.txt",
        "Talks\nJohnson said on Tuesday that the talks in Paris had failed.\n",
    )
    _write(
        corpus,
        "4.txt",
        "Summit\nThe United Nations (UN) met in Geneva. The U.S. sent a delegation.\n",
    )
    _write(
        corpus,
        "5.txt",
        "Aid\nThe UN said aid to Sudan would double, and the United States agreed in Washington.\n",
    )
    index = Index(corpus, home=home)
    index.sync(recognizer=recognizer)
    assert _docs(index, 'person:"Boris Johnson"') == ["1.txt"]
    assert _docs(index, 'person:"Dwayne Johnson"') == ["2.txt"]
    names = {e.canonical: e for e in index.corpus_entities(limit=1000)}
    assert "Johnson" in names
    assert names["United States"].documents == 2 and "US" not in names and "U.S." not in names
    assert names["United Nations"].documents == 2 and "UN" in names["United Nations"].aliases
    assert _docs(index, 'org:"United Nations"') == ["4.txt", "5.txt"]
    index.close()


def test_a_label_spreads_only_with_evidence():
    text = "Scandal\nQuorbex said on Monday it would act. Users of Quorbex were angry. Quorbex declined to comment.\n"
    at = text.index("Quorbex")
    one_vote = make_consistent(text, [(at, at + 7, "PERSON")])
    assert [e.text for e in one_vote if e.label == "PERSON"] == ["Quorbex"]  # one vote: not spread
    spans = [(i, i + 7, "PERSON") for i in (text.index("Quorbex"), text.index("Quorbex", at + 1))]
    corpus = CorpusEvidence({"Quorbex": Counter({"ORG": 9, "PERSON": 1})})
    assert len([e for e in make_consistent(text, spans) if e.text == "Quorbex"]) == 3  # two agreeing votes spread
    assert {e.label for e in make_consistent(text, spans, corpus) if e.text == "Quorbex"} == {"ORG"}  # the corpus knows


def test_recall_from_the_corpus_keeps_case_and_word_rules():
    text = "Vote\nLawmakers met Ishiba on Monday. The Bill passed, and Ishibashi Corp and Bill Gates agreed.\n"
    corpus = CorpusEvidence({"Ishiba": Counter({"PERSON": 12}), "Bill": Counter({"PERSON": 5, "LAW": 1})})
    found = {(e.text, e.label) for e in make_consistent(text, [], corpus)}
    assert ("Ishiba", "PERSON") in found
    assert not any(t.startswith("Ishibashi") or t == "Bill" for t, _ in found)
    assert make_consistent(text, []) == []  # without the corpus, nothing


def test_a_large_document_is_processed_and_stays_consistent(recognizer):
    paragraph = (
        "Talks led by Aasland in Oslo ended on Friday, and Aasland said the fleet would be compensated "
        "before the winter season began in the north of the country.\n"
    )
    text = PROFILE.split("\nBefore")[0] + "\n" + paragraph * 1600
    assert len(text) > 200_000
    [entities] = recognizer.entities([text])
    start = text.find("Aasland")
    checked = 0
    while start != -1:
        covering = [e for e in entities if e.start <= start < e.end]
        assert covering and covering[0].label == "PERSON" and covering[0].canonical == "Tove Aasland", (start, covering)
        checked += 1
        start = text.find("Aasland", start + 1)
    assert checked == 1 + 2 * 1600


def test_an_entity_search_marks_mentions_of_its_own_field_only(tmp_path, home, recognizer):
    corpus = tmp_path / "news"
    corpus.mkdir()
    text = (
        "Warhol prints sold in New York\n"
        "Andy Warhol painted soup cans in New York in the 1960s.\n"
        "On Tuesday the Andy Warhol Foundation sold forty prints by Andy Warhol at auction.\n"
    )
    _write(corpus, "warhol.txt", text)
    index = Index(corpus, home=home)
    index.sync(recognizer=recognizer)

    [hit] = index.search('person:"Andy Warhol"').hits
    marked = [text[start:end] for start, end in hit.matches]
    # Him, by his full name or his surname, in the foundation's name too; never the foundation around him.
    assert marked.count("Andy Warhol") == 3 and set(marked) <= {"Andy Warhol", "Warhol"}, marked
    [hit] = index.search('org:"Warhol Foundation"').hits
    assert [text[start:end] for start, end in hit.matches] == ["Andy Warhol Foundation"]  # "the" is no part of its name


def test_words_around_a_name_say_it_is_not_a_person():
    """Issue 15's examples: a network the model calls a person, "the Hajj", "Person of the Year"."""
    text = (
        "Pilgrims\nHundreds died during the Hajj, officials said. Hajj pilgrims reached Mecca.\n"
        "Greta Thunberg wrote on Twitter that Time named her Person of the Year; Twitter users cheered.\n"
        "Critics of the Trump administration met in Washington.\n"
    )
    spans = [
        (text.index("Hajj"), text.index("Hajj") + 4, "PERSON"),
        (text.index("Hajj pilgrims"), text.index("Hajj pilgrims") + 4, "PERSON"),
        (text.index("Greta"), text.index("Greta") + 14, "PERSON"),
        (text.index("Twitter"), text.index("Twitter") + 7, "PERSON"),
        (text.index("Year"), text.index("Year") + 4, "DATE"),
        (text.index("Trump"), text.index("Trump") + 5, "PERSON"),
    ]
    entities = make_consistent(text, spans)
    found = {(e.text, e.label) for e in entities}
    marked = {e.start for e in entities}
    assert text.index("Hajj") not in marked and text.index("Year") not in marked, found
    assert ("Twitter", "ORG") in found and ("Twitter", "PERSON") not in found
    assert {("Greta Thunberg", "PERSON"), ("Trump", "PERSON")} <= found  # a name before a noun stays
    model = CorpusEvidence({"Twitter": Counter({"PERSON": 52})})  # the model's votes everywhere
    assert ("Twitter", "ORG") in {(e.text, e.label) for e in make_consistent(text, spans, model)}
    quoted = 'Users said on Twitter "Youtube-dl is back" on Monday.\n'
    joined = [(quoted.index("Twitter"), quoted.index(" is back"), "PERSON")]  # the model ran on into the quote
    assert [(e.text, e.label) for e in make_consistent(quoted, joined, model)] == [("Twitter", "ORG")]
    as_org = [(s, e, "ORG" if text[s:e] == "Twitter" else label) for s, e, label in spans]  # the model was right
    assert ("Twitter", "ORG") in {(e.text, e.label) for e in make_consistent(text, as_org, model)}
