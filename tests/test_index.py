"""Sync: incremental, two phases, resumable, on a real Whoosh index on disk."""

from __future__ import annotations

import os
import threading

from search_index import Index
from tests.conftest import SEED_DOC


def _write(folder, name, title, *paragraphs):
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join((title,) + paragraphs) + "\n", encoding="utf-8")
    return path


def test_index_lives_under_home_not_in_the_corpus(seeds, home):
    before = sorted(p.name for p in seeds.iterdir())
    index = Index(seeds, home=home)
    index.sync(entities=False)
    assert sorted(p.name for p in seeds.iterdir()) == before
    assert index.location.is_relative_to(home)
    index.close()


def test_sync_reindexes_exactly_what_changed(seeds, home, recognizer):
    _write(seeds, "b.txt", "Beta title", "Beta body about volcanoes.")
    _write(seeds, "c.txt", "Gamma title", "Gamma body about glaciers.")
    index = Index(seeds, home=home)
    first = index.sync(recognizer=recognizer)
    assert (first.added, first.updated, first.removed, first.documents) == (3, 0, 0, 3)

    again = index.sync(recognizer=recognizer)
    assert (again.added, again.updated, again.removed, again.entities_done) == (0, 0, 0, 0)

    path = seeds / "b.txt"
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))  # touched, same content
    _write(seeds, "c.txt", "Gamma title", "Gamma body now about deserts.")
    (seeds / SEED_DOC).unlink()
    _write(seeds, "sub/d.txt", "Delta title", "Delta body about rivers.")
    report = index.sync(recognizer=recognizer)
    assert (report.added, report.updated, report.removed, report.documents) == (1, 1, 1, 3)
    assert report.entities_done == 2  # only the new and the changed document met the model

    assert index.search("deserts").hits[0].doc == "c.txt"
    assert index.search("glaciers").total == 0
    assert index.search("Ishiba").total == 0
    assert index.search("rivers").hits[0].doc == "sub/d.txt"
    assert index.search("volcanoes").hits[0].doc == "b.txt"
    index.close()


def test_text_phase_alone_leaves_entities_pending(seeds, home):
    index = Index(seeds, home=home)
    report = index.sync(entities=False)
    assert report.entities_pending == 1
    assert index.search("Ishiba").total == 1
    assert index.open_document(SEED_DOC).entities is None
    index.close()


def test_entity_phase_resumes_without_redoing_finished_documents(seeds, home, recognizer, monkeypatch):
    for n in range(5):
        _write(seeds, f"doc{n}.txt", f"Story {n}", f"Angela Merkel met Emmanuel Macron in Paris, part {n}.")
    index = Index(seeds, home=home)
    monkeypatch.setattr("search_index.index.entity_phase.ENTITY_BATCH", 2)
    stop = threading.Event()

    def stop_after_first_batch(progress):
        if progress.phase == "entities" and progress.done >= 2:
            stop.set()

    first = index.sync(progress=stop_after_first_batch, stop=stop, recognizer=recognizer)
    assert first.entities_done == 2 and first.entities_pending == 4
    second = index.sync(recognizer=recognizer)
    assert second.entities_done == 4 and second.entities_pending == 0
    assert index.search('person:"Angela Merkel"').total == 5
    index.close()


def test_progress_is_reported_per_phase(seeds, home, recognizer):
    seen = []
    index = Index(seeds, home=home)
    index.sync(progress=seen.append, recognizer=recognizer)
    phases = [p.phase for p in seen]
    assert phases[0] == "scan" and "text" in phases and phases[-1] == "entities"
    assert seen[-1].done == seen[-1].total == 1
    index.close()


def test_a_reopened_index_keeps_its_documents(seeds, home, recognizer):
    Index(seeds, home=home).sync(recognizer=recognizer)
    index = Index(seeds, home=home)
    assert index.count() == 1
    assert index.open_document(SEED_DOC).entities
    assert index.search("Trump").total == 1
    index.close()


def test_unreadable_files_are_skipped_with_reasons(seeds, home):
    (seeds / "blob.txt").write_bytes(b"\x00\x01\x02binary\x00")
    (seeds / "latin.txt").write_bytes("Título\nCafé con leche y más cosas aquí, señor.\n".encode("latin-1"))
    index = Index(seeds, home=home)
    report = index.sync(entities=False)
    assert [(s.path, s.reason.split(" ")[0]) for s in report.skipped] == [("blob.txt", "binary")]
    assert [n.path for n in report.notes] == ["latin.txt"]
    assert index.search("leche").hits[0].doc == "latin.txt"
    index.close()


def test_a_damaged_index_is_rebuilt_with_a_message(seeds, home):
    index = Index(seeds, home=home)
    index.sync(entities=False)
    location = index.location
    index.close()
    for segment in (location / "whoosh").glob("*.seg"):
        segment.write_bytes(b"garbage")
    again = Index(seeds, home=home)
    assert again.rebuilt_reason == "The index was damaged and is being rebuilt from the folder."
    assert again.count() == 0  # the catalog went with it, so nothing claims to be indexed
    report = again.sync(entities=False)
    assert report.added == 1 and again.search("Ishiba").total == 1
    again.close()


def _segment_ids(index) -> list[str]:
    return index.segments()


def test_a_finished_sync_merges_the_small_segments_that_syncs_left(seeds, home, monkeypatch):
    """Each query pays per segment; a sync that leaves many ends by merging the small ones,
    and a later sync of a few changed files leaves the merged segment alone."""
    index = Index(seeds, home=home)
    monkeypatch.setattr("search_index.index.sync.COMPACT_SEGMENTS", 1000)  # as if each sync were stopped early
    for batch in range(6):
        for n in range(40):
            _write(seeds, f"b{batch}/doc{n}.txt", f"Story {batch}-{n}", f"About marker{batch}x{n} and rivers.")
        index.sync(entities=False)
    assert len(_segment_ids(index)) == 6
    monkeypatch.undo()

    seen = []
    assert index.sync(progress=seen.append, entities=False).documents == 241
    assert [p.phase for p in seen][-1] == "compact"
    merged = _segment_ids(index)
    assert len(merged) == 1
    assert index.search("rivers", limit=1000).total == 240
    assert all(index.search(f"marker{b}x{n}").hits[0].doc == f"b{b}/doc{n}.txt" for b in range(6) for n in range(40))

    for n in range(5):
        _write(seeds, f"new/doc{n}.txt", f"Late story {n}", "About rivers again.")
        index.sync(entities=False)
    assert merged[0] in _segment_ids(index)
    assert index.search("rivers", limit=1000).total == 245
    index.close()


def test_the_entity_phase_leaves_the_text_index_as_the_text_phase_wrote_it(seeds, home, recognizer):
    _write(seeds, "a.txt", "Summit", "Angela Merkel met Emmanuel Macron in Paris.")
    index = Index(seeds, home=home)
    index.sync(entities=False)
    segments = index.segments()
    assert index.search('person:"Angela Merkel"').total == 0  # no names yet
    report = index.sync(recognizer=recognizer)
    assert report.entities_done == 2
    assert index.segments() == segments  # not one document re-added
    assert [hit.doc for hit in index.search('person:"Angela Merkel"').hits] == ["a.txt"]
    assert [hit.doc for hit in index.search("place:paris merkel").hits] == ["a.txt"]
    index.close()


def test_a_changed_file_is_found_by_its_new_names_only(seeds, home, recognizer):
    _write(seeds, "a.txt", "Summit", "Angela Merkel met Emmanuel Macron in Paris.")
    index = Index(seeds, home=home)
    index.sync(recognizer=recognizer)
    _write(seeds, "a.txt", "Summit", "Joe Biden met Justin Trudeau in Ottawa.")
    index.sync(entities=False)
    assert index.search('person:"Angela Merkel"').total == 0  # the old names went with the old text
    index.sync(recognizer=recognizer)
    assert index.search('person:"Angela Merkel"').total == 0
    assert [hit.doc for hit in index.search('person:"Joe Biden"').hits] == ["a.txt"]
    (seeds / "a.txt").unlink()
    index.sync(recognizer=recognizer)
    assert index.search('person:"Joe Biden"').total == 0
    index.close()


def test_an_index_from_before_the_entity_index_gets_its_names_back_without_the_model(seeds, home, recognizer):
    import shutil

    index = Index(seeds, home=home)
    index.sync(recognizer=recognizer)
    assert index.search("person:ishiba").total == 1
    index.close()
    shutil.rmtree(index.location / "entities")  # as an index written before entity fields had an index of their own
    index = Index(seeds, home=home)
    assert index.search("person:ishiba").total == 0
    report = index.sync(entities=False)  # no model: the catalog keeps every document's names
    assert report.entities_pending == 0
    assert index.search("person:ishiba").total == 1
    assert index.search("NOT person:ishiba").total == 0
    assert index.open_document(SEED_DOC).entities  # the reader still shows them
    index.close()


def test_names_left_by_a_sync_stopped_between_the_two_indexes_go_at_the_next_sync(seeds, home, recognizer, monkeypatch):
    import search_index.index.sync

    _write(seeds, "a.txt", "Summit", "Angela Merkel met Emmanuel Macron in Paris.")
    index = Index(seeds, home=home)
    index.sync(recognizer=recognizer)
    _write(seeds, "a.txt", "Weather", "Rain all week.")
    monkeypatch.setattr(search_index.index.sync, "drop_entities", lambda writer, docs: None)  # as if killed right there
    index.sync(entities=False)
    monkeypatch.undo()
    index.sync(entities=False)
    assert index.search('person:"Angela Merkel"').total == 0
    index.close()
