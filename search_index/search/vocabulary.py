"""Every title and body term with its document frequency, to expand prefixes fast.

Whoosh walks a prefix's terms through every segment at once, reading each
term's full record: at 10k documents in 12 segments that walk took ~150 µs a
term, so a four-letter prefix cost up to 190 ms before any document was
scored. Here each segment is read once, when a searcher first sees it
(segments never change), and a prefix is a bisect into one sorted list.
"""

from __future__ import annotations

import heapq
import threading
from bisect import bisect_left
from collections import Counter

from .forms import MAX_SCAN, candidates_prefix, has_forms, pick_forms

FIELDS = ("title", "body")


class Vocabulary:
    """Off until `enable()`: a process that answers one query (the CLI) asks the index's own term
    lists instead; reading every term first cost it more than the query (1.3 s of a 2.9 s run,
    profiled, 317 documents). The search process, which answers many, enables it when it warms up."""

    def __init__(self) -> None:
        self.enabled = False
        self._segments: dict[str, dict[str, Counter]] = {}
        self._sorted: dict[str, tuple[list[str], list[int]]] = {field: ([], []) for field in FIELDS}
        self._lock = threading.Lock()
        self._forms: dict[tuple[str, str], list[str]] = {}  # (field, word) -> its forms, until the next update

    def enable(self, reader) -> None:
        self.enabled = True
        self.update(reader)

    def update(self, reader) -> None:
        """Follow the reader's segments: read new ones, forget merged ones."""
        if not self.enabled:
            return
        leaves = {leaf.segment().segment_id(): leaf for leaf, _ in reader.leaf_readers() if leaf.segment() is not None}
        with self._lock:
            if leaves.keys() == self._segments.keys():
                return
            for gone in self._segments.keys() - leaves.keys():
                del self._segments[gone]
            for new in leaves.keys() - self._segments.keys():
                self._segments[new] = {field: _frequencies(leaves[new], field) for field in FIELDS}
            for field in FIELDS:
                total: Counter = Counter()
                for counts in self._segments.values():
                    total.update(counts[field])
                terms = sorted(total)
                self._sorted[field] = (terms, [total[term] for term in terms])
            self._forms = {}

    def top(self, field: str, prefix: str, limit: int) -> list[str]:
        """The `limit` terms starting with `prefix` that the most documents hold."""
        terms, frequencies = self._sorted[field]
        low = bisect_left(terms, prefix)
        high = bisect_left(terms, prefix + "\U0010ffff", low)
        best = heapq.nlargest(limit, range(low, high), key=frequencies.__getitem__)
        return [terms[i] for i in best]

    def forms(self, field: str, word: str) -> list[str]:
        """The inflections of `word` the field holds (`forms.py`), the commonest first, `word` itself not among them."""
        key = (field, word)
        found = self._forms.get(key)
        if found is not None:
            return found
        found = []
        if has_forms(word):
            terms, frequencies = self._sorted[field]
            prefix = candidates_prefix(word)
            low = bisect_left(terms, prefix)
            high = min(bisect_left(terms, prefix + "\U0010ffff", low), low + MAX_SCAN)
            found = pick_forms(word, ((terms[i], frequencies[i]) for i in range(low, high)))
        if len(self._forms) > 4096:
            self._forms = {}
        self._forms[key] = found
        return found


def _frequencies(leaf, field: str) -> Counter:
    counts: Counter = Counter()
    if field not in leaf.schema:
        return counts
    for term, info in leaf.iter_field(field):
        counts[term.decode("utf-8") if isinstance(term, bytes) else term] = info.doc_frequency()
    return counts
