"""Saved searches and bookmarks in a real terminal (tmux): keys in, screen out."""

from __future__ import annotations

import json
import subprocess

import pytest

from tests.app_helpers import write_doc
from tests.terminal import Terminal, seed_reader_command

pytestmark = pytest.mark.e2e


def test_a_saved_search_announces_new_documents_and_a_bookmark_survives_a_restart(tmp_path, home):
    corpus = tmp_path / "news"
    write_doc(corpus, "old.txt", "Steel tariffs rise", "The government raised steel tariffs on imports.", "Then the unions replied.")
    write_doc(corpus, "garden.txt", "Gardening", "Water the roses in the evening.")
    command = seed_reader_command() + ["--home", str(home), str(corpus)]
    terminal = Terminal(120, 40)
    try:
        terminal.start(command)
        terminal.wait_for("2 documents")
        terminal.keys("/")
        terminal.type("steel tariffs")
        terminal.wait_for("1 document matches")
        terminal.keys("C-s")
        terminal.wait_for("Save this search as:", "▊  steel tariffs")  # the query, selected: typing replaces it
        terminal.type("steel watch")
        terminal.keys("Enter")
        terminal.wait_for("Saved search “steel watch”")

        write_doc(corpus, "reply.txt", "The EU answers", "Brussels answered the steel tariffs.")  # the watcher syncs it
        terminal.wait_for("1 saved search has new documents (S)")
        terminal.keys("Escape")  # out of the search bar (a key of its own: ESC then S reads as alt+S)
        terminal.wait_for("Next match")  # the footer shows the letter keys again
        terminal.keys("S")
        terminal.wait_for("steel watch", "1 new", "2 documents match")
        terminal.keys("Enter")
        terminal.wait_for("2 documents match, 1 new", "new The EU answers")
        terminal.keys("j")  # the new one ranks second (its title does not match)
        terminal.keys("Enter")
        terminal.wait_for("╭─ The EU answers")  # open in the reader (its title on the border)
        terminal.keys("m")
        terminal.wait_for("A note (optional)")
        terminal.type("their answer")
        terminal.keys("Enter")
        terminal.wait_for("Bookmarked ¶1")
        terminal.keys("C-q")
    finally:
        terminal.close()

    listed = subprocess.run(command[:-1] + ["bookmarks", "--json"], capture_output=True, text=True, check=True)
    [mark] = json.loads(listed.stdout)["bookmarks"]
    assert (mark["doc"], mark["paragraph"], mark["note"]) == ("reply.txt", 1, "their answer")

    terminal = Terminal(120, 40)  # a restart: the bookmark, and the saved search seen
    try:
        terminal.start(command)
        terminal.wait_for("3 documents")
        terminal.keys("'")
        terminal.wait_for("Bookmarks: 1 bookmark", "their answer")
        terminal.keys("Enter")
        terminal.wait_for("╭─ The EU answers")  # the list gone, the reader at the bookmark
        terminal.keys("S")
        screen = terminal.wait_for("steel watch", "2 documents match")
        assert "1 new" not in screen
    finally:
        terminal.close()
