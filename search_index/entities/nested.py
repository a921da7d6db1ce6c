"""Names inside names: the person in "the Andy Warhol Foundation", the place in "the
University of North Carolina".

The model gives one flat label per word, so the person or place an organisation
is named after is lost; yet "the Andy Warhol Foundation" does mention Andy Warhol,
and `place:"North Carolina"` should find the article about its university. A name
is marked inside another only when it is already known as a person or a place:
from this document (a full person name, a place the document names on its own)
or from the corpus's votes (`CorpusEvidence`, the same evidence recall uses).
Nested mentions come after consistency and never vote: the corpus's evidence
stays the model's own.

On the Wikinews gold set (`benchmarks/entity_quality.py`), GUM annotates these
nested names; see RESULTS.md for this step's measured effect.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from .names import Entity, clean_name

# Spans that can hold another name. A person's name holds no other name of note.
CONTAINERS = frozenset({"ORG", "FAC", "GPE", "LOC", "EVENT", "WORK_OF_ART", "PRODUCT", "LAW"})
INNER_LABELS = frozenset({"PERSON", "GPE", "LOC"})
PLACES = frozenset({"GPE", "LOC", "FAC"})
MAX_WORDS = 4  # the longest inner name looked up ("Chiang Kai Shek" is three)
_WORD = re.compile(r"\w+(?:[-'’.&]\w+)*\.?")


def add_nested(
    text: str,
    entities: list[Entity],
    known: Callable[[str], tuple[str, str] | None],
) -> list[Entity]:
    """`entities` with the known names found inside them added.

    `known(name)` gives (label, canonical) for a name known as a person or place, else None.
    """
    added: list[Entity] = []
    for outer in entities:
        if outer.label not in CONTAINERS:
            continue
        words = [m.span() for m in _WORD.finditer(text, outer.start, outer.end)]
        i = 0
        while i < len(words):
            found = None
            for j in range(min(len(words), i + MAX_WORDS), i, -1):
                start, end = words[i][0], words[j - 1][1]
                if (start, end) == (outer.start, outer.end) or not text[start].isupper():
                    continue
                hit = known(text[start:end])
                if hit is None and text[end - 1] == ".":  # "Texas." ends a sentence; "U.S." is a name
                    end -= 1
                    hit = known(text[start:end])
                if hit is not None:
                    found = (start, end, hit)
                    break
            if found is None:
                i += 1
                continue
            start, end, (label, canonical) = found
            if _group(label) != _group(outer.label):  # "North" in "North Korea" is no other place
                added.append(Entity(start, end, label, text[start:end], canonical))
            i = next((k for k in range(i + 1, len(words)) if words[k][0] >= end), len(words))
    if not added:
        return entities
    return sorted(entities + added, key=lambda e: (e.start, -e.end))


def _group(label: str) -> str:
    return "place" if label in PLACES else label


def known_names(
    entities: Iterable[Entity],
    corpus_label: Callable[[str], str | None],
) -> Callable[[str], tuple[str, str] | None]:
    """What `add_nested` looks up: this document's people and places first, then the corpus's.

    From the document, a person counts only by a full name ("Andy Warhol"): a surname alone in
    an organisation's name may be anyone's ("Johnson Space Center" in an article on Boris
    Johnson). A place counts when the document names it on its own.
    """
    own: dict[str, tuple[str, str]] = {}
    for entity in entities:
        if entity.label not in INNER_LABELS:
            continue
        for name in (clean_name(entity.text), entity.canonical):
            if entity.label != "PERSON" or len(name.split()) > 1:
                own.setdefault(name, (entity.label, entity.canonical))

    def known(name: str) -> tuple[str, str] | None:
        hit = own.get(name)
        if hit is not None:
            return hit
        label = corpus_label(name)
        return (label, name) if label in INNER_LABELS else None

    return known
