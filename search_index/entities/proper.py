"""Spans cut to the name they hold, and spans that never hold one dropped.

The model's spans are read before anything votes on them (`consistency.py`):

- A name has a capital letter: "n’t" (a GPE in 7 of 182 news pages: the small model reads the
  clitic of a curly-quoted "haven’t" as a place), "meth", "state senate" are not names.
- Words before a name that are not part of it go: "the", "a", "older" ("older MacBook Pro", a
  person by the model), a lowercase prefix ("pro-Beijing" is no person, "ex-Google" names Google),
  and lowercase words after a person's name. Particles of names stay ("de Gaulle", "al-Assad");
  an organisation keeps its lowercase tail ("the Democratic party" is the Democratic Party).
- A person's name is the run of capitalised words at its end: "Browns DL Sheldon Richardson" (a
  team and a position) and "Browns defensive end Myles Garrett" are Sheldon Richardson and Myles
  Garrett.

Names the words around them say are not names (a time zone, a disease) are `not_names.py`'s.
"""

from __future__ import annotations

import re

# Lowercase words that belong to names: "de Gaulle", "bin Laden", "Bank of America".
PARTICLES = frozenset(
    "de del della der den van von da di du dos das le la al el bin ibn ben ter ten zu y of and for on upon"
    " the in at".split()
)
# Particles that may also open a name ("de Gaulle", "van Gogh", "al-Assad"); the rest only join.
_OPENING = frozenset("de del della der den van von da di du dos das le la al el bin ibn ter ten zu".split())
_CLITIC = re.compile(r"[’']?(?:n[’']t|[’'](?:s|re|ve|ll|d|m|t)|[’']|s)", re.IGNORECASE)
_WORD = re.compile(r"\S+")
_PREFIX = re.compile(r"[a-z]+-(?=[A-Z])")  # "pro-Beijing", "anti-Trump", "ex-Google"
# A position or a team's short name between names: "Browns DL Sheldon Richardson", "Steelers QB Mason Rudolph".
_SHORT_CAPITALS = re.compile(r"[A-Z]{2,3}")


def proper_spans(text: str, spans: list[tuple[int, int, str]], labels: frozenset[str]) -> list[tuple[int, int, str]]:
    """`spans` with those of a name label (`labels`) cut to the name, or dropped when they hold none."""
    out = []
    for start, end, label in spans:
        if label in labels:
            cut = _name_in(text, start, end, label)
            if cut is None:
                continue
            start, end = cut
        out.append((start, end, label))
    return out


def _name_in(text: str, start: int, end: int, label: str) -> tuple[int, int] | None:
    words = [m.span() for m in _WORD.finditer(text, start, end)]
    if not any(text[s:e] != text[s:e].lower() for s, e in words):
        return None  # no capital letter: "n’t", "meth", "state senate"
    if len(words) == 1 and _CLITIC.fullmatch(text, start, end):
        return None
    # Leading words that are not the name's: "the", "a", "older"; a particle opening a name stays.
    while len(words) > 1 and _lowercase(text, *words[0]) and not _opens_name(text, words[0], words[1]):
        words.pop(0)
    first_start, first_end = words[0]
    prefix = _PREFIX.match(text, first_start, first_end)
    if prefix and prefix.group()[:-1] not in _OPENING:
        if len(words) > 1:
            words.pop(0)  # an adjective: "pro-Beijing New People Party"
        elif label == "PERSON":
            return None  # "pro-Beijing" is no one
        else:
            words[0] = (prefix.end(), first_end)  # "ex-Google": Google
    if label == "PERSON":
        words = _person_words(text, words)
    return words[0][0], words[-1][1]


def _lowercase(text: str, start: int, end: int) -> bool:
    """A word without a capital ("older"; "iPad" has one)."""
    word = text[start:end]
    return word == word.lower()


def _opens_name(text: str, word: tuple[int, int], following: tuple[int, int]) -> bool:
    """A lowercase particle before a capitalised word: "de Gaulle", "al-Assad" ("al-" is one word)."""
    particle = text[word[0] : word[1]].split("-")[0]
    return particle in _OPENING and text[following[0]].isupper()


def _person_words(text: str, words: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The run of name words at the end of a person span: after the last lowercase word (not a
    particle) or an abbreviation between names ("Browns DL Sheldon Richardson")."""
    if text[words[0][0] : words[-1][1]].isupper():
        return words  # an all-capitals line: no case to read
    while len(words) > 1 and _lowercase(text, *words[-1]):
        words = words[:-1]  # "Kane goal"
    begin = 0
    for i, (start, end) in enumerate(words[:-1]):
        word = text[start:end]
        if _lowercase(text, start, end) and word.split("-")[0] not in PARTICLES:
            begin = i + 1
        elif i > 0 and _SHORT_CAPITALS.fullmatch(word):
            begin = i + 1
    return words[begin:]
