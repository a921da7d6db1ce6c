"""From what the user typed to a Whoosh query: the one query semantics, for the reader and the CLI alike.

- A word finds itself and its inflections (`Forms`, expanded over the vocabulary at search
  time, `forms.py`); the exact form scores highest. In quotes a word is exact.
- A word with hyphens, apostrophes, dots or slashes inside is the phrase of its parts, as the
  tokenizer cut them (`Japan-US`, `COVID-19`, `9/11`); `-word` after a space (or first) is NOT,
  `+word` requires it. A possessive is the word (`Trump's`, `Trump’s`: trump, `analysis.py`).
- A `?` ending a word also matches the word without it (`artefacts?` pasted from a sentence);
  `*` ending one is a prefix, which holds the word itself anyway.
- While typing, the word being typed (`Typed`) is itself, its forms and the commonest words it
  begins, in every field; a space ends it. The settled search (a pause, Enter, the CLI) has no prefix.

Whoosh reads almost anything without complaint, quietly dropping what it cannot parse, so the
hints users see come from our own checks here. Whoosh is slow where it expands one pattern into
many terms: each such pattern is replaced by its most frequent terms only (`cap_expansions`).
"""

from __future__ import annotations

import heapq
import re
from dataclasses import dataclass
from itertools import islice

from whoosh import query as q
from whoosh.qparser import FuzzyTermPlugin, MultifieldPlugin, PlusMinusPlugin, QueryParser

from .forms import candidates_prefix, has_forms, pick_forms
from .schema import QUERY_FIELDS, SEARCH_FIELDS
from .vocabulary import FIELDS as VOCABULARY_FIELDS
from .vocabulary import Vocabulary

MAX_EXPANSION = 48  # terms a prefix or wildcard may stand for
MAX_FUZZY = 8  # close spellings of a word: the commonest few are the likely intent (48 cost 650 ms at 100k)
# Fewer terms for shorter prefixes: theirs are the longest lists, in the text too now, and each is read
# again for its marks (8/16/16 made the reader's keystroke p95 at 10k 101-108 ms against 49 before).
EXPANSION_BY_LENGTH = {1: 4, 2: 6, 3: 10}
MAX_SCAN = 50_000  # terms read to find those; bounds the cost of one-letter patterns
MAX_QUERY_CHARS = 1000
FORM_BOOST = 0.5  # an inflection scores half what the word as typed does: exact forms rank first
TYPED_BOOST = 0.5  # so does a longer word the word being typed begins
_FIELD = re.compile(r"(?<![\w\"])([A-Za-z_]\w*):(?=\S)")
_LAST_WORD = re.compile(r"(?:(?<=\s)|^|(?<=[(:]))[+-]?([^\s\"()*?~^:+-][^\s\"()*?~^:]*)$")
_OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "TO"}
_TRAILING = re.compile(r"([^*?]+?)([?*]+)[^\w*?]*")  # a word ending in wildcards only: "artefacts?", "ishi*", "why?”"


class Forms(q.Term):
    """A word typed bare: itself and its inflections (`cap_expansions` makes it an Or of terms)."""


class Typed(q.Prefix):
    """The word being typed: itself, its forms, and the commonest words it begins (`cap_expansions`)."""


@dataclass(frozen=True)
class ParsedQuery:
    query: q.Query | None  # None: nothing to search for
    hint: str | None
    text: str


def _word_being_typed(text: str) -> re.Match | None:
    if not text or text[-1].isspace() or text.count('"') % 2:
        return None
    match = _LAST_WORD.search(text)
    if not match or match.group(1) in _OPERATORS or not any(ch.isalnum() for ch in match.group(1)):
        return None
    return match


def as_you_type(text: str) -> str:
    """Treat the word being typed as a prefix: `shigeru ishi` -> `shigeru ishi*`."""
    return text + "*" if _word_being_typed(text) else text


def _check(text: str) -> str | None:
    if text.count('"') % 2:
        return 'Unclosed quote: add a closing " to search for the phrase.'
    depth = 0
    for ch in text:
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if depth < 0:
            return "A ) without its (: check the brackets."
    if depth:
        return "A ( without its ): check the brackets."
    for name in _FIELD.findall(text):
        if name.lower() not in QUERY_FIELDS:
            return f"Unknown field {name}:. Fields are {', '.join(f + ':' for f in QUERY_FIELDS if f != 'body')}."
    return None


class _Parser(QueryParser):
    """Whoosh's parser, reading a word the analyzer cuts in several terms as their phrase (Lucene's rule)."""

    def multitoken_query(self, spec, texts, fieldname, termclass, boost):
        return self.phraseclass(fieldname, texts, boost=boost)


def _parser(schema) -> QueryParser:
    parser = _Parser(None, schema)
    parser.add_plugin(MultifieldPlugin(list(SEARCH_FIELDS)))
    parser.add_plugin(FuzzyTermPlugin())
    # -word excludes and +word requires, as in web search, but only at a word's start: the
    # hyphen in "Japan-US" or "COVID-19" is part of the word (it was read as NOT).
    parser.add_plugin(PlusMinusPlugin(plusexpr=r"(?<![^\s(])\+(?=[^\s+])", minusexpr=r"(?<![^\s(])-(?=[^\s-])"))
    return parser


class QueryBuilder:
    """Parses queries with the analysis of the indexes they will run on: `schema` holds every field."""

    def __init__(self, schema) -> None:
        self.parser = _parser(schema)
        self.schema = schema

    def parse(self, text: str, typing: bool = False) -> ParsedQuery:
        text = " ".join(text.split())[:MAX_QUERY_CHARS]
        if not text:
            return ParsedQuery(None, "Type a word to search.", text)
        hint = _check(text)
        if hint and "Unknown field" in hint:
            return ParsedQuery(None, hint, text)
        typed = _word_being_typed(text) if typing and not hint else None
        try:
            raw = self.parser.parse(text + "*" if typed else text, normalize=False)
            typed_key = self._pattern(typed.group(1) + "*") if typed else None
            parsed = self._shape(raw, typed_key).normalize()
        except Exception as error:  # noqa: BLE001 - the parser's errors are not a documented set
            return ParsedQuery(None, f"Could not read that query ({type(error).__name__}).", text)
        if parsed is q.NullQuery:
            return ParsedQuery(None, hint or "Nothing to search for: type a word.", text)
        if _matches_everything(parsed):
            return ParsedQuery(None, "Type at least one letter with * or ?.", text)
        return ParsedQuery(parsed, hint, text)

    def _pattern(self, word: str) -> str:
        """A wildcard word as Whoosh keeps it (lowercased and folded, not cut into terms)."""
        return "".join(t.text for t in self.schema["body"].analyzer(word, tokenize=False, mode="query"))

    def _words(self, field: str, text: str) -> list[str]:
        return [t.text for t in self.schema[field].analyzer(text, mode="query")] if field in self.schema else [text]

    def _shape(self, node: q.Query, typed_key: str | None) -> q.Query:
        """The parser's tree in our semantics: forms for bare words, exact quoted words, patterns mended."""
        field = getattr(node, "fieldname", None)
        if isinstance(node, q.Phrase):
            if len(node.words) == 1:  # a quoted word is exact
                return q.Term(field, node.words[0], boost=node.boost)
            return node
        if type(node) is q.Term:
            return Forms(field, node.text, boost=node.boost) if field in SEARCH_FIELDS else node
        if isinstance(node, (q.Wildcard, q.Prefix)) and field in self.schema:
            return self._pattern_query(node, typed_key)
        return node.apply(lambda child: self._shape(child, typed_key))

    def _pattern_query(self, node: q.Wildcard | q.Prefix, typed_key: str | None) -> q.Query:
        field, text, boost = node.fieldname, node.text, node.boost
        if isinstance(node, q.Prefix):
            text += "*"
        trailing = _TRAILING.fullmatch(text)
        if trailing is None:  # wildcards inside the word ("te?t"): a pattern as Whoosh reads it
            return node
        stem, marks = trailing.groups()
        words = self._words(field, stem)
        if not words:
            return q.NullQuery
        if marks.startswith("*"):
            last = (Typed if text == typed_key else q.Prefix)(field, words[-1], boost=boost)
            if len(words) == 1:
                return last
            return q.And([q.Phrase(field, words[:-1], boost=boost) if len(words) > 2 else q.Term(field, words[0]), last])
        # "artefacts?" as pasted from a sentence: the word, or the word and one more letter
        exact = Forms(field, words[0], boost=boost) if len(words) == 1 else q.Phrase(field, words, boost=boost)
        if len(words) > 1 or marks != "?" * len(marks):
            return exact
        return q.Or([exact, q.Wildcard(field, words[0] + marks, boost=boost)])


def _matches_everything(node: q.Query) -> bool:
    if isinstance(node, q.Every):
        return True
    if isinstance(node, (q.Wildcard, q.Prefix)):
        return not node.text.strip("*?")
    return any(_matches_everything(child) for child in node.children())


def _top_terms(node: q.MultiTerm, reader, vocabulary: Vocabulary | None) -> list[str]:
    field = node.fieldname
    reader = reader(field)
    if field not in reader.schema or not reader.schema[field].scorable:
        return []
    if isinstance(node, q.Prefix):
        limit = EXPANSION_BY_LENGTH.get(len(node.text), MAX_EXPANSION)
    else:
        limit = MAX_FUZZY if isinstance(node, q.FuzzyTerm) else MAX_EXPANSION
    if isinstance(node, q.Prefix) and vocabulary is not None and field in VOCABULARY_FIELDS:
        return vocabulary.top(field, node.text, limit)
    if isinstance(node, q.Prefix):
        candidates = ((text, info.doc_frequency()) for text, info in reader.iter_prefix(field, node.text))
    else:
        if isinstance(node, q.FuzzyTerm):
            node.prefixlength = max(node.prefixlength, 1)  # 0 scans the whole vocabulary
        candidates = ((text, reader.doc_frequency(field, text)) for text in node._btexts(reader))
    best = heapq.nlargest(limit, islice(candidates, MAX_SCAN), key=lambda pair: pair[1])
    return [_text(text) for text, _ in best]


def _forms(field: str, word: str, reader, vocabulary: Vocabulary | None) -> list[str]:
    """The inflections of `word` the field holds: from the vocabulary when one is kept, else the index's term list."""
    if vocabulary is not None and field in VOCABULARY_FIELDS:
        return vocabulary.forms(field, word)
    if field not in VOCABULARY_FIELDS or not has_forms(word):
        return []
    terms = reader(field).iter_prefix(field, candidates_prefix(word))
    return pick_forms(word, ((_text(term), info.doc_frequency()) for term, info in terms))


def _text(term: str | bytes) -> str:
    return term.decode("utf-8") if isinstance(term, bytes) else term


def _weighted(field: str, weights: dict[str, float], boost: float) -> q.Query:
    terms = [q.Term(field, term, boost=boost * weight) for term, weight in weights.items()]
    return terms[0] if len(terms) == 1 else q.Or(terms, boost=1.0)


def cap_expansions(node: q.Query, reader, vocabulary: Vocabulary | None = None) -> q.Query:
    """Forms and patterns as ORs of terms: a pattern's most frequent ones. `reader(field)`: the reader holding `field`."""
    if isinstance(node, (Forms, Typed)):
        field = node.fieldname
        forms = _forms(field, node.text, reader, vocabulary)
        weights = {node.text: 1.0, **dict.fromkeys(forms, FORM_BOOST)}
        if isinstance(node, Typed):
            for term in _top_terms(node, reader, vocabulary):
                weights.setdefault(term, TYPED_BOOST)
        return _weighted(field, weights, node.boost)
    if isinstance(node, q.MultiTerm):
        terms = _top_terms(node, reader, vocabulary)
        if not terms:
            return q.NullQuery
        return q.Or([q.Term(node.fieldname, term) for term in terms], boost=node.boost)
    return node.apply(lambda child: cap_expansions(child, reader, vocabulary))


def fuzzy(node: q.Query) -> q.Query:
    """The same query with every plain term allowed one edit."""
    if isinstance(node, q.Term) and len(node.text) > 3:
        return q.FuzzyTerm(node.fieldname, node.text, boost=node.boost, maxdist=1, prefixlength=1)
    return node.apply(fuzzy)
