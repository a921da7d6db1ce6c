"""End to end, in a real terminal: seed-reader on a copy of the Wikinews corpus in tmux."""

from __future__ import annotations

import pytest

from tests.terminal import Terminal, seed_reader_command
from tui.palette import COLOURS

pytestmark = pytest.mark.e2e


def sgr_background(hex_colour: str) -> str:
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"48;2;{r};{g};{b}m"


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
def test_search_shows_the_hit_and_coloured_entities(wikinews_index, size):
    terminal = Terminal(*size)
    try:
        terminal.start(seed_reader_command() + ["--home", str(wikinews_index.home), str(wikinews_index.root)])
        terminal.wait_for("317 documents")
        terminal.keys("/")
        terminal.type("boris johnson")
        terminal.wait_for("Boris Johnson elect")  # truncated at 80 columns
        terminal.keys("Enter")
        screen = terminal.wait_for("1 / ")
        coloured = terminal.screen(colours=True)
        assert "Conservative" in screen
        assert sgr_background(COLOURS["PERSON"]) in coloured  # people are coloured as people
        assert sgr_background(COLOURS["GPE"]) in coloured
        terminal.keys("n")
        terminal.wait_for("2 / ")
    finally:
        terminal.close()
