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
top-N collector. A query of another shape (NOT alone, a wildcard left
unexpanded, a phrase with slop, another scoring model) gets None: Whoosh
answers it as before.
"""

from __future__ import annotations

import time
import zlib
from bisect import bisect_right
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from itertools import chain
from pickle import loads

import numpy as np
from whoosh import query as q
from whoosh.codec.whoosh3 import _INT_SIZE, LENGTHS_COLUMN, W3LeafMatcher, W3PerDocReader, _lenfield
from whoosh.formats import Characters, Positions
from whoosh.matching.wrappers import FilterMatcher
from whoosh.reading import TermNotFound
from whoosh.scoring import BM25FScorer, WeightScorer
from whoosh.util.numeric import byte_to_length

# Whoosh keeps a field's length per document as one byte; this is its decoding.
_LENGTH_OF_BYTE = np.array([byte_to_length(b) for b in range(256)], dtype=np.float64)
# Decoded postings of the terms asked last (typing asks "ele", "elec", "elect": the same lists).
# Bounded by postings held: 2 million are ~24 MB (8-byte ids, 4-byte weights).
POSTINGS_CACHE = 2_000_000
MAX_SLOP = 32  # positions a phrase's words may stand apart ("a b"~3); wider ones go to Whoosh
BLOCK_INDEX_CACHE = 4096  # terms whose block places are kept, for the hits' match ranges
PHRASE_CHUNK = 2048  # documents checked between looks at the clock
PHRASE_CHECK_TIME = 0.01  # seconds of checking positions before a phrase settles for a lower-bound count


class Unsupported(Exception):
    """A query shape this module does not score; Whoosh's matchers do."""


class OutOfTime(Exception):
    """The deadline passed or the asker moved on."""


@dataclass(frozen=True)
class Scored:
    """Every matching document (global numbers, ascending) and its score."""

    docs: np.ndarray
    scores: np.ndarray
    exact: bool = True  # False: a phrase check stopped early, so some of the weaker matches are missing

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


_EMPTY = Scored(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64))


@dataclass
class _Leaf:
    reader: object
    base: int
    deleted: np.ndarray | None  # True where a document is deleted


class ArrayScorer:
    """Evaluates queries against one Whoosh searcher (a new searcher gets a new scorer)."""

    def __init__(self, searcher) -> None:
        self._searcher = searcher
        self._weighting = searcher.weighting
        self._leaves = []
        for reader, base in searcher.reader().leaf_readers():
            deleted = None
            if reader.has_deletions():
                deleted = np.zeros(reader.doc_count_all(), dtype=bool)
                deleted[list(reader.deleted_docs_set)] = True
            self._leaves.append(_Leaf(reader, base, deleted))
        self._lengths: dict[tuple[int, str], np.ndarray] = {}
        self._joined: tuple[frozenset[str], ArrayScorer, Callable[[], np.ndarray]] | None = None
        self._postings: OrderedDict[tuple[int, str, bytes], _Postings] = OrderedDict()
        self._blocks: dict[tuple[int, str, bytes], _Blocks] = {}
        self._held = 0

    def reader_of(self, field: str):
        """The reader of the index that holds `field`: its terms are what a pattern there expands to."""
        if self._joined is not None and field in self._joined[0]:
            return self._joined[1]._searcher.reader()
        return self._searcher.reader()

    def join(self, fields: frozenset[str], other: ArrayScorer, numbers: Callable[[], np.ndarray]) -> None:
        """Answer `fields` from `other`, another index's scorer; `numbers()` maps its document numbers to ours."""
        self._joined = (fields, other, numbers)

    def evaluate(self, query: q.Query, limit: int, deadline: float, cancelled: Callable[[], bool]) -> Scored:
        """Every document `query` matches, scored; `limit` hits are wanted. Raises Unsupported or OutOfTime."""
        self._limit, self._deadline, self._cancelled = limit, deadline, cancelled
        return self._visit(query)

    def postings_to_read(self, query: q.Query) -> int:
        """How many postings `query` would read that no search before has read: its cost, roughly.

        At ~0.65 µs a posting (100k documents, most of it Whoosh's block unpickling and
        inflating), "elec" (48 words in two fields, 115,000 postings) costs 75 ms the first time.
        """
        total = 0
        for node in _leaves(query):
            if self._joined is not None and node.fieldname in self._joined[0]:
                total += self._joined[1].postings_to_read(node)
                continue
            words = node.words if isinstance(node, q.Phrase) else [node.text]
            for word in words:
                encoded = self._encoded(node.fieldname, word)
                if encoded is None:
                    continue
                keys = [(number, node.fieldname, encoded) for number in range(len(self._leaves))]
                if not all(key in self._postings for key in keys):
                    total += self._searcher.doc_frequency(node.fieldname, encoded)
        return total

    def _check_time(self) -> None:
        if self._cancelled() or time.monotonic() > self._deadline:
            raise OutOfTime

    def _visit(self, node: q.Query) -> Scored:
        if node is q.NullQuery:
            return _EMPTY
        if self._joined is not None and getattr(node, "fieldname", None) in self._joined[0]:
            return self._elsewhere(node)
        if isinstance(node, q.Not):  # NOT alone: every other document, each scored 1 as Whoosh does
            return _without(self._everything(), self._visit(node.query))
        if isinstance(node, q.Term):
            return _boosted(self._term(node.fieldname, node.text), node.boost)
        if isinstance(node, q.Phrase):
            return _boosted(self._phrase(node), node.boost)
        if isinstance(node, q.Or) and not node.scale and not node.minmatch:
            return _boosted(_union([self._visit(child) for child in node.subqueries]), node.boost)
        if isinstance(node, q.And):
            return _boosted(self._and(node.subqueries), node.boost)
        if isinstance(node, q.AndMaybe):
            return _and_maybe(self._visit(node.a), self._visit(node.b))
        if isinstance(node, q.AndNot):
            return _without(self._visit(node.a), self._visit(node.b))
        if isinstance(node, q.Require):
            return _intersect([self._visit(node.a), self._visit(node.b)], score_first_only=True)
        raise Unsupported(type(node).__name__)

    def _and(self, children) -> Scored:
        wanted = [self._visit(child) for child in children if not isinstance(child, q.Not)]
        unwanted = [self._visit(child.query) for child in children if isinstance(child, q.Not)]
        found = _intersect(wanted) if wanted else self._everything()
        for other in unwanted:
            found = _without(found, other)
        if unwanted and wanted:  # Whoosh scores each NOT as a match of weight 1 (its InverseMatcher)
            found = Scored(found.docs, found.scores + len(unwanted), found.exact)
        return found

    def _everything(self) -> Scored:
        """Every live document, scored 1."""
        parts = []
        for leaf in self._leaves:
            local = np.arange(leaf.reader.doc_count_all(), dtype=np.int64)
            parts.append((local if leaf.deleted is None else local[~leaf.deleted]) + leaf.base)
        docs = np.concatenate(parts) if parts else _NOTHING
        return Scored(docs, np.ones(len(docs)))

    def _elsewhere(self, node: q.Query) -> Scored:
        """A term or phrase of a field another index holds, in our document numbers."""
        _, other, numbers = self._joined
        found = other.evaluate(node, self._limit, self._deadline, self._cancelled)
        if not len(found.docs):
            return found
        mapped = numbers()[found.docs]
        keep = mapped >= 0  # the document changed or went since its names were written
        order = np.argsort(mapped[keep], kind="stable")
        return Scored(mapped[keep][order], found.scores[keep][order], found.exact)

    # Terms

    def _scoring(self, field: str, text: bytes):
        """(idf, average length, B, K1) of Whoosh's own scorer, or None where it scores by weight alone."""
        scorer = self._weighting.scorer(self._searcher, field, text)
        if isinstance(scorer, BM25FScorer):
            return scorer.idf, scorer.avgfl, scorer.B, scorer.K1
        if isinstance(scorer, WeightScorer):
            return None
        raise Unsupported(type(scorer).__name__)

    def _encoded(self, field: str, text: str | bytes) -> bytes | None:
        schema = self._searcher.schema
        if field not in schema:
            return None
        try:
            encoded = schema[field].to_bytes(text) if isinstance(text, str) else text
        except ValueError:
            return None
        return encoded if (field, encoded) in self._searcher.reader() else None

    def _term(self, field: str, text: str) -> Scored:
        encoded = self._encoded(field, text)
        if encoded is None:
            return _EMPTY
        docs, scores = [], []
        for number, leaf in enumerate(self._leaves):
            postings = self._read(number, field, encoded)
            if len(postings.ids):
                docs.append(postings.ids + leaf.base)
                scores.append(self._score(number, field, encoded, postings.ids, postings.weights))
        return _joined(docs, scores)

    def _score(self, number: int, field: str, text: bytes, ids: np.ndarray, weights: np.ndarray) -> np.ndarray:
        scoring = self._scoring(field, text)
        if scoring is None:
            return weights.astype(np.float64)
        idf, average, B, K1 = scoring
        lengths = self._field_lengths(number, field)[ids]
        return idf * ((weights * (K1 + 1)) / (weights + K1 * ((1 - B) + B * lengths / average)))

    def _matcher(self, number: int, field: str, text: bytes) -> W3LeafMatcher | None:
        try:
            matcher = self._leaves[number].reader.postings(field, text)
        except TermNotFound:
            return None
        if isinstance(matcher, FilterMatcher):  # Whoosh's filter of deleted documents: ours is `deleted`
            matcher = matcher.child
        if not isinstance(matcher, W3LeafMatcher):
            raise Unsupported(type(matcher).__name__)
        return matcher

    def _read(self, number: int, field: str, text: bytes, values: bool = False) -> _Postings:
        """A term's postings in one segment (deleted documents left out); `values` for phrases."""
        key = (number, field, text)
        cached = self._postings.get(key)
        if cached is not None and (cached.values is not None or not values):
            self._postings.move_to_end(key)
            return cached
        self._check_time()
        matcher = self._matcher(number, field, text)
        if matcher is None:
            return _NO_POSTINGS
        gaps, weights, value_blocks, sizes, places = [], [], [], [], []
        while matcher.is_active():
            matcher._read_data()
            raw_ids, raw_weights = matcher._data[0], matcher._data[1]
            gaps.extend(raw_ids)
            sizes.append(len(raw_ids))
            if raw_weights is None or isinstance(raw_weights, float):
                weights.extend([raw_weights or 1.0] * len(raw_ids))
            else:
                weights.extend(raw_weights)
            if values:
                matcher._read_values()
                value_blocks.extend(matcher._values)
            places.append((matcher._dataoffset, matcher._nextoffset, matcher._compression))
            matcher._next_block()
        if not sizes:
            return _NO_POSTINGS
        ids = np.asarray(gaps, dtype=np.int64)
        if not matcher._byteids:  # each block's ids are gaps from 0: sum them, block by block
            ids = np.cumsum(ids)
            ends = np.cumsum(sizes)
            ids -= np.repeat(np.concatenate(([0], ids[ends[:-1] - 1])), sizes)
        self._remember_blocks(key, _Blocks(matcher._postfile, ids[np.cumsum(sizes) - 1], places, matcher._byteids))
        found = _Postings(ids, np.asarray(weights, dtype=np.float32), value_blocks if values else None)
        deleted = self._leaves[number].deleted
        if deleted is not None:
            alive = ~deleted[found.ids]
            kept = [value for value, keep in zip(value_blocks, alive, strict=True) if keep] if values else None
            found = _Postings(found.ids[alive], found.weights[alive], kept)
        self._remember(key, found)
        return found

    def _block_index(self, number: int, field: str, text: bytes) -> _Blocks | None:
        """Where a term's blocks are in one segment: from reading its postings, or from their headers alone."""
        key = (number, field, text)
        if key in self._blocks:
            return self._blocks[key]
        matcher = self._matcher(number, field, text)
        if matcher is None:
            return None
        ends, places = [], []
        while matcher.is_active():  # headers only: the blocks' data is not read
            ends.append(matcher._maxid)
            places.append((matcher._dataoffset, matcher._nextoffset, matcher._compression))
            matcher._next_block()
        blocks = _Blocks(matcher._postfile, np.asarray(ends, dtype=np.int64), places, matcher._byteids)
        self._remember_blocks(key, blocks)
        return blocks

    def _remember_blocks(self, key, blocks: _Blocks) -> None:
        self._blocks[key] = blocks
        while len(self._blocks) > BLOCK_INDEX_CACHE:
            del self._blocks[next(iter(self._blocks))]

    def characters(self, field: str, text: str, docs: list[int]) -> dict[int, list[tuple[int, int, int]]]:
        """(position, start, end) of each occurrence of a term in each of `docs` that holds it.

        Reads only the blocks holding those documents: walking a common word's
        postings to 20 hits read every block header on the way (25 of 30 ms at 100k).
        """
        encoded = self._encoded(field, text)
        fmt = self._searcher.schema[field].format if encoded is not None else None
        if encoded is None or not fmt.supports("characters"):
            return {}
        found = {}
        bases = [leaf.base for leaf in self._leaves]
        for doc in docs:
            number = bisect_right(bases, doc) - 1
            local = doc - bases[number]
            blocks = self._block_index(number, field, encoded)
            at_block = int(np.searchsorted(blocks.ends, local)) if blocks is not None else 0
            if blocks is None or at_block == len(blocks.ends):
                continue
            ids, values = blocks.read(at_block)
            at = int(np.searchsorted(ids, local))
            if at < len(ids) and ids[at] == local:
                found[doc] = fmt.decode_characters(values[at])
        return found

    def _remember(self, key, postings) -> None:
        old = self._postings.pop(key, None)
        if old is not None:
            self._held -= len(old.ids)
        self._postings[key] = postings
        self._held += len(postings.ids)
        while self._held > POSTINGS_CACHE and len(self._postings) > 1:
            _, dropped = self._postings.popitem(last=False)
            self._held -= len(dropped.ids)

    def _field_lengths(self, number: int, field: str) -> np.ndarray:
        """Each document's length in `field`, as Whoosh's scorer reads it (1 where none is kept)."""
        key = (number, field)
        if key not in self._lengths:
            reader = self._leaves[number].reader
            count = reader.doc_count_all()
            perdoc = reader._perdoc
            if not isinstance(perdoc, W3PerDocReader):
                raise Unsupported(type(perdoc).__name__)
            column = perdoc._cached_reader(_lenfield(field), LENGTHS_COLUMN)
            lengths = np.ones(count, dtype=np.float64)
            if column is not None:
                stored = np.frombuffer(column._dbfile.get(column._basepos, column._count), dtype=np.uint8)
                lengths[: len(stored)] = _LENGTH_OF_BYTE[stored]
                lengths[len(stored) :] = _LENGTH_OF_BYTE[0]
            self._lengths[key] = lengths
        return self._lengths[key]

    # Phrases

    def _phrase(self, node: q.Phrase) -> Scored:
        """Documents where the words stand side by side, scored as Whoosh does: the words' sum.

        The documents holding every word are checked best first; past PHRASE_CHECK_TIME
        the check stops once `limit` of them hold the phrase: the best hits are found,
        and the count becomes a lower bound ("really like": 30,000 documents hold both
        words at 100k, 4,878 the phrase).
        """
        if not 1 <= node.slop <= MAX_SLOP:
            raise Unsupported("phrase with a wide slop")
        field = node.fieldname
        words = [self._encoded(field, word) for word in node.words]
        if not words or any(word is None for word in words):
            return _EMPTY
        if len(words) == 1:
            return self._term(field, node.words[0])
        decode = _position_decoder(self._searcher.schema[field].format)
        started = time.monotonic()
        docs, scores, exact = [], [], True
        for number, leaf in enumerate(self._leaves):
            postings = [self._read(number, field, word, values=True) for word in words]
            common = postings[0].ids
            for other in postings[1:]:
                common = np.intersect1d(common, other.ids, assume_unique=True)
            if not len(common):
                continue
            at = [np.searchsorted(word.ids, common) for word in postings]
            total = sum(
                self._score(number, field, word, found.ids[where], found.weights[where])
                for word, found, where in zip(words, postings, at, strict=True)
            )
            keep = np.zeros(len(common), dtype=bool)
            order = np.argsort(-total, kind="stable")
            for chunk in range(0, len(order), PHRASE_CHUNK):
                if chunk:
                    now = time.monotonic()
                    if now > self._deadline or (now - started > PHRASE_CHECK_TIME and keep.sum() >= self._limit):
                        exact = False  # the rest hold every word but were not checked for the phrase
                        break
                checked = order[chunk : chunk + PHRASE_CHUNK]
                chosen = [[word.values[i] for i in where[checked]] for word, where in zip(postings, at, strict=True)]
                keep[checked] = _in_order(chosen, decode, node.slop)
            docs.append(common[keep] + leaf.base)
            scores.append(total[keep])
        found = _joined(docs, scores)
        return Scored(found.docs, found.scores, exact)


def _leaves(node: q.Query):
    """The terms and phrases of a query, negated ones included (they are read too)."""
    if isinstance(node, (q.Term, q.Phrase)):
        yield node
        return
    for child in node.children():
        yield from _leaves(child)


def _position_decoder(fmt) -> Callable[[list[bytes]], tuple[np.ndarray, np.ndarray]]:
    """Decodes posting values in bulk: (which value each position came from, the positions).

    Whoosh's own decoders loop in Python over every position; here pickle reads
    the gaps and numpy adds them up (a phrase check took ~5.5 µs a document).
    """
    if type(fmt) is Characters:  # (position gap, start gap, length) per occurrence
        first = True
    elif type(fmt) is Positions:  # position gaps
        first = False
    else:
        raise Unsupported(f"positions in {type(fmt).__name__}")

    def decode(values: list[bytes]) -> tuple[np.ndarray, np.ndarray]:
        codes = [loads(value[_INT_SIZE:] + b".") for value in values]  # Whoosh drops pickle's final "."
        counts = np.fromiter(map(len, codes), dtype=np.int64, count=len(codes))
        flat = np.array(list(chain.from_iterable(codes)), dtype=np.int64)
        gaps = flat[:, 0] if first and len(flat) else flat
        totals = np.cumsum(gaps)
        ends = np.cumsum(counts)
        before = np.concatenate(([0], totals[ends[:-1] - 1])) if len(counts) else counts
        return np.repeat(np.arange(len(codes)), counts), totals - np.repeat(before, counts)

    return decode


def _in_order(values: list[list[bytes]], decode, slop: int = 1) -> np.ndarray:
    """For each document (one value per word, in phrase order), whether each word follows the
    one before it within `slop` positions (1: side by side), as Whoosh's SpanNear2 asks."""
    owner, start = decode(values[0])
    ends = (owner << 32) | start  # (document, position of the last word matched) as one number
    for word_values in values[1:]:
        owner_k, at_k = decode(word_values)
        keys = (owner_k << 32) | at_k
        ends = np.unique(np.concatenate([keys[np.isin(keys, ends + gap)] for gap in range(1, slop + 1)]))
    found = np.zeros(len(values[0]), dtype=bool)
    found[ends >> 32] = True
    return found


@dataclass(frozen=True)
class _Postings:
    """A term's postings in one segment, decoded."""

    ids: np.ndarray  # local document numbers, ascending
    weights: np.ndarray
    values: list[bytes] | None  # positions and characters, when a phrase asked for them


_NOTHING = np.zeros(0, dtype=np.int64)
_NO_POSTINGS = _Postings(_NOTHING, np.zeros(0, dtype=np.float32), [])


@dataclass(frozen=True)
class _Blocks:
    """Where a term's blocks of postings are in one segment, to read one again."""

    postfile: object
    ends: np.ndarray  # the last document number of each block
    places: list[tuple[int, int, bool]]  # (data offset, end, compressed) of each block
    byteids: bool

    def read(self, number: int) -> tuple[np.ndarray, list[bytes]]:
        """One block's document numbers and values."""
        start, end, compressed = self.places[number]
        data = self.postfile.get(start, end - start)
        ids, _, values = loads(zlib.decompress(data) if compressed else data)
        ids = np.asarray(ids, dtype=np.int64)
        return (ids if self.byteids else np.cumsum(ids)), values


def _joined(docs: list[np.ndarray], scores: list[np.ndarray]) -> Scored:
    """Per-segment parts, in segment order (their numbers ascend), as one."""
    if not docs:
        return _EMPTY
    return Scored(np.concatenate(docs), np.concatenate(scores).astype(np.float64))


def _boosted(found: Scored, boost: float) -> Scored:
    return found if boost == 1.0 else Scored(found.docs, found.scores * boost, found.exact)


def _union(parts: list[Scored]) -> Scored:
    parts = [part for part in parts if len(part.docs)]
    exact = all(part.exact for part in parts)
    if not parts:
        return _EMPTY
    if len(parts) == 1:
        return parts[0]
    docs = np.concatenate([part.docs for part in parts])
    scores = np.concatenate([part.scores for part in parts])
    unique, inverse = np.unique(docs, return_inverse=True)
    return Scored(unique, np.bincount(inverse, weights=scores, minlength=len(unique)), exact)


def _intersect(parts: list[Scored], score_first_only: bool = False) -> Scored:
    first, exact = parts[0], all(part.exact for part in parts)
    docs, scores = first.docs, first.scores
    for part in parts[1:]:
        docs, mine, theirs = np.intersect1d(docs, part.docs, assume_unique=True, return_indices=True)
        scores = scores[mine] if score_first_only else scores[mine] + part.scores[theirs]
    return Scored(docs, scores, exact)


def _and_maybe(required: Scored, optional: Scored) -> Scored:
    if not len(optional.docs) or not len(required.docs):
        return required
    at = np.minimum(np.searchsorted(optional.docs, required.docs), len(optional.docs) - 1)
    present = optional.docs[at] == required.docs
    bonus = np.where(present, optional.scores[at], 0.0)
    return Scored(required.docs, required.scores + bonus, required.exact and optional.exact)


def _without(found: Scored, excluded: Scored) -> Scored:
    keep = ~np.isin(found.docs, excluded.docs, assume_unique=True)
    return Scored(found.docs[keep], found.scores[keep], found.exact)
