"""`seed-reader search` as a whole process beside `recollq` on the same folder, per query kind (issue 29).

    python -m benchmarks.cli_latency --corpus DIR --home HOME --recoll CONFDIR [--per-kind 6] [--rounds 3]

Both indexes must be up to date first: `seed-reader --home HOME index DIR --no-entities` and
`recollindex -c CONFDIR` (its recoll.conf: `topdirs = DIR`). Each query runs as a user runs it,
one process per query, the two commands in turn (A B A B: a drift in the machine's speed hits
both): `seed-reader --home HOME search Q --corpus DIR` (its stat scan of the folder included;
`--no-sync` apart) and `recollq -c CONFDIR -n 10 -A Q` (ten results with their abstracts, as
search prints ten with snippets). Wall time and CPU time (user + system, from the kernel's
accounting of the finished child) per kind: median, and the ratio of medians. The floor is
timed the same way: Python starting, and Python importing what the engine needs (Whoosh and numpy).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.queries import build, sample_texts

KINDS = ("common", "rare", "two_terms", "phrase", "prefix_full", "fuzzy")


def timed(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one run of `command`, its output thrown away."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def queries(corpus: Path, per_kind: int) -> dict[str, list[str]]:
    built = build(sample_texts(corpus), {})
    built["prefix_full"] = [word for word in built["prefix"] if len(word) >= 3][:per_kind]
    built["prefix_full"] = [word + "*" for word in built["prefix_full"]]
    return {kind: built[kind][:per_kind] for kind in KINDS}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--home", type=Path, required=True)
    parser.add_argument("--recoll", type=Path, required=True, help="recoll's configuration folder")
    parser.add_argument("--per-kind", type=int, default=6)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    seed_reader = str(Path(sys.executable).parent / "seed-reader")
    recollq = shutil.which("recollq")
    if recollq is None:
        raise SystemExit("recollq is not installed (Debian: apt-get install recoll)")
    env = dict(os.environ)
    commands = {
        "seed-reader search": lambda q: [seed_reader, "--home", str(args.home), "search", q, "--corpus", str(args.corpus)],
        "seed-reader search --no-sync": lambda q: [seed_reader, "--home", str(args.home), "search", q, "--corpus", str(args.corpus), "--no-sync"],
        "recollq": lambda q: [recollq, "-c", str(args.recoll), "-n", "10", "-A", q],
    }
    floors = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "python: import whoosh and numpy": [sys.executable, "-c", "import numpy, whoosh.index, whoosh.searching, whoosh.qparser"],
    }
    results: dict = {"corpus": str(args.corpus), "kinds": {}, "floor": {}}
    for kind, texts in queries(args.corpus, args.per_kind).items():
        runs: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
        for _ in range(args.rounds):
            for text in texts:
                for name, command in commands.items():  # in turn, pair by pair
                    runs[name].append(timed(command(text), env))
        row = {}
        for name, measured in runs.items():
            row[name] = {
                "wall_ms": round(1000 * statistics.median(w for w, _ in measured), 1),
                "cpu_ms": round(1000 * statistics.median(c for _, c in measured), 1),
            }
        base = row["recollq"]["wall_ms"]
        row["ratio_wall"] = round(row["seed-reader search"]["wall_ms"] / base, 2)
        row["ratio_wall_no_sync"] = round(row["seed-reader search --no-sync"]["wall_ms"] / base, 2)
        results["kinds"][kind] = {"queries": texts, **row}
        print(kind, json.dumps(row), flush=True)
    for name, command in floors.items():
        measured = [timed(command, env) for _ in range(args.rounds * 5)]
        results["floor"][name] = {
            "wall_ms": round(1000 * statistics.median(w for w, _ in measured), 1),
            "cpu_ms": round(1000 * statistics.median(c for _, c in measured), 1),
        }
    print("floor", json.dumps(results["floor"]))
    if args.out:
        args.out.write_text(json.dumps(results, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
