"""Quotation marks paired into quoted runs, and sentences found around them.

Pure text work for `quotations.py`: no model. Marks are double quotes, straight or curly
(`"`, `“ ”`, `„`, `« »`); an apostrophe or a single quote never opens a run (a quotation
inside a quotation stays in its text). A run left open at the end of a paragraph goes on in
the next when that paragraph opens with a mark (the convention for quotations over several
paragraphs) or closes one it never opened (a scrape that lost the opening mark); otherwise it
ends with its paragraph.

Sentences: ".", "!" or "?" (and closing marks or brackets after them) then a space and a
capital, a digit or an opening mark, except after a title or an initial ("Mr.", "U.S.").
Quoted words are one piece of their sentence: a run's own full stops do not end it, the one
at its very end does ("…said, "We will go on." Then …").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from ..records import Span

OPENERS = "“„«"
CLOSERS = "”»"
MARKS = frozenset('"' + OPENERS + CLOSERS)
_MARK_RE = re.compile(r'["“”„«»]')
_SENTENCE_END = re.compile(r"[.!?…]+[\"”’')\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9])")
_ABBREVIATION = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Gen|Col|Lt|Sgt|Capt|Gov|Sen|Rep|Prof|Rev|No|vs|Inc|Co|Corp|Ltd|Jan|Feb|Mar|Apr"
    r"|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Mt|Ft|approx|est)|\b[A-Z]|(?:\b[A-Za-z]\.)+[A-Za-z])\.$"
)


@dataclass(frozen=True)
class Quoted:
    """Words between quotation marks: `parts` (one per paragraph, whitespace trimmed), the marks' positions."""

    opening: int
    closing: int | None  # None: the run ended with its paragraph, unclosed
    parts: tuple[Span, ...]

    @property
    def start(self) -> int:
        return self.parts[0].start

    @property
    def end(self) -> int:
        return self.parts[-1].end


def paragraphs_of(text: str, paragraphs: Sequence[Span] | None) -> list[Span]:
    """The given paragraphs, else every non-blank line of `text`."""
    if paragraphs is not None:
        return [p for p in paragraphs if p.end > p.start]
    found, start = [], 0
    for line in text.split("\n"):
        if line.strip():
            found.append(Span(start, start + len(line)))
        start += len(line) + 1
    return found


def _opens(text: str, at: int, start: int, end: int) -> bool:
    """A straight mark opens a run when a word follows it and none is glued before it."""
    before = text[at - 1] if at > start else " "
    after = text[at + 1] if at + 1 < end else " "
    return not after.isspace() and (before.isspace() or before in "([{—–-/:" or at == start)


def quoted_runs(text: str, paragraphs: Sequence[Span]) -> list[Quoted]:
    """Every quoted run of the paragraphs, in order."""
    runs: list[Quoted] = []
    opening: int | None = None
    parts: list[Span] = []
    part_start = 0
    for number, paragraph in enumerate(paragraphs):
        marks = [m.start() for m in _MARK_RE.finditer(text, paragraph.start, paragraph.end)]
        if opening is not None:  # carried over from the paragraph before
            if marks and marks[0] == _first_word(text, paragraph) and text[marks[0]] not in CLOSERS:
                part_start = marks.pop(0) + 1
            else:
                part_start = paragraph.start
        for at in marks:
            char = text[at]
            if opening is None:
                if char in CLOSERS or (char == '"' and not _opens(text, at, paragraph.start, paragraph.end)):
                    continue  # a stray closing mark (or an inch sign)
                opening, part_start, parts = at, at + 1, []
            elif char in OPENERS:
                continue  # a mark opening inside an open run: a typo or a nested quotation
            else:
                parts.append(Span(part_start, at))
                runs.append(_trimmed(text, opening, at, parts))
                opening = None
        if opening is None:
            continue
        parts.append(Span(part_start, paragraph.end))
        following = paragraphs[number + 1] if number + 1 < len(paragraphs) else None
        if following is None or not _continues(text, following):
            runs.append(_trimmed(text, opening, None, parts))
            opening = None
    return [run for run in runs if run.parts]


def _first_word(text: str, paragraph: Span) -> int:
    at = paragraph.start
    while at < paragraph.end and text[at].isspace():
        at += 1
    return at


def _continues(text: str, paragraph: Span) -> bool:
    """Does a run open at the end of the paragraph before go on in `paragraph`?"""
    marks = [m.start() for m in _MARK_RE.finditer(text, paragraph.start, paragraph.end)]
    if not marks:
        return False
    if marks[0] == _first_word(text, paragraph) and text[marks[0]] not in CLOSERS:
        return True  # the convention: each paragraph of a long quotation opens with a mark
    first = marks[0]
    closes = text[first] in CLOSERS or (text[first] == '"' and not _opens(text, first, paragraph.start, paragraph.end))
    return closes and len(marks) % 2 == 1  # it closes a run it never opened


def _trimmed(text: str, opening: int, closing: int | None, parts: list[Span]) -> Quoted:
    kept = []
    for part in parts:
        start, end = part.start, part.end
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            kept.append(Span(start, end))
    return Quoted(opening, closing, tuple(kept))


def masked(text: str, runs: Sequence[Quoted]) -> str:
    """`text` with every quoted run's words replaced by "x" (same length), keeping its first
    character and a full stop, "!" or "?" at its end: cue words inside quotations are not cues,
    and a quotation's own sentences are not its sentence's (`"I could." He` still ends one)."""
    chars = list(text)
    for run in runs:
        for part in run.parts:
            first = part.start + 1 if part is run.parts[0] else part.start
            last = part.end - 1 if text[part.end - 1] in ".!?…" and part is run.parts[-1] else part.end
            for at in range(first, last):
                if not chars[at].isspace():
                    chars[at] = "x"
    return "".join(chars)


class Inside:
    """Is an offset inside quotation marks? (bisect over the runs' parts)"""

    def __init__(self, runs: Sequence[Quoted]) -> None:
        self.parts = [part for run in runs for part in run.parts]
        self.starts = [part.start for part in self.parts]

    def __call__(self, at: int) -> bool:
        found = bisect_right(self.starts, at) - 1
        return found >= 0 and at < self.parts[found].end


def abbreviation_at(plain: str, at: int) -> bool:
    """Is the full stop at `at` a title's or an initial's ("Dr.", "U.S."), not a sentence's end?"""
    return bool(_ABBREVIATION.search(plain, max(0, at - 12), at + 1))


def sentences(plain: str, paragraph: Span) -> list[Span]:
    """The sentences of one paragraph of `plain` (a `masked` text)."""
    found, start = [], paragraph.start
    for end in _SENTENCE_END.finditer(plain, paragraph.start, paragraph.end):
        stop = end.start() + len(end.group().rstrip())
        if _ABBREVIATION.search(plain, max(paragraph.start, end.start() - 12), end.start() + 1):
            continue
        found.append(Span(start, stop))
        start = end.end()
    if start < paragraph.end:
        found.append(Span(start, paragraph.end))
    return found
