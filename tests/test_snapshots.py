"""Snapshots of the main screens (pytest-textual-snapshot; `--snapshot-update` rewrites them)."""

from __future__ import annotations

import pytest

from tests.app_helpers import open_result, wait_open, wait_synced, write_doc
from tests.conftest import copy_seed
from tui.app import ReaderApp


@pytest.fixture
def snap_corpus(tmp_path):
    # A fixed folder name: the reader shows nothing of the path, but keep it stable anyway.
    corpus = copy_seed(tmp_path / "corpus")
    write_doc(corpus, "2024-11-20-tokyo.txt", "Tokyo prepares for Trump talks", "Officials in Tokyo said Shigeru Ishiba would meet Donald Trump.")
    return corpus


def test_reading_a_search_result(snap_compare, snap_corpus, home):
    async def run_before(pilot):
        await pilot.pause()
        await open_result(pilot, "ishiba")
        await pilot.press("n")
        await pilot.pause()

    assert snap_compare(ReaderApp(snap_corpus, home=home), terminal_size=(120, 40), run_before=run_before)


def test_entity_panel(snap_compare, snap_corpus, home):
    async def run_before(pilot):
        await pilot.pause()
        await wait_synced(pilot)
        pilot.app.reader_screen.documents.focus()
        await pilot.press("enter")
        await wait_open(pilot)
        await pilot.press("e")
        await pilot.pause()

    assert snap_compare(ReaderApp(snap_corpus, home=home), terminal_size=(120, 40), run_before=run_before)


def test_help_screen_at_80x24(snap_compare, snap_corpus, home):
    async def run_before(pilot):
        await pilot.pause()
        await wait_synced(pilot)
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(ReaderApp(snap_corpus, home=home), terminal_size=(80, 24), run_before=run_before)
