"""What a sync reports as it goes: its phase and how far it is."""

from __future__ import annotations

from dataclasses import dataclass

# Each phase of a sync, in order, as people read it.
PHASES = {"scan": "Scanning", "text": "Indexing text", "entities": "Finding entities", "compact": "Compacting the index"}


@dataclass(frozen=True)
class Progress:
    phase: str  # a key of PHASES
    done: int
    total: int
    doc: str | None = None
