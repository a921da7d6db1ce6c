"""A searcher's postings, decoded a term and a segment at a time into numpy arrays.

Everything here reads Whoosh's on-disk format (whoosh-reloaded 2.7.5's W3
codec, pinned in pyproject.toml): a posting list is a run of pickled blocks of
up to 128 postings, each holding the ids (as gaps), the weights and the values
(positions and characters); each field's length per document is one byte in a
column. A term's postings are read whole, once, and kept while the searcher
lasts (bounded); a hit's match ranges read only the block holding it.
Anything else (another codec) raises Unsupported, and Whoosh's matchers answer.
"""

from __future__ import annotations

import gc
import zlib
from bisect import bisect_right
from collections import OrderedDict
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import chain
from pickle import loads
from typing import Any

import numpy as np
from whoosh.codec.whoosh3 import _INT_SIZE, LENGTHS_COLUMN, W3LeafMatcher, W3PerDocReader, _lenfield
from whoosh.formats import Characters, Positions
from whoosh.matching.wrappers import FilterMatcher
from whoosh.reading import TermNotFound
from whoosh.util.numeric import byte_to_length

# Whoosh keeps a field's length per document as one byte; this is its decoding.
_LENGTH_OF_BYTE = np.array([byte_to_length(b) for b in range(256)], dtype=np.float64)
# Decoded postings of the terms asked last (typing asks "ele", "elec", "elect": the same lists),
# bounded in bytes: a posting is 12 (id and weight), ~200 more with its positions (a phrase's words).
POSTINGS_CACHE_BYTES = 48 * 2**20
BLOCK_INDEX_CACHE = 4096  # terms whose block places are kept, for the hits' match ranges


_OWN_COLLECTOR = False  # set by a process that is only a search engine (search_process.py)


def own_collector() -> None:
    """This process is the search engine's alone: decoding may pause the garbage collector.

    The collector's switch is the whole process's: in the reader or a test run, another
    thread (tui/idle_gc.py) reads and sets it too, and one of them would leave it off.
    """
    global _OWN_COLLECTOR
    _OWN_COLLECTOR = True


@contextmanager
def paused_collector():
    """No garbage collection while tens of thousands of short-lived tuples are made and dropped:
    the collector would walk every tracked object several times over (decoding 20,000 posting
    values took 12-32 ms, 8-11 without). Only in a process that owns the collector."""
    collecting = _OWN_COLLECTOR and gc.isenabled()
    if collecting:
        gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


class Unsupported(Exception):
    """Something this module does not read (or a query shape the scorer does not score): Whoosh does."""


@dataclass(frozen=True)
class TermPostings:
    """A term's postings in one segment, decoded."""

    ids: np.ndarray  # local document numbers, ascending
    weights: np.ndarray
    values: list[bytes] | None  # positions and characters, when a phrase asked for them

    @property
    def size(self) -> int:
        """Bytes held, roughly (a bytes object costs 33 beyond its length, a list slot 8)."""
        held = self.ids.nbytes + self.weights.nbytes
        return held + sum(map(len, self.values)) + 41 * len(self.values) if self.values else held


NOTHING = np.zeros(0, dtype=np.int64)
NO_POSTINGS = TermPostings(NOTHING, np.zeros(0, dtype=np.float32), [])


@dataclass(frozen=True)
class _Blocks:
    """Where a term's blocks of postings are in one segment, to read one again."""

    postfile: Any  # whoosh.filedb.structfile.StructFile (untyped)
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


@dataclass
class Leaf:
    """One segment of the searcher."""

    reader: Any  # whoosh.reading.SegmentReader (untyped)
    base: int  # its first document's number in the searcher
    deleted: np.ndarray | None  # True where a document is deleted


class PostingsReader:
    """Reads (and keeps) the postings of one searcher's segments."""

    def __init__(self, searcher) -> None:
        self.searcher = searcher
        self.leaves: list[Leaf] = []
        for reader, base in searcher.reader().leaf_readers():
            if not reader.doc_count_all():  # nothing to read: an index before its first commit is an EmptyReader
                continue
            deleted = None
            if reader.has_deletions():
                deleted = np.zeros(reader.doc_count_all(), dtype=bool)
                deleted[list(reader.deleted_docs_set)] = True
            self.leaves.append(Leaf(reader, base, deleted))
        self._lengths: dict[tuple[int, str], np.ndarray] = {}
        self._postings: OrderedDict[tuple[int, str, bytes], TermPostings] = OrderedDict()
        self._blocks: dict[tuple[int, str, bytes], _Blocks] = {}
        self._held = 0

    def holds(self, number: int, field: str, text: bytes, values: bool = False) -> bool:
        """Whether a read would come from memory."""
        cached = self._postings.get((number, field, text))
        return cached is not None and (cached.values is not None or not values)

    def encoded(self, field: str, text: str | bytes) -> bytes | None:
        schema = self.searcher.schema
        if field not in schema:
            return None
        try:
            encoded = schema[field].to_bytes(text) if isinstance(text, str) else text
        except ValueError:
            return None
        return encoded if (field, encoded) in self.searcher.reader() else None

    def _matcher(self, number: int, field: str, text: bytes) -> W3LeafMatcher | None:
        try:
            matcher = self.leaves[number].reader.postings(field, text)
        except TermNotFound:
            return None
        if isinstance(matcher, FilterMatcher):  # Whoosh's filter of deleted documents: ours is `deleted`
            matcher = matcher.child
        if not isinstance(matcher, W3LeafMatcher):
            raise Unsupported(type(matcher).__name__)
        return matcher

    def read(self, number: int, field: str, text: bytes, values: bool = False) -> TermPostings:
        """A term's postings in one segment (deleted documents left out); `values` for phrases."""
        key = (number, field, text)
        if self.holds(number, field, text, values):
            self._postings.move_to_end(key)
            return self._postings[key]
        matcher = self._matcher(number, field, text)
        if matcher is None:
            return NO_POSTINGS
        gaps, weights, value_blocks, sizes = [], [], [], []
        with paused_collector():
            places = []
            for place in _blocks_of(matcher):
                places.append(place)
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
        if not sizes:
            return NO_POSTINGS
        ids = np.asarray(gaps, dtype=np.int64)
        if not matcher._byteids:  # each block's ids are gaps from 0: sum them, block by block
            ids = np.cumsum(ids)
            ends = np.cumsum(sizes)
            ids -= np.repeat(np.concatenate(([0], ids[ends[:-1] - 1])), sizes)
        self._remember_blocks(key, _Blocks(matcher._postfile, ids[np.cumsum(sizes) - 1], places, matcher._byteids))
        found = TermPostings(ids, np.asarray(weights, dtype=np.float32), value_blocks if values else None)
        deleted = self.leaves[number].deleted
        if deleted is not None:
            alive = ~deleted[found.ids]
            kept = [value for value, keep in zip(value_blocks, alive, strict=True) if keep] if values else None
            found = TermPostings(found.ids[alive], found.weights[alive], kept)
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
        for place in _blocks_of(matcher):  # headers only: the blocks' data is not read
            ends.append(matcher._maxid)
            places.append(place)
        blocks = _Blocks(matcher._postfile, np.asarray(ends, dtype=np.int64), places, matcher._byteids)
        self._remember_blocks(key, blocks)
        return blocks

    def _remember_blocks(self, key, blocks: _Blocks) -> None:
        self._blocks[key] = blocks
        while len(self._blocks) > BLOCK_INDEX_CACHE:
            del self._blocks[next(iter(self._blocks))]

    def _remember(self, key, postings) -> None:
        old = self._postings.pop(key, None)
        if old is not None:
            self._held -= old.size
        self._postings[key] = postings
        self._held += postings.size
        while self._held > POSTINGS_CACHE_BYTES and len(self._postings) > 1:
            _, dropped = self._postings.popitem(last=False)
            self._held -= dropped.size

    def field_lengths(self, number: int, field: str) -> np.ndarray:
        """Each document's length in `field`, as Whoosh's scorer reads it (1 where none is kept)."""
        key = (number, field)
        if key not in self._lengths:
            reader = self.leaves[number].reader
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

    def characters(self, field: str, text: str, docs: list[int]) -> dict[int, list[tuple[int, int, int]]]:
        """(position, start, end) of each occurrence of a term in each of `docs` that holds it.

        Reads only the blocks holding those documents: walking a common word's
        postings to 20 hits read every block header on the way (25 of 30 ms at 100k).
        """
        encoded = self.encoded(field, text)
        if encoded is None:
            return {}
        fmt = self.searcher.schema[field].format
        if not fmt.supports("characters"):
            return {}
        found = {}
        bases = [leaf.base for leaf in self.leaves]
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


def _blocks_of(matcher: W3LeafMatcher):
    """Steps `matcher` through its blocks, yielding where each one's data is (offset, end, compressed)."""
    while matcher.is_active():
        yield matcher._dataoffset, matcher._nextoffset, matcher._compression
        matcher._next_block()


def position_decoder(fmt) -> Callable[[list[bytes]], tuple[np.ndarray, np.ndarray]]:
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
        with paused_collector():
            codes = [loads(value[_INT_SIZE:] + b".") for value in values]  # Whoosh drops pickle's final "."
            counts = np.fromiter(map(len, codes), dtype=np.int64, count=len(codes))
            flat = chain.from_iterable(codes)
            if first:
                gaps = np.fromiter(chain.from_iterable(flat), dtype=np.int64, count=3 * int(counts.sum()))[::3]
            else:
                gaps = np.fromiter(flat, dtype=np.int64, count=int(counts.sum()))
        totals = np.cumsum(gaps)
        ends = np.cumsum(counts)
        before = np.concatenate(([0], totals[ends[:-1] - 1])) if len(counts) else counts
        return np.repeat(np.arange(len(codes)), counts), totals - np.repeat(before, counts)

    return decode
