"""End to end, in a real terminal: a PDF result opens on its page, and its quote cites the page."""

from __future__ import annotations

import pytest

from tests.formats_factory import make_pdf
from tests.terminal import Terminal, seed_reader_command
from tests.test_app_formats import PDF_BODY

pytestmark = pytest.mark.e2e


def test_a_pdf_result_opens_on_its_page_and_its_quote_cites_it(tmp_path, home):
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "audit.pdf").write_bytes(make_pdf("Port Audit Findings", PDF_BODY, author="Audit Office"))
    terminal = Terminal(120, 40)
    try:
        terminal.start(seed_reader_command() + ["--home", str(home), str(root)])
        terminal.wait_for("1 document")
        terminal.keys("/")
        terminal.type("quartermaster")
        screen = terminal.wait_for("Port Audit Findings")
        terminal.keys("Enter")
        screen = terminal.wait_for("1 / 1")
        border = next(line for line in screen.splitlines() if "1 / 1" in line)
        page = int(border.split("p. ")[1].split(" /")[0])  # "1 / 1  ·  p. 5 / 6" in the reader's border
        assert page > 1
        terminal.keys("v")
        terminal.keys("y")
        terminal.wait_for("Copied")
        clipboard = terminal.clipboard()
        assert "quartermaster" in clipboard and f"(audit.pdf, p. {page}, ¶" in clipboard
    finally:
        terminal.close()
