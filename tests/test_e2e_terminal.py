"""End to end, in a real terminal: seed-reader on a copy of the Wikinews corpus in tmux."""

from __future__ import annotations

import re
import time

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
        screen = terminal.wait_for(" ─╯")  # the reader's counter, in its bottom border
        deadline = time.monotonic() + 30
        while not (counter := re.search(r"(\d+) / (\d+) ─", screen)) and time.monotonic() < deadline:
            time.sleep(0.1)
            screen = terminal.screen()
        assert counter, screen
        # It opens at the match the snippet showed ("…to elect Boris Johnson"), and that one is current.
        current, total = map(int, counter.groups())
        assert 1 < current < total
        coloured = terminal.screen(colours=True)
        assert "Conservative" in screen
        assert sgr_background(COLOURS["PERSON"]) in coloured  # people are coloured as people
        assert sgr_background(COLOURS["GPE"]) in coloured
        terminal.keys("n")
        terminal.wait_for(f"{current + 1} / {total}")
    finally:
        terminal.close()


def test_copied_quotes_arrive_in_the_tmux_buffer(seeds, home):
    """Keys, then a mouse drag (raw SGR reports), each copy reaching tmux through OSC 52."""
    terminal = Terminal(120, 40)
    try:
        terminal.start(seed_reader_command() + ["--home", str(home), str(seeds)])
        terminal.wait_for("1 document")
        terminal.keys("/")
        terminal.type('"trump tower"')
        terminal.wait_for("Japan’s PM Ishiba")
        terminal.keys("Enter")
        terminal.wait_for("1 / 1 ")
        terminal.keys("v")  # the sentence with the match
        terminal.keys("y")
        terminal.wait_for("Copied")
        sentence = "Former Prime Minister Abe also visited Trump shortly after the 2016 election in a quick meeting at Trump Tower."
        citation = "— Japan’s PM Ishiba Seeks Urgent Meeting with Trump After G20 Summit (000_91986847445cdae3.txt, ¶4)"
        assert terminal.clipboard() == f"“{sentence}” {citation}"

        terminal.keys("g")  # back to the top of the document
        screen = terminal.wait_for("Japanese Prime Minister Shigeru")
        row, line = next((n, text) for n, text in enumerate(screen.splitlines()) if "Japanese Prime Minister" in text)
        start = line.index("Shigeru Ishiba") + 1  # SGR mouse columns and rows are 1-based
        end = start + len("Shigeru Ishiba") - 1  # released on its last letter, which a terminal drag includes
        terminal.type(f"\x1b[<0;{start};{row + 1}M")
        terminal.type(f"\x1b[<32;{end};{row + 1}M")
        terminal.type(f"\x1b[<0;{end};{row + 1}m")
        terminal.keys("y")
        terminal.wait_for("Copied 14 characters")
        assert terminal.clipboard().startswith("“Shigeru Ishiba” — Japan’s PM")
    finally:
        terminal.close()
