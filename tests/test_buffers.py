"""MappedFile stands in for the BytesIO Whoosh copies each segment file into: it must read the same."""

from __future__ import annotations

import io

from hypothesis import given
from hypothesis import strategies as st

from search_index.search.buffers import MappedFile

operations = st.lists(
    st.one_of(
        st.tuples(st.just("read"), st.integers(-1, 50)),
        st.tuples(st.just("readline"), st.integers(-1, 50)),
        st.tuples(st.just("seek"), st.integers(0, 120)),
        st.tuples(st.just("seek_end"), st.integers(-60, 0)),
        st.tuples(st.just("tell"), st.just(0)),
    ),
    max_size=25,
)


@given(data=st.binary(max_size=100).map(lambda b: b.replace(b"\x00", b"\n")), ops=operations)
def test_mapped_file_reads_as_bytesio_does(data, ops):
    mapped, copied = MappedFile(memoryview(data)), io.BytesIO(data)
    for op, arg in ops:
        if op == "seek_end":
            assert mapped.seek(arg, io.SEEK_END) == copied.seek(max(arg, -len(data)), io.SEEK_END)
        elif op == "tell":
            assert mapped.tell() == copied.tell()
        else:
            assert getattr(mapped, op)(arg) == getattr(copied, op)(arg), (op, arg)


def test_a_whoosh_index_reads_the_same_through_mapped_files(seed_index):
    hits = seed_index.search('"trump tower"').hits
    assert [hit.doc for hit in hits] == ["000_91986847445cdae3.txt"] and hits[0].matches


@given(objects=st.lists(st.recursive(st.integers() | st.binary(max_size=2000), lambda inner: st.lists(inner, max_size=5)), max_size=6))
def test_pickles_read_back_in_turn_with_read_ahead(objects):
    """pickle.load reads ahead through peek(); each object, and the position after it, must come out as written."""
    import pickle

    stream = io.BytesIO()
    ends = []
    for obj in objects:
        pickle.dump(obj, stream, 2)
        ends.append(stream.tell())
    mapped = MappedFile(memoryview(stream.getvalue()))
    for obj, end in zip(objects, ends, strict=True):
        assert pickle.load(mapped) == obj
        assert mapped.tell() == end
