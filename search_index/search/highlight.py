"""Highlighting: where a query matched in a document, and the snippet a result shows.

Kept apart from the engine (`engine.py`), which finds and ranks the hits: these
functions see only a document's text and character ranges.
"""

from __future__ import annotations

SNIPPET_CHARS = 180


def occurrences(words: list[str], phrase: list[str]) -> list[int]:
    """Where `phrase` starts in `words`."""
    n = len(phrase)
    return [i for i in range(len(words) - n + 1) if words[i : i + n] == phrase]


def phrase_ranges(per_word: list[list[tuple[int, int, int]]]) -> list[tuple[int, int]]:
    if not per_word or not all(per_word):
        return []
    later = [{pos: (start, end) for pos, start, end in spans} for spans in per_word[1:]]
    ranges = []
    for pos, start, end in per_word[0]:
        tail = [span for i in range(len(later)) if (span := later[i].get(pos + i + 1)) is not None]
        if len(tail) == len(later):
            ranges.append((start, tail[-1][1] if tail else end))
    return ranges


def positional_ranges(tokens: list[tuple[str, int, int, int]], phrase: list[str]) -> list[tuple[int, int]]:
    """Where `phrase` stands in `tokens` ((text, position, start, end), as an analyzer gives them: a
    position may hold more than one term, as CJK bigrams and their characters do)."""
    at: dict[tuple[str, int], tuple[int, int]] = {}
    for text, pos, start, end in tokens:
        at.setdefault((text, pos), (start, end))
    ranges = []
    for (text, pos), (start, _) in at.items():
        if text != phrase[0]:
            continue
        spans = [at.get((word, pos + i)) for i, word in enumerate(phrase)]
        if all(spans):
            ranges.append((start, spans[-1][1]))  # type: ignore[index]
    return ranges


def merge_ranges(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(set(ranges)):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def make_snippet(text: str, matches: list[tuple[int, int]], width: int = SNIPPET_CHARS):
    """A one-line excerpt around the densest run of matches, and the matches' places in it.

    Matches in the headline are skipped: the headline is shown beside the
    snippet anyway, so a hit found by its title shows its opening lines.
    """
    headline_end = text.find("\n")
    chosen = [m for m in matches if m[0] > headline_end] if headline_end != -1 else matches
    if chosen:
        best = max(chosen, key=lambda m: sum(1 for s, _ in chosen if m[0] <= s < m[0] + width * 2 // 3))
        start = max(best[0] - width // 3, text.rfind("\n", 0, best[0]) + 1)  # not before its paragraph
    else:
        start = headline_end + 1 if headline_end != -1 else 0
    end = min(start + width, len(text))
    if start > 0 and not text[start - 1].isspace():
        space = max(text.rfind(" ", max(start - 20, 0), start), text.rfind("\n", max(start - 20, 0), start))
        start = space + 1 if space != -1 else start
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start + width // 2 else end
    excerpt = text[start:end].replace("\n", " ")  # same length: offsets hold
    lead = "…" if start > 0 and text[start - 1] != "\n" else ""
    trail = "…" if end < len(text) and text[end] != "\n" else ""
    marks = tuple(
        (max(s, start) - start + len(lead), min(e, end) - start + len(lead)) for s, e in matches if s < end and e > start
    )
    return lead + excerpt + trail, marks
