"""Searching in a process of its own: the same answers as the index, and a dead process costs nothing."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

from search_index import Index, SearchProcess


def _children(root: Path) -> list[int]:
    """Search processes of this test run serving `root` (read from /proc, as `ps` would)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"search_index.index.search_process" in command and str(root).encode() in command:
            found.append(int(entry.name))
    return found


def _gone(root: Path) -> bool:
    deadline = time.monotonic() + 10
    while _children(root) and time.monotonic() < deadline:
        time.sleep(0.05)
    return not _children(root)


def test_the_search_process_answers_as_the_index_does(seeds, home, recognizer):
    index = Index(seeds, home=home)
    index.sync(recognizer=recognizer)
    search = SearchProcess(index)
    try:
        for query in ["ishiba", '"trump tower"', 'person:"Shigeru Ishiba"', "ishi", "zzzzqq"]:
            assert search.search(query, limit=5, as_you_type=True) == index.search(query, limit=5, as_you_type=True)
            assert search.remote  # the child answered
        first = search.pid
        assert _children(index.root) == [first] and first != os.getpid()
        os.kill(first, signal.SIGKILL)  # as the OOM killer would
        assert search.search("ishiba").hits == index.search("ishiba").hits and not search.remote  # answered here
        assert search.pid not in (None, first)  # a new one is starting meanwhile
        deadline = time.monotonic() + 30
        while not (search.search("ishiba").hits and search.remote) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert search.remote and _children(index.root) == [search.pid]
    finally:
        search.close()
        index.close()
    assert _gone(index.root)


async def test_the_reader_searches_in_its_own_process_and_takes_it_along_when_it_quits(seeds, home):
    from tests.app_helpers import search, wait_synced
    from tui.app import ReaderApp

    app = ReaderApp(seeds, home=home)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_synced(pilot)
        await search(pilot, "ishiba")
        assert app.reader_screen.results.result.hits
        assert app.reader_screen.search_bar.index.remote  # answered by the search process
        assert len(_children(seeds.resolve())) == 1
    assert _gone(seeds.resolve())


def test_the_search_process_starts_on_an_index_with_nothing_committed_yet(tmp_path, home):
    """The reader starts its search process as it opens a new folder, before the sync's first
    commit: warming up an empty index crashed it (EmptyReader has no per-document lengths), and
    the reader answered in its own process instead."""
    (tmp_path / "corpus").mkdir()
    index = Index(tmp_path / "corpus", home=home)
    index.warm_up()  # raised AttributeError
    search = SearchProcess(index)
    try:
        result = search.search("anything")
        assert result.total == 0 and search.remote
    finally:
        search.close()
        index.close()
