"""The benchmark's queries, by kind, drawn from the corpus itself so every engine sees the same.

Words are chosen by document frequency over a sample of the corpus, with a
fixed seed: the same corpus always gives the same queries.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from pathlib import Path

# prefix: as the search bar runs it while typing (the best hits found in its time budget);
# prefix_full: the same words as its full pass runs them once typing pauses.
KINDS = ("common", "rare", "two_terms", "phrase", "prefix", "prefix_full", "fuzzy", "entity")
SAMPLE_DOCS = 2000
PER_KIND = 20
_WORD = re.compile(r"[a-z]{4,}")
_STOP = set(
    "that with from this have were said will been which their they about would there after also when more "
    "other than into some them what only over such most made could first years year where being these those "
    "while then time both under between because through during against before since until says very".split()
)


def sample_texts(corpus: Path, limit: int = SAMPLE_DOCS) -> list[str]:
    paths = sorted(corpus.rglob("*.txt"))[:limit]
    return [path.read_text(encoding="utf-8", errors="replace") for path in paths]


def build(texts: list[str], entity_names: dict[str, list[str]], seed: int = 11) -> dict[str, list[str]]:
    """Queries per kind. `entity_names` maps a field (person, org, place) to names the index holds."""
    rng = random.Random(seed)
    df: Counter[str] = Counter()
    bigrams: Counter[str] = Counter()
    for text in texts:
        words = _WORD.findall(text.lower())
        df.update(set(words) - _STOP)
        bigrams.update({f"{a} {b}" for a, b in zip(words, words[1:], strict=False) if a not in _STOP and b not in _STOP})
    ranked = [word for word, _ in df.most_common()]
    common = ranked[:PER_KIND]
    rare = [word for word in ranked if 2 <= df[word] <= 3]
    middle = ranked[50:1000]
    phrases = [pair for pair, count in bigrams.most_common(400) if count >= 5]
    prefixes = []
    for word in rng.sample(ranked[:500], PER_KIND // 5 + 1):
        prefixes += [word[:n] for n in range(1, 6)]  # typed letter by letter
    names = [f'{field}:"{name}"' for field, values in entity_names.items() for name in values[:7]]
    return {
        "common": common,
        "rare": rng.sample(rare, min(PER_KIND, len(rare))),
        "two_terms": [f"{a} {b}" for a, b in zip(rng.sample(middle, PER_KIND), rng.sample(middle, PER_KIND), strict=False)],
        "phrase": [f'"{p}"' for p in rng.sample(phrases, min(PER_KIND, len(phrases)))],
        "prefix": prefixes,
        "prefix_full": prefixes,
        "fuzzy": [_misspell(word, rng) for word in rng.sample(ranked[20:300], PER_KIND)],
        "entity": names[:PER_KIND],
    }


def _misspell(word: str, rng: random.Random) -> str:
    """One letter dropped, after the first: what a fast typist gets wrong."""
    at = rng.randrange(1, len(word))
    return word[:at] + word[at + 1 :]
