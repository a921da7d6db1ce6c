"""Property-based: no string a user can type makes search() or the search bar raise."""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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


def assert_answered(result: SearchResult, text: str) -> None:
    """Hits (and a total that counts them), or none at all: zero hits, a total of zero and a hint."""
    assert isinstance(result, SearchResult)
    assert result.query == text
    if result.hits:
        assert result.total >= len(result.hits)
        assert all(hit.doc and 0 <= s < e for hit in result.hits for s, e in hit.matches)
    else:
        assert result.total == 0 and result.hint, (text[:40], result.hint)


@settings(max_examples=FUZZ_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=query_text, as_you_type=st.booleans())
def test_search_never_raises(seed_index, text, as_you_type):
    assert_answered(seed_index.search(text, as_you_type=as_you_type), text)


# Queries that cannot be read as written: no hits, and a hint that says why.
UNREADABLE = ['"' * 5001, "(" * 5000, "title:(", '"unclosed', "(a OR", "nosuchfield:x", ":"]


def test_huge_and_pathological_queries_get_results_or_hints(seed_index):
    for text in ["ishiba " * 20_000, "a*" * 3000, "*", "?", "~", "NOT", "AND OR", "person:", "x" * 100_000 + "*",
                 "ishiba~9", "ishiba^99999999999", *UNREADABLE]:
        result = seed_index.search(text)
        assert_answered(result, text)
        if text in UNREADABLE:
            assert result.hint, text[:40]


async def test_the_search_bar_survives_generated_queries(seeds, home):
    """The search bar, fed generated queries (a fixed seed) with keystrokes on top, as a user types.

    An exception in the app would end it, and Pilot raises it when the test leaves the app.
    """
    rng = random.Random(5)
    pieces = SYNTAX + WORDS + ["a", "b", "ish"]
    samples = ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 12))) for _ in range(40)]
    samples += ['"unclosed', "(a OR", "nosuchfield:x", "[bold]x[/]"]
    app = ReaderApp(seeds, home=home)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_synced(pilot)
        screen = app.reader_screen
        field = screen.search_bar
        for text in samples:
            field.focus()
            field.value = text
            await pilot.press("end", "x", "backspace")  # keystrokes, as typed, on top of it
            await until(pilot, lambda text=text: field.value == text, "the bar to settle")
            await pilot.pause(0.05)
        await pilot.press("enter")
        await until(pilot, lambda: screen.results.result is not None and screen.results.result.query == field.value, "its results")
        assert app.is_running
