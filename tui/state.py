"""What the reader remembers per corpus between runs: the open document and where it was."""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

FILE_NAME = "reader-state.json"


@dataclass
class ReadingState:
    doc: str | None = None
    scroll_y: float = 0.0
    sort: str = "title"

    @classmethod
    def load(cls, folder: Path) -> ReadingState:
        try:
            data = json.loads((folder / FILE_NAME).read_text(encoding="utf-8"))
            return cls(**{key: data[key] for key in asdict(cls()) if key in data})
        except (OSError, ValueError, TypeError):
            return cls()

    def save(self, folder: Path) -> None:
        """Written whole or not at all: a crash never leaves half a file."""
        folder.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=folder, prefix=".state-")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(asdict(self), out)
        os.replace(temp, folder / FILE_NAME)
