"""Faults: indexing killed at random moments, a read-only corpus, a home that cannot be written."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from search_index import Index, IndexProblem
from tests.test_cli import run

KILLS = 20
DOCS = 1200
WORDS = "the minister said on tuesday that talks with the union would resume after the vote in parliament".split()


def write_corpus(root: Path, rng: random.Random, docs: int) -> None:
    for number in range(docs):
        body = " ".join(rng.choice(WORDS) for _ in range(300))
        folder = root / f"{number // 100:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"doc{number:04d}.txt").write_text(f"Report {number}\nmarker{number:04d}v0 {body}\n")


def markers(root: Path) -> dict[str, str]:
    """Each file's id and the one word only it holds."""
    found = {}
    for path in root.rglob("*.txt"):
        found[path.relative_to(root).as_posix()] = path.read_text().split("\n")[1].split()[0]
    return found


def test_indexing_killed_20_times_leaves_an_index_that_opens_syncs_and_finds_everything(tmp_path):
    rng = random.Random(20)
    corpus, home = tmp_path / "corpus", tmp_path / "home"
    write_corpus(corpus, rng, DOCS)
    killed_while_running = 0
    for round_number in range(KILLS):
        # The folder moves on between crashes, so every round has work to be killed in.
        for path in rng.sample(sorted(corpus.rglob("doc*.txt")), 400):
            first, rest = path.read_text().split("\n", 1)
            path.write_text(first + "\n" + rest.replace(rest.split()[0], rest.split()[0].split("v")[0] + f"v{round_number + 1}", 1))
        if round_number % 5 == 4:  # and files come and go
            rng.choice(sorted(corpus.rglob("doc*.txt"))).unlink()
            (corpus / f"new{round_number}.txt").write_text(f"New {round_number}\nnewmarker{round_number} text\n")
        command = [sys.executable, "-m", "tui", "--home", str(home), "index", str(corpus), "--progress-json"]
        phase = "entities" if round_number % 4 == 3 else "text"  # every fourth round dies in the entity phase
        if phase == "text":
            command.append("--no-entities")
        proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        point = rng.random()  # how far into the phase it dies
        for line in proc.stdout:
            event = json.loads(line)
            if event.get("phase") == phase and event["total"] and event["done"] >= point * event["total"]:
                time.sleep(rng.uniform(0, 0.3))  # not always between two documents: mid-commit too
                break
        if proc.poll() is None:
            killed_while_running += 1
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
    assert killed_while_running >= KILLS - 2, "the kills should land while indexing runs"

    index = Index(corpus, home=home)
    try:
        report = index.sync(entities=False)
        expected = markers(corpus)
        assert report.documents == len(expected) == index.count()
        assert index.searchable_count() == len(expected)  # no document twice, none left behind
        for doc, marker in expected.items():
            assert [hit.doc for hit in index.search(marker).hits] == [doc], marker
    finally:
        index.close()


@contextmanager
def read_only_tmpfs(path: Path, files: dict[str, str]):
    """A tmpfs at `path` holding `files`, then remounted read-only (needs root and mount rights:
    else the test skips)."""
    path.mkdir(parents=True)
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "tmpfs", str(path)], capture_output=True).returncode:
        pytest.skip("needs root and the right to mount a tmpfs (true in CI's container)")
    try:
        for name, text in files.items():
            (path / name).write_text(text)
        subprocess.run(["mount", "-o", "remount,ro", str(path)], check=True)
        yield path
    finally:
        subprocess.run(["umount", str(path)], check=False)


def test_a_corpus_on_a_read_only_filesystem_is_indexed_elsewhere(tmp_path, home):
    article = {"article.txt": "Read-only\nreadonlymarker lives on a read-only disk\n"}
    with read_only_tmpfs(tmp_path / "ro-corpus", article) as corpus:
        result = run("index", corpus, home=home)
        assert "1 document" in result.stdout
        data = run("search", "readonlymarker", "--corpus", corpus, home=home)
        assert "article.txt" in data.stdout


def test_a_home_that_cannot_be_written_gets_one_clear_sentence(tmp_path, seeds):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the home folder should be")
    result = run("index", seeds, home=blocker / "home", check=False)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "Cannot write the index under" in result.stderr and "--home" in result.stderr
    with pytest.raises(IndexProblem, match="Cannot write the index under"):
        Index(seeds, home=blocker / "home")


def test_a_home_on_a_read_only_filesystem_gets_one_clear_sentence(tmp_path, seeds):
    with read_only_tmpfs(tmp_path / "ro-home", {}) as home:
        result = run("index", seeds, home=home, check=False)
        assert result.returncode != 0 and "Traceback" not in result.stderr
        assert "Read-only file system" in result.stderr and "--home" in result.stderr
        quotes = run("quotes", home=home, check=False)
        assert "Traceback" not in quotes.stderr
