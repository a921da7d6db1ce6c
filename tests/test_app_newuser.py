"""What a new user hit (issue 15), under Pilot: each test fails on the reader before its fix."""

from __future__ import annotations

from rich.cells import cell_len
from textual.widgets import Input

from search_index import QuoteBook
from tests.app_helpers import open_result, record_notices, search, until, wait_open, wait_synced, write_doc
from tests.conftest import SEED_DOC
from tui.app import ReaderApp
from tui.screens.help_screen import HelpScreen
from tui.state import ReadingState
from tui.widgets.entity_legend import EntityLegend, LegendItem
from tui.widgets.entity_panel import EntityList, EntityPanel

SIZE = (120, 40)
SMALL = (80, 24)


def footer_keys(app) -> set[str]:
    """The keys the footer shows now."""
    return {key.key for key in app.screen.query("FooterKey")}


def summary(app) -> str:
    return str(app.reader_screen.results.query_one("#summary").render())


async def query_on_screen_then(pilot, seeds):
    await wait_synced(pilot)
    await search(pilot, "penguins")
    await until(pilot, lambda: "No documents match" in summary(pilot.app), "no match yet")
    return write_doc(seeds, "fresh.txt", "Fresh arrival", "A file added while the query is on screen: penguins.")


async def test_a_query_on_screen_follows_files_added(seeds, home):
    """Item 2: results re-run when the index under them changes, without another keystroke."""
    app = ReaderApp(seeds, home=home)
    async with app.run_test(size=SIZE) as pilot:
        await query_on_screen_then(pilot, seeds)
        screen = app.reader_screen
        await until(pilot, lambda: [h.doc for h in screen.results.hits] == ["fresh.txt"], "the new file in the results", 60)
        assert screen.query_one("#search", Input).value == "penguins"  # nothing typed since


async def test_a_query_on_screen_follows_files_deleted(seeds, home):
    app = ReaderApp(seeds, home=home)
    async with app.run_test(size=SIZE) as pilot:
        fresh = await query_on_screen_then(pilot, seeds)
        screen = app.reader_screen
        await until(pilot, lambda: [h.doc for h in screen.results.hits] == ["fresh.txt"], "the new file in the results", 60)
        fresh.unlink()
        await until(pilot, lambda: "No documents match" in summary(app), "the deleted file gone from the results", 60)


async def test_opening_a_result_makes_the_snippets_match_current_and_n_goes_on_from_it(seeds, home):
    """Item 4: the match the view opens at is the current one; the first n goes to the next."""
    write_doc(seeds, "long.txt", "Glacier notes", *[f"Paragraph {n} about rivers." for n in range(30)], "Here the glacier melts.",
              *[f"More {n} about rivers." for n in range(30)], "A second glacier further on.")
    app = ReaderApp(seeds, home=home)
    async with app.run_test(size=SIZE) as pilot:
        await open_result(pilot, "glacier", "long.txt")
        reader = app.reader_screen.reader
        text = reader.document.text
        start, _ = reader.matches[reader.current]
        assert text[start:].startswith("glacier melts")  # the snippet's passage, not the headline
        assert reader.border_subtitle.startswith(f"{reader.current + 1} / 3")
        await pilot.press("n")
        assert text[reader.matches[reader.current][0] :].startswith("glacier further")


async def test_v_selects_at_the_top_of_the_view_after_scrolling_away(seeds, home):
    """Item 5: v/V select at the current match or selection only while it is on screen."""
    write_doc(seeds, "long.txt", "A long read about glaciers",
              *[f"Paragraph {n} says one thing. It says another thing too." for n in range(200)])
    app = ReaderApp(seeds, home=home)
    async with app.run_test(size=SIZE) as pilot:
        await open_result(pilot, "glaciers", "long.txt")
        reader = app.reader_screen.reader
        await pilot.press("v")  # at the match, in the headline
        assert reader.selection == (0, len("A long read about glaciers"))
        for _ in range(4):
            await pilot.press("ctrl+d")
        await pilot.pause()
        scrolled = reader.scroll_y
        assert scrolled > 60
        await pilot.press("v")
        await pilot.pause()
        assert reader.scroll_y == scrolled  # no jump back
        paragraph = reader.paragraph_of(reader.selection[0])
        assert paragraph.number > 10 and reader.document.text[slice(*reader.selection)].startswith(f"Paragraph {paragraph.number - 1}")
        await pilot.press("G")
        await pilot.pause()
        await pilot.press("V")
        await pilot.pause()
        assert reader.paragraph_of(reader.selection[0]).number > 150


async def test_footer_keys_work_from_any_focus_and_typing_never_runs_commands(seeds, home):
    """Item 9: o, Esc and ctrl+l from wherever focus is; the search bar hides the letter keys."""
    write_doc(seeds, "2019-01-01-other.txt", "Volcano erupts in Iceland", "Lava flowed for days near Reykjavik.")
    app = ReaderApp(seeds, home=home)
    async with app.run_test(size=SIZE) as pilot:
        await wait_synced(pilot)
        screen = app.reader_screen
        documents = screen.documents
        await pilot.press("enter")
        await wait_open(pilot)
        assert app.focused is screen.reader
        await pilot.press("o")  # sorts the list although the reader has focus
        assert documents.sort == "date"
        await pilot.press("escape")  # no search on: back to the list
        assert app.focused is documents
        await pilot.press("slash")
        assert not footer_keys(app) & {"n", "f", "e", "Q", "o"}  # letters are text here
        await pilot.press("escape")
        await pilot.press("e")  # the entity panel takes focus
        assert isinstance(app.focused, EntityList)
        await pilot.press("ctrl+l")  # focus leaves the panel for the search bar: letters are a query
        for key in "volcano":
            await pilot.press(key)
        await until(pilot, lambda: screen.results.result and screen.results.result.query == "volcano", "results")
        assert screen.query_one(EntityPanel).display and documents.sort == "date"  # no e, no o ran
        shown = record_notices(app)
        screen.results.focus_hits()
        await pilot.press("o")  # the list is not on screen: say why nothing sorts
        assert documents.sort == "date" and any("ctrl+l" in notice for notice in shown)


async def test_the_list_shows_dates_even_when_narrow(seeds, home):
    """Item 10: the list sorts by date, so it shows them, at 80 columns too."""
    write_doc(seeds, "2024-11-20-tokyo.txt", "Tokyo prepares for Trump talks", "Officials in Tokyo met.")
    app = ReaderApp(seeds, home=home)
    async with app.run_test(size=SMALL) as pilot:
        await wait_synced(pilot)
        documents = app.reader_screen.documents
        rows = [documents.render_line(y).text for y in range(documents.count)]
        assert any("Tokyo" in row and "2024-11-20" in row for row in rows), rows


async def test_at_80x24_the_entity_panel_leaves_the_reader_room(seeds, home):
    """Item 11: panels give way; the legend is not cut mid-word; names give way before counts."""
    name = "International Brotherhood of Electrical Workers and Allied Trades Union"
    write_doc(seeds, "union.txt", "Union report", f"The {name} said on Monday it would strike. The {name} met "
              "Angela Merkel in Paris, France, with 40 members and $5 million in 2019, the first time.")
    app = ReaderApp(seeds, home=home)
    async with app.run_test(size=SMALL) as pilot:
        await open_result(pilot, "brotherhood", "union.txt")
        screen = app.reader_screen
        await pilot.press("e")
        await pilot.pause()
        assert screen.reader.size.width >= 40
        legend = screen.query_one(EntityLegend)
        right = legend.content_region.right
        assert all(item.region.right <= right for item in legend.query(LegendItem))  # whole items, or "+N"
        options = screen.query_one(EntityList)
        prompts = [options.get_option_at_index(i).prompt.plain for i in range(options.option_count)]
        long_one = next((p for p in prompts if "Inter" in p), prompts)
        assert isinstance(long_one, str), long_one
        assert long_one.endswith(" 2") and "…" in long_one
        assert cell_len(long_one) <= options.scrollable_content_region.width - 2  # one line: the count stays on it
        await pilot.press("e")
        await pilot.pause()
        assert screen.query_one("#left").display  # the list comes back with the panel closed


async def test_the_text_does_not_move_when_entities_arrive(seeds, home):
    """Item 12: the legend's line is there before the entity phase reaches the open document."""
    from search_index import Index

    index = Index(seeds, home=home)
    index.sync(entities=False)
    ReadingState(SEED_DOC, 0.0).save(index.location)
    index.close()
    app = ReaderApp(seeds, home=home)
    async with app.run_test(size=SIZE) as pilot:
        await wait_open(pilot, SEED_DOC)
        reader = app.reader_screen.reader
        assert reader.document.entities is None
        first = reader.paragraph_of(reader.document.paragraphs[0].start)
        before = first.region
        await until(pilot, lambda: reader.document.entities is not None, "the entity phase", 90)
        await pilot.pause()
        assert first.region == before


async def test_help_scrolls_with_vim_keys(seeds, home):
    """Item 13."""
    app = ReaderApp(seeds, home=home, sync=False)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("question_mark")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen), "help")
        await pilot.pause()
        scroll = app.screen.query_one("VerticalScroll")
        await pilot.press("j", "j")
        assert scroll.scroll_y == 2
        await pilot.press("G")
        await pilot.pause()
        assert scroll.scroll_y == scroll.max_scroll_y > 2
        await pilot.press("k")
        assert scroll.scroll_y == scroll.max_scroll_y - 1
        await pilot.press("g")
        assert scroll.scroll_y == 0


async def test_a_quote_from_another_folder_opens_there_and_deleting_can_be_undone(seeds, tmp_path, home):
    """Item 8: the quote book opens a quote in its own folder, says when it is gone; u undoes d."""
    other = tmp_path / "other"
    write_doc(other, "notes.txt", "Other folder notes", "Nothing about the seeds here at all.")
    app = ReaderApp(seeds, home=home)
    async with app.run_test(size=SIZE) as pilot:
        await open_result(pilot, "ishiba", SEED_DOC)
        await pilot.press("v", "y")
        await until(pilot, lambda: QuoteBook(home).quotes(), "the quote in the book")
    quote = QuoteBook(home).quotes()[0]
    app = ReaderApp(other, home=home)
    async with app.run_test(size=SIZE) as pilot:
        await wait_synced(pilot)
        await pilot.press("Q")
        await until(pilot, lambda: getattr(app.screen, "states", None), "the quote book")
        await pilot.press("d")
        await until(pilot, lambda: app.screen.states == [], "the quote deleted")
        await pilot.press("u")
        await until(pilot, lambda: app.screen.states, "the quote back")
        assert [q.id for q in QuoteBook(home).quotes()] == [quote.id]
        await pilot.press("enter")
        await until(pilot, lambda: app.reader_screen.root == seeds, "the reader on the quote's folder")
        reader = app.reader_screen.reader
        await wait_open(pilot, SEED_DOC)
        await until(pilot, lambda: reader.matches == [(quote.start, quote.end)], "the quote marked")
        assert reader.current == 0 and app.focused is reader  # keys scroll what was opened
    (seeds / SEED_DOC).unlink()
    app = ReaderApp(other, home=home, sync=False)
    async with app.run_test(size=SIZE) as pilot:
        shown = record_notices(app)
        await pilot.press("Q")
        await until(pilot, lambda: getattr(app.screen, "states", None), "the quote book")
        await pilot.press("enter")
        await until(pilot, lambda: any("no longer there" in n for n in shown), "the plain word that it is gone")
        assert isinstance(app.screen, type(app.screen)) and app.reader_screen.root == other
