"""The entity phase's step for one batch: the model, consistency with the corpus's votes, contributions.

Kept apart from `index.py` so the sync keeps one call per batch.
"""

from __future__ import annotations

from .consistency import CorpusEvidence, make_consistent
from .corpus_entities import Contribution, contribution
from .entities import Entity


def recognize_batch(recognizer, documents, evidence: CorpusEvidence) -> tuple[list[list[Entity]], dict[str, Contribution]]:
    """Each document's entities, and what it contributes to the corpus entity table.

    `evidence` holds the votes of the documents recognised before this batch:
    a name the corpus knows well is marked where the model missed it here.
    """
    return consistent_batch(documents, recognizer.raw_spans([document.text for document in documents]), evidence)


def consistent_batch(documents, raws, evidence: CorpusEvidence) -> tuple[list[list[Entity]], dict[str, Contribution]]:
    """`recognize_batch` from the model's raw spans of each document (found in a model process)."""
    texts = [document.text for document in documents]
    found = [make_consistent(text, raw, evidence) for text, raw in zip(texts, raws, strict=False)]
    contributed = {
        document.id: contribution(text, entities, raw)
        for document, text, entities, raw in zip(documents, texts, found, raws, strict=True)
    }
    return found, contributed
