"""The headless commands and their JSON shapes, run as a user runs them."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import SEED_DOC


def run(*args, home, cwd=None, check=True):
    env = dict(os.environ, SEED_READER_HOME=str(home))
    proc = subprocess.run(
        [sys.executable, "-m", "tui", *map(str, args)], capture_output=True, text=True, env=env, cwd=cwd, timeout=300
    )
    if check:
        assert proc.returncode == 0, proc.stderr
    return proc


@pytest.fixture(scope="module")
def cli_home(tmp_path_factory):
    return tmp_path_factory.mktemp("cli-home")


def test_index_json(seeds, cli_home):
    data = json.loads(run("index", seeds, "--json", home=cli_home).stdout)
    assert data["documents"] == 1 and data["added"] == 1 and data["entities_pending"] == 0
    assert set(data) >= {"corpus", "documents", "added", "updated", "removed", "skipped", "entities_pending"}


def test_search_json(seeds, cli_home):
    run("index", seeds, home=cli_home)  # search never runs the model: entity fields need `index`
    data = json.loads(run("search", 'person:"Shigeru Ishiba"', "--corpus", seeds, "--json", home=cli_home).stdout)
    assert data["query"] == 'person:"Shigeru Ishiba"' and data["hint"] is None
    hit = data["hits"][0]
    assert hit["doc"] == SEED_DOC and hit["matches"] and "**Shigeru Ishiba**" in hit["snippet"]
    assert set(hit) >= {"doc", "path", "title", "score", "snippet", "matches"}


def test_search_bad_query_gives_hint_and_exit_zero(cli_home):
    data = json.loads(run("search", '"unclosed', "--json", home=cli_home).stdout)
    assert "Unclosed quote" in data["hint"]


def test_entities_json_in_text_order(cli_home):
    data = json.loads(run("entities", SEED_DOC, "--json", home=cli_home).stdout)
    starts = [e["start"] for e in data["entities"]]
    assert starts == sorted(starts)
    ishiba = [e for e in data["entities"] if e["text"] == "Ishiba"]
    assert ishiba and all(e["label"] == "PERSON" and e["canonical"] == "Shigeru Ishiba" for e in ishiba)


def test_human_output_is_not_markup(tmp_path, cli_home):
    (tmp_path / "evil.txt").write_text("[bold red]Title[/] \x1b[2J\nBody with [link=x]text[/link] here.\n")
    proc = run("search", "body", "--corpus", tmp_path, home=cli_home)
    assert "[bold red]Title[/]" in proc.stdout and "\x1b[2J" not in proc.stdout


@pytest.mark.parametrize(
    "args, message",
    [
        (("index", "/no/such/folder"), "No such folder"),
        (("entities", "nope.txt"), "No document 'nope.txt'"),
    ],
)
def test_user_mistakes_are_one_sentence_without_traceback(cli_home, args, message):
    proc = run(*args, home=cli_home, check=False)
    assert proc.returncode != 0
    assert message in proc.stderr and "Traceback" not in proc.stderr


def test_index_says_busy_with_its_own_exit_code(seeds, cli_home):
    from search_index import BUSY_EXIT, Index

    holder = Index(seeds, home=cli_home)
    try:
        with holder.write_lock():  # another process indexing this folder
            proc = run("index", seeds, home=cli_home, check=False)
    finally:
        holder.close()
    assert proc.returncode == BUSY_EXIT == 75  # EX_TEMPFAIL: the reader retries on it
    assert "Another seed-reader is indexing this folder" in proc.stderr and "Traceback" not in proc.stderr



def test_the_home_flag_beats_the_environment(tmp_path):
    """`seed-reader --home X index DIR` (the reader's own background sync) uses X even with $SEED_READER_HOME set."""
    flag, env_home, corpus = tmp_path / "flag", tmp_path / "env", tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("A title\nSome words.\n", encoding="utf-8")
    run("--home", flag, "index", corpus, "--no-entities", "--json", home=env_home)
    assert (flag / "indexes").is_dir()
    assert not env_home.exists()


def test_the_reader_opens_with_the_home_flag_over_the_environment(tmp_path, monkeypatch):
    """`seed-reader --home X DIR` opens the reader on X's index even with $SEED_READER_HOME set."""
    from click.testing import CliRunner

    from tui import cli
    from tui.app import ReaderApp

    opened = []
    monkeypatch.setattr(ReaderApp, "run", lambda app, *a, **k: opened.append(app.home))  # no terminal here
    flag = tmp_path / "flag"
    result = CliRunner().invoke(cli.main, ["--home", str(flag), str(tmp_path)], env={"SEED_READER_HOME": str(tmp_path / "env")})
    assert result.exit_code == 0, result.output
    assert opened == [flag]
