"""`search()`: ranked hits with snippets and every match's character range.

Match ranges come from the postings Whoosh already stores (term positions and
characters), so no document is re-analysed. Snippets are cut around the
densest cluster of matches, and only for the hits returned: highlighting was
most of the query cost in Whoosh's own highlighter.
"""

from __future__ import annotations

import functools
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from whoosh import query as q
from whoosh.collectors import TimeLimit, TimeLimitCollector, TopCollector
from whoosh.fields import Schema
from whoosh.searching import Searcher

from ..entities.names import ENTITY_FIELDS, FIELD_OF_LABEL
from ..records import Document, Entity, Hit, SearchResult
from .analysis import analysis_version
from .array_scoring import ArrayScorer, OutOfTime, Unsupported
from .entity_fields import join
from .entity_query import expand_entities
from .highlight import make_snippet, merge_ranges, occurrences, phrase_ranges, positional_ranges
from .query import QueryBuilder, cap_expansions, fuzzy

TIME_LIMIT = 1.0  # seconds: the backstop for a query no cap foresaw
# While typing, the next keystroke is ~100 ms away and will replace these results:
# the best hits found in this time beat complete ones that arrive after it.
QUICK_TIME_LIMIT = 0.012
# Counting the matches a ranked search skipped costs ~6 µs a document ("the", all 317
# Wikinews articles: 1.9 ms): up to ~8,000 are counted exactly, beyond that the count is "N+".
COUNT_TIME_LIMIT = 0.05
# While typing, a query that would read more postings than this for the first time (~10-16 ms
# of reading at ~0.65-1 µs each) takes Whoosh's quick pass instead: the best hits found in 12 ms. At
# 100k documents, scoring every match of "elec" made the keystroke's p95 53-59 ms against 34-35.
QUICK_POSTINGS = 16_000
TEXT_CACHE = 64
MATCHING_TIME_LIMIT = 10.0  # a saved search, run in a worker: every match counts, none is shown


class IndexSearcher(Searcher):
    """Whoosh's searcher, summing each field's length over the segments once per searcher.

    BM25F asks for the average field length for every term in every segment,
    and Whoosh sums it over all segments each time: with 12 segments and a
    prefix of 16 terms, that was a third of an as-you-type query.
    """

    def field_length(self, fieldname):
        if self.has_parent():
            return self.get_parent().field_length(fieldname)
        lengths = self.__dict__.setdefault("_field_lengths", {})
        if fieldname not in lengths:
            lengths[fieldname] = self.reader().field_length(fieldname)
        return lengths[fieldname]


def _positive_leaves(node: q.Query):
    """Leaves that add matches: nothing under a NOT."""
    if isinstance(node, q.Not):
        return
    if isinstance(node, q.AndNot):
        yield from _positive_leaves(node.a)
        return
    children = list(node.children())
    if isinstance(node, q.Phrase) or not children:
        yield node
        return
    for child in children:
        yield from _positive_leaves(child)


class SearchEngine:
    """Answers queries for one index. Thread-safe: one search runs at a time.

    It gets what it reads, not the Index: the corpus folder, the schema, the
    shared searchers of the text and of the entity fields (`searcher()`,
    `entity_searcher()`, kept fresh by the index), the vocabulary that
    searcher keeps up to date, each document's entity spans, a document's text as
    indexed (`text_of(doc, sha1)`: extracted formats come from the cache), and the
    corpus entity table that links short names to documents.
    """

    def __init__(
        self,
        root: Path,
        schema,
        searcher: Callable[[], Searcher],
        entity_searcher: Callable[[], Searcher],
        vocabulary,
        entities: Callable[[str, str], list[Entity] | None],
        text_of: Callable[[str, str | None], Document | None],
        entity_names,
    ) -> None:
        self.root = root
        self._searcher = searcher
        self._entity_searcher = entity_searcher
        self._vocabulary = vocabulary
        self._entities = entities
        self._text_of = text_of
        self._entity_names = entity_names
        self._builders: dict[tuple[int, int], QueryBuilder] = {}
        self.builder = self._builder(schema, schema)
        self._lock = threading.Lock()
        self._texts: OrderedDict[tuple[str, str], object] = OrderedDict()
        self._running: TimeLimitCollector | None = None
        self._text_scorer: ArrayScorer | None = None  # of the text searcher last used
        self._entity_scorer: ArrayScorer | None = None  # of the entity searcher last used
        self._cancelled = False

    def warm_up(self) -> None:
        """Read now what the first searches would: each field's lengths, and the join of the two indexes."""
        with self._lock:
            self._array_scorer(self._searcher()).warm_up()

    def cancel(self) -> None:
        """Cut the running search short: its asker has moved on (a newer keystroke)."""
        self._cancelled = True
        running = self._running
        if running is not None:
            running.timedout = True  # the collector checks this flag for every document

    def _builder(self, text_schema, entity_schema) -> QueryBuilder:
        """A parser analysing each field as the index holding it was written: an index of an older
        analysis (until a sync writes it again) is asked in its own terms, never in terms it lacks."""
        key = (analysis_version(text_schema), analysis_version(entity_schema))
        if key not in self._builders:
            schema = Schema(**{name: text_schema[name] for name in text_schema.names() if name not in ENTITY_FIELDS})
            for name in ENTITY_FIELDS:
                schema.add(name, (entity_schema if name in entity_schema else text_schema)[name])
            self._builders[key] = QueryBuilder(schema)
        return self._builders[key]

    def asks_entities(self, text: str) -> bool:
        """Whether the query searches an entity field."""
        with self._lock:
            _, parsed = self._parse(text)
        return parsed.query is not None and _entity_fields(parsed.query)

    def search(self, text: str, limit: int = 20, as_you_type: bool = False, quick: bool = False) -> SearchResult:
        """Ranked hits for `text`; `as_you_type`: its last word is being typed (a prefix too), and
        no close spellings are tried. Without it, the one answer the reader settles on and the CLI gives."""
        budget = QUICK_TIME_LIMIT if quick else TIME_LIMIT
        with self._lock:
            self._cancelled = False
            searcher, parsed = self._parse(text, typing=as_you_type)
            if parsed.query is None:
                return SearchResult(text, 0, [], parsed.hint)
            query = expand_entities(parsed.query, self._entity_names)  # linked names, e.g. "Aasland"
            result = self._run(searcher, query, text, limit, parsed.hint, budget)
            if not result.hits and not as_you_type and not parsed.hint and not self._cancelled and not result.partial:
                # Fuzzy matching is costly: only when the exact query finds nothing.
                close = self._run(searcher, fuzzy(parsed.query), text, limit, None)
                if close.hits:
                    return SearchResult(
                        text, close.total, close.hits, "No exact matches; showing close spellings.", close.exact_total
                    )
            if not result.hits and not result.hint and not result.partial:  # cut short: it may yet find some
                return replace(result, hint=_why_nothing(query))
            return result

    def _parse(self, text: str, typing: bool = False):
        """(the searcher, `text` parsed by the builder of the index as it is now). Under the lock."""
        searcher = self._searcher()
        self.builder = self._builder(searcher.schema, self._entity_searcher().schema)
        return searcher, self.builder.parse(text, typing=typing)

    def _expanded(self, scorer: ArrayScorer, query: q.Query) -> q.Query:
        """Prefixes, patterns and word forms expanded, capped (`query.cap_expansions`)."""
        return cap_expansions(query, scorer.reader_of, self._vocabulary if self._vocabulary.enabled else None)  # see Vocabulary

    def problem(self, text: str) -> str | None:
        """Why `text` cannot be searched as typed (an unclosed quote, an unknown field...), or None."""
        with self._lock:
            _, parsed = self._parse(text)
        return parsed.hint if parsed.query is None or parsed.hint else None

    def matching(self, text: str) -> list[str]:
        """Every document `text` matches, best first, without snippets: what a saved search holds now.

        The exact query only, as `search` runs it before its fallbacks (close spellings are for
        a person at the keyboard; a saved search's "new" must not change with the vocabulary).
        """
        with self._lock:
            self._cancelled = False
            searcher, parsed = self._parse(text)
            if parsed.query is None:
                return []
            scorer = self._array_scorer(searcher)
            query = self._expanded(scorer, expand_entities(parsed.query, self._entity_names))
            try:
                scored = scorer.evaluate(query, time.monotonic() + MATCHING_TIME_LIMIT, lambda: self._cancelled)
                docnums = [doc for doc, _ in scored.top(len(scored.docs))]
            except (Unsupported, OutOfTime):
                docnums = [] if _entity_fields(query) else list(searcher.docs_for_query(query))
            return list(dict.fromkeys(searcher.stored_fields(doc)["id"] for doc in docnums))

    def _run(
        self, searcher, parsed: q.Query, text: str, limit: int, hint: str | None, budget: float = TIME_LIMIT
    ) -> SearchResult:
        scorer = self._array_scorer(searcher)
        query = self._expanded(scorer, parsed)
        if self._cancelled:  # a newer search owns the screen; a collector never started has no results to give
            return SearchResult(text, 0, [], hint, exact_total=False, partial=True)
        # Whoosh's matchers see only the text index: a query naming an entity field is never theirs.
        whoosh_may = not _entity_fields(query)
        try:
            if budget < TIME_LIMIT and whoosh_may and scorer.postings_to_read(query) > QUICK_POSTINGS:
                raise Unsupported("too much to read within a keystroke")  # Whoosh's best hits in its time
            ranked, found_count, exact, partial = self._ranked_by_arrays(searcher, query, limit)
        except Unsupported:
            if not whoosh_may:  # no shape the parser makes gets here; say so rather than find nothing
                return SearchResult(text, 0, [], "Entity fields (person:, org:, place:) cannot be searched that way.")
            ranked, found_count, exact, partial = self._ranked_by_whoosh(searcher, query, limit, budget)
            if not ranked and partial and budget < TIME_LIMIT and not self._cancelled:
                # Nothing within the keystroke's budget (the word being typed stands for the commonest
                # words, on a busy machine): every match scored, rather than "no documents" flashing up.
                try:
                    ranked, found_count, exact, partial = self._ranked_by_arrays(searcher, query, limit)
                except Unsupported:
                    pass
        found, seen = [], set()
        for docnum, score in ranked:
            stored = searcher.stored_fields(docnum)
            if stored["id"] not in seen:  # one document once, whatever a reader holds
                seen.add(stored["id"])
                found.append((docnum, score, stored))
        # While typing, the marks of a word being typed stop at the commonest expansions read in time
        # (each is read again, a block per hit); the search after the pause marks every one.
        marks_until = time.monotonic() + QUICK_TIME_LIMIT if budget < TIME_LIMIT else None
        ranges = self._match_ranges(searcher, query, [docnum for docnum, _, _ in found], marks_until)
        title_words = [words for _, words in _leaf_words(query, ("title",))]
        entity_words = _leaf_words(query, ENTITY_FIELDS)
        hits = []
        for docnum, score, stored in found:
            document = self._document(stored)
            body = document.text if document is not None else ""
            matches = (
                ranges.get(docnum, [])
                + self._title_matches(title_words, stored.get("title", ""), body)
                + self._entity_matches(entity_words, stored["id"], body)
            )
            matches = merge_ranges(matches)
            snippet, marks = make_snippet(body, matches)
            path = str(Path(self.root, stored["id"]))
            page = document.page_at(matches[0][0]) if document is not None and matches else None
            hits.append(Hit(stored["id"], path, stored.get("title", ""), score or 0.0, snippet, marks, tuple(matches), page))
        if partial and budget == TIME_LIMIT:
            hint = hint or "The search took too long and shows the best hits found in time."
        return SearchResult(text, max(found_count, len(hits)), hits, hint, exact, partial)

    def _ranked_by_arrays(self, searcher, query: q.Query, limit: int):
        """(best hits, how many match, whether that count is exact, whether time ran out).

        Every match is scored, so the count is exact (a phrase alone: its best hits are, see
        ArrayScorer.best, and the count may be a lower bound). The deadline is the backstop's even
        while typing: the whole query takes a few milliseconds where Whoosh's quick pass
        stopped at 12, and the next keystroke cancels it anyway. Raises Unsupported.
        """
        try:
            scored, exact = self._array_scorer(searcher).best(
                query, max(limit, 1), time.monotonic() + TIME_LIMIT, lambda: self._cancelled
            )
        except OutOfTime:
            return [], 0, False, True
        return scored.top(max(limit, 1)), len(scored.docs), exact, False

    def _array_scorer(self, searcher) -> ArrayScorer:
        """The scorer of the text searcher, answering entity fields from the entity searcher's.

        Each keeps its decoded postings while its searcher lasts; the entity index's
        commits (every 10 s while the entity phase runs) leave the text's scorer as it is.
        """
        entity_searcher = self._entity_searcher()
        text, entities = self._text_scorer, self._entity_scorer
        if entities is None or entities.searcher is not entity_searcher:
            entities = self._entity_scorer = ArrayScorer(entity_searcher)
        if text is None or text.searcher is not searcher:
            text = self._text_scorer = ArrayScorer(searcher)
        if text.joined_to is not entities:
            text.join(frozenset(ENTITY_FIELDS), entities, functools.cache(lambda: join(entity_searcher, searcher)))
        return text

    def _ranked_by_whoosh(self, searcher, query: q.Query, limit: int, budget: float):
        collector = TimeLimitCollector(searcher.collector(limit=max(limit, 1)), budget, use_alarm=False)
        partial = False
        self._running = collector
        try:
            searcher.search_with_collector(query, collector)
        except TimeLimit:
            partial = True
        finally:
            self._running = None
        results = collector.results()
        # Not len(results): for a top-N search Whoosh runs the whole query again to count it (27 ms
        # of a 50 ms as-you-type search at 10k, past any time limit); `_count` counts within one.
        found_count, exact = self._count(searcher, query, collector.child, results.scored_length(), partial, budget)
        return [(hit.docnum, hit.score) for hit in results[:limit]], found_count, exact, partial

    def _count(self, searcher, query: q.Query, top, collected: int, partial: bool, budget: float) -> tuple[int, bool]:
        """How many documents match, and whether that is exact rather than a lower bound.

        The top-N collector counts every match it sees, but once its heap is full
        (`minscore` above 0) it may skip blocks of postings that cannot make the
        top N: only then, or when time ran out, is its count short. Then the
        matches are counted alone, without scoring, within COUNT_TIME_LIMIT.
        """
        if not isinstance(top, TopCollector):  # a limit above the document count: it kept every match
            return collected, not partial
        if partial:
            return top.total, False
        if not top.minscore:
            return top.total, True
        if budget < TIME_LIMIT:
            # While typing, a lower bound: recounting cost the keystroke's paint 10 ms at p50 and
            # 45 at p95 (10k documents, side by side); the full search 0.3 s later counts exactly.
            return top.total, False
        deadline = time.monotonic() + COUNT_TIME_LIMIT
        counted = 0
        for counted, _ in enumerate(searcher.docs_for_query(query), start=1):
            if not counted % 256 and (self._cancelled or time.monotonic() > deadline):
                return max(counted, top.total), False
        return counted, True

    def _document(self, stored: dict):
        """The hit's document as indexed: through the index's text store (extractions are cached)."""
        key = (stored["id"], stored.get("sha1", ""))
        if key in self._texts:
            self._texts.move_to_end(key)
            return self._texts[key]
        text = self._text_of(stored["id"], stored.get("sha1"))
        self._texts[key] = text
        while len(self._texts) > TEXT_CACHE:
            self._texts.popitem(last=False)
        return text

    def _match_ranges(
        self, searcher, query: q.Query, docnums: list[int], until: float | None = None
    ) -> dict[int, list[tuple[int, int]]]:
        """Character ranges in each document where a positive term or phrase matched."""
        wanted = sorted(set(docnums))
        found: dict[int, list[tuple[int, int]]] = {doc: [] for doc in wanted}
        cache: dict[str, dict[int, list[tuple[int, int, int]]]] = {}
        scorer = self._array_scorer(searcher)

        def positions(term: str) -> dict[int, list[tuple[int, int, int]]]:
            if term not in cache:
                cache[term] = scorer.postings.characters("body", term, wanted)
            return cache[term]

        for leaf in _positive_leaves(query):
            if getattr(leaf, "fieldname", None) != "body":
                continue
            if until is not None and time.monotonic() > until and any(found.values()):
                break
            if isinstance(leaf, q.Phrase):
                for doc in wanted:
                    found[doc] += phrase_ranges([positions(word).get(doc, []) for word in leaf.words])
            elif isinstance(leaf, q.Term):
                for doc, spans in positions(leaf.text).items():
                    found[doc] += [(start, end) for _, start, end in spans]
        return found

    def _title_matches(self, wanted: list[list[str]], title: str, text: str) -> list[tuple[int, int]]:
        """Where a title-field term or phrase matched, in the headline only (the title is not in the body's postings)."""
        start = text.find(title) if title and wanted else -1
        if start == -1:
            return []
        tokens = self.builder.schema["title"].analyzer(title, positions=True, chars=True)  # one Token, reused
        found = [(token.text, token.pos, start + token.startchar, start + token.endchar) for token in tokens]
        return [span for phrase in wanted for span in positional_ranges(found, phrase)]

    def _entity_matches(self, wanted: list[tuple[str, list[str]]], doc: str, text: str) -> list[tuple[int, int]]:
        """Mentions matched by an entity-field term (person:ishiba) or phrase: `wanted`, (field, words).

        A mention is marked only for its own field: `person:"Andy Warhol"` marks the
        man, not "The Andy Warhol Foundation" around him (`entity:` takes any label).
        """
        if not wanted or not text:
            return []
        entities = self._entities(doc, text) or []
        analyze = self.builder.schema["body"].analyzer
        found = []
        for entity in entities:
            fields = ("entity", FIELD_OF_LABEL.get(entity.label))
            phrases = [phrase for field, phrase in wanted if field in fields]
            if not phrases:
                continue
            forms = [[t.text for t in analyze(form, mode="query")] for form in (entity.text, entity.canonical)]
            if any(occurrences(words, phrase) for words in forms for phrase in phrases):
                found.append((entity.start, entity.end))
        return found


def _entity_fields(query: q.Query) -> bool:
    """Whether any part of `query`, negated or not, searches an entity field."""
    return getattr(query, "fieldname", None) in ENTITY_FIELDS or any(_entity_fields(child) for child in query.children())


def _why_nothing(query: q.Query) -> str:
    """A hint for a query that found nothing: what to try instead."""
    if not any(getattr(leaf, "fieldname", None) for leaf in _positive_leaves(query)):  # "NOT ishiba"
        return "NOT only leaves documents out: add a word to search for."
    return "Check the spelling, or try fewer words, a prefix (word*) or close spellings (word~)."


def _leaf_words(query: q.Query, fields: tuple[str, ...]) -> list[tuple[str, list[str]]]:
    """(field, words) of each positive term or phrase searching one of `fields`."""
    return [
        (leaf.fieldname, leaf.words if isinstance(leaf, q.Phrase) else [leaf.text])
        for leaf in _positive_leaves(query)
        if getattr(leaf, "fieldname", None) in fields and isinstance(leaf, (q.Term, q.Phrase))
    ]
