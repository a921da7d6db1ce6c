"""The reader under Pilot: each flow a user goes through, on real indexes."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from tests.app_helpers import open_result, paragraph_styles, search, until, wait_open, wait_synced, write_doc
from tests.conftest import SEED_DOC
from tui.app import ReaderApp
from tui.palette import CURRENT_MATCH_STYLE, entity_style
from tui.screens.help_screen import HelpScreen
from tui.widgets.entity_legend import EntityLegend
from tui.widgets.entity_panel import EntityPanel
from tui.widgets.paragraph import Paragraph
from tui.widgets.search_bar import Mode, SearchBar

SIZE = (120, 40)


@pytest.fixture
def corpus(seeds):
    write_doc(
        seeds,
        "2024-11-20-tokyo.txt",
        "Tokyo prepares for Trump talks",
        "Officials in Tokyo said Shigeru Ishiba would meet Donald Trump.",
        "A second paragraph without the name of anyone.",
        "Trump later confirmed the meeting with Ishiba in New York.",
    )
    write_doc(seeds, "2019-01-01-other.txt", "Volcano erupts in Iceland", "Lava flowed for days near Reykjavik.")
    return seeds


async def test_opening_from_the_list_shows_paragraphs_and_coloured_entities(corpus, home):
    app = ReaderApp(corpus, home=home)
    async with app.run_test(size=SIZE) as pilot:
        await wait_synced(pilot)
        screen = app.reader_screen
        row = next(n for n in range(screen.documents.count) if screen.documents.row(n).id == SEED_DOC)
        screen.documents.select(row)
        await pilot.press("enter")
        await wait_open(pilot, SEED_DOC)
        paragraphs = list(screen.reader.query(Paragraph))
        assert len(paragraphs) == 7  # the title and six paragraphs
        styles = paragraph_styles(paragraphs[1])
        assert entity_style("PERSON") in styles["Shigeru Ishiba"]
        assert entity_style("GPE") in styles["Japan"]
        legend = screen.query_one(EntityLegend)
        assert legend.labels[0] == "PERSON" and "GPE" in legend.labels


async def test_search_as_you_type_then_enter_opens_at_the_snippets_match(corpus, home):
    app = ReaderApp(corpus, home=home)
    async with app.run_test(size=SIZE) as pilot:
        await wait_synced(pilot)
        await search(pilot, "ishiba")  # (a word begun, "ishi", settles on what the CLI finds: nothing)
        screen = app.reader_screen
        assert {hit.doc for hit in screen.results.hits} == {SEED_DOC, "2024-11-20-tokyo.txt"}
        await pilot.press("enter")
        await wait_open(pilot)
        reader = screen.reader
        hit = screen.results.hits[screen.results.highlighted]
        assert reader.current is not None and reader.matches
        assert reader.border_subtitle.startswith(f"{reader.current + 1} / {len(reader.matches)}")
        start, end = reader.matches[reader.current]
        assert reader.document.text[start:end] == "Ishiba"
        snippet_mark = hit.snippet[slice(*hit.snippet_marks[0])]
        assert snippet_mark == "Ishiba" and reader.document.text[start - 20 : end].replace("\n", " ") in hit.snippet
        assert app.focused is reader


async def test_n_and_N_walk_matches_and_cross_into_the_next_result(corpus, home):
    app = ReaderApp(corpus, home=home)
    async with app.run_test(size=SIZE) as pilot:
        await open_result(pilot, "ishiba")
        screen = app.reader_screen
        first_doc = screen.reader.document.id
        total = len(screen.reader.matches)
        for expected in range(screen.reader.current + 1, total):
            await pilot.press("n")
            assert screen.reader.current == expected
        current = screen.reader.paragraph_of(screen.reader.matches[-1][0])
        assert CURRENT_MATCH_STYLE in {s for styles in paragraph_styles(current).values() for s in styles}
        await pilot.press("n")  # past the last match: the next result opens at its first
        await until(pilot, lambda: screen.reader.document.id != first_doc, "the next result to open")
        assert screen.reader.current == 0
        await pilot.press("N")  # and back: the previous result at its last match
        await until(pilot, lambda: screen.reader.document.id == first_doc, "the previous result to open")
        await until(pilot, lambda: screen.reader.current == total - 1, "the last match")


async def test_stale_results_never_replace_newer_ones(corpus, home):
    app = ReaderApp(corpus, home=home)
    async with app.run_test(size=SIZE) as pilot:
        await wait_synced(pilot)
        await search(pilot, "volcano")
        screen = app.reader_screen
        newer = screen.results.result
        older = screen.index.search("ishiba", as_you_type=True)
        bar = screen.search_bar  # results for a keystroke the user has typed past
        bar.post_message(SearchBar.Results(bar.generation - 1, older, Mode.TYPING))
        await pilot.pause(0.2)
        shown = screen.results.result  # `newer`, or the same query searched in full once typing settled
        assert shown is not older and shown.query == newer.query == "volcano"


async def test_a_bad_query_shows_a_hint_inline(corpus, home):
    app = ReaderApp(corpus, home=home)
    async with app.run_test(size=SIZE) as pilot:
        await wait_synced(pilot)
        await search(pilot, 'colour:red')
        results = app.reader_screen.results
        assert str(results.query_one("#summary").render()) == "No documents match"
        assert "Unknown field colour:" in str(results.query_one("#advice").render())  # under it, wrapped
        await search(pilot, "ishiba")
        assert not results.query_one("#advice").display  # gone once something matches


async def test_entity_types_toggle_from_keys_and_legend(corpus, home):
    app = ReaderApp(corpus, home=home)
    async with app.run_test(size=SIZE) as pilot:
        await open_result(pilot, "ishiba", SEED_DOC)
        screen = app.reader_screen
        title = screen.reader.paragraph_of(0)
        assert entity_style("GPE") in paragraph_styles(title)["Japan"]
        gpe = screen.query_one(EntityLegend).labels.index("GPE") + 1
        await pilot.press(str(gpe))
        assert "GPE" in screen.reader.hidden_labels
        assert "Japan" not in paragraph_styles(title)
        await pilot.click("LegendItem.-hidden")
        assert "GPE" not in screen.reader.hidden_labels
        assert entity_style("GPE") in paragraph_styles(title)["Japan"]


async def test_entity_panel_jumps_to_mentions_and_searches_the_corpus(corpus, home):
    app = ReaderApp(corpus, home=home)
    async with app.run_test(size=SIZE) as pilot:
        await open_result(pilot, "ishiba", SEED_DOC)
        await pilot.press("e")
        screen = app.reader_screen
        panel = screen.query_one(EntityPanel)
        assert panel.display and panel.groups[0].canonical == "Donald Trump"
        await pilot.press("enter")
        reader = screen.reader
        assert {reader.document.text[s:e] for s, e in reader.matches} == {"Trump", "Donald Trump"}
        assert reader.current == 0
        panel.query_one("EntityList").focus()
        await pilot.press("s")
        field = screen.query_one("#search", Input)
        assert field.value == 'person:"Donald Trump"'
        await until(pilot, lambda: screen.results.result and screen.results.result.query == field.value, "entity results")
        assert {hit.doc for hit in screen.results.hits} == {SEED_DOC, "2024-11-20-tokyo.txt"}


async def test_only_matching_paragraphs(corpus, home):
    app = ReaderApp(corpus, home=home)
    async with app.run_test(size=SIZE) as pilot:
        await wait_synced(pilot)
        await search(pilot, "ishiba")
        screen = app.reader_screen
        tokyo = next(i for i, h in enumerate(screen.results.hits) if h.doc == "2024-11-20-tokyo.txt")
        screen.results.select(tokyo)
        screen.results.focus_hits()
        await pilot.press("enter")
        await wait_open(pilot, "2024-11-20-tokyo.txt")
        await pilot.press("f")
        shown = [p.number for p in screen.reader.query(Paragraph) if p.display]
        assert shown == [0, 1, 3]  # the title stays; the paragraph without a match goes
        await pilot.press("f")
        assert all(p.display for p in screen.reader.query(Paragraph))


async def test_escape_goes_back_to_results_then_to_reading(corpus, home):
    app = ReaderApp(corpus, home=home)
    async with app.run_test(size=SIZE) as pilot:
        await open_result(pilot, "ishiba")
        screen = app.reader_screen
        await pilot.press("escape")
        assert app.focused.__class__.__name__ == "HitList"
        await pilot.press("escape")
        assert app.focused is screen.reader
        assert screen.reader.document is not None  # reading, same document


async def test_reopens_at_the_last_document_and_position(corpus, home):
    long_doc = write_doc(corpus, "long.txt", "A long read", *[f"Paragraph {n} about glaciers and rivers." for n in range(200)])
    app = ReaderApp(corpus, home=home)
    async with app.run_test(size=SIZE) as pilot:
        await open_result(pilot, "glaciers", "long.txt")
        screen = app.reader_screen
        screen.reader.scroll_to(y=120, animate=False)
        await pilot.pause()
        scrolled = screen.reader.scroll_y
        assert scrolled > 50
        await pilot.press("ctrl+q")
    again = ReaderApp(corpus, home=home)
    async with again.run_test(size=SIZE) as pilot:
        await wait_open(pilot, "long.txt")
        await until(pilot, lambda: again.reader_screen.reader.scroll_y == scrolled, "the saved scroll position")
    assert long_doc.exists()


async def test_document_text_is_never_markup_or_terminal_control(seeds, home):
    write_doc(seeds, "evil.txt", "[bold red]Loud[/] title", "Clear \x1b[2J screen [@click=app.quit]x[/] and \x9b31m.")
    app = ReaderApp(seeds, home=home)
    async with app.run_test(size=SIZE) as pilot:
        await open_result(pilot, "loud", "evil.txt")
        title, body = list(app.reader_screen.reader.query(Paragraph))
        assert title.content.plain == "[bold red]Loud[/] title"
        assert body.content.plain == "Clear ␛[2J screen [@click=app.quit]x[/] and \ufffd31m."
        await pilot.click(Paragraph, offset=(20, 0))
        assert app.is_running


async def test_new_files_appear_without_a_restart(corpus, home):
    app = ReaderApp(corpus, home=home)
    async with app.run_test(size=SIZE) as pilot:
        await wait_synced(pilot)
        before = app.reader_screen.documents.count
        write_doc(corpus, "fresh.txt", "Fresh arrival", "A file added while the reader runs, about penguins.")
        await until(pilot, lambda: app.reader_screen.documents.count == before + 1, "the new file in the list", 60)
        await wait_synced(pilot)
        await search(pilot, "penguins")
        assert [hit.doc for hit in app.reader_screen.results.hits] == ["fresh.txt"]


async def test_help_screen_and_sorting(corpus, home):
    app = ReaderApp(corpus, home=home)
    async with app.run_test(size=SIZE) as pilot:
        await wait_synced(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert app.screen is app.reader_screen
        documents = app.reader_screen.documents
        documents.focus()
        assert documents.row(0).title.startswith("Japan")  # by title
        await pilot.press("o")
        assert documents.sort == "date" and documents.row(0).date == "2024-11-20"
        await pilot.press("o")
        assert documents.sort == "path" and documents.row(0).id == "000_91986847445cdae3.txt"


async def test_keys_typed_right_after_slash_all_reach_the_search_bar(corpus, home):
    """Keys in one burst (a fast typist, tmux send-keys) must not leak into the list."""
    from textual import events

    app = ReaderApp(corpus, home=home)
    async with app.run_test(size=SIZE) as pilot:
        await wait_synced(pilot)
        documents = app.reader_screen.documents
        documents.focus()
        await pilot.pause()
        for char in "/volcano":
            app.post_message(events.Key("slash" if char == "/" else char, char))
        field = app.reader_screen.query_one("#search", Input)
        await until(pilot, lambda: field.value == "volcano", "the whole query in the search bar")
        assert documents.sort == "title"  # the `o` did not sort the list
        await pilot.press("slash")
        assert field.value == "volcano/"  # in the search bar, `/` is a character


async def test_keys_typed_right_after_ctrl_l_are_the_new_query_wherever_focus_was(corpus, home):
    """ctrl+l and a word in one burst, from the search bar holding a query and from the entity panel."""
    from textual import events

    app = ReaderApp(corpus, home=home)
    async with app.run_test(size=SIZE) as pilot:
        await open_result(pilot, "ishiba", SEED_DOC)
        screen = app.reader_screen
        field = screen.query_one("#search", Input)
        for setup in ("slash", "e"):  # the search bar, then the entity panel
            await pilot.press(setup)
            await pilot.pause()
            app.post_message(events.Key("ctrl+l", None))
            for char in "storm":
                app.post_message(events.Key(char, char))
            await until(pilot, lambda: field.value == "storm" and app.focused is field, f"the new query ({setup})")
            await pilot.pause(0.3)
            assert field.value == "storm", (setup, field.value)
            await pilot.press("escape")


async def test_the_open_document_follows_its_file_when_it_changes_or_goes(corpus, home):
    app = ReaderApp(corpus, home=home)
    async with app.run_test(size=SIZE) as pilot:
        await open_result(pilot, "volcano", "2019-01-01-other.txt")
        reader = app.reader_screen.reader
        path = reader.document.path
        path.write_text("Volcano erupts in Iceland\nLava reached the sea near Grindavik.\n", encoding="utf-8")

        def caught_up() -> bool:
            document = reader.document
            return "Grindavik" in document.text and not document.stale and document.entities is not None

        await until(pilot, caught_up, "the reader to show the re-indexed file", 60)
        assert not reader.query(".-notice")
        path.unlink()
        await until(pilot, lambda: reader.query(".-notice"), "the notice that the file is gone", 60)
        assert "deleted" in str(reader.query_one(".-notice").render())
        assert reader.document is not None  # still readable


async def test_a_second_reader_reads_while_another_process_indexes(corpus, home):
    from search_index import Index

    Index(corpus, home=home).sync(entities=False)  # what the other instance has indexed so far
    holder = Index(corpus, home=home)
    try:
        with holder.write_lock():  # as another seed-reader indexing would hold it
            app = ReaderApp(corpus, home=home)
            async with app.run_test(size=SIZE) as pilot:
                status = app.reader_screen.status.query_one("#label")
                await until(pilot, lambda: "Another seed-reader" in str(status.render()), "the busy notice")
                await search(pilot, "volcano")  # the index is readable all the same
                assert [hit.doc for hit in app.reader_screen.results.hits] == ["2019-01-01-other.txt"]
    finally:
        holder.close()


async def test_the_lists_scroll_only_up_and_down(corpus, home):
    """Rows are cut to the width; a horizontal scrollbar under either list would scroll nothing."""
    for n in range(60):
        write_doc(corpus, f"more/{n:02}.txt", f"Story number {n} about Trump", "Trump said something.")
    app = ReaderApp(corpus, home=home)
    async with app.run_test(size=SIZE) as pilot:
        await wait_synced(pilot)
        screen = app.reader_screen
        assert screen.documents.show_vertical_scrollbar
        assert not screen.documents.show_horizontal_scrollbar
        await search(pilot, "trump")
        await pilot.press("enter")  # the full search: every hit, more than a screenful
        hit_list = screen.results.query_one("HitList")
        await until(pilot, lambda: len(screen.results.hits) > 10, "a full page of results")
        await pilot.pause()
        assert hit_list.show_vertical_scrollbar
        assert not hit_list.show_horizontal_scrollbar
