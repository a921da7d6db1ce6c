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

FIELDS = ("title", "body")


class Vocabulary:
    def __init__(self) -> None:
        self._segments: dict[str, dict[str, Counter]] = {}
        self._sorted: dict[str, tuple[list[str], list[int]]] = {field: ([], []) for field in FIELDS}
        self._lock = threading.Lock()

    def update(self, reader) -> None:
        """Follow the reader's segments: read new ones, forget merged ones."""
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

    def top(self, field: str, prefix: str, limit: int) -> list[str]:
        """The `limit` terms starting with `prefix` that the most documents hold."""
        terms, frequencies = self._sorted[field]
        low = bisect_left(terms, prefix)
        high = bisect_left(terms, prefix + "\U0010ffff", low)
        best = heapq.nlargest(limit, range(low, high), key=frequencies.__getitem__)
        return [terms[i] for i in best]


def _frequencies(leaf, field: str) -> Counter:
    counts: Counter = Counter()
    if field not in leaf.schema:
        return counts
    for term, info in leaf.iter_field(field):
        counts[term.decode("utf-8") if isinstance(term, bytes) else term] = info.doc_frequency()
    return counts
