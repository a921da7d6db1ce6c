"""Shared fixtures: real indexes on disk under tmp_path, the real spaCy model."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from search_index import Index, bundled_seeds

SHARED = Path(__file__).resolve().parents[2] / "shared"
WIKINEWS = SHARED / "corpora" / "wikinews-en"
SEED_DOC = "000_91986847445cdae3.txt"


def copy_seed(target: Path) -> Path:
    """A folder holding only the seed article: what most tests need, quick to index.

    The bundled sample (`seeds/`) is ~300 articles in every format; tests about it use it whole.
    """
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy2(bundled_seeds() / SEED_DOC, target / SEED_DOC)
    return target


def needs_wikinews():
    """Skip where the corpus is absent; mark `corpus` and `slow` (`pytest -m "not slow"` leaves it out)."""
    skip = pytest.mark.skipif(
        not (WIKINEWS / "docs").is_dir(),
        reason=f"the Wikinews corpus is not beside this checkout ({WIKINEWS}); it ships only with the project's workspace",
    )

    def mark(test):
        return pytest.mark.slow(pytest.mark.corpus(skip(test)))

    return mark


def pytest_collection_modifyitems(items) -> None:
    """Tmux end-to-end tests and anything indexing the Wikinews corpus are `slow`."""
    for item in items:
        if item.get_closest_marker("e2e") or "wikinews_index" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def recognizer():
    """One loaded model for the whole run (loading costs ~1 s)."""
    from search_index.entities.recognizer import Recognizer

    return Recognizer()


@pytest.fixture
def home(tmp_path: Path) -> Path:
    path = tmp_path / "home"
    path.mkdir()
    return path


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    """A writable folder holding the seed article."""
    return copy_seed(tmp_path / "seeds")


@pytest.fixture(scope="session")
def seed_index(tmp_path_factory, recognizer):
    """The seed article, fully indexed once for read-only tests."""
    home = tmp_path_factory.mktemp("seed-home")
    corpus = copy_seed(tmp_path_factory.mktemp("seed-corpus"))
    index = Index(corpus, home=home)
    index.sync(recognizer=recognizer)
    yield index
    index.close()


@pytest.fixture(scope="session")
def wikinews_index(tmp_path_factory, recognizer):
    """A copy of the 317 Wikinews articles, fully indexed once (about a minute, mostly the model)."""
    if not (WIKINEWS / "docs").is_dir():
        pytest.skip(f"the Wikinews corpus is not beside this checkout ({WIKINEWS})")
    home = tmp_path_factory.mktemp("wikinews-home")
    copy = tmp_path_factory.mktemp("wikinews") / "docs"
    shutil.copytree(WIKINEWS / "docs", copy)
    index = Index(copy, home=home)
    index.sync(recognizer=recognizer)
    yield index
    index.close()
