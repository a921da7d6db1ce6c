"""How text becomes terms: one tokenizer for the index and the query, so a pasted run finds itself.

Whoosh pickles the schema, analyzer included, into each index's table of
contents: `NewsTokenizer` must stay importable at this path for as long as
indexes written with it exist, and its `version` says which analysis wrote an
index (`analysis_version`), so one written by an older analysis is recognised
and indexed again rather than searched with terms it does not hold.

The rules, the same for documents and queries (a query word that yields
several terms becomes the phrase of them, see `query.py`):

- Words are runs of letters and digits; hyphens, apostrophes, slashes, commas
  and the like split them (`Japan-US` -> japan, us; `9/11` -> 9, 11). Dots
  between word characters do not (`2.5`, `www.bbc.co.uk`).
- Initialisms lose their dots (`U.S.` -> us, `U.K.` -> uk: typed `US`, they
  are found), and their mark covers the final dot.
- A possessive `'s` (straight, curly or modifier apostrophe) is dropped from
  the term, as Lucene's EnglishPossessiveFilter does (`Trump's`, `Trump’s`
  -> trump), but its characters stay in the token: the mark covers the form.
- Chinese, Japanese and Korean runs become overlapping bigrams, as Lucene's
  CJKAnalyzer makes them (`小説家` -> 小説, 説家): a word inside a sentence is
  the phrase of its bigrams. Documents also get each character alone at the
  position of the bigram it starts (the last one: of the bigram it ends), so
  a one-character query finds it; queries get the unigram only for a
  one-character run, so a query's bigrams stand at consecutive positions.
"""

from __future__ import annotations

import re

from whoosh.analysis import CharsetFilter, LowercaseFilter, Token, Tokenizer
from whoosh.fields import TEXT
from whoosh.support.charset import accent_map

VERSION = 1  # raise it whenever the terms a text yields change: indexes of older versions are indexed again

# Han (with its extensions and compatibility forms), Hiragana, Katakana (with the halfwidth forms and
# the prolonged sound mark), Hangul syllables and jamo, and the ideographic iteration marks.
_CJK = (
    "\u1100-\u11ff\u2e80-\u2fdf\u3005-\u3007\u3021-\u3029\u3031-\u3035\u3038-\u303c\u3040-\u30ff"
    "\u3130-\u318f\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff"
    "\uff66-\uff9f\U00020000-\U0003134f"
)
# Words (dots inside kept) with a possessive after them; a word holding CJK characters is cut into
# its CJK runs and the rest (`_RUNS`). One class of CJK characters in the word pattern made the
# module's import take 28 ms (compiling); this takes under 2.
_TOKEN = re.compile(r"(?P<word>\w+(?:\.\w+)*)(?P<possessive>['\u2019\u02bc][sS](?!\w))?")
_RUNS = re.compile(f"(?P<cjk>[{_CJK}]+)|(?P<word>[^{_CJK}.]+(?:\\.[^{_CJK}.]+)*)")
_FIRST_CJK = "\u1100"  # no character below it is CJK: most words are skipped with one max()


_CJK_CHAR = re.compile(f"[{_CJK}]")


class NewsTokenizer(Tokenizer):
    """Words, initialisms, possessives and CJK bigrams as the module docstring says."""

    version = VERSION

    def __eq__(self, other) -> bool:
        return type(other) is type(self) and getattr(other, "version", None) == self.version

    def __hash__(self) -> int:
        return hash((type(self).__name__, self.version))

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs,
    ):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:  # a wildcard or prefix: the pattern as typed (query.py analyses its word part)
            token.original = token.text = value
            token.boost = 1.0
            token.pos = start_pos
            token.startchar, token.endchar = start_char, start_char + len(value)
            yield token
            return
        unigrams = mode != "query"
        pos = start_pos
        for match in _TOKEN.finditer(value):
            word = match.group("word")
            start = start_char + match.start()
            if max(word) < _FIRST_CJK or _CJK_CHAR.search(word) is None:
                end = start_char + match.end()
                if "." in word:
                    word, end = _initialism(value, word, end, start_char)
                yield _emit(token, word, pos, start, end, keeporiginal)  # (inline: most tokens come this way)
                pos += 1
                continue
            for part in _RUNS.finditer(word):  # "東京2020": 東京 then 2020
                at = start + part.start()
                if part.group("cjk") is None:
                    text, end = _initialism(value, part.group(), at + len(part.group()), start_char)
                    yield _emit(token, text, pos, at, end, keeporiginal)
                    pos += 1
                else:
                    yield from _bigrams(token, part.group(), pos, at, unigrams, keeporiginal)
                    pos += max(len(part.group()) - 1, 1)


def _initialism(value: str, text: str, end: int, offset: int) -> tuple[str, int]:
    """`U.S` -> us, its mark over the last dot too; other dotted words (2.5, bbc.co.uk) as they are."""
    parts = text.split(".")
    if len(parts) > 1 and all(len(part) == 1 and not part.isdigit() for part in parts):
        return "".join(parts), end + value.startswith(".", end - offset)
    return text, end


def _bigrams(token: Token, run: str, pos: int, at: int, unigrams: bool, keeporiginal: bool):
    """A CJK run as overlapping bigrams (a lone character as itself); in documents each character too."""
    if len(run) == 1:
        yield _emit(token, run, pos, at, at + 1, keeporiginal)
        return
    for i in range(len(run) - 1):
        yield _emit(token, run[i : i + 2], pos + i, at + i, at + i + 2, keeporiginal)
        if unigrams:
            yield _emit(token, run[i], pos + i, at + i, at + i + 1, keeporiginal)
    last = len(run) - 1
    if unigrams:  # the last character stands with the bigram it ends
        yield _emit(token, run[last], pos + last - 1, at + last, at + last + 1, keeporiginal)


def _emit(token: Token, text: str, pos: int, start: int, end: int, keeporiginal: bool) -> Token:
    token.text = text
    token.boost = 1.0
    token.stopped = False
    if keeporiginal:
        token.original = text
    token.pos = pos
    token.startchar, token.endchar = start, end
    return token


def analyzer():
    # Accent folding lets "Sao Paulo" find "São Paulo"; offsets are unaffected.
    return NewsTokenizer() | LowercaseFilter() | CharsetFilter(accent_map)


def analysis_version(schema) -> int:
    """Which analysis wrote an index with this schema (0: the one before NewsTokenizer)."""
    for _, field in schema.items():
        if isinstance(field, TEXT):  # every text field of an index is analysed alike: the first tells
            items = getattr(field.analyzer, "items", [field.analyzer])
            return next((item.version for item in items if isinstance(item, NewsTokenizer)), 0)
    return VERSION  # no text field: nothing to analyse again
