"""`seed-reader saved ...` and `seed-reader bookmarks`: saved searches and bookmarks, headless.

Registered on the `seed-reader` group at the end of `cli.py`, whose options and helpers they share.
"""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.text import Text

from search_index import Bookmarks, NotSaved, SavedSearches, bundled_seeds, home_dir

from . import format
from .cli import _home, _opened, _sync_to_read, corpus_option, err, home_option, json_option, main, out
from .safe_text import safe


def _store(ctx: click.Context, home: Path | None) -> SavedSearches:
    return SavedSearches(home_dir(_home(ctx, home)))


def _warn(problem: str | None) -> None:
    if problem:
        err.print(Text(problem, style="yellow"))


@main.group(invoke_without_command=True)
@corpus_option
@home_option
@json_option
@click.pass_context
def saved(ctx: click.Context, corpus: Path | None, home: Path | None, as_json: bool) -> None:
    """List the folder's saved searches: how many documents each matches, and how many are new."""
    ctx.obj = {**(ctx.obj or {}), "home": _home(ctx, home), "corpus": corpus}
    if ctx.invoked_subcommand is not None:
        return
    store = _store(ctx, None)
    with _opened(corpus, ctx.obj["home"]) as ix:
        _sync_to_read(ix, quiet=as_json)
        statuses = [ix.saved_status(search) for search in store.all(str(ix.root))]
        root = str(ix.root)
    _warn(store.problem)
    if as_json:
        print(json.dumps({"corpus": root, "saved": [s.to_json() for s in statuses]}, ensure_ascii=False))
        return
    if not statuses:
        out.print(Text("No saved searches here yet: `seed-reader saved add QUERY`, or S in the reader.", style="dim"))
    for status in statuses:
        new = Text(f"  {status.new} new", style="bold green") if status.new else Text("")
        name = (safe(status.search.name, newlines=False), "bold")
        out.print(Text.assemble(name, f"  {format.matching(status.total, True)}", new))
        if status.search.name != status.search.query:
            out.print(Text(f"  {safe(status.search.query, newlines=False)}", style="dim"))
        for doc in status.new_docs[:10]:
            out.print(Text.assemble(("  new ", "green"), safe(doc, newlines=False)))
        if status.new > 10:
            out.print(Text(f"  … and {status.new - 10} more (--json lists all)", style="dim"))


@saved.command("add")
@click.argument("query")
@click.option("--name", default=None, help="What to call it (default: the query).")
@corpus_option
@click.pass_context
def saved_add(ctx: click.Context, query: str, name: str | None, corpus: Path | None) -> None:
    """Save QUERY for this folder; the documents it matches now count as seen."""
    name = " ".join((name or query).split())
    with _opened(corpus or ctx.obj["corpus"], ctx.obj["home"]) as ix:
        problem = ix.query_problem(query)
        if problem:
            raise click.UsageError(f"Not saved: {problem}")
        _sync_to_read(ix, quiet=True)
        found = ix.matching(query)
        root = str(ix.root)
    try:
        _store(ctx, None).save(root, name, query, tuple(found))
    except NotSaved as error:
        raise click.ClickException(str(error)) from error
    out.print(Text.assemble("Saved ", (safe(name, newlines=False), "bold"), f": {format.matching(len(found), True)} now."))


@saved.command("seen")
@click.argument("name")
@corpus_option
@click.pass_context
def saved_seen(ctx: click.Context, name: str, corpus: Path | None) -> None:
    """Mark what NAME matches now as seen: nothing is new until the folder changes."""
    store = _store(ctx, None)
    with _opened(corpus or ctx.obj["corpus"], ctx.obj["home"]) as ix:
        search = store.get(str(ix.root), name)
        if search is None:
            raise click.UsageError(f"No saved search {name!r} in {ix.root} (`seed-reader saved` lists them).")
        _sync_to_read(ix, quiet=True)
        found = ix.matching(search.query)
    try:
        store.mark_seen(search.root, name, found)
    except NotSaved as error:
        raise click.ClickException(str(error)) from error


@saved.command("remove")
@click.argument("name")
@corpus_option
@click.pass_context
def saved_remove(ctx: click.Context, name: str, corpus: Path | None) -> None:
    """Forget the saved search NAME of this folder."""
    root = str((corpus or ctx.obj["corpus"] or bundled_seeds()).expanduser().resolve())
    try:
        removed = _store(ctx, None).remove(root, name)
    except NotSaved as error:
        raise click.ClickException(str(error)) from error
    if not removed:
        raise click.UsageError(f"No saved search {name!r} in {root} (`seed-reader saved` lists them).")


@main.command("bookmarks")
@home_option
@json_option
@click.pass_context
def bookmarks(ctx: click.Context, home: Path | None, as_json: bool) -> None:
    """List the bookmarks of every folder, newest first (set them in the reader with m)."""
    book = Bookmarks(home_dir(_home(ctx, home)))
    marks = book.all()
    _warn(book.problem)
    if as_json:
        print(json.dumps({"bookmarks": [b.to_json() for b in marks]}, ensure_ascii=False))
        return
    if not marks:
        out.print(Text(f"No bookmarks yet ({book.path}). In the reader: m sets one at the paragraph you are on.", style="dim"))
    for mark in marks:
        where = "title" if not mark.paragraph else f"¶{mark.paragraph}"
        out.print(Text.assemble((safe(mark.title, newlines=False), "bold"), f"  ({mark.doc}, {where})  ", (mark.created, "dim")))
        if mark.note:
            out.print(Text.assemble("  ", (safe(mark.note, newlines=False), "italic")))
        out.print(Text(f"  {safe(mark.root, newlines=False)}", style="dim"))
