"""Named entities: the records, the label groups, and document-level consistency.

The spaCy model lives in `recognizer.py`; this module has no model and is
cheap to import, so the reader can use entities without loading spaCy.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import replace

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


def _clean(text: str) -> str:
    return _POSSESSIVE.sub("", " ".join(text.split()))


def _tokens(name: str) -> list[str]:
    return _WORD.findall(name)


def make_consistent(text: str, raw: Iterable[tuple[int, int, str]]) -> list[Entity]:
    """Model spans -> consistent entities for one document.

    1. A span never crosses a line (each line is a paragraph).
    2. A headline span that begins with a person named elsewhere in the text
       ("Trump After G20 Summit") is cut down to that person: title case
       misleads the model there, and only there.
    3. Each surface name takes the label most of its mentions have.
    4. A surname or first name alone ("Ishiba") joins the full person name
       the document uses ("Shigeru Ishiba"): label and canonical name.
    5. Mentions the model missed of a well-attested name are added.
    """
    spans = []
    for start, end, label in raw:
        newline = text.find("\n", start, end)
        if newline != -1:
            end = newline
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end, label))

    names: dict[str, Counter] = defaultdict(Counter)
    for start, end, label in spans:
        if label in NAME_LABELS:
            names[_clean(text[start:end])][label] += 1
    label_of = {name: counts.most_common(1)[0][0] for name, counts in names.items()}
    people = [name for name, label in label_of.items() if label == "PERSON" and len(_tokens(name)) > 1]

    def person_for(name: str, at: int) -> str | None:
        """The full person name that `name` is part of, nearest mention first."""
        tokens = _tokens(name)
        if not tokens or len(tokens) > 2:
            return None
        candidates = [
            person
            for person in people
            if person != name
            and (_tokens(person)[-len(tokens) :] == tokens or _tokens(person)[: len(tokens)] == tokens)
        ]
        if len(candidates) <= 1:
            return candidates[0] if candidates else None
        before = [(text.rfind(person, 0, at), person) for person in candidates]
        return max(before)[1]

    headline_end = text.find("\n") if "\n" in text else len(text)
    entities: list[Entity] = []
    for start, end, label in spans:
        name = _clean(text[start:end])
        if start < headline_end and label in NAME_LABELS and label != "PERSON":
            head = _tokens(name)[0] if _tokens(name) else ""
            if names[name][label] == 1 and (label_of.get(head) == "PERSON" or person_for(head, start)):
                end = start + len(head)
                name, label = head, "PERSON"
        canonical = name
        if label in NAME_LABELS:
            label = label_of.get(name, label)
            full = person_for(name, start)
            if full and (label in ("PERSON", "ORG", "NORP") or names[name].get("PERSON")):
                label, canonical = "PERSON", full
        entities.append(Entity(start, end, label, text[start:end], canonical))
    return _add_missed(text, entities, names)


def _add_missed(text: str, entities: list[Entity], names: dict[str, Counter]) -> list[Entity]:
    """Mentions of a name the model found elsewhere in the text but missed here.

    Only names with evidence are spread: people, and names the model found
    at least twice. One stray label (a religion once tagged LOC) stays put.
    """
    known: dict[str, Entity] = {}
    for entity in entities:
        name = _clean(entity.text)
        if entity.label in NAME_LABELS and (entity.label == "PERSON" or sum(names[name].values()) >= 2):
            known.setdefault(name, entity)
    if not known:
        return sorted(entities, key=lambda e: e.start)
    covered = sorted((e.start, e.end) for e in entities)
    pattern = re.compile(
        r"(?<![\w-])(" + "|".join(re.escape(n) for n in sorted(known, key=len, reverse=True) if len(n) > 1) + r")(?![\w-])"
    )
    added = []
    for match in pattern.finditer(text):
        start, end = match.span()
        if any(s < end and start < e for s, e in covered):
            continue
        model = known[match.group(1)]
        added.append(replace(model, start=start, end=end, text=match.group(1)))
        covered.append((start, end))
    return sorted(entities + added, key=lambda e: e.start)


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
