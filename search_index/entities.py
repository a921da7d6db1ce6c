"""Named entities: the records, the label groups, and document-level consistency.

The spaCy model lives in `recognizer.py`; this module has no model and is
cheap to import, so the reader can use entities without loading spaCy.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from .records import Entity, EntityGroup

# spaCy label -> search field. `entity` holds every named entity besides.
FIELD_OF_LABEL = {
    "PERSON": "person",
    "ORG": "org",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "DATE": "date",
    "TIME": "date",
}
ENTITY_FIELDS = ("person", "org", "place", "date", "entity")
# Labels that name something; numbers and amounts are not names and are never
# propagated to other mentions.
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "LANGUAGE"})


_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_WORD = re.compile(r"\w+(?:[-'’.]\w+)*")


def clean_name(text: str) -> str:
    """A mention's name: whitespace collapsed, possessive dropped ("Ishiba's" -> "Ishiba")."""
    return _POSSESSIVE.sub("", " ".join(text.split()))


def name_tokens(name: str) -> list[str]:
    return _WORD.findall(name)


_clean = clean_name


def make_consistent(text: str, raw: Iterable[tuple[int, int, str]], corpus=None, **rules) -> list[Entity]:
    """Model spans -> consistent entities for one document (see `consistency.py`)."""
    from .consistency import make_consistent as consistent

    return consistent(text, raw, corpus, **rules)


def group_entities(entities: Iterable[Entity]) -> list[EntityGroup]:
    """Mentions grouped by canonical name, most mentioned first."""
    groups: dict[tuple[str, str], list[Entity]] = defaultdict(list)
    for entity in entities:
        groups[(entity.canonical, entity.label)].append(entity)
    ordered = sorted(groups.items(), key=lambda item: (-len(item[1]), item[0][0].casefold()))
    return [EntityGroup(canonical, label, tuple(mentions)) for (canonical, label), mentions in ordered]


def field_values(entities: Iterable[Entity]) -> dict[str, str]:
    """Text for the entity search fields: each distinct name once, canonical and surface."""
    values: dict[str, dict[str, None]] = {name: {} for name in ENTITY_FIELDS}
    for entity in entities:
        forms = dict.fromkeys((entity.canonical, _clean(entity.text)))
        fields = ["entity"] + ([FIELD_OF_LABEL[entity.label]] if entity.label in FIELD_OF_LABEL else [])
        for name in fields:
            values[name].update(forms)
    return {name: "\n".join(forms) for name, forms in values.items() if forms}
