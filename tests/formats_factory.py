"""Real files of every format, written from a title and paragraphs (for tests and the sample).

PDFs (fpdf2) have a running header and footer, page numbers, wrapped lines
and words hyphenated at line ends, so extraction has something to undo.
"""

from __future__ import annotations

import html as html_lib
import io
import zipfile
from datetime import UTC, datetime

HEADER = "The Seed Reader Sample Gazette"
_LATIN = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "“": '"',
        "”": '"',
        "–": "-",
        "—": "-",
        "…": "...",
        "\u00a0": " ",
    }
)


def _latin(text: str) -> str:
    return text.translate(_LATIN).encode("latin-1", "replace").decode("latin-1")


def make_pdf(
    title: str,
    paragraphs: list[str],
    author: str = "Wikinews contributors",
    headings: dict[int, str] | None = None,
    metadata_title: bool = True,
    password: str | None = None,
    date: datetime | None = None,
) -> bytes:
    """A multi-page PDF: title line, body paragraphs (headings before paragraph i), header, footer."""
    from fpdf import FPDF

    class Page(FPDF):
        def header(self) -> None:
            self.set_font("Helvetica", "I", 8)
            self.cell(0, 8, HEADER, align="C", new_x="LMARGIN", new_y="NEXT")
            self.ln(4)

        def footer(self) -> None:
            self.set_y(-15)
            self.set_font("Helvetica", "I", 8)
            self.cell(0, 10, f"Page {self.page_no()}", align="C")

    pdf = Page(format="A5")
    pdf.set_margins(18, 15, 18)
    pdf.set_auto_page_break(True, margin=20)
    if metadata_title:
        pdf.set_title(_latin(title))
    pdf.set_author(_latin(author))
    pdf.set_creation_date(date or datetime(2020, 3, 4, tzinfo=UTC))
    if password:
        pdf.set_encryption(owner_password=password + "-owner", user_password=password)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    for line in _wrap(pdf, _latin(title)):
        pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    for number, paragraph in enumerate(paragraphs):
        if headings and number in headings:
            pdf.set_font("Helvetica", "B", 13)
            pdf.ln(2)
            pdf.cell(0, 7, _latin(headings[number]), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
        pdf.set_font("Helvetica", "", 10)
        for line in _wrap(pdf, _latin(paragraph)):
            pdf.cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
    return bytes(pdf.output())


def _wrap(pdf, text: str) -> list[str]:
    """Greedy line breaking that hyphenates a long word rather than leave a wide gap."""
    width = pdf.w - pdf.l_margin - pdf.r_margin - 1
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if pdf.get_string_width(candidate) <= width:
            line = candidate
            continue
        if word.isalpha() and len(word) >= 8:
            for cut in range(len(word) - 3, 2, -1):
                head = f"{line} {word[:cut]}-" if line else word[:cut] + "-"
                if pdf.get_string_width(head) <= width:
                    lines.append(head)
                    line = word[cut:]
                    break
            else:
                lines.append(line)
                line = word
            continue
        if line:
            lines.append(line)
        line = word
    if line:
        lines.append(line)
    return lines


def make_textless_pdf(pages: int = 2) -> bytes:
    """A PDF of drawings only, like a scan without OCR."""
    from fpdf import FPDF

    pdf = FPDF()
    for _ in range(pages):
        pdf.add_page()
        pdf.rect(20, 20, 100, 150, style="F")
    return bytes(pdf.output())


def make_html(
    title: str,
    paragraphs: list[str],
    site: str = "The Daily Seed",
    author: str | None = "Jane Roe",
    date: str | None = "2020-03-04",
) -> str:
    """A saved news page: nav, cookie banner, "most read" box and footer around the article."""
    esc = html_lib.escape
    meta = ""
    if author:
        meta += f'<meta name="author" content="{esc(author)}">'
    if date:
        meta += f'<meta property="article:published_time" content="{date}T08:00:00Z">'
    body = "\n".join(f"<p>{esc(p)}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{esc(title)} | {esc(site)}</title>{meta}
<style>body {{ font-family: serif; }} .cookie {{ position: fixed; }}</style>
<script>window.dataLayer = window.dataLayer || []; function trackPageview() {{ return "analyticsbeacon"; }}</script>
</head><body>
<div class="cookie-banner" id="cookie-consent"><p>We use cookies to improve your experience. Accept all cookies or manage preferences.</p><button>Accept</button></div>
<header><nav class="main-nav"><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li><li><a href="/subscribe">Subscribe today</a></li></ul></nav></header>
<main><article>
<h1>{esc(title)}</h1>
<p class="byline">By <span class="author">{esc(author or "Staff")}</span>, <time datetime="{date or ""}">{date or ""}</time></p>
{body}
</article>
<aside class="most-read"><h2>Most read</h2><ol><li><a href="/a">Celebrity zucchiniwatch scandal deepens</a></li><li><a href="/b">Ten quokkaphile tips for summer</a></li></ol></aside>
</main>
<footer><p>Copyright 2020 {esc(site)}. All rights reserved. Privacy policy. Terms of use. Newsletter signup.</p></footer>
</body></html>
"""


def make_docx(
    title: str,
    paragraphs: list[str],
    author: str = "Wikinews contributors",
    headings: dict[int, str] | None = None,
    core_title: bool = True,
    date: datetime | None = None,
) -> bytes:
    import docx

    document = docx.Document()
    if core_title:
        document.core_properties.title = title
    document.core_properties.author = author
    document.core_properties.created = document.core_properties.modified = (
        date or datetime(2020, 3, 4)
    )
    document.add_heading(title, level=0)
    for number, paragraph in enumerate(paragraphs):
        if headings and number in headings:
            document.add_heading(headings[number], level=1)
        document.add_paragraph(paragraph)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def make_epub(
    title: str,
    chapters: list[tuple[str, list[str]]],
    author: str = "Wikinews contributors",
    date: str = "2020-06-01",
) -> bytes:
    """An EPUB 3 with one XHTML file per chapter, in a spine whose order differs from the zip's."""
    esc = html_lib.escape
    out = io.BytesIO()

    def member(name: str, compress: int = zipfile.ZIP_DEFLATED) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(
            name, date_time=(2020, 1, 1, 0, 0, 0)
        )  # fixed: the same book every run
        info.compress_type = compress
        return info

    with zipfile.ZipFile(out, "w") as book:
        book.writestr(member("mimetype", zipfile.ZIP_STORED), "application/epub+zip")
        book.writestr(
            member("META-INF/container.xml"),
            '<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">'
            '<rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>',
        )
        items, refs = [], []
        # Written in reverse so that only the spine gives the reading order.
        for number in reversed(range(len(chapters))):
            heading, paragraphs = chapters[number]
            body = "".join(f"<p>{esc(p)}</p>" for p in paragraphs)
            book.writestr(
                member(f"OEBPS/text/ch{number + 1}.xhtml"),
                f'<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title>{esc(heading)}</title>'
                f"<style>p {{ margin: 0 }}</style></head><body><section><h1>{esc(heading)}</h1>{body}</section></body></html>",
            )
        for number in range(len(chapters)):
            items.append(
                f'<item id="c{number + 1}" href="text/ch{number + 1}.xhtml" media-type="application/xhtml+xml"/>'
            )
            refs.append(f'<itemref idref="c{number + 1}"/>')
        book.writestr(
            member("OEBPS/content.opf"),
            '<?xml version="1.0" encoding="utf-8"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">'
            '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">'
            f'<dc:identifier id="id">seed-reader-sample</dc:identifier><dc:title>{esc(title)}</dc:title>'
            f"<dc:creator>{esc(author)}</dc:creator><dc:date>{date}</dc:date><dc:language>en</dc:language></metadata>"
            f"<manifest>{''.join(items)}</manifest><spine>{''.join(refs)}</spine></package>",
        )
    return out.getvalue()


def make_zip_bomb(kind: str = "epub", size: int = 600 * 2**20) -> bytes:
    """A small EPUB/DOCX-shaped zip whose one member inflates to `size` bytes of zeros."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as bomb:
        if kind == "epub":
            bomb.writestr("mimetype", "application/epub+zip")
        else:
            bomb.writestr("[Content_Types].xml", "<Types/>")
        with bomb.open(
            "word/document.xml" if kind == "docx" else "OEBPS/big.xhtml", "w"
        ) as member:
            chunk = b"\0" * 2**20
            for _ in range(size // len(chunk)):
                member.write(chunk)
    return out.getvalue()
