"""Where indexes and the quote book live: never inside the corpus, which may be read-only."""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

import platformdirs

APP_NAME = "seed-reader"
HOME_ENV = "SEED_READER_HOME"


def home_dir(home: str | os.PathLike | None = None) -> Path:
    """`--home`, else $SEED_READER_HOME, else the platform's user data dir."""
    chosen = home or os.environ.get(HOME_ENV)
    return Path(chosen).expanduser().resolve() if chosen else Path(platformdirs.user_data_dir(APP_NAME))


def corpus_key(corpus: Path) -> str:
    """A readable folder name that is unique per corpus path."""
    resolved = corpus.expanduser().resolve()
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", resolved.name).strip("-")[:40] or "corpus"
    digest = hashlib.sha1(str(resolved).encode("utf-8", "surrogateescape")).hexdigest()[:12]
    return f"{slug}-{digest}"


def index_dir(home: Path, corpus: Path) -> Path:
    return home / "indexes" / corpus_key(corpus)


def indexed_folder(home: Path | None, path: Path) -> Path | None:
    """The nearest folder holding `path` that has an index under `home`: where a file was indexed."""
    home = home_dir(home)
    for folder in Path(os.path.abspath(path.expanduser())).parents:
        if index_dir(home, folder).is_dir():
            return folder
    return None


def bundled_seeds() -> Path:
    """The seeds folder: beside the packages in a checkout, inside the wheel when installed."""
    checkout = Path(__file__).resolve().parent.parent / "seeds"
    if checkout.is_dir():
        return checkout
    from importlib import resources  # (tempfile, random and more: not on every command's path)

    return Path(str(resources.files("search_index") / "seeds"))
