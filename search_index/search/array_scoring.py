"""Scores a query over Whoosh's postings a block at a time, in numpy arrays.

Whoosh's matchers walk postings one document at a time in Python: a prefix
that stands for 48 terms ("elec", 51,000 of 100,000 documents) took 0.9 s,
most of it moving a tree of 96 union matchers forward one document at a time,
and a typo's close spellings as long. Here each term's postings are read a
block at a time (the same pickled blocks: ids, weights and, for phrases,
positions), scored with BM25F in one array operation, and combined with set
operations on sorted document numbers: the whole match set, counted exactly.

Scores are Whoosh's (its scorer's own statistics, the same formula), so the
ranking agrees with it; ties go to the lower document number, as in Whoosh's
top-N collector. A query of another shape (a wildcard left unexpanded,
another scoring model) raises Unsupported: Whoosh answers it as before. The
postings themselves are read in `postings.py`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from whoosh import query as q
from whoosh.scoring import BM25FScorer, WeightScorer

from .postings import NOTHING, PostingsReader, TermPostings, Unsupported, position_decoder
from .scored import EMPTY, Scored, and_maybe, boosted, intersect, joined, union, without

PHRASE_CHUNK = 2048  # phrase candidates checked between looks at the clock (and at the best hits so far)

__all__ = ["ArrayScorer", "OutOfTime", "Scored", "Unsupported"]


class OutOfTime(Exception):
    """The deadline passed or the asker moved on."""


class ArrayScorer:
    """Evaluates queries against one Whoosh searcher (a new searcher gets a new scorer)."""

    def __init__(self, searcher) -> None:
        self.searcher = searcher
        self._weighting = searcher.weighting
        self.postings = PostingsReader(searcher)
        self.joined: tuple[frozenset[str], ArrayScorer, Callable[[], np.ndarray]] | None = None

    def reader_of(self, field: str):
        """The reader of the index that holds `field`: its terms are what a pattern there expands to."""
        if self.joined is not None and field in self.joined[0]:
            return self.joined[1].searcher.reader()
        return self.searcher.reader()

    @property
    def joined_to(self) -> ArrayScorer | None:
        return self.joined[1] if self.joined is not None else None

    def join(self, fields: frozenset[str], other: ArrayScorer, numbers: Callable[[], np.ndarray]) -> None:
        """Answer `fields` from `other`, another index's scorer; `numbers()` maps its document numbers to ours."""
        self.joined = (fields, other, numbers)

    def warm_up(self) -> None:
        """The text fields' lengths, and the join (~0.3 s at 100k documents the first time)."""
        for number in range(len(self.postings.leaves)):
            for field in ("title", "body"):
                self.postings.field_lengths(number, field)
        if self.joined is not None:
            self.joined[2]()

    def evaluate(self, query: q.Query, deadline: float, cancelled: Callable[[], bool]) -> Scored:
        """Every document `query` matches, scored. Raises Unsupported, or OutOfTime past `deadline`."""
        self._deadline, self._cancelled = deadline, cancelled
        return self._visit(query)

    def postings_to_read(self, query: q.Query) -> int:
        """How many postings `query` would read that no search before has read: its cost, roughly.

        At ~0.65 µs a posting (100k documents, most of it Whoosh's block unpickling and
        inflating), "elec" (48 words in two fields, 115,000 postings) costs 75 ms the first time.
        """
        total = 0
        for node in _leaves(query):
            if self.joined is not None and node.fieldname in self.joined[0]:
                total += self.joined[1].postings_to_read(node)
                continue
            words = node.words if isinstance(node, q.Phrase) else [node.text]
            for word in words:
                encoded = self.postings.encoded(node.fieldname, word)
                if encoded is None:
                    continue
                phrase = isinstance(node, q.Phrase) and len(words) > 1  # its words' positions are read too
                if not all(self.postings.holds(n, node.fieldname, encoded, phrase) for n in range(len(self.postings.leaves))):
                    total += self.searcher.doc_frequency(node.fieldname, encoded)
        return total

    def _check_time(self) -> None:
        if self._cancelled() or time.monotonic() > self._deadline:
            raise OutOfTime

    def _read(self, number: int, field: str, text: bytes, values: bool = False) -> TermPostings:
        if not self.postings.holds(number, field, text, values):
            self._check_time()  # reading is where the time goes
        return self.postings.read(number, field, text, values)

    def _visit(self, node: q.Query) -> Scored:
        if node is q.NullQuery:
            return EMPTY
        if self.joined is not None and getattr(node, "fieldname", None) in self.joined[0]:
            return self._elsewhere(node)
        if isinstance(node, q.Not):  # NOT alone: every other document, each scored 1 as Whoosh does
            return without(self._everything(), self._visit(node.query))
        if isinstance(node, q.Term):
            return boosted(self._term(node.fieldname, node.text), node.boost)
        if isinstance(node, q.Phrase):
            return boosted(self._phrase(node), node.boost)
        if isinstance(node, q.Or) and not node.scale and not node.minmatch:
            return boosted(union([self._visit(child) for child in node.subqueries]), node.boost)
        if isinstance(node, q.And):
            return boosted(self._and(node.subqueries), node.boost)
        if isinstance(node, q.AndMaybe):
            return and_maybe(self._visit(node.a), self._visit(node.b))
        if isinstance(node, q.AndNot):
            return without(self._visit(node.a), self._visit(node.b))
        if isinstance(node, q.Require):
            return intersect([self._visit(node.a), self._visit(node.b)], score_first_only=True)
        raise Unsupported(type(node).__name__)

    def _and(self, children) -> Scored:
        wanted = [self._visit(child) for child in children if not isinstance(child, q.Not)]
        unwanted = [self._visit(child.query) for child in children if isinstance(child, q.Not)]
        found = intersect(wanted) if wanted else self._everything()
        for other in unwanted:
            found = without(found, other)
        if unwanted and wanted:  # Whoosh scores each NOT as a match of weight 1 (its InverseMatcher)
            found = Scored(found.docs, found.scores + len(unwanted))
        return found

    def _everything(self) -> Scored:
        """Every live document, scored 1."""
        parts = []
        for leaf in self.postings.leaves:
            local = np.arange(leaf.reader.doc_count_all(), dtype=np.int64)
            parts.append((local if leaf.deleted is None else local[~leaf.deleted]) + leaf.base)
        docs = np.concatenate(parts) if parts else NOTHING
        return Scored(docs, np.ones(len(docs)))

    def _elsewhere(self, node: q.Query) -> Scored:
        """A term or phrase of a field another index holds, in our document numbers."""
        if self.joined is None:
            raise Unsupported(node.fieldname)
        _, other, numbers = self.joined
        found = other.evaluate(node, self._deadline, self._cancelled)
        if not len(found.docs):
            return found
        mapped = numbers()[found.docs]
        keep = mapped >= 0  # the document changed or went since its names were written
        order = np.argsort(mapped[keep], kind="stable")
        return Scored(mapped[keep][order], found.scores[keep][order])

    # Terms

    def _scoring(self, field: str, text: bytes):
        """(idf, average length, B, K1) of Whoosh's own scorer, or None where it scores by weight alone."""
        scorer = self._weighting.scorer(self.searcher, field, text)
        if isinstance(scorer, BM25FScorer):
            return scorer.idf, scorer.avgfl, scorer.B, scorer.K1
        if isinstance(scorer, WeightScorer):
            return None
        raise Unsupported(type(scorer).__name__)

    def _term(self, field: str, text: str) -> Scored:
        encoded = self.postings.encoded(field, text)
        if encoded is None:
            return EMPTY
        scoring = self._scoring(field, encoded)
        docs, scores = [], []
        for number, leaf in enumerate(self.postings.leaves):
            postings = self._read(number, field, encoded)
            if len(postings.ids):
                docs.append(postings.ids + leaf.base)
                scores.append(self._score(number, field, scoring, postings.ids, postings.weights))
        return joined(docs, scores)

    def _score(self, number: int, field: str, scoring, ids: np.ndarray, weights: np.ndarray) -> np.ndarray:
        """BM25F of postings in one segment, with `_scoring`'s statistics (the same in every segment)."""
        if scoring is None:
            return weights.astype(np.float64)
        idf, average, B, K1 = scoring
        lengths = self.postings.field_lengths(number, field)[ids]
        return idf * ((weights * (K1 + 1)) / (weights + K1 * ((1 - B) + B * lengths / average)))

    # Phrases

    def _phrase(self, node: q.Phrase) -> Scored:
        """Documents where the words stand in order within the slop, scored as Whoosh does: the words' sum.

        Every document holding all the words is checked ("really like" at 100k: 30,000 hold
        both, 4,878 the phrase), in bulk: positions decoded by pickle and compared by numpy.
        """
        if len(node.words) == 1:
            return self._term(node.fieldname, node.words[0])
        found = self._candidates(node)
        keep = np.zeros(len(found.docs), dtype=bool)
        for chunk in range(0, len(found.docs), PHRASE_CHUNK):
            self._check_time()
            chosen = np.arange(chunk, min(chunk + PHRASE_CHUNK, len(found.docs)))
            keep[chosen] = found.check(chosen)
        return Scored(found.docs[keep], found.scores[keep])

    def _candidates(self, node: q.Phrase) -> _Candidates:
        """The documents holding every word of a phrase (of two words or more), each scored as if it held the phrase."""
        field = node.fieldname
        words = [encoded for word in node.words if (encoded := self.postings.encoded(field, word)) is not None]
        decode = position_decoder(self.searcher.schema[field].format)
        docs: list[np.ndarray] = []
        scores: list[np.ndarray] = []
        parts, start = [], 0
        if len(words) == len(node.words):
            scorings = [self._scoring(field, word) for word in words]
            for number, leaf in enumerate(self.postings.leaves):
                postings = [self._read(number, field, word, values=True) for word in words]
                common = postings[0].ids
                for other in postings[1:]:
                    common = np.intersect1d(common, other.ids, assume_unique=True)
                if not len(common):
                    continue
                at = [np.searchsorted(word.ids, common) for word in postings]
                docs.append(common + leaf.base)
                scores.append(
                    sum(
                        (
                            self._score(number, field, scoring, found.ids[where], found.weights[where])
                            for scoring, found, where in zip(scorings, postings, at, strict=True)
                        ),
                        np.zeros(len(common)),
                    )
                )
                parts.append((start, start + len(common), [word.values for word in postings], at))
                start += len(common)
        found = joined(docs, scores)
        return _Candidates(found.docs, found.scores, parts, decode, node.slop)

    def best(self, query: q.Query, limit: int, deadline: float, cancelled: Callable[[], bool]) -> tuple[Scored, bool]:
        """The matches to rank, and whether they are every match.

        A query of phrases alone (what quoting makes: the phrase in the title OR in the body)
        checks its candidates, the documents holding every word, best first by the score they
        would have with the phrase (never less than the one they have), and stops once no
        candidate left could enter the best `limit`: those are then exact, the count a lower
        bound ("really like" at 100k: 30,000 candidates, a few thousand checked). Any other
        query: `evaluate`, every match.
        """
        phrases = self._phrases_alone(query)
        if phrases is None:
            return self.evaluate(query, deadline, cancelled), True
        self._deadline, self._cancelled = deadline, cancelled
        groups = [(self._candidates(node), boost) for node, boost in phrases]
        bound = union([Scored(found.docs, found.scores * boost) for found, boost in groups])
        places = []
        for found, _ in groups:
            at = np.minimum(np.searchsorted(found.docs, bound.docs), max(len(found.docs) - 1, 0))
            places.append((at, found.docs[at] == bound.docs if len(found.docs) else np.zeros(len(bound.docs), bool)))
        order = np.argsort(-bound.scores, kind="stable")
        scores = np.zeros(len(bound.docs))
        for chunk in range(0, len(order), PHRASE_CHUNK):
            self._check_time()
            chosen = order[chunk : chunk + PHRASE_CHUNK]
            for (found, boost), (at, present) in zip(groups, places, strict=True):
                mine = chosen[present[chosen]]
                holds = found.check(at[mine])
                scores[mine[holds]] += found.scores[at[mine[holds]]] * boost
            matched = scores[scores > 0]
            rest = order[chunk + PHRASE_CHUNK :]
            if len(rest) and len(matched) >= limit and bound.scores[rest[0]] < np.partition(matched, -limit)[-limit]:
                keep = scores > 0
                return Scored(bound.docs[keep], scores[keep]), False
        keep = scores > 0
        return Scored(bound.docs[keep], scores[keep]), True

    def _phrases_alone(self, query: q.Query) -> list[tuple[q.Phrase, float]] | None:
        """(phrase, boost) for a query that is phrases of this index's fields OR'd together, else None."""
        if isinstance(query, q.Phrase) and len(query.words) > 1:
            joined = self.joined is not None and query.fieldname in self.joined[0]
            return None if joined else [(query, query.boost)]
        if isinstance(query, q.Or) and query.subqueries and not query.scale and not query.minmatch:
            found = [part for child in query.subqueries if (part := self._phrases_alone(child)) is not None]
            if len(found) == len(query.subqueries):
                return [(node, boost * query.boost) for part in found for node, boost in part]
        return None


@dataclass
class _Candidates:
    """The documents holding every word of a phrase (global numbers, ascending), scored as if they held it."""

    docs: np.ndarray
    scores: np.ndarray
    parts: list  # per segment: (first candidate, end, each word's values, where each candidate is in each word's)
    decode: Callable
    slop: int

    def check(self, chosen: np.ndarray) -> np.ndarray:
        """For the candidates at `chosen` (indexes into docs), whether each holds the phrase."""
        holds = np.zeros(len(chosen), dtype=bool)
        for start, end, values, at in self.parts:
            inside = (chosen >= start) & (chosen < end)
            local = chosen[inside] - start
            if len(local):
                picked = [[word[i] for i in where[local]] for word, where in zip(values, at, strict=True)]
                holds[inside] = _in_order(picked, self.decode, self.slop)
        return holds


def _leaves(node: q.Query):
    """The terms and phrases of a query, negated ones included (they are read too)."""
    if isinstance(node, (q.Term, q.Phrase)):
        yield node
        return
    for child in node.children():
        yield from _leaves(child)


def _in_order(values: list[list[bytes]], decode, slop: int = 1) -> np.ndarray:
    """For each document (one value per word, in phrase order), whether each word follows the
    one before it within `slop` positions (1: side by side), as Whoosh's SpanNear2 asks.

    Each word is matched at its first place after the word before: the earliest
    leaves the most room for the words after it.
    """
    owner, start = decode(values[0])
    ends = (owner << 32) | start  # (document, position of the word matched last) as one number, ascending
    for word_values in values[1:]:
        owner_k, at_k = decode(word_values)
        keys = np.sort((owner_k << 32) | at_k)
        following = np.searchsorted(keys, ends + 1)
        found = following < len(keys)
        nearest = keys[np.minimum(following, len(keys) - 1)]
        ends = np.unique(nearest[found & (nearest <= ends + slop)])  # same document: slop < 2**32
    matched = np.zeros(len(values[0]), dtype=bool)
    matched[ends >> 32] = True
    return matched
