"""Quoting in the reader, under Pilot: select by keys and by mouse, copy, the quote book screen."""

from __future__ import annotations

from search_index import QuoteBook
from tests.app_helpers import open_result, paragraph_styles, record_notices, search, until, wait_open, wait_synced, write_doc
from tests.conftest import SEED_DOC
from tui.app import ReaderApp
from tui.palette import CURRENT_MATCH_STYLE
from tui.widgets.paragraph import Paragraph

SIZE = (120, 40)


async def open_seed(pilot):
    await wait_synced(pilot)
    await search(pilot, "ishiba")
    await pilot.press("enter")
    await wait_open(pilot, SEED_DOC)
    reader = pilot.app.reader_screen.reader
    await pilot.press(*["N"] * reader.current)  # it opens at the snippet's match: back to the first, in the headline
    assert reader.current == 0
    return reader


async def test_keyboard_sentence_then_extend_then_copy(seeds, home):
    app = ReaderApp(seeds, home=home)
    async with app.run_test(size=SIZE) as pilot:
        reader = await open_seed(pilot)
        text = reader.document.text
        await pilot.press("v")  # the sentence at the first match (in the headline)
        await pilot.press("escape", "escape")  # to the results and back: focus moves, selection stays
        await pilot.press("right_parenthesis")  # + the next sentence, across the paragraph break
        start, end = reader.selection
        assert text[start:end] == text[: text.index("in Brazil.") + len("in Brazil.")]
        await pilot.press("y")
        title = text[: text.index("\n")]
        assert app.clipboard == f"“{text[start:end]}” — {title} ({SEED_DOC}, title, ¶1)"  # both it spans
        assert "\n" in app.clipboard  # the paragraph break is kept
        await until(pilot, lambda: QuoteBook(home).quotes(), "the quote in the book")
        saved = QuoteBook(home).quotes()[0]
        assert (saved.start, saved.end, saved.paragraph, saved.doc) == (start, end, 0, SEED_DOC)


async def test_paragraph_selection_survives_the_search_bar_and_ctrl_y_copies(seeds, home):
    app = ReaderApp(seeds, home=home)
    async with app.run_test(size=SIZE) as pilot:
        reader = await open_seed(pilot)
        await pilot.press("n", "n", "n")  # the fourth Ishiba: paragraph 3
        await pilot.press("V")
        await pilot.press("slash")  # the search bar has focus, and swallows a plain y
        await pilot.press("ctrl+y")
        paragraph = reader.document.paragraphs[2]
        quote = reader.document.text[paragraph.start : paragraph.end]
        assert app.clipboard.startswith(f"“{quote}”") and app.clipboard.endswith(", ¶3)")


async def test_mouse_drag_selects_exact_document_text(seeds, home):
    app = ReaderApp(seeds, home=home)
    async with app.run_test(size=SIZE) as pilot:
        reader = await open_seed(pilot)
        first, second = list(reader.query(Paragraph))[1:3]
        await pilot.mouse_down(first, offset=(2 + 24, 0))  # padding is 2: character 24
        await pilot.hover(second, offset=(2 + 14, 0))
        await pilot.mouse_up(second, offset=(2 + 14, 0))
        await pilot.pause()
        text = reader.document.text
        start, end = reader.selection
        assert start == first.span.start + 24 and end == second.span.start + 14
        assert text[start:end].startswith("Shigeru Ishiba is working") and text[start:end].endswith("\nShigeru Ishiba")
        await pilot.press("y")
        assert app.clipboard.startswith(f"“{text[start:end]}”")


async def test_quote_book_screen_reopens_the_source_with_the_quote_highlighted(seeds, home):
    app = ReaderApp(seeds, home=home)
    async with app.run_test(size=SIZE) as pilot:
        reader = await open_seed(pilot)
        await pilot.press("n", "n", "n", "n")
        await pilot.press("v", "y")
        start, end = reader.selection
        await until(pilot, lambda: QuoteBook(home).quotes(), "the quote in the book")
        app.reader_screen.documents.focus()
        await pilot.press("Q")
        await until(pilot, lambda: getattr(app.screen, "states", None), "the quotes screen")
        assert app.screen.states[0].status == "ok"
        await pilot.press("enter")
        await until(pilot, lambda: app.screen is app.reader_screen and reader.matches == [(start, end)], "the source")
        await pilot.pause()
        styles = paragraph_styles(reader.paragraph_of(start))
        assert CURRENT_MATCH_STYLE in styles[reader.document.text[start:end]]


async def test_quote_book_screen_deletes_and_shows_changed_sources(seeds, home):
    app = ReaderApp(seeds, home=home)
    async with app.run_test(size=SIZE) as pilot:
        reader = await open_seed(pilot)
        await pilot.press("v", "y")
        await until(pilot, lambda: QuoteBook(home).quotes(), "the quote in the book")
        path = reader.document.path
        path.write_text(path.read_text().replace("Shigeru Ishiba is working", "Shigeru Ishiba was working"))
        await pilot.press("Q")
        await until(pilot, lambda: getattr(app.screen, "states", None), "the quotes screen")
        assert app.screen.states[0].status in ("ok", "moved", "changed")
        await pilot.press("d")
        await until(pilot, lambda: app.screen.states == [], "the quote to be deleted")
        assert QuoteBook(home).quotes() == []


async def test_a_huge_selection_is_refused_not_dropped(seeds, home):
    write_doc(seeds, "huge.txt", "Huge", "word " * 40_000)
    app = ReaderApp(seeds, home=home)
    async with app.run_test(size=SIZE) as pilot:
        await open_result(pilot, "huge", "huge.txt")
        shown = record_notices(app)
        await pilot.press("V", "right_curly_bracket", "y")  # the title and its 200,000-character paragraph
        await until(pilot, lambda: any("too large" in notice for notice in shown), "the refusal")
        assert app.clipboard == ""
        assert QuoteBook(home).quotes() == []


async def test_double_click_selects_a_word_and_triple_click_the_paragraph(seeds, home):
    app = ReaderApp(seeds, home=home)
    async with app.run_test(size=SIZE) as pilot:
        reader = await open_seed(pilot)
        paragraph = list(reader.query(Paragraph))[1]
        column = paragraph.plain.index("Shigeru") + 3  # inside the word
        await pilot.click(paragraph, offset=(2 + column, 0), times=2)
        await pilot.pause()
        assert reader.document.text[slice(*reader.selection)] == "Shigeru"
        assert app.reader_screen.get_selected_text() == "Shigeru"  # what is highlighted, and what ctrl+c copies
        await pilot.click(paragraph, offset=(2 + column, 0), times=3)
        await pilot.pause()
        assert reader.selection == (paragraph.span.start, paragraph.span.end)
        await pilot.press("y")
        assert app.clipboard.endswith(", ¶1)")
