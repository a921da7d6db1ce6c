"""What the headless commands print: counts, wording, listing, naming a document, piping."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from search_index import Index
from tui.cli import main

LONG = "A heron waded along the shallow bank of the river while the morning fog slowly lifted over the reeds."


@pytest.fixture
def corpus(tmp_path, recognizer):
    """13 documents about herons (one of them twice as much), two others; indexed, entities done."""
    folder = tmp_path / "corpus"
    (folder / "sub").mkdir(parents=True)
    for number in range(13):
        (folder / f"heron{number:02}.txt").write_text(f"Heron {number}\n{LONG}\n" + "Another heron.\n" * (number % 3))
    (folder / "sub" / "2024-05-01-kingfisher.txt").write_text("Kingfisher\nOne kingfisher dived.\n")
    (folder / "owl.txt").write_text("Owl\nThe owl slept.\n")
    home = tmp_path / "home"
    index = Index(folder, home=home)
    index.sync(recognizer=recognizer)
    index.close()
    return folder, home


def _run(home, *args):
    return CliRunner().invoke(main, list(map(str, args)), env={"SEED_READER_HOME": str(home), "COLUMNS": None})


def test_counts_are_exact_when_the_search_saw_every_match(corpus):
    folder, home = corpus
    data = json.loads(_run(home, "search", "heron", "--corpus", folder, "--limit", 5, "--json").output)
    assert (data["total"], data["total_exact"], len(data["hits"])) == (13, True, 5)
    assert _run(home, "search", "heron", "--corpus", folder, "--limit", 5).output.startswith("13 documents match\n")
    assert _run(home, "search", "kingfisher", "--corpus", folder).output.startswith("1 document matches\n")
    assert _run(home, "search", "albatross", "--corpus", folder, "--limit", 5).output.startswith("No documents match")
    data = json.loads(_run(home, "search", "albatross", "--corpus", folder, "--limit", 5, "--json").output)
    assert (data["total"], data["total_exact"]) == (0, True)


def test_piped_output_is_not_wrapped_at_80_columns(corpus):
    folder, home = corpus
    output = _run(home, "search", "fog", "--corpus", folder, "--limit", 1).output
    assert any(len(line) > 90 and "morning fog slowly lifted over the reeds" in line for line in output.splitlines())


def test_one_document_is_singular(tmp_path):
    folder = tmp_path / "one"
    folder.mkdir()
    (folder / "only.txt").write_text("Only\nOne file here.\n")
    output = _run(tmp_path / "home", "index", folder, "--no-entities").output
    assert output.startswith("1 document in ") and "documents" not in output


def test_list_shows_id_title_date_words_and_pending(corpus):
    folder, home = corpus
    (folder / "late.txt").write_text("Late arrival\nNot yet seen by the model.\n")
    data = json.loads(_run(home, "list", folder, "--json").output)
    assert data["corpus"] == str(folder.resolve())
    rows = {row["id"]: row for row in data["documents"]}
    assert len(rows) == 16 and list(rows) == sorted(rows)
    assert rows["sub/2024-05-01-kingfisher.txt"] == {
        "id": "sub/2024-05-01-kingfisher.txt", "title": "Kingfisher", "date": "2024-05-01", "words": 4,
        "entities_pending": False, "language": "en",
    }
    assert rows["late.txt"]["language"] is None  # found by the entity phase
    assert rows["late.txt"]["entities_pending"] is True  # listing never runs the model
    text = _run(home, "list", folder, "--sort", "date").output.splitlines()
    assert "sub/2024-05-01-kingfisher.txt" in text[0] and "Kingfisher" in text[0]
    assert any("· late.txt" in line and "Late arrival" in line for line in text)
    assert text[-1].startswith("16 documents in ") and "1 awaiting entities" in text[-1]


def test_entities_takes_an_id_a_full_path_or_a_path_from_here(corpus, monkeypatch):
    folder, home = corpus
    by_id = json.loads(_run(home, "entities", "sub/2024-05-01-kingfisher.txt", "--corpus", folder, "--json").output)
    full = _run(home, "entities", folder / "sub" / "2024-05-01-kingfisher.txt", "--corpus", folder, "--json")
    assert json.loads(full.output) == by_id and by_id["doc"] == "sub/2024-05-01-kingfisher.txt"
    monkeypatch.chdir(folder / "sub")
    here = _run(home, "entities", "2024-05-01-kingfisher.txt", "--corpus", folder, "--json")
    assert json.loads(here.output) == by_id
    found = _run(home, "entities", folder / "sub" / "2024-05-01-kingfisher.txt", "--json")  # its folder, found
    assert json.loads(found.output) == by_id
    mentions = [json.loads(_run(home, "entities", f"heron{n:02}.txt", "--corpus", folder, "--json").output) for n in range(13)]
    many = next(found for found in mentions if len(found["entities"]) > 1)
    few = json.loads(_run(home, "entities", many["doc"], "--corpus", folder, "--limit", 1, "--json").output)
    assert few["entities"] == many["entities"][:1]


def test_entities_names_the_list_command_when_the_document_is_unknown(corpus, tmp_path):
    folder, home = corpus
    result = _run(home, "entities", "nope.txt", "--corpus", folder)
    assert result.exit_code == 1 and "No document 'nope.txt'" in result.output and "seed-reader list" in result.output
    outside = tmp_path / "elsewhere.txt"
    outside.write_text("Elsewhere\nText.\n")
    result = _run(home, "entities", outside, "--corpus", folder)
    assert result.exit_code == 1 and "--corpus" in result.output


def test_the_summary_reads_right_for_every_count():
    from tui.format import matching

    assert matching(0, exact=False) == "No documents match"  # never "0+"
    assert matching(1) == "1 document matches"
    assert matching(13) == "13 documents match"
    assert matching(20, exact=False) == "20+ documents match"
    assert matching(1234) == "1,234 documents match"
