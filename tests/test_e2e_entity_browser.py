"""End to end, in a real terminal: the entity browser on a tiny folder indexed by the real sync (the model runs)."""

from __future__ import annotations

import re
import time

import pytest

from tests.terminal import Terminal, seed_reader_command
from tests.test_entity_browser import write_aasland

pytestmark = pytest.mark.e2e


def wait_until(terminal: Terminal, condition, what: str, timeout: float = 60) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        screen = terminal.screen()
        if condition(screen):
            return screen
        time.sleep(0.1)
    raise AssertionError(f"{what} never happened; the screen was:\n{terminal.screen()}")


def test_E_shows_tove_aasland_in_three_documents_and_opens_one_at_her_name(tmp_path):
    folder = write_aasland(tmp_path / "corpus")
    home = tmp_path / "home"
    terminal = Terminal(100, 30)
    try:
        terminal.start(seed_reader_command() + ["--home", str(home), str(folder)])
        terminal.wait_for("3 documents", timeout=120)  # the sync, the model's entity phase included, has ended
        terminal.keys("E")
        screen = wait_until(terminal, lambda s: re.search(r"sort: documents · \d+ entities", s), "the browser's count")
        tove = next(line for line in screen.splitlines() if "Tove Aasland" in line)
        assert re.search(r"Tove Aasland\s+3\s+\d+", tove), tove  # her row: 3 documents
        assert "Norway" in screen
        terminal.type("aasl")  # the filter has the focus
        screen = wait_until(terminal, lambda s: "1 entity" in s, "the filter to narrow the list")
        assert "Norway" not in screen.split("1 entity")[1].split("Tove Aasland")[0]
        terminal.keys("Enter")  # to the list
        terminal.keys("Enter")  # her documents
        screen = terminal.wait_for("documents per month")
        assert all(title in screen for title in ("Harbour strike ends", "Norway tightens", "Profile: the"))
        terminal.keys("Enter")  # the document she is mentioned in most (then the newest): it opens at her first mention
        screen = terminal.wait_for("1 / 2")
        assert "Tove Aasland, Norway" in screen and "Profile: the minister" in screen
    finally:
        terminal.close()
