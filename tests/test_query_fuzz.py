"""Property-based: no string a user can type makes search() or the search bar raise."""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual.widgets import Input

from search_index import SearchResult
from tests.app_helpers import until, wait_synced
from tui.app import ReaderApp

SYNTAX = ['"', "(", ")", "*", "?", "~", "^", ":", "+", "-", "[", "]", "{", "}", "/", "\\", " ", "'"]
WORDS = ["AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "TO", "ishiba", "trump", "person", "org:", "place:", "date:",
         "title:", "body:", "nosuchfield:", "entity:", "*", "2024", "Ishiba", "São", "\x1b[2J", "\x00", "🙂"]
query_text = st.one_of(
    st.text(max_size=200),
    st.lists(st.one_of(st.sampled_from(SYNTAX), st.sampled_from(WORDS), st.text(max_size=8)), max_size=30).map("".join),
)
FUZZ_EXAMPLES = 400


@settings(max_examples=FUZZ_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=query_text, as_you_type=st.booleans())
def test_search_never_raises(seed_index, text, as_you_type):
    result = seed_index.search(text, as_you_type=as_you_type)
    assert isinstance(result, SearchResult)
    assert result.hits or result.hint or result.total == 0


def test_huge_and_pathological_queries_get_results_or_hints(seed_index):
    for text in ["ishiba " * 20_000, "(" * 5000, '"' * 5001, "a*" * 3000, "*", "?", "~", "NOT", "AND OR",
                 "person:", ":", "title:(", "x" * 100_000 + "*", "ishiba~9", "ishiba^99999999999"]:
        result = seed_index.search(text)
        assert result.hits or result.hint or result.total == 0, text[:40]


async def test_the_search_bar_survives_generated_queries(seeds, home):
    """The search bar, fed generated queries (a fixed seed) with keystrokes on top, as a user types."""
    rng = random.Random(5)
    pieces = SYNTAX + WORDS + ["a", "b", "ish"]
    samples = ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 12))) for _ in range(40)]
    samples += ['"unclosed', "(a OR", "nosuchfield:x", "[bold]x[/]"]
    app = ReaderApp(seeds, home=home)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_synced(pilot)
        screen = app.reader_screen
        field = screen.query_one("#search", Input)
        for text in samples:
            field.focus()
            field.value = text
            await pilot.press("end", "x", "backspace")  # keystrokes, as typed, on top of it
            await until(pilot, lambda: field.value == text, "the bar to settle")
            await pilot.pause(0.05)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert app.is_running and not app._exception
