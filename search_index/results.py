"""What a search returns: plain records, free of Whoosh, for the CLI and the reader."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Hit:
    doc: str
    path: str
    title: str
    score: float
    snippet: str
    snippet_marks: tuple[tuple[int, int], ...]  # ranges of `snippet` that matched
    matches: tuple[tuple[int, int], ...]  # ranges of the document text that matched
    page: int | None = None  # page of the first match, for paged formats (PDF)

    def marked_snippet(self, before: str = "**", after: str = "**") -> str:
        out, last = [], 0
        for start, end in self.snippet_marks:
            out += [self.snippet[last:start], before, self.snippet[start:end], after]
            last = end
        return "".join(out) + self.snippet[last:]


@dataclass(frozen=True)
class SearchResult:
    query: str
    total: int
    hits: list[Hit] = field(default_factory=list)
    hint: str | None = None
    exact_total: bool = True  # False: `total` is a lower bound
    partial: bool = False  # the time limit cut the search short

    def summary(self) -> str:
        """ "No documents match", "1 document matches", "13 documents match", "20+ documents match"."""
        if not self.total:
            return "No documents match"
        if self.total == 1 and self.exact_total:
            return "1 document matches"
        return f"{self.total}{'' if self.exact_total else '+'} documents match"

    def to_json(self) -> dict:
        return {
            "query": self.query,
            "total": self.total,
            "hits": [
                {
                    "doc": hit.doc,
                    "path": hit.path,
                    "title": hit.title,
                    "score": round(hit.score, 4),
                    "snippet": hit.marked_snippet(),
                    "matches": [list(m) for m in hit.matches],
                    "page": hit.page,
                }
                for hit in self.hits
            ],
            "hint": self.hint,
            "total_exact": self.exact_total,
        }
