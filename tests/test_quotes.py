"""The quote book on disk, citations, and staying readable through kill -9."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time

from search_index import QuoteBook, cite, load_templates, make_quote, sentence_spans
from search_index.quotes.book import check
from tests.conftest import SEED_DOC


def _seed_quote(seed_index, first: str, last: str):
    document = seed_index.open_document(SEED_DOC)
    start = document.text.index(first)
    return document, make_quote(document, start, document.text.index(last) + len(last))


def test_quote_is_exact_text_with_citation(seed_index):
    document, quote = _seed_quote(seed_index, "Former Prime Minister Abe", "Trump Tower.")
    assert quote.text == document.text[quote.start : quote.end]
    assert quote.paragraph == 4
    assert cite(quote) == f"“{quote.text}” — {document.title} ({SEED_DOC}, ¶4)"


def test_paragraph_breaks_are_kept(seed_index):
    document, quote = _seed_quote(seed_index, "should he return to office.", "Former Prime Minister Abe")
    assert quote.text == "should he return to office.\nFormer Prime Minister Abe"
    markdown = cite(quote, load_templates(seed_index.home)[1])
    # One newline between paragraphs in a .txt: Markdown needs a lone ">" line to keep them apart.
    assert markdown.startswith("> should he return to office.\n>\n> Former Prime Minister Abe\n> — [Japan’s PM")
    assert quote.where == "¶3–4" and cite(quote).endswith(f"({SEED_DOC}, ¶3–4)")


def test_book_round_trip_newest_first_and_delete(seed_index, tmp_path):
    book = QuoteBook(tmp_path)
    _, first = _seed_quote(seed_index, "Ishiba, in a recent", "November 7")
    time.sleep(1.1)  # `created` has one-second resolution
    _, second = _seed_quote(seed_index, "Former Prime", "Trump Tower.")
    book.add(first)
    book.add(second)
    assert [q.id for q in book.quotes()] == [second.id, first.id]
    book.delete(second.id)
    assert [q.id for q in book.quotes()] == [first.id]
    data = json.loads(book.export("json"))
    assert data == {"quotes": [first.to_json()]}
    assert set(data["quotes"][0]) >= {"text", "doc", "title", "paragraph", "start", "end", "created", "path", "id", "page", "chapter"}


def test_template_comes_from_config_and_a_broken_one_falls_back(seed_index, tmp_path):
    _, quote = _seed_quote(seed_index, "Former Prime", "Trump Tower.")
    (tmp_path / "config.toml").write_text('[quotes]\ntemplate = "{quote} [{doc} {where}]"\n')
    plain, _ = load_templates(tmp_path)
    assert cite(quote, plain) == f"{quote.text} [{SEED_DOC} ¶4]"
    assert cite(quote, "{nonsense}").startswith("“Former Prime")


def test_a_torn_last_line_is_skipped_and_the_next_quote_is_whole(seed_index, tmp_path):
    book = QuoteBook(tmp_path)
    _, quote = _seed_quote(seed_index, "Former Prime", "Trump Tower.")
    book.add(quote)
    with open(book.path, "ab") as torn:
        torn.write(b'{"quote": {"text": "half a rec')
    _, later = _seed_quote(seed_index, "Ishiba, in a recent", "November 7")
    book.add(later)
    assert {q.id for q in book.quotes()} == {quote.id, later.id}


def test_status_of_saved_quotes(seed_index):
    document, quote = _seed_quote(seed_index, "Former Prime", "Trump Tower.")
    text = document.text
    assert check(quote, text).status == "ok"
    moved = check(quote, "New first line.\n" + text)
    assert moved.status == "moved" and moved.start == quote.start + len("New first line.\n")
    assert check(quote, text.replace("Trump Tower", "Mar-a-Lago")).status == "changed"
    assert check(quote, None).status == "missing"


def test_sentences_of_a_paragraph(seed_index):
    document = seed_index.open_document(SEED_DOC)
    spans = sentence_spans(document.text, document.paragraphs[0])
    sentences = [document.text[s.start : s.end] for s in spans]
    assert sentences[0].startswith("Japanese Prime Minister") and sentences[0].endswith("in Brazil.")
    assert sentences[1] == "Sources indicate a possible stopover in the United States."


WRITER = """
import sys
from pathlib import Path
from search_index import Quote, QuoteBook
book = QuoteBook(Path(sys.argv[1]))
n = 0
while True:
    quote = Quote(text="x" * (n % 5000) + "end", doc="d.txt", title="T", paragraph=1, start=0, end=3,
                  created=f"2026-01-01T00:00:{n % 60:02d}+00:00", path="/d.txt", id=f"{sys.argv[2]}-{n}")
    book.add(quote)
    print(quote.id, flush=True)
    n += 1
"""


def test_kill_9_mid_append_never_loses_a_returned_quote(tmp_path):
    """20 writers killed at random moments: every quote whose add() returned is still there."""
    rng = random.Random(4)
    returned: set[str] = set()
    for round_ in range(20):
        writer = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(tmp_path), str(round_)],
            stdout=subprocess.PIPE,
            text=True,
            cwd=os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
        )
        first = writer.stdout.readline()  # it is writing
        time.sleep(rng.uniform(0.0, 0.05))
        writer.send_signal(signal.SIGKILL)
        rest, _ = writer.communicate()
        returned.update(line for line in (first + rest).split() if line)
    saved = {quote.id for quote in QuoteBook(tmp_path).quotes()}
    assert len(returned) > 20
    assert returned <= saved
