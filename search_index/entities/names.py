"""Names: a mention's name cleaned, mentions grouped, and the values of the entity search fields.

The label vocabulary (`FIELD_OF_LABEL`, `NAME_LABELS`) is in `records.py`; the spaCy model in
`recognizer.py`. This module has no model and is cheap to import.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from ..records import ENTITY_FIELDS, FIELD_OF_LABEL, NAME_LABELS, Entity, EntityGroup  # noqa: F401 - the vocabulary, with the rules

_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_WORD = re.compile(r"\w+(?:[-'’.]\w+)*")


def clean_name(text: str) -> str:
    """A mention's name: whitespace collapsed, possessive dropped ("Ishiba's" -> "Ishiba")."""
    return _POSSESSIVE.sub("", " ".join(text.split()))


def name_tokens(name: str) -> list[str]:
    return _WORD.findall(name)


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
        forms = dict.fromkeys((entity.canonical, clean_name(entity.text)))
        fields = ["entity"] + ([FIELD_OF_LABEL[entity.label]] if entity.label in FIELD_OF_LABEL else [])
        for name in fields:
            values[name].update(forms)
    return {name: "\n".join(forms) for name, forms in values.items() if forms}
