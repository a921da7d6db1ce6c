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


# -- the files issue 20 and 32 found read wrongly: each made here, small, from its real shape --


def make_page(body: str, head: str = "", title: str = "Page") -> str:
    """An HTML page with `body` as the article's markup (raw), nav and footer around it."""
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>{head}</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav></header>
<main><article>{body}</article></main>
<footer><p>Copyright 2019. All rights reserved. Privacy policy.</p></footer></body></html>"""


def make_epub_pages(title: str, pages: list[tuple[str, str, str | bytes, str | None]]) -> bytes:
    """An EPUB whose spine is `pages`: (href, media type, content, fallback href or None).

    A fallback must itself be one of the pages' hrefs; pages named as fallbacks
    are in the manifest but not in the spine (as in the EPUB 3 samples).
    """
    ids = {href: f"i{number}" for number, (href, *_rest) in enumerate(pages)}
    fallbacks = {fallback for *_rest, fallback in pages if fallback}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as book:
        book.writestr(zipfile.ZipInfo("mimetype", date_time=(2020, 1, 1, 0, 0, 0)), "application/epub+zip")
        book.writestr(
            "META-INF/container.xml",
            '<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">'
            '<rootfiles><rootfile full-path="OPS/package.opf" media-type="application/oebps-package+xml"/></rootfiles></container>',
        )
        items, refs = [], []
        for href, media, content, fallback in pages:
            book.writestr(f"OPS/{href}", content)
            extra = f' fallback="{ids[fallback]}"' if fallback else ""
            items.append(f'<item id="{ids[href]}" href="{href}" media-type="{media}"{extra}/>')
            if href not in fallbacks:
                refs.append(f'<itemref idref="{ids[href]}"/>')
        book.writestr(
            "OPS/package.opf",
            '<?xml version="1.0" encoding="utf-8"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">'
            f'<metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:identifier id="id">x</dc:identifier><dc:title>{title}</dc:title></metadata>'
            f"<manifest>{''.join(items)}</manifest><spine>{''.join(refs)}</spine></package>",
        )
    return out.getvalue()


def xhtml(body: str, title: str = "Chapter") -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml">'
        f"<head><title>{title}</title></head><body>{body}</body></html>"
    )


_W = {
    False: ("http://schemas.openxmlformats.org/wordprocessingml/2006/main", "http://schemas.openxmlformats.org/officeDocument/2006/relationships"),
    True: ("http://purl.oclc.org/ooxml/wordprocessingml/main", "http://purl.oclc.org/ooxml/officeDocument/relationships"),
}


def make_raw_docx(body: str, footnotes: str | None = None, strict: bool = False, title: str | None = None) -> bytes:
    """A DOCX written as Word writes it, from the body's WordprocessingML (`w:` prefixed).

    `strict`: the ISO Strict namespaces Word uses for "Strict Open XML Document";
    `footnotes`: the `w:footnote` elements of word/footnotes.xml.
    """
    w, r = _W[strict]
    ns = (
        f'xmlns:w="{w}" xmlns:r="{r}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
        'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:v="urn:schemas-microsoft-com:vml"'
    )
    relation = r.rsplit("/", 1)[0] + "/relationships" if strict else r
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as docx:
        docx.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        docx.writestr(
            "_rels/.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{relation}/officeDocument" Target="word/document.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
            "</Relationships>",
        )
        docx.writestr(
            "docProps/core.xml",
            '<?xml version="1.0"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            f'xmlns:dc="http://purl.org/dc/elements/1.1/">{f"<dc:title>{title}</dc:title>" if title else ""}</cp:coreProperties>',
        )
        rels = f'<Relationship Id="rId9" Type="{relation}/styles" Target="styles.xml"/>'
        if footnotes is not None:
            rels += f'<Relationship Id="rId8" Type="{relation}/footnotes" Target="footnotes.xml"/>'
            docx.writestr(
                "word/footnotes.xml",
                f'<?xml version="1.0"?><w:footnotes {ns}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
                f"{footnotes}</w:footnotes>",
            )
        docx.writestr(
            "word/_rels/document.xml.rels",
            f'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>',
        )
        docx.writestr(
            "word/styles.xml",
            f'<?xml version="1.0"?><w:styles {ns}><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style>'
            '<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style></w:styles>',
        )
        docx.writestr("word/document.xml", f'<?xml version="1.0"?><w:document {ns}><w:body>{body}</w:body></w:document>')
    return out.getvalue()


def w_p(text: str, style: str | None = None) -> str:
    """One WordprocessingML paragraph of plain text."""
    props = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{props}<w:r><w:t xml:space=\"preserve\">{html_lib.escape(text)}</w:t></w:r></w:p>"


def raw_pdf(stream: str, title: str | None = None) -> bytes:
    """A one-page PDF from a hand-written content stream (Times-Roman as /F1), for layouts fpdf2 never makes."""
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        f"<< /Length {len(stream.encode('latin-1'))} >>\nstream\n{stream}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman /Encoding /WinAnsiEncoding >>",
    ]
    if title is not None:
        objects.append(f"<< /Title ({title}) >>")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    info = f" /Info {len(objects)} 0 R" if title is not None else ""
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R{info} >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def make_pdf_lines(lines: list[tuple[str, float, float | None]], title: str | None = None, font: str = "Helvetica") -> bytes:
    """A one-page PDF of explicit lines: (text, font size, gap above in mm, None: a line height)."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_page()
    if title is not None:
        pdf.set_title(title)
    for text, size, gap in lines:
        pdf.set_font(font, "", size)
        if gap:
            pdf.ln(gap)
        pdf.cell(0, size * 0.45, _latin(text), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
