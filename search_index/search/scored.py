"""Sets of scored documents: every match of a query part (global numbers, ascending) and its score.

The array scorer (`array_scoring.py`) combines its parts with these: a union adds
the scores of the documents both sides hold, an intersection keeps the common
ones, AND-MAYBE adds an optional part's score where it matched.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Scored:
    """Every matching document (global numbers, ascending) and its score."""

    docs: np.ndarray
    scores: np.ndarray

    def top(self, limit: int) -> list[tuple[int, float]]:
        """The `limit` best, best first; equal scores by document number, as Whoosh ranks them."""
        if len(self.docs) > limit:
            best = np.argpartition(-self.scores, limit - 1)[:limit]
            cut = self.scores[best].min()
            best = np.flatnonzero(self.scores >= cut)  # every tie at the cut, then ordered below
        else:
            best = np.arange(len(self.docs))
        order = best[np.lexsort((self.docs[best], -self.scores[best]))][:limit]
        return [(int(self.docs[i]), float(self.scores[i])) for i in order]


EMPTY = Scored(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64))


def joined(docs: list[np.ndarray], scores: list[np.ndarray]) -> Scored:
    """Per-segment parts, in segment order (their numbers ascend), as one."""
    if not docs:
        return EMPTY
    return Scored(np.concatenate(docs), np.concatenate(scores).astype(np.float64))


def boosted(found: Scored, boost: float) -> Scored:
    return found if boost == 1.0 else Scored(found.docs, found.scores * boost)


def union(parts: list[Scored]) -> Scored:
    parts = [part for part in parts if len(part.docs)]
    if not parts:
        return EMPTY
    if len(parts) == 1:
        return parts[0]
    docs = np.concatenate([part.docs for part in parts])
    scores = np.concatenate([part.scores for part in parts])
    unique, inverse = np.unique(docs, return_inverse=True)
    return Scored(unique, np.bincount(inverse, weights=scores, minlength=len(unique)))


def intersect(parts: list[Scored], score_first_only: bool = False) -> Scored:
    docs, scores = parts[0].docs, parts[0].scores
    for part in parts[1:]:
        docs, mine, theirs = np.intersect1d(docs, part.docs, assume_unique=True, return_indices=True)
        scores = scores[mine] if score_first_only else scores[mine] + part.scores[theirs]
    return Scored(docs, scores)


def and_maybe(required: Scored, optional: Scored) -> Scored:
    if not len(optional.docs) or not len(required.docs):
        return required
    at = np.minimum(np.searchsorted(optional.docs, required.docs), len(optional.docs) - 1)
    present = optional.docs[at] == required.docs
    bonus = np.where(present, optional.scores[at], 0.0)
    return Scored(required.docs, required.scores + bonus)


def without(found: Scored, excluded: Scored) -> Scored:
    keep = ~np.isin(found.docs, excluded.docs, assume_unique=True)
    return Scored(found.docs[keep], found.scores[keep])
