"""Text the app and the CLI show: cut to a width, counts and plurals, sizes. One place for each.

No Textual here: the CLI uses it too.
"""

from __future__ import annotations

from rich.cells import cell_len, get_character_cell_size

ELLIPSIS = "…"


def truncate(text: str, width: int) -> str:
    """`text` cut to `width` terminal cells, ending in an ellipsis when cut.

    Cells, not characters: a CJK character or an emoji takes two.
    """
    if cell_len(text) <= width:
        return text
    if width <= 0:
        return ""
    kept, cells = [], 0
    for char in text:
        size = get_character_cell_size(char)
        if cells + size > width - 1:
            break
        kept.append(char)
        cells += size
    return "".join(kept) + ELLIPSIS


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """ "1 document", "2,345 documents"."""
    return f"{count:,} {noun if count == 1 else nouns or noun + 's'}"


def documents(count: int) -> str:
    return plural(count, "document")


def at_least(total: int, exact: bool) -> str:
    """A count that may be a lower bound: "12" or "12+"."""
    return f"{total:,}" if exact else f"{total:,}+"


def matching(total: int, exact: bool = True) -> str:
    """What a search found: "No documents match", "1 document matches", "13 documents match", "20+ documents match"."""
    if not total:
        return "No documents match"
    if total == 1 and exact:
        return "1 document matches"
    return f"{at_least(total, exact)} documents match"


def human_size(size: float) -> str:
    """Bytes as the list shows them: 812B, 4.2K, 13K, 1.1M."""
    for unit in ("B", "K", "M"):
        if size < 1000 or unit == "M":
            return f"{size:.0f}{unit}" if unit == "B" or size >= 10 else f"{size:.1f}{unit}"
        size /= 1024
    return ""
