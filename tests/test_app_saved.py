"""Saved searches and bookmarks in the reader, under Pilot, and their screens as snapshots."""

from __future__ import annotations

import json

from search_index import Bookmarks, Index, SavedSearches
from tests.app_helpers import search, until, wait_open, wait_synced, write_doc
from tui.app import ReaderApp
from tui.screens.bookmarks_screen import BookmarksScreen
from tui.screens.saved_screen import SavedSearchesScreen
from tui.widgets.index_status import IndexStatus

SIZE = (120, 40)


def news(app) -> str:
    return str(app.reader_screen.query_one(IndexStatus).query_one("#news").render())


def summary(app) -> str:
    return str(app.reader_screen.results.query_one("#summary").render())


def folder(tmp_path):
    corpus = tmp_path / "news"
    write_doc(corpus, "old.txt", "Steel tariffs rise", "The government raised steel tariffs on imports.")
    write_doc(corpus, "garden.txt", "Gardening", "Water the roses in the evening.")
    return corpus


async def test_ctrl_s_saves_the_search_shown_and_S_runs_it_with_its_new_documents_marked(tmp_path, home):
    corpus = folder(tmp_path)
    app = ReaderApp(corpus, home=home)
    async with app.run_test(size=SIZE) as pilot:
        await wait_synced(pilot)
        await search(pilot, "steel tariffs")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: app.screen.__class__.__name__ == "AskDialog", "the name to be asked")
        await pilot.press("enter")  # the query is the name
        await until(pilot, lambda: SavedSearches(home).all(), "the search to be saved")
        [kept] = SavedSearches(home).all()
        assert (kept.name, kept.query, kept.root, kept.seen) == ("steel tariffs", "steel tariffs", str(corpus), ("old.txt",))

        write_doc(corpus, "reply.txt", "The EU answers", "Brussels answered the steel tariffs.")
        write_doc(corpus, "cats.txt", "Cats", "Nothing about trade here.")
        await pilot.press("escape", "escape")  # out of the search bar: r is a key, not a letter
        await pilot.press("r")
        await until(pilot, lambda: news(app) == "1 saved search has new documents (S)", "the status line's news")

        await pilot.press("S")
        await until(pilot, lambda: isinstance(app.screen, SavedSearchesScreen) and app.screen.statuses, "the saved searches")
        [status] = app.screen.statuses
        assert (status.total, status.new_docs) == (2, ("reply.txt",))
        await pilot.press("enter")
        await until(pilot, lambda: summary(app) == "2 documents match, 1 new", "its results, the new one counted")
        assert [hit.doc for hit in app.reader_screen.results.hits] and "reply.txt" in app.reader_screen.results.query_one("HitList").new_docs
        await until(pilot, lambda: news(app) == "", "seen: no news any more")
        index = Index(corpus, home=home)
        try:
            assert index.saved_status(SavedSearches(home).all()[0]).new == 0
        finally:
            index.close()


async def test_ctrl_s_without_a_search_says_what_to_do(tmp_path, home):
    app = ReaderApp(folder(tmp_path), home=home)
    notices = []
    async with app.run_test(size=SIZE) as pilot:
        await wait_synced(pilot)
        app.notify = lambda message, **kwargs: notices.append(str(message))
        app.reader_screen.notify = app.notify
        await pilot.press("ctrl+s")
        await until(pilot, lambda: notices, "a notice")
        assert notices == ["Search first (/): ctrl+s then saves the search shown."]
        assert SavedSearches(home).all() == []


async def test_m_bookmarks_the_paragraph_and_the_list_reopens_it_after_an_edit_above(tmp_path, home):
    corpus = tmp_path / "news"
    path = write_doc(corpus, "budget.txt", "Budget day", "The minister spoke first.", "Then the opposition replied at length.", "Votes followed.")
    app = ReaderApp(corpus, home=home)
    async with app.run_test(size=SIZE) as pilot:
        await wait_synced(pilot)
        await search(pilot, "opposition")
        await pilot.press("enter")
        await wait_open(pilot, "budget.txt")
        await pilot.press("m")
        await until(pilot, lambda: app.screen.__class__.__name__ == "AskDialog", "the note to be asked")
        for key in "the reply":
            await pilot.press(key if key != " " else "space")
        await pilot.press("enter")
        await until(pilot, lambda: Bookmarks(home).all(), "the bookmark to be saved")
        [mark] = Bookmarks(home).all()
        assert (mark.doc, mark.paragraph, mark.note) == ("budget.txt", 2, "the reply")

        path.write_text("Budget day\nA new lead.\nThe minister spoke first.\nThen the opposition replied at length.\nVotes followed.\n")
        reader = app.reader_screen.reader
        await until(pilot, lambda: "A new lead." in reader.document.text, "the open document reloaded")
        await wait_synced(pilot)  # and re-indexed: the search shown runs again, then rests
        await pilot.press("apostrophe")
        await until(pilot, lambda: isinstance(app.screen, BookmarksScreen) and app.screen.places, "the bookmarks placed")
        assert app.screen.places[mark.id].status == "moved"
        await pilot.press("enter")
        await until(pilot, lambda: reader.current is not None and len(reader.matches) == 1, "the bookmarked paragraph marked")
        start, end = reader.matches[reader.current]
        assert reader.document.text[start:end] == "Then the opposition replied at length."


def seeded(tmp_path, home):
    """A folder with a saved search and two bookmarks whose dates are fixed: stable snapshots."""
    corpus = folder(tmp_path)
    write_doc(corpus, "reply.txt", "The EU answers", "Brussels answered the steel tariffs.")
    root = str(corpus)
    lines = [
        {"save": {"root": root, "name": "steel", "query": "steel tariffs", "created": "2026-12-01T09:00:00+00:00",
                  "last_seen": "2026-12-01T09:00:00+00:00", "seen": ["old.txt"]}},
        {"save": {"root": root, "name": "roses", "query": "roses", "created": "2026-12-01T09:00:00+00:00",
                  "last_seen": "2026-12-02T10:30:00+00:00", "seen": ["garden.txt"]}},
    ]
    (home / "saved-searches.jsonl").write_text("".join(json.dumps(line) + "\n" for line in lines))
    marks = [
        {"bookmark": {"root": root, "doc": "old.txt", "title": "Steel tariffs rise", "paragraph": 1, "start": 19,
                      "text": "The government raised steel tariffs on imports.", "created": "2026-12-03T08:00:00+00:00",
                      "note": "the first mention", "path": f"{root}/old.txt", "id": "a1"}},
        {"bookmark": {"root": "/elsewhere/archive", "doc": "2019/x.txt", "title": "An article in another folder", "paragraph": 4,
                      "start": 400, "text": "A paragraph of another folder.", "created": "2026-12-02T08:00:00+00:00",
                      "note": "", "path": "/elsewhere/archive/2019/x.txt", "id": "b2"}},
    ]
    (home / "bookmarks.jsonl").write_text("".join(json.dumps(line) + "\n" for line in marks))
    return corpus


def test_saved_searches_screen(snap_compare, tmp_path, home):
    corpus = seeded(tmp_path, home)

    async def run_before(pilot):
        await pilot.pause()
        await wait_synced(pilot)
        await pilot.press("S")
        await until(pilot, lambda: isinstance(pilot.app.screen, SavedSearchesScreen) and pilot.app.screen.statuses, "the list")
        await pilot.pause()

    assert snap_compare(ReaderApp(corpus, home=home), terminal_size=(80, 24), run_before=run_before)


def test_bookmarks_screen(snap_compare, tmp_path, home):
    corpus = seeded(tmp_path, home)

    async def run_before(pilot):
        await pilot.pause()
        await wait_synced(pilot)
        await pilot.press("apostrophe")
        await until(pilot, lambda: isinstance(pilot.app.screen, BookmarksScreen) and pilot.app.screen.marks, "the list")
        await pilot.pause()

    assert snap_compare(ReaderApp(corpus, home=home), terminal_size=(80, 24), run_before=run_before)
