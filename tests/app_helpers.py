"""Helpers for driving the reader under Pilot."""

from __future__ import annotations

import time
from pathlib import Path

from textual.widgets import Input

from tui.app import ReaderApp
from tui.widgets.index_status import IndexStatus

TOO_LONG = 120  # seconds; a guard against a hung test, not a performance assertion


async def until(pilot, condition, what: str, timeout: float = TOO_LONG) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        await pilot.pause(0.05)


def synced(app: ReaderApp) -> bool:
    screen = app.reader_screen
    label = str(screen.query_one(IndexStatus).query_one("#label").render())
    return screen.index is not None and not screen.service.syncing and " document" in label and "awaiting" not in label


async def wait_synced(pilot) -> None:
    """Until a sync has ended and the screen has shown how: the service drops its runner when
    SyncFinished reaches it, a moment before the message bubbles up to the screen's status line."""
    while True:
        await until(pilot, lambda: synced(pilot.app), "the index to be up to date")
        await pilot.pause()  # the messages on their way, handled
        if synced(pilot.app):
            return


async def search(pilot, text: str) -> None:
    screen = pilot.app.reader_screen
    before = screen.results.result
    await pilot.press("slash")
    field = screen.query_one("#search", Input)
    field.value = ""
    for key in text:
        await pilot.press(key if key != " " else "space")
    await until(
        pilot,
        lambda: screen.results.result is not before and screen.results.result.query == field.value,
        f"results for {text!r}",
    )


async def wait_open(pilot, doc: str | None = None) -> None:
    reader = pilot.app.reader_screen.reader

    def opened() -> bool:
        return reader.document is not None and (doc is None or reader.document.id == doc) and bool(reader.children)

    await until(pilot, opened, f"{doc or 'a document'} to open")
    await pilot.pause()


async def open_result(pilot, query: str, doc: str | None = None) -> None:
    """Once the index is up to date: search, press Enter, wait for the document to open."""
    await wait_synced(pilot)
    await search(pilot, query)
    await pilot.press("enter")
    await wait_open(pilot, doc)


def write_doc(folder: Path, name: str, title: str, *paragraphs: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join((title,) + paragraphs) + "\n", encoding="utf-8")
    return path


def record_notices(app) -> list[str]:
    """Every notification the app shows from now on, through its public notify()."""
    shown: list[str] = []
    notify = app.notify

    def recording(message, *args, **kwargs):
        shown.append(str(message))
        return notify(message, *args, **kwargs)

    app.notify = recording
    return shown


def paragraph_styles(paragraph) -> dict[str, set[str]]:
    """Text of each styled span in a paragraph -> its styles."""
    content = paragraph.content
    found: dict[str, set[str]] = {}
    for span in content.spans:
        found.setdefault(content.plain[span.start : span.end], set()).add(str(span.style))
    return found

