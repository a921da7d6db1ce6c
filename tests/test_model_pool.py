"""The entity phase's model processes: a crash costs one document, not the sync; none outlives the sync.

These run the sync as the app does (no shared in-process recognizer), so each
test loads the model in fresh processes (a few seconds each).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from search_index import Index, bundled_seeds
from search_index.entities.model_pool import CRASH_ENV, WORKERS_ENV

ARTICLES = 6


def model_processes(parent: int | None = None) -> list[int]:
    """Live `search_index.entities.model_pool` processes (children of `parent`, if given)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ")
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        state, ppid = stat.rsplit(")", 1)[1].split()[:2]
        if b"search_index.entities.model_pool" in command and state != "Z" and (parent is None or int(ppid) == parent):
            found.append(int(entry.name))
    return found


def articles(folder: Path, names: list[str]) -> Path:
    """Real news articles from the bundled sample, under the given file names."""
    folder.mkdir(parents=True, exist_ok=True)
    sources = sorted(bundled_seeds().glob("wikinews/*.txt"))[: len(names)]
    for source, name in zip(sources, names, strict=True):
        (folder / name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    return folder


def test_a_model_crash_on_one_document_costs_that_document_only_and_is_not_retried(tmp_path, home, monkeypatch):
    names = [f"a{n}.txt" for n in range(ARTICLES - 1)] + ["boom.txt"]
    folder = articles(tmp_path / "docs", sorted(names))
    monkeypatch.setenv(CRASH_ENV, "boom")  # the worker given boom.txt is SIGKILLed, every time
    monkeypatch.setenv(WORKERS_ENV, "2")
    index = Index(folder, home=home)
    report = index.sync()
    assert report.entities_pending == 0  # nothing left to loop on
    assert [note.path for note in report.notes if "crashed" in note.reason] == ["boom.txt"]
    for name in names:
        if name != "boom.txt":
            assert index.entities(name, (folder / name).read_text(encoding="utf-8")), f"{name} lost its entities to another document's crash"
    title = (folder / "boom.txt").read_text(encoding="utf-8").splitlines()[0].replace('"', " ")
    assert "boom.txt" in [hit.doc for hit in index.search(f'"{title}"').hits]  # still searchable
    again = index.sync()  # the crash is not tried again until the file changes
    assert again.entities_done == 0 and not again.notes
    index.close()
    assert model_processes(os.getpid()) == []


def test_stopping_the_sync_leaves_no_model_process_behind(tmp_path, home, monkeypatch):
    monkeypatch.setenv(WORKERS_ENV, "2")
    folder = articles(tmp_path / "docs", [f"n{n}.txt" for n in range(ARTICLES)])
    index = Index(folder, home=home)
    stop = threading.Event()
    seen: list[int] = []

    def progress(p) -> None:
        if p.phase == "entities" and not stop.is_set():
            seen.extend(model_processes(os.getpid()))  # starting or running, once the phase has begun
            if seen:
                stop.set()

    report = index.sync(progress=progress, stop=stop)
    assert seen, "the sync ran no model process"
    assert model_processes(os.getpid()) == []
    assert report.entities_pending > 0  # stopped part way: the rest resumes next time
    assert index.sync().entities_pending == 0
    index.close()


def test_killing_the_indexing_process_takes_its_model_processes_with_it(tmp_path, home):
    folder = articles(tmp_path / "docs", [f"k{n}.txt" for n in range(ARTICLES)])
    command = [sys.executable, "-m", "tui", "--home", str(home), "index", str(folder), "--progress-json"]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    workers: list[int] = []
    for line in proc.stdout:
        if '"entities"' in line:
            for _ in range(100):
                workers = model_processes(proc.pid)
                if workers:
                    break
                time.sleep(0.1)
            break
    assert workers, "the indexing process started no model process"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    proc.stdout.close()
    for _ in range(100):  # the kernel (and the closed pipe) end them; give it up to 10 s
        if not [pid for pid in workers if pid in model_processes()]:
            break
        time.sleep(0.1)
    assert not [pid for pid in workers if pid in model_processes()]
