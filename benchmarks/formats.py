"""Extraction throughput per format, beside pdftotext, and the text phase on a mixed folder.

    python -m benchmarks.formats [--articles N] [--out FILE]

Files are generated from Wikinews articles by tests/formats_factory.py (the
same writer as the tests and the bundled sample). Reported:
- HTML pages/s and PDF pages/s through the readers in this process (the
  parser alone), and PDF pages/s through the extraction worker (what a sync
  pays, pipe and pickling included); EPUB and DOCX files/s;
- `pdftotext` pages/s on the same PDFs where poppler-utils is installed
  (docfd's way: one process per file);
- the text phase's docs/s (`Index.sync(entities=False)`) on a mixed folder of
  .txt, .html, .pdf, .epub and .docx, and again for a second sync that finds
  nothing changed.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from benchmarks.corpus import SOURCE
from tests.formats_factory import make_docx, make_epub, make_html, make_pdf


def _articles(count: int) -> list[tuple[str, list[str]]]:
    out = []
    for path in sorted(SOURCE.glob("*.txt"))[:count]:
        lines = [
            line
            for line in path.read_text(encoding="utf-8").split("\n")
            if line.strip()
        ]
        out.append((lines[0], lines[1:]))
    return out


def _rate(count: int, seconds: float) -> float:
    return round(count / seconds, 1) if seconds else float("inf")


def measure(articles: int) -> dict:
    import pypdfium2 as pdfium

    from search_index import formats
    from search_index.documents.extraction import Extractor

    material = _articles(articles)
    work = Path(tempfile.mkdtemp(prefix="formats-bench-"))
    results: dict = {"articles": len(material)}
    try:
        htmls = [make_html(title, body).encode() for title, body in material]
        pdfs = [make_pdf(title, body) for title, body in material]
        pages = sum(len(pdfium.PdfDocument(data)) for data in pdfs)
        epubs = [make_epub(title, [(title, body)]) for title, body in material]
        docxs = [make_docx(title, body) for title, body in material]

        start = time.perf_counter()
        for data in htmls:
            formats.read("a.html", data)
        results["html_pages_per_s"] = _rate(len(htmls), time.perf_counter() - start)

        start = time.perf_counter()
        for data in pdfs:
            formats.read("a.pdf", data)
        results["pdf_pages"] = pages
        results["pdf_pages_per_s"] = _rate(pages, time.perf_counter() - start)

        with Extractor() as worker:
            worker.extract(
                "warm.pdf", pdfs[0]
            )  # the worker's start (spawn + imports) is paid once per sync
            start = time.perf_counter()
            for data in pdfs:
                worker.extract("a.pdf", data)
            results["pdf_pages_per_s_worker"] = _rate(
                pages, time.perf_counter() - start
            )

        for name, files in (("epub", epubs), ("docx", docxs)):
            start = time.perf_counter()
            for data in files:
                formats.read(f"a.{name}", data)
            results[f"{name}_files_per_s"] = _rate(
                len(files), time.perf_counter() - start
            )

        if shutil.which("pdftotext"):
            paths = []
            for number, data in enumerate(pdfs):
                path = work / f"p{number}.pdf"
                path.write_bytes(data)
                paths.append(path)
            start = time.perf_counter()
            for path in paths:
                subprocess.run(
                    ["pdftotext", "-q", str(path), "-"],
                    stdout=subprocess.DEVNULL,
                    check=False,
                )
            results["pdftotext_pages_per_s"] = _rate(pages, time.perf_counter() - start)
        else:
            results["pdftotext_pages_per_s"] = None  # apt-get install poppler-utils

        results.update(_text_phase(work, material, htmls, pdfs, epubs, docxs))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return results


def _text_phase(work: Path, material, htmls, pdfs, epubs, docxs) -> dict:
    """A mixed folder: each article once, its format chosen round-robin."""
    from search_index import Index

    folder = work / "mixed"
    folder.mkdir()
    kinds = {"txt": 0, "html": 0, "pdf": 0, "epub": 0, "docx": 0}
    for number, (title, body) in enumerate(material):
        kind = list(kinds)[number % len(kinds)]
        kinds[kind] += 1
        if kind == "txt":
            data = ("\n".join([title, *body]) + "\n").encode()
        else:
            data = {"html": htmls, "pdf": pdfs, "epub": epubs, "docx": docxs}[kind][
                number
            ]
        (folder / f"{number:04d}.{kind}").write_bytes(data)
    plain = work / "plain"  # the same articles, all as .txt: the baseline the formats add to
    plain.mkdir()
    for number, (title, body) in enumerate(material):
        (plain / f"{number:04d}.txt").write_text("\n".join([title, *body]) + "\n", encoding="utf-8")
    timings = {}
    for name, corpus in (("mixed", folder), ("plain", plain)):
        index = Index(corpus, home=work / f"home-{name}")
        try:
            start = time.perf_counter()
            report = index.sync(entities=False)
            first = time.perf_counter() - start
            start = time.perf_counter()
            index.sync(entities=False)
            again = time.perf_counter() - start
        finally:
            index.close()
        timings[name] = (report, first, again)
    report, first, again = timings["mixed"]
    return {
        "mixed_folder": kinds,
        "mixed_skipped": len(report.skipped),
        "text_phase_docs_per_s": _rate(report.added, first),
        "text_phase_docs_per_s_all_txt": _rate(timings["plain"][0].added, timings["plain"][1]),
        "unchanged_resync_s": round(again, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description="Extraction throughput per format")
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    results = measure(args.articles)
    for key, value in results.items():
        print(f"{key:28} {value}")
    if args.out:
        args.out.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
