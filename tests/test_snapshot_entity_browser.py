"""The entity browser at 80x24, as the user sees it (pytest-textual-snapshot)."""

from __future__ import annotations

import pytest

from search_index import Index
from tests.app_helpers import until
from tests.test_entity_browser import write_aasland
from tui.app import ReaderApp
from tui.screens.entity_browser import EntityBrowser
from tui.widgets.entity_detail import EntityDocuments


@pytest.fixture
def aasland_index(tmp_path, recognizer):
    folder = write_aasland(tmp_path / "corpus")
    home = tmp_path / "home"
    index = Index(folder, home=home)
    index.sync(recognizer=recognizer)
    index.close()
    return folder, home


def test_entity_browser_at_80x24(snap_compare, aasland_index):
    folder, home = aasland_index

    async def run_before(pilot):
        await pilot.pause()
        app = pilot.app
        await until(pilot, lambda: app.reader_screen.index is not None, "the index to open")
        await pilot.press("E")
        await until(pilot, lambda: isinstance(app.screen, EntityBrowser), "the browser")
        await until(pilot, lambda: app.screen.count is not None, "the count")
        await pilot.press("enter", "enter")  # to the list; Tove Aasland's documents
        await until(pilot, lambda: app.screen.query_one(EntityDocuments).option_count == 3, "her documents")
        await pilot.pause()

    assert snap_compare(ReaderApp(folder, home=home, sync=False), terminal_size=(80, 24), run_before=run_before)
