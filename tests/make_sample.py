"""Writes the bundled sample, `seeds/wikinews/`, from the Wikinews corpus beside the project.

    python -m tests.make_sample [--source DIR] [--out seeds]

About 300 articles: most as the corpus's .txt files, a few turned into a saved
web page (with navigation, cookie banner and footer), multi-page PDFs (running
header, footer, page numbers, hyphenated line ends), one EPUB of several
articles and DOCX files, so the reader's first run shows every format.
Deterministic: the same corpus gives the same selection (the PDFs' bytes carry
fpdf2's producer line, so a new fpdf2 may change them).
"""

from __future__ import annotations

import argparse
import json
import shutil
from datetime import UTC, datetime
from pathlib import Path

from tests.conftest import WIKINEWS
from tests.formats_factory import make_docx, make_epub, make_html, make_pdf

SAMPLE = 300
HTML, PDF, DOCX, EPUB_CHAPTERS = 8, 4, 2, 5
ATTRIBUTION = (
    "Text from Wikinews (https://en.wikinews.org), by Wikinews contributors, licensed CC BY 2.5. "
    "Converted to plain text; see SOURCE.md."
)


def _article(path: Path) -> tuple[str, list[str]]:
    lines = [
        line for line in path.read_text(encoding="utf-8").split("\n") if line.strip()
    ]
    return lines[0], lines[1:]


def _date(name: str) -> datetime:
    return datetime.strptime(name[:10], "%Y-%m-%d").replace(tzinfo=UTC)


def build(source: Path, out: Path) -> dict[str, list[str]]:
    manifest = {
        row["file"]: row
        for row in map(json.loads, (source / "manifest.jsonl").read_text().splitlines())
    }
    # The longest interviews (up to 13k words) would make the sample slow to index for little gain.
    chosen = sorted(sorted(manifest, key=lambda name: manifest[name]["words"])[:SAMPLE])
    target = out / "wikinews"
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    long_ones = sorted(
        (name for name in chosen if 900 <= manifest[name]["words"] <= 2500),
        key=lambda n: manifest[n]["words"],
    )
    pdfs = long_ones[-PDF:]
    rest = [name for name in chosen if name not in pdfs]
    htmls = rest[7::37][:HTML]
    docxs = [name for name in rest[11::53] if name not in htmls][:DOCX]
    epub = [name for name in rest[-60::12] if name not in htmls + docxs][:EPUB_CHAPTERS]
    made: dict[str, list[str]] = {
        "txt": [],
        "html": [],
        "pdf": [],
        "docx": [],
        "epub": [],
    }
    for name in chosen:
        stem = name[: -len(".txt")]
        title, paragraphs = _article(source / "docs" / name)
        if name in pdfs:
            (target / f"{stem}.pdf").write_bytes(
                make_pdf(title, paragraphs, date=_date(name))
            )
            made["pdf"].append(name)
        elif name in htmls:
            (target / f"{stem}.html").write_text(
                make_html(title, paragraphs, author=None, date=name[:10]),
                encoding="utf-8",
            )
            made["html"].append(name)
        elif name in docxs:
            (target / f"{stem}.docx").write_bytes(
                make_docx(title, paragraphs, date=_date(name))
            )
            made["docx"].append(name)
        elif name not in epub:
            shutil.copyfile(source / "docs" / name, target / name)
            made["txt"].append(name)
    chapters = [_article(source / "docs" / name) for name in epub]
    (target / "wikinews-collection.epub").write_bytes(
        make_epub("A Wikinews Collection", chapters, date=epub[-1][:10])
    )
    made["epub"] = epub
    _write_source(out, manifest, made)
    return made


def _write_source(out: Path, manifest: dict, made: dict[str, list[str]]) -> None:
    lines = [
        "# Sources of the bundled sample",
        "",
        f"*{ATTRIBUTION}*",
        "",
        (
            "The articles in `wikinews/` come from the project's Wikinews corpus (its `SOURCE.md` describes"
            " the conversion). `python -m tests.make_sample` wrote them: most are the plain-text files as they"
            f" are; {len(made['html'])} became saved web pages with invented site furniture (navigation, cookie"
            f" banner, footer), {len(made['pdf'])} became PDFs (running header and footer, page numbers,"
            f" hyphenated line ends), {len(made['docx'])} DOCX files, and {len(made['epub'])} were gathered as"
            " chapters of one EPUB, `wikinews-collection.epub`. The text of each article is unchanged but for"
            " PDF line breaking (curly quotes become straight ones there)."
        ),
        "",
        "The seed article `000_91986847445cdae3.txt` is the project's own first sample.",
        "",
        "## Articles and their original pages",
        "",
    ]
    for kind in ("txt", "html", "pdf", "docx", "epub"):
        for name in made[kind]:
            lines.append(
                f"- {manifest[name]['title']} ({kind}): {manifest[name]['url']}"
            )
    (out / "SOURCE.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (out / ".seed-reader-ignore").write_text("# The attribution of the sample, not an article of it.\nSOURCE.md\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=WIKINEWS)
    parser.add_argument(
        "--out", type=Path, default=Path(__file__).resolve().parents[1] / "seeds"
    )
    args = parser.parse_args()
    made = build(args.source, args.out)
    print(", ".join(f"{len(names)} {kind}" for kind, names in made.items()))


if __name__ == "__main__":
    main()
