"""Word forms: the inflections of a word (plural, -ed, -ing) that the index holds.

Found at query time over the vocabulary, as Xapian (recoll) does, rather than
in a stemmed field beside the exact one: the index and its marks stay exact,
each form is marked where it stands, and the exact form ranks first (its
boost is larger). A stemmed body field measured +X% index size at 10k (see
benchmarks/RESULTS.md); here a word costs a bisect into the sorted
vocabulary and stemming the terms that share its first letters.

Snowball's English stemmer (Porter2, via PyStemmer) also strips derivations
(`election` -> elect, `protester` -> protest): a term counts as a form of
the word only when both have the same stem and what each adds to their
common beginning is an inflection (`s`, `es`, `ed`, `ing`, a doubled
consonant before `ed`/`ing`, `y` -> `ies`/`ied`, a dropped `e`). The
possessive needs nothing here: the tokenizer drops it (`analysis.py`).
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Iterable
from functools import lru_cache
from itertools import islice

import Stemmer

MAX_FORMS = 16  # terms a word stands for, itself included: the commonest
MAX_SCAN = 20_000  # vocabulary terms looked at for one word
_INFLECTION = re.compile(r"(?:|e|y|s|es|'s|ies|ied|ed|d|ing|ying)")
_DOUBLED = re.compile(r"([b-df-hj-np-tv-z])(?:ed|ing)")
_STEMMER = Stemmer.Stemmer("english")
_WORDLIKE = re.compile(r"[a-z]+")


@lru_cache(maxsize=65_536)
def stem(word: str) -> str:
    return _STEMMER.stemWord(word)


def _adds_an_inflection(base: str, rest: str) -> bool:
    if _INFLECTION.fullmatch(rest):
        return True
    doubled = _DOUBLED.fullmatch(rest)
    return doubled is not None and base.endswith(doubled.group(1))


def is_form(word: str, other: str) -> bool:
    """Whether `other` is `word` inflected (or the other way round): same stem, inflectional endings only."""
    if word == other:
        return True
    common = 0
    for a, b in zip(word, other, strict=False):
        if a != b:
            break
        common += 1
    base = word[:common]
    endings = _adds_an_inflection(base, word[common:]) and _adds_an_inflection(base, other[common:])
    return endings and stem(word) == stem(other)  # the endings first: they are cheap to look at


def has_forms(word: str) -> bool:
    """English words of three letters or more; not numbers, initialisms typed short, or CJK."""
    return len(word) >= 3 and _WORDLIKE.fullmatch(word) is not None


def candidates_prefix(word: str) -> str:
    """The beginning every form of `word` shares: its stem less the letter a stemmer may change (y -> i, an added e)."""
    root = stem(word)
    shared = 0
    for a, b in zip(word, root, strict=False):
        if a != b:
            break
        shared += 1
    return word[: max(min(shared, len(root) - 1), 2)]


def pick_forms(word: str, candidates: Iterable[tuple[str, int]]) -> list[str]:
    """Of (term, document frequency) pairs sharing `candidates_prefix(word)`, the forms of `word`, the commonest first."""
    longest = len(word) + 4  # "ying", or a doubled consonant and "ing": no inflection adds more
    found = (
        (term, frequency)
        for term, frequency in islice(candidates, MAX_SCAN)
        if len(term) <= longest and term != word and is_form(word, term)
    )
    return [term for term, _ in heapq.nlargest(MAX_FORMS - 1, found, key=lambda pair: pair[1])]
