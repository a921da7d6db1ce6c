"""Quotes across paragraphs, in Markdown, in JSON, and found again from wherever the reader is."""

from __future__ import annotations

import json
from dataclasses import asdict

import pytest
from click.testing import CliRunner

from search_index import Index, Quote, QuoteBook, bundled_seeds, cite, locate, make_quote, quote_folder
from search_index.quotes.citation import MARKDOWN_TEMPLATE
from tests.conftest import SEED_DOC
from tui.cli import main

LINES = "Headline\nFirst paragraph, one line.\nSecond paragraph here.\nThird paragraph ends.\n"
WRAPPED = "Headline\n\nFirst paragraph\nwraps here.\n\nSecond paragraph\nwraps too.\n"


@pytest.fixture
def opened(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "lines.txt").write_text(LINES)
    (folder / "wrapped.txt").write_text(WRAPPED)  # hard-wrapped plain text: its newlines are the file's own
    index = Index(folder, home=tmp_path / "home")
    index.sync(entities=False)
    yield index
    index.close()


def _quote(index, doc, first, last):
    document = index.open_document(doc)
    return make_quote(document, document.text.index(first), document.text.index(last) + len(last))


def test_a_quote_across_paragraphs_cites_them_all(opened):
    across = _quote(opened, "lines.txt", "paragraph, one", "Third")
    assert across.where == "¶1–3" and cite(across).endswith("(lines.txt, ¶1–3)")
    one = _quote(opened, "lines.txt", "Second", "here.\n")  # the newline after it is not the next paragraph
    assert one.where == "¶2"
    from_title = _quote(opened, "lines.txt", "Headline", "one line.")
    assert from_title.where == "title, ¶1"


def test_markdown_keeps_paragraph_breaks_and_only_them(opened):
    per_line = cite(_quote(opened, "lines.txt", "First", "here."), MARKDOWN_TEMPLATE)
    assert per_line.startswith("> First paragraph, one line.\n>\n> Second paragraph here.\n> — [Headline](")
    blocks = cite(_quote(opened, "wrapped.txt", "First", "wraps too."), MARKDOWN_TEMPLATE)
    assert blocks.startswith("> First paragraph\n> wraps here.\n>\n> Second paragraph\n> wraps too.\n> — [Headline](")
    assert blocks.endswith(", ¶1–2")
    within = cite(_quote(opened, "wrapped.txt", "First", "wraps here."), MARKDOWN_TEMPLATE)
    assert within.startswith("> First paragraph\n> wraps here.\n> — ")  # a wrapped line, not a new paragraph


def test_the_book_in_json_and_markdown_carries_source_and_id(opened, tmp_path):
    home = tmp_path / "home"
    quote = _quote(opened, "lines.txt", "First", "here.")
    QuoteBook(home).add(quote)
    runner = CliRunner()
    env = {"SEED_READER_HOME": str(home)}
    listed = json.loads(runner.invoke(main, ["quotes", "--json"], env=env).output)["quotes"][0]
    exported = json.loads(runner.invoke(main, ["quotes", "export", "--format", "json"], env=env).output)["quotes"][0]
    assert listed == exported
    assert listed["path"] == str(opened.root / "lines.txt") and listed["id"] == quote.id
    assert listed["root"] == str(opened.root) and listed["doc"] == "lines.txt" and listed["where"] == "¶1–2"
    assert {k: listed[k] for k in ("text", "title", "paragraph", "start", "end", "created")} == {
        k: getattr(quote, k) for k in ("text", "title", "paragraph", "start", "end", "created")
    }
    markdown = runner.invoke(main, ["quotes", "export", "--format", "md"], env=env).output
    assert markdown.startswith("> First paragraph, one line.\n>\n> Second paragraph here.\n> — [Headline](")


def test_a_quote_is_found_in_its_own_folder_from_anywhere(opened):
    quote = _quote(opened, "lines.txt", "Second", "here.")
    assert quote_folder(quote) == opened.root and locate(quote).status == "ok"
    older = Quote(**{k: v for k, v in asdict(quote).items() if k not in ("root", "last_paragraph")})
    assert quote_folder(older) == opened.root and locate(older).status == "ok"  # saved before roots were kept
    (opened.root / "lines.txt").unlink()
    assert locate(quote).status == "missing"


def test_a_seed_quote_from_a_venv_that_is_gone_opens_the_seeds_installed_now(seed_index):
    document = seed_index.open_document(SEED_DOC)
    start = document.text.index("Former Prime Minister Abe")
    quote = make_quote(document, start, start + 40)
    gone = "/old/.venv/lib/python3.11/site-packages/search_index/seeds"
    moved = Quote(**asdict(quote) | {"root": gone, "path": f"{gone}/{SEED_DOC}"})
    assert quote_folder(moved) == bundled_seeds()
    state = locate(moved)
    assert state.status == "ok" and (state.start, state.end) == (quote.start, quote.end)
