"""The entity phase's step for one batch: consistency with the corpus's votes, and each document's
contribution to the corpus entity table (its names counted, the acronyms it defines, the votes).

Called by the entity phase (`index/entity_phase.py`) for each document the model returns.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from ..records import Entity
from .consistency import CorpusEvidence, make_consistent
from .corpus_table import Contribution
from .linking import acronyms_defined, group_of
from .names import NAME_LABELS, clean_name
from .not_names import NOT_A_NAME, not_names
from .proper import proper_spans


def consistent_batch(documents, raws, evidence: CorpusEvidence) -> tuple[list[list[Entity]], dict[str, Contribution]]:
    """Each document's entities from the model's raw spans (found in a model process), and what it
    contributes to the corpus entity table.

    `evidence` holds the votes of the documents recognised before this batch:
    a name the corpus knows well is marked where the model missed it here.
    """
    texts = [document.text for document in documents]
    found = [make_consistent(text, raw, evidence) for text, raw in zip(texts, raws, strict=False)]
    contributed = {
        document.id: contribution(text, entities, raw)
        for document, text, entities, raw in zip(documents, texts, found, raws, strict=True)
    }
    return found, contributed


def contribution(text: str, entities: Iterable[Entity], raw: Iterable[tuple[int, int, str]]) -> Contribution:
    groups: Counter = Counter()
    outer_end = -1
    for entity in sorted(entities, key=lambda e: (e.start, -e.end)):
        if entity.end <= outer_end:
            continue  # a name inside a name ("Washington" of "The Washington Post"): found by search, not counted
        outer_end = max(outer_end, entity.end)
        if entity.label in NAME_LABELS:
            group = group_of(entity.label)
            groups[(group, " ".join(entity.canonical.split()), entity.label)] += 1
    # The model's votes for names only: what `proper_spans` drops ("n’t", "UTC" after a time) never votes.
    names = [(s, e, label) for s, e, label in raw if label in NAME_LABELS and "\n" not in text[s:e]]
    named = proper_spans(text, names, NAME_LABELS)
    votes = Counter((clean_name(text[s:e]), label) for s, e, label in named)
    # And a vote against each name the document says is none (a time zone, a disease), one a mention:
    # the corpus then drops it where nothing in a document says so ("COVID-19 has spread").
    for name, verdict in not_names(text, named)[1].items():
        if verdict is None:
            votes[(name, NOT_A_NAME)] += sum(count for (surface, _), count in votes.items() if surface == name)
    return Contribution(
        tuple((g, n, label, c) for (g, n, label), c in groups.items() if n),
        tuple(dict.fromkeys(acronyms_defined(text))),
        tuple((surface, label, c) for (surface, label), c in votes.items()),
    )
