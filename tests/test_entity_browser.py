"""The entity browser (`E`) under Pilot, on a tiny folder indexed with the real model.

The issue's case: one article names "Tove Aasland", two say only "Aasland";
the browser shows her once, with 3 documents.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, Static

from search_index import Index
from tests.app_helpers import until, wait_open, write_doc
from tui.app import ReaderApp
from tui.screens.entity_browser import EntityBrowser
from tui.widgets.entity_detail import EntityDocuments
from tui.widgets.entity_panel import EntityList, EntityPanel
from tui.widgets.entity_table import EntityTable

SIZE = (120, 40)


def write_aasland(folder: Path) -> Path:
    write_doc(
        folder,
        "2024-03-01-fisheries.txt",
        "Norway tightens fishing quotas",
        "Fisheries minister Aasland told reporters in Oslo on Monday that the cod quota would fall by a fifth.",
        '"We have no choice," Aasland said, adding that the fleet would be compensated.',
    )
    write_doc(
        folder,
        "2024-03-05-harbour.txt",
        "Harbour strike ends",
        "The strike at the port of Bergen ended on Friday after talks led by Aasland.",
        "Union leaders thanked Aasland for her patience during the negotiations.",
    )
    write_doc(
        folder,
        "2024-04-10-profile.txt",
        "Profile: the minister who rewrote the quotas",
        "Tove Aasland, Norway's minister of fisheries, grew up in a fishing village north of Tromsø.",
        "Before politics, Aasland worked as a marine biologist for the Institute of Marine Research.",
    )
    return folder


@pytest.fixture(scope="module")
def aasland(tmp_path_factory, recognizer) -> tuple[Path, Path]:
    """The folder indexed once (the real model, in process); the tests read it with sync off."""
    folder = write_aasland(tmp_path_factory.mktemp("aasland"))
    home = tmp_path_factory.mktemp("aasland-home")
    index = Index(folder, home=home)
    index.sync(recognizer=recognizer)
    index.close()
    return folder, home


def rows(table: EntityTable) -> list[str]:
    """The list's rows as the user sees them."""
    return [table.render_line(y).text.strip() for y in range(table.size.height) if table.render_line(y).text.strip()]


def status(screen: EntityBrowser) -> str:
    return str(screen.query_one("#browser-status", Static).render())


async def open_browser(pilot) -> EntityBrowser:
    await until(pilot, lambda: pilot.app.reader_screen.index is not None, "the index to open")
    await pilot.press("E")
    await until(pilot, lambda: isinstance(pilot.app.screen, EntityBrowser), "the browser")
    screen = pilot.app.screen
    await until(pilot, lambda: "entities" in status(screen) or "entity" in status(screen), "the count")
    await pilot.pause()
    return screen


async def settle(pilot, screen: EntityBrowser) -> None:
    """Until the list shows its current query's count (the rows come before it)."""
    await until(pilot, lambda: "…" not in status(screen), "the list to be counted")
    await pilot.pause()


async def type_filter(pilot, screen: EntityBrowser, text: str) -> None:
    screen.query_one("#filter", Input).focus()
    for key in text:
        await pilot.press(key if key != " " else "space")
    await settle(pilot, screen)


async def test_E_lists_every_entity_with_tove_aasland_in_three_documents(aasland):
    folder, home = aasland
    app = ReaderApp(folder, home=home, sync=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_browser(pilot)
        shown = rows(screen.table)
        names = {" ".join(row.split()[1:-2]): row.split() for row in shown}
        assert names["Tove Aasland"][0] == "person" and names["Tove Aasland"][-2] == "3"  # once, in 3 documents
        assert int(names["Tove Aasland"][-1]) >= 3  # mentions: at least one a document
        assert "Aasland" not in names  # the short form is her, not an entity of its own
        assert any("Norway" in row for row in shown) and any("Oslo" in row for row in shown)
        assert f"{len(shown)} entities" in status(screen)


async def test_the_filter_narrows_the_list_as_you_type(aasland):
    folder, home = aasland
    app = ReaderApp(folder, home=home, sync=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_browser(pilot)
        everything = len(rows(screen.table))
        await type_filter(pilot, screen, "aasl")
        assert [row.split(maxsplit=1)[1] for row in rows(screen.table)][0].startswith("Tove Aasland")
        assert len(rows(screen.table)) == 1 < everything
        assert "1 entity" in status(screen)
        await type_filter(pilot, screen, "zzz")
        assert rows(screen.table) == [] and "0 entities" in status(screen)
        for _ in range(7):
            await pilot.press("backspace")
        await settle(pilot, screen)
        assert len(rows(screen.table)) == everything


async def test_type_keys_show_one_type_and_o_cycles_the_sort(aasland):
    folder, home = aasland
    app = ReaderApp(folder, home=home, sync=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_browser(pilot)
        everything = rows(screen.table)
        screen.table.focus()
        await pilot.press("1")
        await settle(pilot, screen)
        people = rows(screen.table)
        assert people and all(row.startswith("person") for row in people) and len(people) < len(everything)
        await pilot.press("2")
        await settle(pilot, screen)
        places = rows(screen.table)
        assert {"Oslo", "Norway"} <= {row.split()[1] for row in places} and all(row.startswith("place") for row in places)
        await pilot.press("2")  # again: every type
        await settle(pilot, screen)
        assert len(rows(screen.table)) == len(everything)
        sorts = []
        for _ in range(3):
            await pilot.press("o")
            await settle(pilot, screen)
            sorts.append(status(screen).split("sort: ")[1].split()[0])
        assert sorts == ["mentions", "name", "recent"]
        await pilot.press("o")  # back to documents
        await settle(pilot, screen)
        await pilot.press("o", "o")
        await settle(pilot, screen)
        names = [" ".join(row.split()[1:-2]) for row in rows(screen.table)]
        assert names == sorted(names, key=str.casefold) and len(names) == len(everything)


async def test_enter_lists_her_documents_and_opens_one_at_her_first_mention(aasland):
    folder, home = aasland
    app = ReaderApp(folder, home=home, sync=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_browser(pilot)
        await type_filter(pilot, screen, "tove")
        await pilot.press("enter")  # from the filter to the list
        await pilot.press("enter")  # the entity: its documents
        documents = screen.query_one(EntityDocuments)
        await until(pilot, lambda: documents.option_count == 3, "her three documents")
        assert app.focused is documents
        shown = [str(documents.get_option_at_index(n).prompt) for n in range(3)]
        for title, date in [("Norway tightens", "2024-03-01"), ("Harbour strike ends", "2024-03-05"), ("Profile: the", "2024-04-10")]:
            assert any(row.startswith(title) and date in row for row in shown), (title, shown)
        await pilot.press("down", "enter")
        await until(pilot, lambda: app.screen is app.reader_screen, "the reader")
        await wait_open(pilot)
        reader = app.reader_screen.reader
        await until(pilot, lambda: reader.current == 0, "the first mention to be current")
        text = reader.document.text
        start, end = reader.matches[0]
        assert text[start:end] in {"Aasland", "Tove Aasland"}
        assert all(text[s:e] in {"Aasland", "Tove Aasland"} for s, e in reader.matches) and len(reader.matches) == 2


async def test_b_in_the_entity_panel_shows_that_entity_in_the_browser(aasland):
    folder, home = aasland
    app = ReaderApp(folder, home=home, sync=False)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.reader_screen.index is not None, "the index to open")
        app.reader_screen.open_document("2024-03-05-harbour.txt")
        await wait_open(pilot, "2024-03-05-harbour.txt")
        await pilot.press("e")
        panel = app.reader_screen.query_one(EntityPanel)
        entities = panel.query_one(EntityList)
        row = next(n for n, group in enumerate(panel.groups) if group.canonical == "Tove Aasland")
        entities.highlighted = row
        await pilot.press("b")
        await until(pilot, lambda: isinstance(app.screen, EntityBrowser), "the browser")
        screen = app.screen
        assert screen.query_one("#filter", Input).value == "Tove Aasland"
        documents = screen.query_one(EntityDocuments)
        await until(pilot, lambda: documents.option_count == 3, "her documents")
        assert rows(screen.table)[0].split()[1:3] == ["Tove", "Aasland"]
        await pilot.press("escape", "escape")
        assert app.screen is app.reader_screen


async def test_the_command_palette_opens_the_browser_and_a_sync_refreshes_it(tmp_path, recognizer):
    """Opened while the folder holds only the short forms: the full-name article's sync relinks them, on screen."""
    folder = write_aasland(tmp_path / "corpus")
    profile = folder / "2024-04-10-profile.txt"
    kept = profile.read_text(encoding="utf-8")
    profile.unlink()
    home = tmp_path / "home"
    index = Index(folder, home=home)
    index.sync(recognizer=recognizer)
    index.close()
    app = ReaderApp(folder, home=home, sync=False)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.reader_screen.index is not None, "the index to open")
        await pilot.press("ctrl+p")
        for key in "entity browser":
            await pilot.press(key if key != " " else "space")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, EntityBrowser), "the browser from the palette")
        screen = app.screen
        await settle(pilot, screen)
        names = [" ".join(row.split()[1:-2]) for row in rows(screen.table)]
        assert "Aasland" in names and "Tove Aasland" not in names
        profile.write_text(kept, encoding="utf-8")
        writer = Index(folder, home=home)
        writer.sync(recognizer=recognizer)  # as the sync subprocess would
        writer.close()
        app.reader_screen.service.post_message(app.reader_screen.service.DocumentsChanged())
        await until(pilot, lambda: any("Tove Aasland" in row for row in rows(screen.table)), "the list to follow the sync")
        assert not any(" ".join(row.split()[1:-2]) == "Aasland" for row in rows(screen.table))


async def test_visiting_the_browser_again_and_again_leaves_nothing_behind(aasland):
    """Textual's footer and style cache kept every closed screen's widgets (textual#6665, #6666):
    memory grew with each visit, and so did each garbage collection's pause."""
    import gc

    from textual._styles_cache import StylesCache
    from textual.widgets._footer import FooterKey

    def alive() -> tuple[int, int]:
        gc.collect()
        objects = gc.get_objects()
        return sum(isinstance(o, FooterKey) for o in objects), sum(isinstance(o, StylesCache) for o in objects)

    folder, home = aasland
    app = ReaderApp(folder, home=home, sync=False)
    async with app.run_test(size=SIZE) as pilot:
        counts = []
        for _ in range(6):
            await open_browser(pilot)
            await pilot.press("escape")
            await until(pilot, lambda: app.screen is app.reader_screen, "the reader")
            await pilot.pause(0.2)
            counts.append(alive())
        assert counts[-1][0] <= counts[1][0] and counts[-1][1] <= counts[1][1] + 5, counts
