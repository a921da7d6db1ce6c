"""The `seed-reader` command: the reader, and headless commands on the same engine."""

from __future__ import annotations

import json
import os
import shlex
from contextlib import contextmanager
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from search_index import (
    BUSY_EXIT,
    HOME_ENV,
    PHASES,
    Index,
    IndexBusy,
    IndexProblem,
    QuoteBook,
    UnreadableFile,
    bundled_seeds,
    encode_progress,
    encode_report,
    home_dir,
    indexed_folder,
    load_templates,
)
from search_index import Progress as SyncProgress

from . import format
from .safe_text import safe


class Busy(click.ClickException):
    """Another process holds the index's write lock: worth trying again later."""

    exit_code = BUSY_EXIT


class _Console(Console):
    """Rich's console, but piped it does not wrap: Rich would cut every line at 80 columns."""

    @property
    def size(self):
        size = super().size
        return size if self.is_terminal else size._replace(width=UNWRAPPED)


UNWRAPPED = 1_000_000  # columns when not a terminal: tables take their content's width
out = _Console(highlight=False)
err = _Console(stderr=True, highlight=False)



class ReaderGroup(click.Group):
    """`seed-reader [DIR]` opens the reader; any other first word names a command."""

    def resolve_command(self, ctx, args):
        if args and args[0] not in self.commands:
            return "read", self.commands["read"], args
        return super().resolve_command(ctx, args)


# No `envvar` here: the option sits on the group and on each command, and a command's
# envvar would beat the group's flag (`seed-reader --home X index` wrote under
# $SEED_READER_HOME). A flag always wins; home_dir() reads the environment after it.
home_option = click.option(
    "--home",
    type=click.Path(file_okay=False, path_type=Path),
    help=f"Where indexes and quotes live (default: ${HOME_ENV}, else the user data dir).",
)
json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of tables.")
corpus_option = click.option(
    "--corpus",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="The folder (default: the bundled seeds).",
)


def _home(ctx: click.Context, home: Path | None) -> Path | None:
    return home or (ctx.obj or {}).get("home")


@contextmanager
def _opened(corpus: Path | None, home: Path | None):
    try:
        index = Index(corpus or bundled_seeds(), home=home)
    except IndexProblem as error:
        raise click.ClickException(str(error)) from error
    if index.rebuilt_reason:
        err.print(Text(index.rebuilt_reason, style="yellow"))
    try:
        yield index
    except IndexBusy as error:
        raise Busy(str(error)) from error
    except IndexProblem as error:
        raise click.ClickException(str(error)) from error
    finally:
        index.close()


BEHIND = "Another seed-reader is indexing this folder: answering from the index as it is, which may be behind."


def _sync(index: Index, entities: bool = True, quiet: bool = False, text_only: bool = False):
    """Sync with a progress bar on stderr when someone is watching. `text_only`: the stat scan and
    the text phase (`Index.sync_text`), what the reading commands run before they answer."""
    run = index.sync_text if text_only else lambda progress: index.sync(progress=progress, entities=entities)
    if quiet or not err.is_terminal:
        return run(None)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=err, transient=True) as bar:
        tasks: dict[str, int] = {}

        def tell(p: SyncProgress) -> None:
            if p.phase not in tasks:
                tasks[p.phase] = bar.add_task(PHASES[p.phase], total=p.total or None)
            bar.update(tasks[p.phase], completed=p.done, total=p.total or None)

        return run(tell)


def _sync_to_read(index: Index, entities: bool = False, quiet: bool = False) -> None:
    """Before a reading command answers: sync, unless another process holds the write lock (a
    reader indexing this folder). Then answer from the index as it is, and say so."""
    try:
        _sync(index, entities=entities, quiet=quiet, text_only=not entities)
    except IndexBusy:
        err.print(Text(BEHIND, style="yellow"))


@click.group(cls=ReaderGroup, invoke_without_command=True)
@home_option
@click.version_option(package_name="seed-reader")
@click.pass_context
def main(ctx: click.Context, home: Path | None) -> None:
    """A terminal reader for a folder of text documents.

    seed-reader [DIR] opens the reader on DIR (default: the bundled seeds).
    """
    ctx.obj = {"home": home}
    if ctx.invoked_subcommand is None:
        ctx.invoke(read)


@main.command()
@click.argument("corpus", required=False, type=click.Path(file_okay=False, path_type=Path))
@home_option
@click.pass_context
def read(ctx: click.Context, corpus: Path | None, home: Path | None) -> None:
    """Open the reader on CORPUS (default: the bundled seeds)."""
    root = corpus or bundled_seeds()
    if not root.is_dir():
        raise click.ClickException(f"No such folder: {root}")
    from .app import ReaderApp  # Textual is imported only when the reader opens

    ReaderApp(root, home=_home(ctx, home)).run()


@main.command()
@click.argument("corpus", required=False, type=click.Path(file_okay=False, path_type=Path))
@home_option
@json_option
@click.option("--no-entities", is_flag=True, help="Run the text phase only.")
@click.option("--progress-json", is_flag=True, hidden=True, help="One JSON line per progress step (for the reader).")
@click.pass_context
def index(ctx, corpus: Path | None, home: Path | None, as_json: bool, no_entities: bool, progress_json: bool) -> None:
    """Bring the index of CORPUS up to date and summarise it."""
    with _opened(corpus, _home(ctx, home)) as ix:
        if progress_json:
            report = _sync_reporting_json(ix, not no_entities)
        else:
            report = _sync(ix, entities=not no_entities, quiet=as_json)
    if progress_json:
        print(encode_report(report), flush=True)
        return
    if as_json:
        print(json.dumps(report.to_json(), ensure_ascii=False))
        return
    out.print(
        Text.assemble(
            (format.plural(report.documents, "document"), "bold"),
            f" in {safe(report.corpus)}: {report.added} added, {report.updated} updated, "
            f"{report.removed} removed, {len(report.skipped)} skipped, {report.entities_pending} awaiting entities.",
        )
    )
    for skipped in report.skipped:
        out.print(Text.assemble(("  skipped ", "yellow"), safe(skipped.path, newlines=False), f": {skipped.reason}"))
    for note in report.notes:
        out.print(Text.assemble(("  note ", "cyan"), safe(note.path, newlines=False), f": {note.reason}"))


def _sync_reporting_json(ix: Index, entities: bool):
    """Progress as JSON lines on stdout: how the reader follows a sync it runs in a subprocess."""

    def tell(p: SyncProgress) -> None:
        print(encode_progress(p), flush=True)

    return ix.sync(progress=tell, entities=entities)


@main.command()
@click.argument("query")
@corpus_option
@click.option("--limit", default=10, show_default=True, type=click.IntRange(1, 10_000), help="Most hits to show.")
@click.option("--no-sync", is_flag=True, help="Answer from the index as it is, without looking for changed files.")
@home_option
@json_option
@click.pass_context
def search(ctx, query: str, corpus: Path | None, limit: int, no_sync: bool, home: Path | None, as_json: bool) -> None:
    """Search the corpus (Whoosh syntax: AND OR NOT "phrase" word* word~ person:"Name").

    Brings the text index up to date first (files added, changed or deleted); never runs the entity model.
    """
    with _opened(corpus, _home(ctx, home)) as ix:
        if not no_sync:
            _sync_to_read(ix, quiet=as_json)
        result = ix.search(query, limit=limit)
        pending = ix.pending_count() if ix.asks_entities(query) else 0
    if pending:
        waiting = format.plural(pending, "document")
        verb = "awaits" if pending == 1 else "await"
        err.print(Text(f"{waiting} still {verb} entities: `seed-reader index` recognises them.", style="yellow"))
    if as_json:
        print(json.dumps(result.to_json(), ensure_ascii=False))
        return
    out.print(Text(format.matching(result.total, result.exact_total), style="dim"))
    if result.hint:
        err.print(Text(result.hint, style="yellow"))
    for hit in result.hits:
        snippet = Text(safe(hit.snippet, newlines=False))
        for start, end in hit.snippet_marks:
            snippet.stylize("bold reverse", start, end)
        out.print(Text.assemble((safe(hit.title, newlines=False), "bold"), "  ", (hit.doc, "dim"), f"  {hit.score:.2f}"))
        out.print(Text("  ").append(snippet))


@main.command()
@click.argument("doc", required=False)
@corpus_option
@click.option("--label", default=None, help="Only this type: PERSON, ORG, GPE (places), or another spaCy label.")
@click.option(
    "--limit", default=None, type=click.IntRange(1, 1_000_000), help="Most entities to list [corpus: 100; DOC: all]."
)
@home_option
@json_option
@click.pass_context
def entities(
    ctx, doc: str | None, corpus: Path | None, label: str | None, limit: int | None, home: Path | None, as_json: bool
) -> None:
    """List the corpus's entities, most documents first; with DOC (its id, or the file's path), that document's."""
    if doc is not None and corpus is None and Path(doc).expanduser().is_file():
        corpus = indexed_folder(_home(ctx, home), Path(doc))  # the folder it was indexed with, if any
    with _opened(corpus, _home(ctx, home)) as ix:
        _sync_to_read(ix, entities=True, quiet=as_json)
        if doc is None:
            _corpus_entities(ix, label, limit or 100, as_json)
            return
        doc = _document_id(ix, doc, corpus)
        try:
            document = ix.open_document(doc)
        except UnreadableFile as error:
            raise click.ClickException(str(error)) from error
    found = document.entities or []
    if label:
        found = [e for e in found if e.label == label.upper()]
    found = found[:limit] if limit else found
    if as_json:
        rows = [{"start": e.start, "end": e.end, "label": e.label, "text": e.text, "canonical": e.canonical} for e in found]
        print(json.dumps({"doc": doc, "entities": rows}, ensure_ascii=False))
        return
    table = Table("label", "text", "canonical", "where", title=Text(safe(document.title, newlines=False)))
    for e in found:
        table.add_row(e.label, Text(safe(e.text, newlines=False)), Text(safe(e.canonical, newlines=False)), f"{e.start}-{e.end}")
    out.print(table)


def _corpus_entities(ix: Index, label: str | None, limit: int, as_json: bool) -> None:
    found = ix.corpus_entities(label=label, limit=limit)
    if as_json:
        print(json.dumps({"corpus": str(ix.root), "entities": [e.to_json() for e in found]}, ensure_ascii=False))
        return
    table = Table("label", "entity", "documents", "mentions", "also", "dates", title=Text(safe(str(ix.root), newlines=False)))
    for e in found:
        dates = f"{e.first_date} – {e.last_date}" if e.first_date else ""
        also = ", ".join(e.aliases[:3]) + (" …" if len(e.aliases) > 3 else "")
        table.add_row(
            e.label,
            Text(safe(e.canonical, newlines=False)),
            str(e.documents),
            str(e.mentions),
            Text(safe(also, newlines=False)),
            dates,
        )
    out.print(table)


def _document_id(ix: Index, doc: str, corpus: Path | None) -> str:
    """The id of DOC as the user named it: an id, or the file's path (absolute, or from here)."""
    if ix.info(doc) is not None:
        return doc
    given = Path(doc).expanduser()
    for path in (Path(os.path.abspath(given)), given.resolve()):  # a symlinked file, then its target
        if path.is_relative_to(ix.root) and ix.info(path.relative_to(ix.root).as_posix()) is not None:
            return path.relative_to(ix.root).as_posix()
    listing = "seed-reader list" + (f" {shlex.quote(str(corpus))}" if corpus else "")
    if given.is_file() and not given.resolve().is_relative_to(ix.root):
        where = f"not in {ix.root}" if corpus else "in no indexed folder"
        raise click.ClickException(f"{doc} is {where}: name its folder with --corpus DIR.")
    raise click.ClickException(f"No document {doc!r} in {ix.root}. `{listing}` lists its documents.")


LIST_PAGE = 1000  # rows read and printed at a time: memory stays flat at any corpus size


@main.command("list")
@click.argument("corpus", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.option("--sort", type=click.Choice(["path", "title", "date"]), default="path", show_default=True)
@home_option
@json_option
@click.pass_context
def list_documents(ctx, corpus: Path | None, sort: str, home: Path | None, as_json: bool) -> None:
    """List the documents of CORPUS: id, title, date, words, entities pending (·), language.

    Brings the text index up to date first; it never runs the entity model.
    """
    with _opened(corpus, _home(ctx, home)) as ix:
        _sync_to_read(ix, quiet=as_json)
        if as_json:
            click.echo(f'{{"corpus": {json.dumps(str(ix.root), ensure_ascii=False)}, "documents": [', nl=False)
        offset = 0
        while page := ix.documents(sort, offset, LIST_PAGE):
            if as_json:
                rows = (json.dumps(_listed(info), ensure_ascii=False) for info in page)
                click.echo(("" if not offset else ", ") + ", ".join(rows), nl=False)
            else:
                out.print(Text("\n").join(_list_line(info) for info in page))
            offset += len(page)
        if as_json:
            click.echo("]}")
            return
        pending = ix.pending_count()
        summary = f"{format.plural(offset, 'document')} in {safe(str(ix.root))}, {pending:,} awaiting entities (·)."
        out.print(Text(summary, style="dim"))


def _listed(info) -> dict:
    pending = not info.entities_done
    return {
        "id": info.id,
        "title": info.title,
        "date": info.date,
        "words": info.words,
        "entities_pending": pending,
        "language": info.language,
    }


def _list_line(info) -> Text:
    return Text.assemble(
        f"{info.date or '':10}  {info.words:>8,}  ",
        (f"{safe(info.language or '', newlines=False):3.3}  ", "dim"),
        ("  " if info.entities_done else "· ", "dim"),
        safe(info.id, newlines=False),
        "  ",
        (safe(info.title, newlines=False), "bold"),
    )


@main.group(invoke_without_command=True)
@home_option
@json_option
@click.pass_context
def quotes(ctx, home: Path | None, as_json: bool) -> None:
    """List the quote book, newest first."""
    ctx.obj = {**(ctx.obj or {}), "home": _home(ctx, home)}
    if ctx.invoked_subcommand is not None:
        return
    book = QuoteBook(home_dir(ctx.obj["home"]))
    saved = book.quotes()
    if as_json:
        print(json.dumps({"quotes": [q.to_json() for q in saved]}, ensure_ascii=False))
        return
    if not saved:
        out.print(Text(f"No quotes yet ({book.path}). In the reader: select text, press y.", style="dim"))
    for quote in saved:
        out.print(Text.assemble(("“", "dim"), safe(quote.text), ("”", "dim")))
        out.print(Text(f"  — {safe(quote.title, newlines=False)} ({quote.doc}, {quote.where})  {quote.created}", style="dim"))


@quotes.command()
@click.option("--format", "fmt", type=click.Choice(["md", "json"]), default="md", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write here instead of stdout.")
@home_option
@click.pass_context
def export(ctx, fmt: str, output: Path | None, home: Path | None) -> None:
    """Export the quote book as Markdown or JSON."""
    chosen = home_dir(_home(ctx, home))
    text = QuoteBook(chosen).export(fmt, load_templates(chosen)[1])
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as error:
        raise click.ClickException(f"Cannot write {output}: {error.strerror}") from error
    err.print(f"Wrote {output}")


from . import cli_saved  # noqa: E402, F401 - `saved` and `bookmarks` register themselves on `main`
