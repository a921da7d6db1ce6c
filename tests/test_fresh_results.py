"""A searcher kept open sees what another process's sync did: nothing deleted, nothing twice."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from search_index import Index


def _corpus(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for number in range(4):
        (corpus / f"other{number}.txt").write_text(f"Other {number}\nA plain article about gardens.\n")
    (corpus / "gone.txt").write_text("Gone\nThe zebrafish lives only in this file.\n")
    (corpus / "edited.txt").write_text("Edited\nThe platypus phrase, first version.\n")
    return corpus


def _sync_elsewhere(corpus, home, how):
    if how == "second index":
        other = Index(corpus, home=home)
        other.sync(entities=False)
        other.close()
    else:  # the reader's own way: the CLI in a subprocess
        env = dict(os.environ, SEED_READER_HOME=str(home))
        subprocess.run(
            [sys.executable, "-m", "tui", "index", str(corpus), "--no-entities", "--json"],
            check=True, capture_output=True, env=env, timeout=120,
        )


@pytest.mark.parametrize("how", ["second index", "cli"])
def test_a_searcher_kept_open_drops_deleted_and_edited_documents(tmp_path, how):
    corpus, home = _corpus(tmp_path), tmp_path / "home"
    reader = Index(corpus, home=home)
    reader.sync(entities=False)
    assert [hit.doc for hit in reader.search("zebrafish").hits] == ["gone.txt"]
    assert [hit.doc for hit in reader.search("platypus").hits] == ["edited.txt"]

    (corpus / "gone.txt").unlink()
    for version in ("second", "third"):
        (corpus / "edited.txt").write_text(f"Edited\nThe platypus phrase, {version} version.\n")
        _sync_elsewhere(corpus, home, how)
        assert reader.search("zebrafish").hits == [] and reader.search("zebrafish").total == 0
        edited = reader.search("platypus")
        assert [hit.doc for hit in edited.hits] == ["edited.txt"] and edited.total == 1
        assert version in reader.open_document("edited.txt").text
        assert [hit.doc for hit in reader.search(version).hits] == ["edited.txt"]
    reader.close()
