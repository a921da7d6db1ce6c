"""Linking names across documents: which corpus entity a document's name is.

Pure rules, no storage: `corpus_table.py` asks them with what the corpus
holds. A name is linked by its group (person, org, place, or its own label)
and a normalised form:

- persons: titles and possessives dropped, all-capitals made title case
  ("Mr ISHIBA's" -> "Ishiba"); a one-word name joins the full name whose
  first or last word it is when the corpus has exactly one such full name,
  or one with >= 75% of their documents and twice the next (else it stays
  its own, unlinked, entity: three Johnsons stay "Johnson");
- places and organisations: "the" and the dots of an acronym dropped
  ("the U.S." -> "US"), a few common variants ("US" -> "United States"),
  and an acronym defined in a document ("the United Nations (UN)") joins
  the full name when the corpus's definitions of it agree.
"""

from __future__ import annotations

import re
from collections import Counter

from .names import name_tokens

GROUP_OF_LABEL = {
    "PERSON": "person",
    "ORG": "org",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
}
DOMINANT_SHARE = 0.75
NONE = "none:"  # the key a name no entity takes (`consistency.not_a_name`): no corpus entity, dropped from documents

_TITLES = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "prof",
        "professor",
        "sir",
        "dame",
        "lady",
        "lord",
        "president",
        "senator",
        "sen",
        "rep",
        "gov",
        "governor",
        "minister",
        "premier",
        "chancellor",
        "king",
        "queen",
        "prince",
        "princess",
        "pope",
        "judge",
        "justice",
        "general",
        "gen",
        "col",
        "capt",
        "mayor",
        "rev",
        "reverend",
        "sheikh",
        # ranks and religious or noble titles, before a surname alone too ("Captain Smith")
        "captain",
        "lieutenant",
        "sergeant",
        "colonel",
        "major",
        "admiral",
        "commander",
        "corporal",
        "sheriff",
        "inspector",
        "cardinal",
        "father",
        "sister",
        "brother",
        "rabbi",
        "imam",
        "ayatollah",
        "emir",
        "sultan",
        "emperor",
        "empress",
        "duke",
        "duchess",
        "earl",
        "baron",
        "baroness",
    ]
)
PERSON_TITLES = _TITLES  # for other rules: "Pope Francis", "Mr Smith"
_VARIANTS = {
    "US": "United States",
    "USA": "United States",
    "United States of America": "United States",
    "America": "United States",
    "UK": "United Kingdom",
    "Britain": "United Kingdom",
    "Great Britain": "United Kingdom",
    "UN": "United Nations",
    "EU": "European Union",
    "UAE": "United Arab Emirates",
    "DRC": "Democratic Republic of the Congo",
    "USSR": "Soviet Union",
}
_ACRONYM = re.compile(r"\(([A-Z][A-Z&.]{1,9})\)")
_WORDS_BEFORE = re.compile(r"[\w&'’-]+")
_SMALL = frozenset({"of", "and", "for", "the", "de", "&"})


def group_of(label: str) -> str:
    return GROUP_OF_LABEL.get(label, label.lower())


def normal_name(name: str, group: str) -> str:
    """The form a name is linked by (display form, not yet case-folded)."""
    name = " ".join(name.split())
    if group == "person":
        tokens = name.split(" ")
        while len(tokens) > 1 and tokens[0].rstrip(".").casefold() in _TITLES:
            tokens = tokens[1:]
        name = " ".join(tokens)
        if name.isupper() and len(name) > 3:
            name = name.title()
        return name
    if name[:4].casefold() == "the " and len(name) > 4:
        name = name[4:]
    if re.fullmatch(r"(?:[A-Z]\.){2,}[A-Z]?\.?", name):
        name = name.replace(".", "")
    return _VARIANTS.get(name, name)


def key_of(group: str, name: str) -> str:
    return f"{group}:{name.casefold()}"


def is_acronym(name: str) -> bool:
    return 2 <= len(name) <= 10 and name.replace("&", "").isalpha() and name.isupper()


def acronyms_defined(text: str) -> list[tuple[str, str]]:
    """("UN", "United Nations") for each "the United Nations (UN)" in `text` whose initials fit.

    Found from the parenthesis back over at most a dozen words: linear in the text
    (a pattern over runs of capitalised words backtracks quadratically on an all-capitals file).
    """
    found = []
    for match in _ACRONYM.finditer(text):
        short = match.group(1).replace(".", "")
        line_start = text.rfind("\n", max(0, match.start() - 160), match.start()) + 1
        words = _WORDS_BEFORE.findall(text[max(line_start, match.start() - 160) : match.start()])[-12:]
        # The last len(short) capitalised words (small words between them allowed) must spell it.
        picked, n, capitals = [], len(short), 0
        for word in reversed(words):
            if word[0].isupper():
                picked.append(word)
                capitals += 1
                if capitals == n:
                    break
            elif word.casefold() in _SMALL and picked:
                picked.append(word)
            else:
                break
        picked.reverse()
        if capitals == n and "".join(w[0] for w in picked if w[0].isupper()) == short:
            found.append((short, " ".join(picked)))
    return found


def person_parts(name: str) -> tuple[str | None, str | None]:
    """(first word, last word) of a full person name; (None, None) for a one-word name."""
    tokens = name_tokens(name)
    if len(tokens) < 2:
        return None, None
    return tokens[0], tokens[-1]


def choose(candidates: Counter) -> str | None:
    """The one plausible candidate, or the clearly dominant one; None when it stays ambiguous."""
    if not candidates:
        return None
    ranked = candidates.most_common(2)
    if len(ranked) == 1:
        return ranked[0][0]
    (best, top), (_, second) = ranked
    if top >= DOMINANT_SHARE * sum(candidates.values()) and top >= 2 * second:
        return best
    return None
