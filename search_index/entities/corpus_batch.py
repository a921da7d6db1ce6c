"""The entity phase's step for one batch: the model, consistency with the corpus's votes, contributions.

Called by the entity phase (`index/entity_phase.py`) for each document the model returns.
"""

from __future__ import annotations

from ..records import Entity
from .consistency import CorpusEvidence, make_consistent
from .corpus_table import Contribution, contribution


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
