"""From what the user typed to a Whoosh query that stays fast.

Whoosh reads almost anything without complaint, quietly dropping what it
cannot parse, so the hints users see come from our own checks here. Whoosh
is slow where it expands one pattern into many terms (prefixes, wildcards,
fuzzy terms): each such pattern is replaced by its most frequent terms only.
"""

from __future__ import annotations

import heapq
import re
from dataclasses import dataclass
from itertools import islice

from whoosh import query as q
from whoosh.qparser import FuzzyTermPlugin, MultifieldParser, PlusMinusPlugin

from .schema import QUERY_FIELDS, SEARCH_FIELDS
from .vocabulary import FIELDS as VOCABULARY_FIELDS
from .vocabulary import Vocabulary

MAX_EXPANSION = 48  # terms a prefix or wildcard may stand for
MAX_FUZZY = 8  # close spellings of a word: the commonest few are the likely intent (48 cost 650 ms at 100k)
SHORT_PREFIX = 3  # while typing, a last word this short matches titles only
EXPANSION_BY_LENGTH = {1: 8, 2: 16, 3: 16}  # fewer terms for shorter prefixes: theirs are the longest lists
MAX_SCAN = 50_000  # terms read to find those; bounds the cost of one-letter patterns
MAX_QUERY_CHARS = 1000
_FIELD = re.compile(r"(?<![\w\"])([A-Za-z_]\w*):(?=\S)")
_LAST_WORD = re.compile(r"(?:(?<=\s)|^|(?<=[(:]))([^\s\"()*?~^:]+)$")
_OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "TO"}


@dataclass(frozen=True)
class ParsedQuery:
    query: q.Query | None  # None: nothing to search for
    hint: str | None
    text: str
    fallback: q.Query | None = None  # tried when `query` finds nothing


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


def _parser(schema) -> MultifieldParser:
    parser = MultifieldParser(list(SEARCH_FIELDS), schema)
    parser.add_plugin(FuzzyTermPlugin())
    parser.add_plugin(PlusMinusPlugin())  # -word excludes, +word requires, as in web search
    return parser


class QueryBuilder:
    def __init__(self, schema) -> None:
        self.parser = _parser(schema)

    def parse(self, text: str, typing: bool = False) -> ParsedQuery:
        text = " ".join(text.split())[:MAX_QUERY_CHARS]
        if not text:
            return ParsedQuery(None, "Type a word to search.", text)
        hint = _check(text)
        if hint and "Unknown field" in hint:
            return ParsedQuery(None, hint, text)
        short = _word_being_typed(text) if typing and not hint else None
        if short and (len(short.group(1)) > SHORT_PREFIX or text[: short.start()].endswith(":")):
            text, short = as_you_type(text), None
        fallback = None
        try:
            if short:
                parsed = self._short_prefix(text[: short.start()].rstrip(), short.group(1))
                fallback = self.parser.parse(as_you_type(text))  # no title has the word: try the text
            else:
                parsed = self.parser.parse(text)
        except Exception as error:  # noqa: BLE001 - the parser's errors are not a documented set
            return ParsedQuery(None, f"Could not read that query ({type(error).__name__}).", text)
        if parsed is q.NullQuery:
            return ParsedQuery(None, hint or "Nothing to search for: type a word.", text)
        if _matches_everything(parsed):
            return ParsedQuery(None, "Type at least one letter with * or ?.", text)
        return ParsedQuery(parsed, hint, text, fallback)

    def _short_prefix(self, rest: str, word: str) -> q.Query:
        """Up to SHORT_PREFIX letters typed: a title prefix, which only ranks when other words lead.

        Over the body such a prefix stands for thousands of terms with the
        longest posting lists (measured 0.5-1.4 s at 10k documents); the
        results would also collapse and return as the word grows.
        """
        words = [t.text for t in self.parser.schema["title"].analyzer(word)]
        prefix = q.Or([q.Prefix("title", w) for w in words]) if words else q.NullQuery
        if not rest:
            return prefix
        return q.AndMaybe(self.parser.parse(rest), prefix)


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
    return [text.decode("utf-8") if isinstance(text, bytes) else text for text, _ in best]


def cap_expansions(node: q.Query, reader, vocabulary: Vocabulary | None = None) -> q.Query:
    """Replace each pattern by an OR of its most frequent terms. `reader(field)`: the reader holding `field`."""
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
