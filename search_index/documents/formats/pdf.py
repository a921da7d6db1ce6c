"""PDF: text per page through pypdfium2 (PDFium; Apache-2.0/BSD), rebuilt into paragraphs.

PDFium gives lines. Raised and lowered runs (exponents, note marks) go back
into their line; lines join into a paragraph unless the gap above the next
line is wider than the page's usual line gap or the font size steps clearly
(a heading; OCR sizes wander a little); a line ending in a cut word always goes
on, and the word is mended; lines that repeat at the top or bottom of most
pages (running headers, footers, page numbers), or short ones repeated at one
height anywhere (margin line numbers), are dropped. A page with any character
is text: only a file without one is "no text: scanned?".
Runs in the extraction worker process: PDFium is C code.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass
from itertools import pairwise

from .record import Builder, Extracted, ExtractionFailed, clean, iso_date, usable_title

VERSION = 2  # of what this reader gives: a change re-extracts cached files (see text_store)
_PAGE_NUMBER = re.compile(
    r"^(?:page\s+)?(?:\d{1,4}|[ivxlc]{1,6})(?:\s*(?:of|/)\s*\d{1,4})?$", re.IGNORECASE
)
_END = re.compile(r"[.!?:;”\"')\]]$")
EDGE_LINES = 2  # lines at the top and at the bottom of a page that may be running headers
TITLE_LINE = 100  # a first line this short, not ending a sentence, can name the file
SIZE_STEP = 1.15  # a font this much larger or smaller starts a new paragraph (a heading, a caption)
MARGIN_LINE = 40  # a line this short, at one height on most pages, not a sentence end, is furniture
# (line numbers in a margin, a printer's "4TH PASS PAGES", a URL under every page of Free Culture)


@dataclass
class Line:
    text: str
    top: float | None = None
    bottom: float | None = None
    size: float | None = None
    left: float | None = None
    right: float | None = None


# Sentence punctuation straight before a letter or an opening quote: "law.The". PDFium
# leaves out a space it should have made where a font is scaled by its matrix (Free
# Culture's pages): the characters' boxes show the gap.
_GLUED = re.compile(r"[.!?;:,)\]”’\"][^\W\d_“‘\"(]")
GLUE_GAP = 0.14  # of the line's height: a gap this wide after punctuation is a space PDFium left out
_HYPHEN_MARK = 2  # FPDFText_GetUnicode of the U+FFFE PDFium puts for a hyphen it took off a line's end


def _page_lines(page) -> list[Line]:
    textpage = page.get_textpage()
    try:
        text = textpage.get_text_range()
        # Boxes and sizes are looked up by character index, valid only when the text is 1:1 with it.
        indexed = len(text) == textpage.count_chars()
        spaces: set[int] = set()
        if indexed:
            text, spaces = _slips(textpage, text)
        lines = []
        # PDFium joins a line ending in a hyphen to the next text (even a footer), marking the
        # cut with U+FFFE: cut there again, keeping the mark for join_lines to mend.
        for match in re.finditer(r"[^\r\n\ufffe]+\ufffe?", text):
            content = match.group()
            if not content.strip("\ufffe \t"):
                continue
            line = Line(content)
            if indexed:
                first = match.start() + len(content) - len(content.lstrip())
                last = match.start() + len(content.rstrip().rstrip("\ufffe")) - 1
                left, _b, _r, line.top = textpage.get_charbox(first, loose=True)
                # the last character's: PDFium may have joined two wrapped lines into this one
                _l, line.bottom, right, _t = textpage.get_charbox(last, loose=True)
                line.left, line.right = left, right
                line.size = _font_size(textpage, first)
                cuts = sorted(i - match.start() + 1 for i in spaces if match.start() <= i < match.end())
                for cut in reversed(cuts):
                    line.text = line.text[:cut] + " " + line.text[cut:]
            lines.append(line)
        return merge_raised(lines)
    finally:
        textpage.close()


def _slips(textpage, text: str) -> tuple[str, set[int]]:
    """PDFium's two slips, found by the characters' boxes: the text and where spaces are missing.

    A U+FFFE that is no hyphen (a glyph without Unicode) becomes a space; a space is
    missing after punctuation that stands apart from the next word on the page but not
    in the text. Only these rare spots are looked at: a box costs a call.
    """
    import pypdfium2.raw as pdfium_c

    if "\ufffe" in text:
        text = "".join(
            " " if char == "\ufffe" and pdfium_c.FPDFText_GetUnicode(textpage.raw, index) != _HYPHEN_MARK else char
            for index, char in enumerate(text)
        )
    missing = set()
    for match in _GLUED.finditer(text):
        index = match.start()
        right = textpage.get_charbox(index)[2]
        next_left = textpage.get_charbox(index + 1)[0]
        _l, bottom, _r, top = textpage.get_charbox(index, loose=True)
        # Ink to ink, "U.S" and "e.g" measure 0.07-0.10 of the line's height; a space's worth
        # of kerning (a justified line's "law.The", Free Culture) 0.18.
        if next_left - right > GLUE_GAP * max(top - bottom, 1.0):
            missing.add(index)
    return text, missing


def merge_raised(lines: list[Line]) -> list[Line]:
    """Superscripts and subscripts put back into their line ("E = mc", "2", " is the" -> one line).

    PDFium starts a new line at a raised or lowered run; such a run shares the
    line's height band, sits to the right of what came before, and is smaller.
    """
    out: list[Line] = []
    for line in lines:
        previous = out[-1] if out else None
        if previous is not None and _same_band(previous, line):
            gap = (line.left or 0) - (previous.right or 0)
            joiner = " " if gap > 0.25 * (previous.size or line.size or 10) and not line.text[:1].isspace() else ""
            previous.text = previous.text.rstrip("\ufffe") + joiner + line.text
            previous.top = max(previous.top or 0, line.top or 0)
            previous.bottom = min(previous.bottom or 0, line.bottom or 0)
            previous.right = line.right
            previous.size = max(previous.size or 0, line.size or 0) or None
            continue
        out.append(line)
    return out


def _same_band(a: Line, b: Line) -> bool:
    if None in (a.top, a.bottom, b.top, b.bottom, a.right, b.left):
        return False
    assert a.top is not None and a.bottom is not None and b.top is not None and b.bottom is not None
    small, large = (a, b) if (a.top - a.bottom) < (b.top - b.bottom) else (b, a)
    assert small.top is not None and small.bottom is not None and large.top is not None and large.bottom is not None
    centre = (small.top + small.bottom) / 2
    to_the_right = (b.left or 0) >= (a.right or 0) - 1.0
    return to_the_right and large.bottom <= centre <= large.top + 0.3 * (large.top - large.bottom)


def _font_size(textpage, index: int) -> float | None:
    import pypdfium2.raw as pdfium_c

    size = pdfium_c.FPDFText_GetFontSize(textpage.raw, index)
    return round(size, 1) if size > 0 else None


def _edge_key(line: Line) -> str:
    """Same text but for its numbers, at the same height: a running header or footer.

    The height matters: body text can repeat too (a list of "Item N ..." lines),
    but not at the same place on most pages.
    """
    where = "" if line.top is None else f"@{round(line.top / 6)}"
    return re.sub(r"\d+", "#", clean(line.text)).casefold() + where


def drop_running_lines(pages: list[list[Line]]) -> list[list[Line]]:
    """Without the headers, footers and page numbers that repeat page after page."""
    counts: dict[str, int] = {}  # at the top or bottom of a page
    everywhere: dict[str, int] = {}  # anywhere on it
    for lines in pages:
        for key in {_edge_key(line) for line in lines[:EDGE_LINES] + lines[-EDGE_LINES:]}:
            counts[key] = counts.get(key, 0) + 1
        for key in {_edge_key(line) for line in lines if len(line.text) <= 2 * MARGIN_LINE}:
            everywhere[key] = everywhere.get(key, 0) + 1
    repeat = max(2, (len(pages) + 1) // 2)
    anywhere = max(3, repeat)
    kept = []
    for lines in pages:
        edges = set(range(min(EDGE_LINES, len(lines)))) | set(
            range(max(0, len(lines) - EDGE_LINES), len(lines))
        )
        kept.append(
            [
                line
                for number, line in enumerate(lines)
                if not (
                    number in edges
                    and len(line.text) <= 120
                    and (counts.get(_edge_key(line), 0) >= repeat or _PAGE_NUMBER.match(clean(line.text)))
                )
                and not (
                    len(clean(line.text)) <= MARGIN_LINE
                    and not _END.search(line.text.strip())
                    and everywhere.get(_edge_key(line), 0) >= anywhere
                )
            ]
        )
    return kept


def _hyphenated(text: str) -> bool:
    """The line ends in a word cut by a hyphen (PDFium's mark, or a hyphen after a letter)."""
    text = text.rstrip()
    return text.endswith(("\x02", "\xad", "\ufffe")) or (len(text) > 1 and text.endswith("-") and text[-2].isalpha())


def join_lines(first: str, second: str) -> str:
    """Two wrapped lines as one, mending a word hyphenated at the line end."""
    first, second = first.rstrip(), second.lstrip()
    if first.endswith(("\x02", "\xad", "\ufffe")):  # PDFium's and Unicode's soft hyphen
        return first[:-1] + second
    if (
        first.endswith("-")
        and len(first) > 1
        and first[-2].isalpha()
        and second[:1].islower()
    ):
        return first[:-1] + second
    return first + " " + second


def _body_metrics(pages: list[list[Line]]) -> tuple[float | None, float | None, float]:
    sizes = [line.size for lines in pages for line in lines if line.size]
    gaps = [
        a.bottom - b.top
        for lines in pages
        for a, b in pairwise(lines)
        if a.bottom is not None and b.top is not None and a.size == b.size
    ]
    lengths = sorted(len(line.text.strip()) for lines in pages for line in lines)
    size = statistics.median(sizes) if sizes else None
    # The line gap is the commonest small gap: a low percentile, not the median, because with
    # short paragraphs (and PDFium joining hyphenated lines) paragraph gaps can be half of all gaps.
    gap = sorted(gaps)[len(gaps) // 5] if gaps else None
    typical = lengths[int(len(lengths) * 0.9)] if lengths else 0
    return size, gap, typical


def paragraphs(pages: list[list[Line]]) -> list[tuple[str, str, int]]:
    """(text, kind, page) for each paragraph or heading, in reading order."""
    body_size, body_gap, typical = _body_metrics(pages)
    out: list[tuple[str, str, int]] = []
    current: list = []  # [text, kind, page, last line]

    def flush() -> None:
        if current:
            out.append((current[0], current[1], current[2]))
            current.clear()

    for number, lines in enumerate(pages, start=1):
        for index, line in enumerate(lines):
            heading = bool(body_size and line.size and line.size >= body_size * SIZE_STEP)
            kind = "heading" if heading else "paragraph"
            if current:
                previous: Line = current[3]
                if (
                    index == 0
                ):  # a page break: a paragraph goes on unless its last line ended one
                    ended = bool(_END.search(previous.text.strip()))
                    full = len(previous.text.strip()) >= 0.9 * typical
                    new = ended and not (full and line.text.strip()[:1].islower()) and not _hyphenated(previous.text)
                elif _hyphenated(previous.text):
                    new = False  # a word cut at the line's end goes on, whatever the size or gap
                elif previous.size and line.size and max(previous.size, line.size) > SIZE_STEP * min(previous.size, line.size):
                    new = True  # OCR sizes wander a little from line to line: only a clear step is a break
                elif (
                    body_gap is not None
                    and previous.bottom is not None
                    and line.top is not None
                ):
                    gap = previous.bottom - line.top
                    new = gap > body_gap + max(2.0, 0.3 * (line.size or 10))
                else:
                    short = len(previous.text.strip()) < 0.8 * typical
                    new = short and bool(_END.search(previous.text.strip()))
                new = new or kind != current[1]
                if not new:
                    current[0] = join_lines(current[0], line.text)
                    current[3] = line
                    continue
                flush()
            current.extend([line.text.strip(), kind, number, line])
    flush()
    return out


def _title(pdf, pages: list[list[Line]], body_size: float | None) -> str | None:
    """The metadata's title, else the first page's largest line, else its first line if short.

    Placeholders ("Title", "untitled", "Model", "Microsoft Word - x.doc"), a single
    letter and a "Contents" heading are passed over, on to the next candidate.
    """
    title = usable_title(pdf.get_metadata_value("Title"))
    if title:
        return title
    first = [line for line in (pages[0] if pages else []) if usable_title(line.text)][:8]
    if body_size and first:
        largest = max(first, key=lambda line: line.size or 0)
        if largest.size and largest.size >= body_size * SIZE_STEP:
            return usable_title(largest.text)
    line = clean(first[0].text) if first else ""
    letters = sum(char.isalpha() for char in line)
    wordy = letters >= 0.6 * len(line.replace(" ", ""))
    if line and len(line) <= TITLE_LINE and not _END.search(line) and not line[0].isdigit() and wordy:
        return usable_title(line)  # not "1 Foo 2" (a table of contents), not "2015 JA N 2 7" (a stamp)
    return None


def read(path, data: bytes) -> Extracted:
    import pypdfium2 as pdfium

    if b"%PDF-" not in data[:1024]:
        raise ExtractionFailed("not a PDF (no %PDF header): wrong extension or damaged")
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        if "password" in str(error).lower():
            raise ExtractionFailed("password protected") from error
        raise ExtractionFailed(f"damaged PDF: {_reason(error)}") from error
    try:
        raw_pages = []
        for number in range(len(pdf)):
            page = pdf[number]
            try:
                raw_pages.append(_page_lines(page))
            finally:
                page.close()
        if not any(clean(line.text) for lines in raw_pages for line in lines):
            raise ExtractionFailed("no text: scanned?")  # not a character on any page
        pages = drop_running_lines(
            raw_pages
        )  # on one page, only page numbers can be told apart
        body_size = _body_metrics(pages)[0]
        builder = Builder("pdf")
        for text, kind, number in paragraphs(pages):
            builder.add(text, kind, page=number)
        title = _title(pdf, pages, body_size)
        author = clean(pdf.get_metadata_value("Author") or "") or None
        date = iso_date(_pdf_date(pdf.get_metadata_value("CreationDate") or ""))
        return builder.build(
            title=title, author=author, date=date, pages=len(raw_pages)
        )
    finally:
        pdf.close()


def _pdf_date(value: str) -> str | None:
    match = re.match(r"D:(\d{4})(\d{2})(\d{2})", value)
    return "-".join(match.groups()) if match else None


def _reason(error: Exception) -> str:
    text = str(error)
    found = re.search(r"PDFium: ([^)]*)", text)
    return (found.group(1) if found else text).strip().rstrip(".").lower()
