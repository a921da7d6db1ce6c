"""Issue 31: each document's language; documents not in English get no English-model entities.

The texts are written for these tests: an English article, a Russian recipe, a Portuguese notice,
a Japanese how-to, and an English results table that a detector could take for another language.
"""

from __future__ import annotations

import json

from click.testing import CliRunner

from search_index import Index
from search_index.documents.language import language_of
from tui.cli import main

ENGLISH = (
    "Harbour strike ends\n"
    "Dock workers in Bergen returned to work on Friday after union leader Tove Aasland agreed a new contract "
    "with the port authority. Aasland said the deal would protect jobs in Norway for a decade.\n"
)
RUSSIAN = (
    "Пирог с яблоками за сорок минут\n"
    "Положить по ложке теста на противень, сверху разложить яблоки и посыпать сахаром. Выпекать в духовке "
    "сорок минут, пока тесто не станет золотистым. Подавать тёплым, с чаем или молоком. Анна Петрова "
    "рассказала, что этот рецепт достался ей от бабушки из Тулы.\n"
)
PORTUGUESE = (
    "Equipe registra arrombamento em veículos\n"
    "A equipe do serviço de atendimento domiciliar registrou na manhã desta segunda-feira o arrombamento de "
    "dois veículos estacionados no pátio da unidade. A polícia foi chamada e ninguém ficou ferido.\n"
)
JAPANESE = "ショートカットキーの設定方法\n書籍を読む場合は、一般的にスマホやタブレットなどのモバイル端末を使いますが、パソコンでも読むことができます。\n"
RESULTS = (
    "SOCCER - FIRST DIVISION RESULTS.\n"
    "AMSTERDAM 1996-12-06\n"
    "Ajax 2 Feyenoord 1\nPSV 3 Twente 0\nVitesse 1 Utrecht 1\nHeerenveen 0 Groningen 2\n"
)


def test_the_language_of_a_text():
    assert language_of(ENGLISH) == "en"
    assert language_of(RUSSIAN) == "ru"
    assert language_of(PORTUGUESE) == "pt"
    assert language_of(JAPANESE) == "ja"
    assert language_of("Owl\nIt slept.\n") is None  # too short to tell: read as English
    assert language_of(RESULTS) in ("en", None)  # names and numbers: never a confident other language


def test_a_document_in_another_language_gets_no_english_entities_but_stays_searchable(tmp_path, recognizer):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "harbour.txt").write_text(ENGLISH, encoding="utf-8")
    (folder / "pirog.txt").write_text(RUSSIAN, encoding="utf-8")
    (folder / "equipe.txt").write_text(PORTUGUESE, encoding="utf-8")
    # The English model does find "names" in the Russian text, the mistake this rule prevents.
    assert recognizer.raw_spans([RUSSIAN])[0]
    index = Index(folder, home=tmp_path / "home")
    index.sync(recognizer=recognizer)
    try:
        assert index.open_document("pirog.txt").entities == ()  # done (not None: pending), and empty
        assert index.open_document("equipe.txt").entities == ()
        assert any(e.label == "PERSON" for e in index.open_document("harbour.txt").entities)
        assert [hit.doc for hit in index.search("противень").hits] == ["pirog.txt"]
        assert {e.canonical for e in index.corpus_entities(limit=100)} <= {
            e.canonical for e in index.open_document("harbour.txt").entities
        }
        languages = {info.id: info.language for info in index.documents()}
        assert languages == {"harbour.txt": "en", "pirog.txt": "ru", "equipe.txt": "pt"}
    finally:
        index.close()

    listed = CliRunner().invoke(main, ["list", str(folder), "--json"], env={"SEED_READER_HOME": str(tmp_path / "home")})
    rows = {row["id"]: row for row in json.loads(listed.output)["documents"]}
    assert {doc: row["language"] for doc, row in rows.items()} == languages
    table = CliRunner().invoke(main, ["list", str(folder)], env={"SEED_READER_HOME": str(tmp_path / "home")}).output
    assert any("ru" in line and "pirog.txt" in line for line in table.splitlines())


def test_the_language_is_found_again_when_a_document_changes(tmp_path, recognizer):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "page.txt").write_text(PORTUGUESE, encoding="utf-8")
    index = Index(folder, home=tmp_path / "home")
    try:
        index.sync(entities=False)
        assert index.info("page.txt").language is None  # not yet: the entity phase finds it
        index.sync(recognizer=recognizer)
        assert index.info("page.txt").language == "pt"
        (folder / "page.txt").write_text(ENGLISH, encoding="utf-8")
        index.sync(recognizer=recognizer)
        assert index.info("page.txt").language == "en" and index.open_document("page.txt").entities
    finally:
        index.close()
