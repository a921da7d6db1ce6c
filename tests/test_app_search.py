"""The reader settles on the CLI's answer (issue 29): same hits, same order, same hint.

Typed key by key under Pilot on a copy of the bundled sample's articles that name the issue's
words, against `seed-reader search --json` run as a user runs it, on the same index.
"""

from __future__ import annotations

import json
import random
import re
import shutil

import pytest

from search_index import bundled_seeds
from tests.app_helpers import until
from tests.test_cli import run
from tui.app import ReaderApp
from tui.widgets.search_bar import RESULT_LIMIT, Mode, SearchBar

SIZE = (120, 40)
TYPED = ["EU", "Kim", "G20", "Trump's", "Japan’s", "Butigieg"]  # the last: Buttigieg, misspelled
_NAMES = re.compile(r"\b(EU|Kim|G20|Trump|Japan|Buttigieg)\b")


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """The sample's plain-text articles naming those words, and as many others, text-indexed by the CLI."""
    corpus = tmp_path_factory.mktemp("sample")
    articles = sorted(bundled_seeds().rglob("*.txt"))
    naming = [path for path in articles if _NAMES.search(path.read_text(encoding="utf-8"))]
    others = [path for path in articles if path not in naming][: len(naming)]
    for path in naming + others:
        shutil.copy2(path, corpus / path.name)
    home = tmp_path_factory.mktemp("sample-home")
    run("index", corpus, "--no-entities", home=home)
    return corpus, home


def cli_answer(sample, text: str) -> tuple:
    corpus, home = sample
    data = json.loads(run("search", text, "--corpus", corpus, "--no-sync", "--json", "--limit", RESULT_LIMIT, home=home).stdout)
    return [hit["doc"] for hit in data["hits"]], data["total"], data["hint"]


def answer(result) -> tuple:
    return [hit.doc for hit in result.hits], result.total, result.hint


async def settled_answers(sample, queries: list[str], keys: bool = True) -> dict[str, tuple]:
    """Each query typed into the reader's search bar (key by key, or pasted), and its answer once typing pauses."""
    corpus, home = sample
    app = ReaderApp(corpus, home=home, sync=False)
    answers = {}
    settled = []

    def hook(message) -> None:  # every message the app handles: the search bar's answers once typing paused
        if isinstance(message, SearchBar.Results) and message.mode is not Mode.TYPING:
            settled.append(message.result)

    async with app.run_test(size=SIZE, message_hook=hook) as pilot:
        screen = app.reader_screen
        await until(pilot, lambda: screen.search_bar.index is not None, "the index to open")
        for text in queries:
            await pilot.press("ctrl+l")
            if keys:
                for key in text:
                    if key.isascii():
                        await pilot.press("space" if key == " " else key)
                    else:  # a key Pilot cannot name (’): it arrives as a keyboard layout would insert it
                        screen.search_bar.insert_text_at_cursor(key)
                        await pilot.pause()
            else:
                screen.search_bar.value = text
            await until(pilot, lambda text=text: settled and settled[-1].query == text, f"the settled answer to {text!r}")
            await until(pilot, lambda: screen.results.result is settled[-1], "it on screen")
            answers[text] = answer(screen.results.result)
    return answers


async def test_the_issues_words_typed_in_the_reader_get_the_clis_answer(sample):
    """`EU` found 1 document in the reader and 7 on the CLI, `Trump's` 0 and 53, a misspelled name none and 5."""
    answers = await settled_answers(sample, TYPED)
    for text in TYPED:
        expected = cli_answer(sample, text)
        assert answers[text] == expected, text
        assert expected[0], text  # each finds something
    assert answers["Butigieg"][2] == "No exact matches; showing close spellings."


def corpus_queries(sample, count: int, seed: int) -> list[str]:
    """Random queries made of the corpus's own words: one to three, as typed, quoted or joined by a hyphen."""
    corpus, _ = sample
    rng = random.Random(seed)
    words = sorted({w for path in corpus.glob("*.txt") for w in path.read_text(encoding="utf-8").split() if any(c.isalpha() for c in w)})
    queries = []
    while len(queries) < count:
        picked = [rng.choice(words) for _ in range(rng.randint(1, 3))]
        shape = rng.choice(["plain", "plain", "quoted", "hyphen", "lower", "not"])
        text = {
            "plain": " ".join(picked),
            "quoted": '"' + " ".join(picked) + '"',
            "hyphen": "-".join(picked),
            "lower": " ".join(picked).lower(),
            "not": " ".join(picked[:1] + ["-" + w for w in picked[1:]]),
        }[shape]
        if text.strip() and text not in queries:
            queries.append(text)
    return queries


async def test_the_readers_settled_answer_is_the_clis_for_random_corpus_queries(sample):
    queries = corpus_queries(sample, 24, seed=29)
    answers = await settled_answers(sample, queries, keys=False)
    for text in queries:
        assert answers[text] == cli_answer(sample, text), text


@pytest.mark.e2e
def test_in_a_real_terminal_the_reader_shows_the_clis_answer(sample):
    """tmux: each of the issue's words typed at once (as pasted) after ctrl+l; the screen settles on
    the CLI's count line (and hint) with the CLI's best hit at the top."""
    from tests.terminal import Terminal, seed_reader_command

    corpus, home = sample
    terminal = Terminal(120, 40)
    try:
        terminal.start(seed_reader_command() + ["--home", str(home), str(corpus)])
        terminal.wait_for("documents")
        for text in TYPED:
            human = run("search", text, "--corpus", corpus, "--no-sync", "--limit", RESULT_LIMIT, home=home)
            count = human.stdout.splitlines()[0]
            hint = human.stderr.strip().splitlines()[-1] if human.stderr.strip() else ""
            docs, _, _ = cli_answer(sample, text)
            best = json.loads(run("search", text, "--corpus", corpus, "--no-sync", "--json", home=home).stdout)["hits"][0]
            terminal.keys("C-l")
            terminal.type(text)
            summary = f"{hint} ({count})" if hint else count
            terminal.wait_for(summary[:36], best["title"][:30])  # the left pane cuts longer lines with "…"
    finally:
        terminal.close()
