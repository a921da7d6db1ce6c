"""End to end, in tmux: a document's bytes never drive the terminal, its brackets are never markup."""

from __future__ import annotations

import time

import pytest

from tests.hostile import INJECTION, MARKUP
from tests.terminal import Terminal, seed_reader_command

pytestmark = pytest.mark.e2e


def test_escape_sequences_in_a_document_stay_inert_text(tmp_path, home):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "injection.txt").write_text(
        f"Injection {INJECTION} headline\ninjectionmarker {INJECTION} after\nThe last paragraph stillvisible.\n"
    )
    (corpus / "markup.txt").write_text(f"Markup {MARKUP}\nmarkupmarker {MARKUP}\n")
    terminal = Terminal(120, 40)
    try:
        terminal.start(seed_reader_command() + ["--home", str(home), str(corpus)])
        terminal.wait_for("2 documents")
        original_title = terminal.title()
        terminal.keys("/")
        terminal.type("injectionmarker")
        terminal.wait_for("1 document match")
        terminal.keys("Enter")
        screen = terminal.wait_for("1 / ")
        time.sleep(0.5)  # anything the document could do to the terminal has happened by now
        screen = terminal.screen()
        assert "stillvisible" in screen and "2 documents" in screen  # nothing cleared the screen
        assert "␛[2J" in screen  # the sequence is shown, inert
        assert terminal.clipboard() == ""  # OSC 52 did not reach tmux's buffer
        assert "EVIL" not in terminal.title() and "C1 TITLE" not in terminal.title()
        assert terminal.title() == original_title

        for key in ("Escape", "Escape", "/", "C-u"):  # apart: ESC then / at once reads as alt+/
            terminal.keys(key)
            time.sleep(0.3)
        terminal.type("markupmarker")
        terminal.wait_for("1 document match")
        terminal.keys("Enter")
        # The reader shows the brackets as typed (a snippet in the results list shows them cut short).
        screen = terminal.wait_for("markupmarker [bold red]not bold[/]", "[link=https://evil.example/]", "[@click=app.quit]")
        row, line = [(n, text) for n, text in enumerate(screen.splitlines()) if "[@click=app.quit]" in text][-1]
        column = line.index("[@click") + 3
        terminal.type(f"\x1b[<0;{column};{row + 1}M\x1b[<0;{column};{row + 1}m")  # click the would-be action
        time.sleep(1)
        assert "markupmarker" in terminal.screen()  # still running: the click quit nothing
    finally:
        terminal.close()
