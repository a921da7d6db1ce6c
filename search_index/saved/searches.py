"""Saved searches: a folder's standing questions, and which documents each has already shown.

Kept in `HOME/saved-searches.jsonl` (see `journal.py`), one event a line: {"save": {...}},
{"seen": {"root", "name", "at", "docs"}}, {"remove": {"root", "name"}}. What is new for a
search is what it matches now that it did not match when last seen: a document that stops
matching, or is deleted, is no longer new. Once the events outgrow the state they describe
(every "seen" repeats a list of documents), the file is rewritten as that state, atomically.
"""

from __future__ import annotations

from dataclasses import asdict, replace
from datetime import UTC, datetime
from pathlib import Path

from ..records import SavedSearch
from .journal import Journal

FILE_NAME = "saved-searches.jsonl"
COMPACT_AFTER = 200  # events beyond the state's own lines before the file is rewritten


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class SavedSearches:
    """The saved searches of every folder, each known by its name within its folder."""

    def __init__(self, home: Path) -> None:
        self.journal = Journal(home / FILE_NAME, "saved search")

    @property
    def path(self) -> Path:
        return self.journal.path

    @property
    def problem(self) -> str | None:
        return self.journal.problem

    def all(self, root: str | None = None) -> list[SavedSearch]:
        """In the order they were saved; `root`: one folder's only."""
        state, _ = self._state()
        return [s for (folder, _), s in state.items() if root is None or folder == root]

    def get(self, root: str, name: str) -> SavedSearch | None:
        return self._state()[0].get((root, name))

    def save(self, root: str, name: str, query: str, seen: tuple[str, ...]) -> SavedSearch:
        """Keep a search (replacing one of the same name), its current matches seen. Raises NotSaved."""
        search = SavedSearch(root=root, name=name, query=query, created=_now(), last_seen=_now(), seen=tuple(sorted(seen)))
        self.journal.append({"save": asdict(search)})
        return search

    def restore(self, search: SavedSearch) -> None:
        """Keep `search` again as it was (undoing its removal). Raises NotSaved."""
        self.journal.append({"save": asdict(search)})

    def mark_seen(self, root: str, name: str, docs) -> SavedSearch | None:
        """Its current matches are seen now: none of them is new any more. Raises NotSaved."""
        search = self.get(root, name)
        if search is None:
            return None
        seen = replace(search, last_seen=_now(), seen=tuple(sorted(docs)))
        self.journal.append({"seen": {"root": root, "name": name, "at": seen.last_seen, "docs": list(seen.seen)}})
        self._compact_if_long()
        return seen

    def remove(self, root: str, name: str) -> bool:
        if self.get(root, name) is None:
            return False
        self.journal.append({"remove": {"root": root, "name": name}})
        return True

    def _state(self) -> tuple[dict[tuple[str, str], SavedSearch], int]:
        state: dict[tuple[str, str], SavedSearch] = {}
        events = 0
        for record in self.journal.read():
            events += 1
            try:
                if "save" in record:
                    search = SavedSearch(**{**record["save"], "seen": tuple(record["save"].get("seen", ()))})
                    state.pop((search.root, search.name), None)  # saved again: it moves to the end
                    state[(search.root, search.name)] = search
                elif "seen" in record:
                    event = record["seen"]
                    key = (event["root"], event["name"])
                    if key in state:
                        state[key] = replace(state[key], last_seen=event["at"], seen=tuple(event["docs"]))
                elif "remove" in record:
                    state.pop((record["remove"]["root"], record["remove"]["name"]), None)
            except (TypeError, KeyError):
                continue  # a newer version's record: left in the file as it is
        return state, events

    def _compact_if_long(self) -> None:
        with self.journal.locked():
            state, events = self._state()
            if events > len(state) + COMPACT_AFTER:
                self.journal.rewrite([{"save": asdict(search)} for search in state.values()])
