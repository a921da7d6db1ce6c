"""Files read as they are (issue 20's format fidelity, issue 32's real pages): one test per class.

Each file is made by tests/formats_factory.py in the shape of the real file
that showed the problem (The Hill, CBS Sports, Wired, the EPUB 3 samples,
Apache POI's and mammoth's DOCX, pdf.js's and pypdf's PDFs); each test failed
before the fix it names.
"""

from __future__ import annotations

import pytest

from search_index import Index, UnreadableFile
from tests.formats_factory import (
    make_epub_pages,
    make_page,
    make_pdf_lines,
    make_raw_docx,
    make_textless_pdf,
    raw_pdf,
    w_p,
    xhtml,
)
from tests.test_formats import _document as _read
from tests.test_formats import _paragraph_texts as _paragraphs

SENTENCE = "The council in Rotterdam approved the harbour plan after a long debate on Tuesday evening."


def _body(n: int, topic: str = "harbour") -> str:
    return "".join(
        f"<p>Paragraph {i} of the {topic} story tells what the council decided and why the vote took so long this week.</p>"
        for i in range(n)
    )


# -- nested blocks: one rule for HTML and EPUB --------------------------------------------------


def test_html_layout_cell_holding_paragraphs_is_read_once(tmp_path):
    page = make_page(
        "<h1>Harbour plan approved</h1><table><tr><td>"
        + _body(6)
        + "</td></tr></table>",
        title="Harbour plan approved",
    )
    document = _read(tmp_path, "cell.html", page)
    for i in range(6):
        assert document.text.count(f"Paragraph {i} of the") == 1
    assert all(p.startswith("Paragraph") for p in _paragraphs(document))


def test_epub_blocks_holding_blocks_give_their_own_text_once_and_never_glued(tmp_path):
    body = (
        "<h1>Reading systems</h1><dl><dt>Readers:</dt><dd><p>Aldiko</p><p>Azardi</p></dd></dl>"
        "<table><tr><td><p>Cell one</p><p>Cell two</p></td></tr></table>"
        "<div>Lead text<p>Inner paragraph</p>tail text</div>"
    )
    book = make_epub_pages("Spec", [("ch1.xhtml", "application/xhtml+xml", xhtml(body), None)])
    document = _read(tmp_path, "spec.epub", book)
    assert _paragraphs(document) == [
        "Reading systems", "Readers:", "Aldiko", "Azardi", "Cell one", "Cell two", "Lead text", "Inner paragraph", "tail text",
    ]  # fmt: skip


def test_epub_ruby_readings_are_not_text(tmp_path):
    body = "<p><ruby>山路<rp>（</rp><rt>やまみち</rt><rp>）</rp></ruby>を登りながら、こう考えた。</p>"
    book = make_epub_pages("草枕", [("ch1.xhtml", "application/xhtml+xml", xhtml(body), None)])
    document = _read(tmp_path, "kusamakura.epub", book)
    assert "山路を登りながら、こう考えた。" in _paragraphs(document)
    assert "やまみち" not in document.text


# -- good files refused --------------------------------------------------------------------------


def test_epub_with_images_in_its_spine_reads_their_fallback_once(tmp_path):
    jpeg = b"\xff\xd8\xff\xe0" + b"\0" * 64
    pages = [(f"images/{n}.jpg", "image/jpeg", jpeg, "text/fallback.xhtml") for n in range(3)]
    pages.append(("text/fallback.xhtml", "application/xhtml+xml", xhtml("<p>Haruko met her date at the station.</p>"), None))
    pages.append(("images/cover.png", "image/png", b"\x89PNG\r\n\x1a\n", None))  # no fallback: passed over
    document = _read(tmp_path, "haruko.epub", make_epub_pages("Haruko", pages))
    assert document.text.count("Haruko met her date") == 1


def test_epub_whose_pages_are_svg_gives_their_text(tmp_path):
    svg = (
        '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><title>Page 5</title>'
        '<style>.a {font-size: 20px}</style><text transform="matrix(1 0 0 1 68 227)">'
        '<tspan x="0" y="0">Jean-Bernard Pouy, né en 1946, est l’auteur</tspan>'
        '<tspan x="-12" y="15">de plus de soixante-dix romans noirs.</tspan></text></svg>'
    )
    book = make_epub_pages("Sous le vent", [("page5.svg", "image/svg+xml", svg, None)])
    document = _read(tmp_path, "vent.epub", book)
    assert _paragraphs(document) == ["Jean-Bernard Pouy, né en 1946, est l’auteur de plus de soixante-dix romans noirs."]
    assert "font-size" not in document.text and "Page 5" not in document.text


def test_epub_of_images_only_says_so(tmp_path):
    book = make_epub_pages("Page blanche", [("p1.jpg", "image/jpeg", b"\xff\xd8\xff", None)])
    with pytest.raises(UnreadableFile, match="no text in this EPUB: its pages are images"):
        _read(tmp_path, "blanche.epub", book)


def test_strict_ooxml_docx_is_read(tmp_path):
    document = _read(tmp_path, "strict.docx", make_raw_docx(w_p("Harbour report", "Heading1") + w_p(SENTENCE), strict=True))
    assert document.title == "Harbour report" and _paragraphs(document) == [SENTENCE]


def test_docx_text_box_is_read_once_where_it_is_anchored(tmp_path):
    box = (
        "<w:p><w:r><w:t>Before the box.</w:t></w:r><w:r><mc:AlternateContent>"
        '<mc:Choice Requires="wps"><w:drawing><wp:anchor><wp:positionH><wp:posOffset>914400</wp:posOffset></wp:positionH>'
        "<a:graphic><a:graphicData><wps:wsp><wps:txbx><w:txbxContent><w:p><w:r><w:t>Datum plane</w:t></w:r></w:p>"
        "</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
        "<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>Datum plane</w:t></w:r></w:p>"
        "</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"
    )
    document = _read(tmp_path, "box.docx", make_raw_docx(w_p("Survey notes", "Title") + box + w_p(SENTENCE)))
    assert _paragraphs(document) == ["Before the box.", "Datum plane", SENTENCE]
    assert "914400" not in document.text


def test_docx_footnotes_and_endnotes_are_kept_after_the_body(tmp_path):
    body = '<w:p><w:r><w:t>A tachyon walks into a bar.</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r></w:p>'
    note = '<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> Quoted from a physics joke book.</w:t></w:r></w:p></w:footnote>'
    document = _read(tmp_path, "notes.docx", make_raw_docx(w_p("Jokes", "Heading1") + body, footnotes=note))
    assert _paragraphs(document) == ["A tachyon walks into a bar.[1]", "[1] Quoted from a physics joke book."]


def test_docx_ruby_keeps_its_base_text_not_its_reading(tmp_path):
    ruby = "<w:p><w:r><w:ruby><w:rt><w:r><w:t>とうきょう</w:t></w:r></w:rt><w:rubyBase><w:r><w:t>東京</w:t></w:r></w:rubyBase></w:ruby></w:r><w:r><w:t>に住む。</w:t></w:r></w:p>"
    document = _read(tmp_path, "ruby.docx", make_raw_docx(w_p("住所", "Heading1") + ruby))
    assert _paragraphs(document) == ["東京に住む。"]


def test_pdf_with_a_short_real_text_layer_is_indexed(tmp_path):
    document = _read(tmp_path, "hello.pdf", raw_pdf("BT /F1 24 Tf 72 700 Td (Hello World) Tj ET"))
    assert "Hello World" in document.text
    with pytest.raises(UnreadableFile, match=r"no text: scanned\?"):
        _read(tmp_path, "scan.pdf", make_textless_pdf())


# -- PDF text --------------------------------------------------------------------------------------


def test_pdf_superscript_stays_in_its_line(tmp_path):
    # pdf.js's text_rise_eol_bug.pdf: a 12-point rise makes PDFium start a line at "2" and another after it.
    stream = "BT /F1 12 Tf 100 700 Td (E = mc) Tj 12 Ts /F1 8 Tf (2) Tj 0 Ts /F1 12 Tf ( is the mass-energy equivalence.) Tj ET"
    document = _read(tmp_path, "rise.pdf", raw_pdf(stream))
    assert "E = mc2 is the mass-energy equivalence." in document.text


def test_pdf_word_cut_at_a_paragraphs_last_line_is_mended(tmp_path):
    lines = [("Hearing on the compulsory licence", 16, None)]
    lines += [("The record producers argued vigorously that the licence", 11, 4)]
    lines += [("system must be retained. They asserted that the record in-", 11, None)]
    lines += [("dustry would suffer without it.", 11, 6)]  # after a wider gap, as a page's foot
    lines += [("A new paragraph begins here and runs on for a while,", 11, 6), ("as paragraphs do.", 11, None)]
    document = _read(tmp_path, "hearing.pdf", make_pdf_lines(lines))
    assert "the record industry would suffer without it." in document.text
    assert "in-" not in document.text


def test_pdf_ocr_paragraph_keeps_its_last_line_in_a_slightly_larger_size(tmp_path):
    lines = [("The Siege of Vicksburg", 18, None)]
    lines += [(text, 11, None) for text in ("A report creeps into camp that Johnston is coming", "with fifty thousand men to raise the siege, but I")]
    lines += [("do not believe it. Grant will march us there and seize", 11.5, None), ("them.", 12.4, None)]
    document = _read(tmp_path, "ocr.pdf", make_pdf_lines(lines))
    assert _paragraphs(document)[-1].endswith("Grant will march us there and seize them.")


def test_pdf_sentence_kerned_apart_is_not_glued(tmp_path):
    # A justified line: the space after "law." is a kerning gap, which PDFium reads as no space.
    stream = "BT /F1 1 Tf 11 0 0 11 72 700 Tm [(the effective scope of the law.) -120 (The law is changing.)] TJ ET"
    document = _read(tmp_path, "culture.pdf", raw_pdf(stream))
    assert "scope of the law. The law is changing." in document.text


# -- titles ------------------------------------------------------------------------------------------


NYT = '<meta property="og:title" content="Opinion | Harbour plan approved"><link rel="canonical" href="https://www.nytimes.com/2019/11/19/opinion/harbour.html">'
GIVEWELL = '<meta property="og:site_name" content="The GiveWell Blog"><meta property="og:title" content="Harbour plan approved - The GiveWell Blog">'


@pytest.mark.parametrize(
    ("head", "title", "h1", "expected"),
    [  # the shapes of real pages of the article-extraction benchmark (nytimes.com, techcrunch.com, blog.givewell.org, linknaija.com)
        (NYT, "Opinion | Harbour plan approved - The New York Times", "Harbour plan approved", "Harbour plan approved"),
        ('<link rel="canonical" href="https://techcrunch.com/2019/11/18/harbour/">', "Harbour plan approved – TechCrunch", "", "Harbour plan approved"),
        (GIVEWELL, "Harbour plan approved - The GiveWell Blog", "The GiveWell Blog</h1><h1>Harbour plan approved", "Harbour plan approved"),
        ('<meta property="og:site_name" content="LinkNaija">', "LinkNaija | Nigeria's news platform: Harbour plan approved", "Harbour plan approved", "Harbour plan approved"),
        ('<meta property="og:site_name" content="Seed News">', "Seed News", "Harbour plan approved", "Harbour plan approved"),
        ("", "Untitled", "Harbour plan approved", "Harbour plan approved"),
        ('<link rel="canonical" href="https://www.thespacereview.com/article/1">', "The Space Review: Harbour plan approved", "", "Harbour plan approved"),
    ],
)
def test_html_title_without_the_site_name_learned_from_the_page(tmp_path, head, title, h1, expected):
    body = (f"<h1>{h1}</h1>" if h1 else "") + _body(4)
    document = _read(tmp_path, "page.html", make_page(body, head=head, title=title))
    assert document.title == expected


def test_pdf_and_docx_titles_skip_placeholders_and_use_the_first_line(tmp_path):
    lines = [("Harbour Report for the Council", 12, None)] + [(SENTENCE[:60], 11, 4), (SENTENCE[60:], 11, None)]
    assert _read(tmp_path, "a.pdf", make_pdf_lines(lines, title="Title")).title == "Harbour Report for the Council"
    assert _read(tmp_path, "b.pdf", make_pdf_lines([("Contents", 16, None)] + lines, title="untitled")).title == "Harbour Report for the Council"
    docx = make_raw_docx(w_p("Harbour Report for the Council") + w_p(SENTENCE), title="Model")
    assert _read(tmp_path, "c.docx", docx).title == "Harbour Report for the Council"


# -- issue 32's pages ----------------------------------------------------------------------------------


def test_html_hover_card_is_not_spliced_into_the_sentence(tmp_path):
    card = (
        'threatened to kill Rep. <span class="rollover-people"><a class="rollover-people-link" href="/people/ilhan-omar">Ilhan Omar</a>'
        '<span class="rollover-people-block"><span class="rollover-block"><a class="name" href="/people/ilhan-omar">Ilhan Omar</a>'
        '<a class="people-articles" href="/a">Hillicon Valley: Progressives oppose funding bill</a> <a class="more" href="/p">MORE</a>'
        "</span></span></span> (D-Minn.), the office said."
    )
    page = make_page(f"<h1>Man pleads guilty</h1><p>A New York man pleaded guilty to charges he {card}</p>" + _body(4))
    document = _read(tmp_path, "hill.html", page)
    assert "threatened to kill Rep. Ilhan Omar (D-Minn.), the office said." in document.text
    assert "Hillicon" not in document.text and "MORE" not in document.text


def test_html_teasers_after_the_article_are_left_out(tmp_path):
    teasers = "".join(
        f'<li class="col-4"><a href="/t{n}"><figure><img src="t.png" alt=""></figure></a><div class="latest-box-item-headlines">'
        f'<h3><a href="/t{n}">Gronk teaser {n} headline</a></h3><h4>Gronk teaser {n} subline</h4></div></li>'
        for n in range(3)
    )
    box = f'<div class="latest-news-box"><div class="Card-title"><span>Our Latest Stories</span></div><ul>{teasers}</ul></div>'
    page = make_page("<h1>Browns player speaks</h1>" + _body(6) + box)
    document = _read(tmp_path, "cbs.html", page)
    assert "Paragraph 5 of the" in document.text
    assert "Gronk" not in document.text and "Our Latest Stories" not in document.text


def test_html_article_split_by_advertisements_is_read_whole(tmp_path):
    # Wired's layout: each part of the body in a grid with an ad rail beside it, a full-width ad between.
    grid = (
        '<div class="grid grid-margins grid-items-2 grid-layout--adrail narrow">'
        '<div class="grid--item body body__container article__body grid-layout__content">{}</div>'
        '<div class="grid--item grid-layout__aside"><div class="sticky-box"><div class="ad ad--rail"></div>'
        '<div class="recirc-most-popular-wrapper"></div></div></div></div>'
    )
    ad = '<div class="row full-bleed-ad"><div class="ad ad--mid-content"><span class="ad-label">Advertisement</span></div></div>'
    parts = [grid.format(_body(5, part)) for part in ("first part", "second part", "third part")]
    page = make_page("<h1>The Future of Banking</h1>" + ad.join(parts), title="The Future of Banking")
    document = _read(tmp_path, "wired.html", page)
    for part in ("first part", "second part", "third part"):
        assert document.text.count(f"Paragraph 4 of the {part} story") == 1


# -- existing users see the fix ---------------------------------------------------------------------


def test_a_readers_new_version_reindexes_unchanged_files_without_deleting_anything(tmp_path, monkeypatch):
    from search_index.documents.formats import html

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "cell.html").write_text(make_page("<h1>Harbour plan</h1><table><tr><td>" + _body(4) + "</td></tr></table>"))
    home = tmp_path / "home"
    new_read, new_version = html.read, html.VERSION

    def old_read(path, data):  # a reader before the fix: different text for the same bytes
        return new_read(path, data.replace(b"<table>", b"<table><tr><td><p>OLD READING</p></td></tr>"))

    monkeypatch.setattr(html, "read", old_read)
    monkeypatch.setattr(html, "VERSION", 1)
    index = Index(corpus, home)
    try:
        index.sync(entities=False)
        assert "OLD READING" in index.open_document("cell.html").text
    finally:
        index.close()
    monkeypatch.setattr(html, "read", new_read)
    monkeypatch.setattr(html, "VERSION", new_version)
    index = Index(corpus, home)
    try:
        report = index.sync(entities=False)
        document = index.open_document("cell.html")
        assert report.updated == 1 and "OLD READING" not in document.text and not document.stale
        assert index.search("harbour").total == 1
    finally:
        index.close()
