"""A deterministic corpus of N documents in the seed format, made from Wikinews sentences.

    python -m benchmarks.corpus --docs 10000 --out /tmp/corpus-10k

Sentences of ../shared/corpora/wikinews-en are recombined, so names, places
and dates are real and the vocabulary is a news vocabulary. The same N and
seed always give the same files. Documents go into folders of 1,000, as an
archive would keep them.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "wikinews-en" / "docs"
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"‘])")


@contextmanager
def index_of_copy(docs: Path) -> Iterator:
    """An `Index` over a copy of the folder `docs`, in a temporary home, closed and removed after."""
    from search_index import Index

    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "docs"
        shutil.copytree(docs, copy)
        index = Index(copy, home=Path(scratch) / "home")
        try:
            yield index
        finally:
            index.close()


def load_material(source: Path = SOURCE) -> tuple[list[str], list[str]]:
    if not source.is_dir():
        raise SystemExit(f"No Wikinews corpus at {source}: the generator needs ../shared/corpora/wikinews-en.")
    titles, sentences = [], []
    for path in sorted(source.glob("*.txt")):
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        titles.append(lines[0])
        for line in lines[1:]:
            sentences.extend(s for s in _SENTENCE.split(line) if 20 <= len(s) <= 400)
    return titles, sentences


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:50]


def generate(out: Path, docs: int, seed: int = 7, source: Path = SOURCE) -> Path:
    titles, sentences = load_material(source)
    out.mkdir(parents=True, exist_ok=True)
    for number in range(docs):
        rng = random.Random(seed * 1_000_003 + number)
        title_words = rng.choice(titles).split()
        other = rng.choice(titles).split()
        title = " ".join(title_words[: max(3, len(title_words) // 2)] + other[len(other) // 2 :])
        paragraphs = [
            " ".join(rng.choice(sentences) for _ in range(rng.randint(2, 5))) for _ in range(rng.randint(3, 12))
        ]
        date = f"{rng.randint(2006, 2023)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        folder = out / f"{number // 1000:03d}"
        folder.mkdir(exist_ok=True)
        (folder / f"{date}-{slug(title)}-{number}.txt").write_text("\n".join([title] + paragraphs) + "\n", encoding="utf-8")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    generate(args.out, args.docs, args.seed)
    print(f"{args.docs} documents in {args.out}")


if __name__ == "__main__":
    main()
