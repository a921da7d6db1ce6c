"""PDF: text per page through pypdfium2 (PDFium; Apache-2.0/BSD), rebuilt into paragraphs.

PDFium gives lines. Lines join into a paragraph unless the gap above the next
line is wider than the page's usual line gap or the font size changes (a
heading); end-of-line hyphens are mended; lines that repeat at the top or
bottom of most pages (running headers, footers, page numbers) are dropped.
Runs in the extraction worker process: PDFium is C code.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass
from itertools import pairwise

from .record import Builder, Extracted, ExtractionFailed, clean, iso_date

_PAGE_NUMBER = re.compile(
    r"^(?:page\s+)?(?:\d{1,4}|[ivxlc]{1,6})(?:\s*(?:of|/)\s*\d{1,4})?$", re.IGNORECASE
)
_END = re.compile(r"[.!?:;”\"')\]]$")
_BAD_TITLES = re.compile(
    r"^(?:untitled|microsoft word|document\d*$)|\.(?:docx?|pdf|tex|indd|odt)$",
    re.IGNORECASE,
)
EDGE_LINES = (
    2  # lines at the top and at the bottom of a page that may be running headers
)


@dataclass
class Line:
    text: str
    top: float | None = None
    bottom: float | None = None
    size: float | None = None


def _page_lines(page) -> list[Line]:
    textpage = page.get_textpage()
    try:
        text = textpage.get_text_range()
        # Boxes and sizes are looked up by character index, valid only when the text is 1:1 with it.
        indexed = len(text) == textpage.count_chars()
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
                line.top = textpage.get_charbox(first, loose=True)[3]
                # the last character's: PDFium may have joined two wrapped lines into this one
                line.bottom = textpage.get_charbox(last, loose=True)[1]
                line.size = _font_size(textpage, first)
            lines.append(line)
        return lines
    finally:
        textpage.close()


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
    counts: dict[str, int] = {}
    for lines in pages:
        for key in {
            _edge_key(line) for line in lines[:EDGE_LINES] + lines[-EDGE_LINES:]
        }:
            counts[key] = counts.get(key, 0) + 1
    repeat = max(2, (len(pages) + 1) // 2)
    kept = []
    for lines in pages:
        edges = set(range(min(EDGE_LINES, len(lines)))) | set(
            range(max(0, len(lines) - EDGE_LINES), len(lines))
        )
        kept.append(
            [
                line
                for number, line in enumerate(lines)
                if number not in edges
                or len(line.text) > 120
                or not (
                    counts.get(_edge_key(line), 0) >= repeat
                    or _PAGE_NUMBER.match(clean(line.text))
                )
            ]
        )
    return kept


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
            heading = bool(body_size and line.size and line.size >= body_size * 1.15)
            kind = "heading" if heading else "paragraph"
            if current:
                previous: Line = current[3]
                if (
                    index == 0
                ):  # a page break: a paragraph goes on unless its last line ended one
                    ended = bool(_END.search(previous.text.strip()))
                    full = len(previous.text.strip()) >= 0.9 * typical
                    new = ended and not (full and line.text.strip()[:1].islower())
                elif previous.size != line.size and (previous.size and line.size):
                    new = True
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
    title = clean(pdf.get_metadata_value("Title") or "")
    if title and not _BAD_TITLES.search(title):
        return title
    first = pages[0] if pages else []
    if body_size and first:
        largest = max(first[:8], key=lambda line: line.size or 0)
        if largest.size and largest.size >= body_size * 1.15:
            return clean(largest.text)
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
        if sum(len(line.text.strip()) for lines in raw_pages for line in lines) < 20:
            raise ExtractionFailed("no text: scanned?")
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
