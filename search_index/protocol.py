"""The sync subprocess's protocol, both ends: `seed-reader index --progress-json` writes it,
the reader's SyncRunner reads it.

stdout carries one JSON object a line: progress lines `{"phase", "done", "total"}`,
then, last, `{"report": {...}}` (SyncReport.to_json). The exit code says how it
ended: 0 done, BUSY_EXIT when another process holds the write lock, anything
else failed (stderr's last line says why), negative when it was stopped.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from .records import Progress, SyncReport

BUSY_EXIT = 75  # EX_TEMPFAIL: another process holds the index's write lock; try again later


@dataclass(frozen=True)
class SyncDone:
    report: SyncReport


@dataclass(frozen=True)
class SyncBusy:
    """Another process is indexing this folder; what it committed so far is readable."""


@dataclass(frozen=True)
class SyncFailed:
    error: str


SyncEvent = Progress | SyncDone | SyncBusy | SyncFailed


def encode_progress(progress: Progress) -> str:
    return json.dumps({"phase": progress.phase, "done": progress.done, "total": progress.total})


def encode_report(report: SyncReport) -> str:
    return json.dumps({"report": report.to_json()}, ensure_ascii=False)


def decode(line: str) -> Progress | SyncReport | None:
    """One stdout line: progress, the final report, or None for anything else."""
    try:
        data = json.loads(line)
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    if "report" in data:
        return SyncReport.from_json(data["report"])
    try:
        return Progress(data["phase"], data["done"], data["total"])
    except KeyError:
        return None


def outcome(code: int, report: SyncReport | None, stderr: str) -> SyncDone | SyncBusy | SyncFailed:
    """How the subprocess ended, from its exit code, its report and its stderr."""
    if code == 0 and report is not None:
        return SyncDone(report)
    if code == BUSY_EXIT:
        return SyncBusy()
    if code < 0:
        return SyncFailed("Indexing was stopped.")
    message = stderr.strip().splitlines()[-1] if stderr.strip() else f"Indexing failed (exit {code})."
    return SyncFailed(message.removeprefix("Error: "))
