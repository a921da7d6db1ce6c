"""Sentences of a paragraph, as exact document offsets.

A regex on ".!?" split quotes at "[...]", after "Mr." and "U.S.", inside
decimals and quoted speech. pySBD (rule-based, MIT; no model, ~60 ms to
import) follows the "Golden Rules" for English sentence boundaries. It costs
~3 ms a paragraph (40 Wikinews articles: 32 ms an article, the longest 90 ms),
so each paragraph's sentences are worked out once and cached; long paragraphs
are cut into windows first (see WINDOW).

pySBD's own character spans search for each sentence with a regex; here each
is found in order, from where the last one ended, so offsets stay exact even
for repeated sentences, and where pySBD changed a character the rest of the
paragraph stays one sentence.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..records import Span

_segmenter = None


def _segment(text: str) -> list[str]:
    global _segmenter
    if _segmenter is None:
        import pysbd  # paid by the first selection, not by every import of the engine

        _segmenter = pysbd.Segmenter(language="en", clean=False)
    return _segmenter.segment(text)


# pySBD's time grows faster than the text (2,000 characters: 32 ms; 5,000: 196 ms; 20,000:
# 1.3 s), so a long paragraph is cut into windows at likely sentence ends and each window
# segmented alone; past LONGEST (a file with no line breaks) those likely ends are all it gets.
WINDOW = 2_000
LONGEST = 100_000
# After a word of three letters or digits (not "Mr." or "U.S."), before a capital.
_LIKELY_END = re.compile(r"(?<=[a-z0-9]{3})[.!?…][\"”’')\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9])")


def _relative(chunk: str) -> tuple[tuple[int, int], ...]:
    # A newline inside a paragraph is a hard wrap, but pySBD ends a sentence there:
    # spaces instead, of the same length, so offsets hold.
    chunk = chunk.replace("\n", " ")
    if len(chunk) <= WINDOW:
        return _segmented(chunk)
    cuts = [match.end() for match in _LIKELY_END.finditer(chunk)] + [len(chunk)]
    if len(chunk) > LONGEST:
        return _trimmed(chunk, [0] + cuts)
    spans, start = [], 0
    for cut, after in zip(cuts, cuts[1:] + [None], strict=False):
        if after is not None and after - start <= WINDOW:
            continue
        piece = chunk[start:cut]
        found = _segmented(piece) if len(piece) <= WINDOW else _trimmed(piece, [0, len(piece)])
        spans += [(start + s, start + e) for s, e in found]
        start = cut
    return tuple(spans)


def _trimmed(chunk: str, cuts: list[int]) -> tuple[tuple[int, int], ...]:
    spans = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        piece = chunk[start:end]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            spans.append((start + lead, start + len(piece.rstrip())))
    return tuple(spans)


@lru_cache(maxsize=1024)  # windows of at most WINDOW characters: ~4 MB at most
def _segmented(chunk: str) -> tuple[tuple[int, int], ...]:
    spans, cursor = [], 0
    for sentence in _segment(chunk):
        piece = sentence.strip()
        at = chunk.find(piece, cursor) if piece else -1
        if at == -1:
            if piece:
                break  # not the paragraph's own text: what is left stays one sentence
            continue
        spans.append((at, at + len(piece)))
        cursor = at + len(piece)
    rest = chunk[cursor:]
    if rest.strip():
        start = cursor + len(rest) - len(rest.lstrip())
        spans.append((start, cursor + len(rest.rstrip())))
    return tuple(spans)


def sentence_spans(text: str, paragraph: Span) -> list[Span]:
    """The sentences of one paragraph of `text`, as document spans (whitespace between them left out)."""
    chunk = text[paragraph.start : paragraph.end]
    return [Span(paragraph.start + start, paragraph.start + end) for start, end in _relative(chunk)]
