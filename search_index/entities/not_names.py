"""Names the words around them say are not names, or not people, in the whole document.

A cue on one mention decides for every mention of that name in the document
(one name, one type): the model that called "COVID-19" a person in "tested
positive for COVID-19" calls it so again in "COVID-19 has spread", where
nothing says otherwise.

- A time zone: an abbreviation right after a time of day ("1625 UTC", "15:11 GMT").
- A disease: a name before "pandemic", "outbreak", "virus", "symptoms"..., or after "positive
  for", "died of", "infected with"... ("the COVID-19 pandemic"), unless it is a place ("the Wuhan
  outbreak").
- A product: a model's suffix, a size before it, a version number ("IE6", "USB 3.0", "USB-C").
- An event: an occasion's name after a word of time ("at the 2019 American Music Awards").
- A thing, not a person: a one-word "person" after "the" or "a" in most of its mentions,
  not modifying a noun ("to the Moon and Mars", "The Steelers had"), where the document names no
  person with that word; a longer one right after "the" or "a" ("a MacBook Pro", "the Nintendo
  Switch").
- A piece of a name: a one-word name after a capitalised word that is no title (nor a name itself)
  is the end of a longer name: a person's ("with Junius Ho defeating"), or, where the document writes
  that word in lowercase too, something else's ("MSNBC's Morning Joe" is no Joe, "Liberal Democrats"
  no US Democrats).
- An ordinary word: a one-word organisation used mostly after "the", whose word the document also
  writes in lowercase, with no longer name holding it ("the State" beside "the state's"); a word
  of a title ("Secretary of State", "Member of Parliament"); a one-word name only ever at the
  start of a sentence that the document also writes in lowercase ("Meth. We're on it." beside
  "the meth crisis").
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_right
from collections import Counter, defaultdict

from .cues import PEOPLE_NOUNS, TITLE_WORDS
from .linking import PERSON_TITLES
from .names import NAME_LABELS, clean_name, name_tokens

NOT_A_NAME = "-"  # the vote a document gives a name it says is not one (a time zone, a disease)
PLACES = frozenset({"GPE", "LOC", "FAC"})
MADE = frozenset({"PERSON", "GPE", "NORP", "ORG", "FAC"})  # labels the model gives products ("a MacBook Pro" PERSON)

# A time of day just before: "15:11 GMT", "11 a.m. EST", "8pm ET", and "(1625 UTC)" or "by 1350 GMT"
# (a bare four-digit number is as often a year: "March 14, 2019 NATO press release").
_TIME_BEFORE = re.compile(
    r"(?:\b\d{1,2}[:.]\d{2}|(?:\(|\b(?:at|by|until|from|to|before|after|around|about) )[012]\d[0-5]\d"
    r"|\b\d{1,2}[ \t]*[ap]\.?m\.?)[ \t]*$",
    re.IGNORECASE,
)
_ABBREVIATION = re.compile(r"[A-Z]{2,5}")
_DISEASE_AFTER = re.compile(r"[ -](?:pandemic|epidemic|outbreaks?|virus|viruses|infections?|symptoms|patients)\b")
_DISEASE_BEFORE = re.compile(
    r"\b(?:(?:positive|negative|tested|tests|testing) for|(?:died|dies|dying) (?:of|from)|infected with|diagnosed with"
    r"|suffering from|immune to|immunity to|vaccines? against|symptoms of|cases of|spread of|outbreak of) (?:the )?$",
    re.IGNORECASE,
)
_DETERMINERS = "the|a|an|this|its|their|our|your|my"  # not "that": "said that Chad was"
# "the Moon", "the original Switch": a determiner, perhaps lowercase words, then the name.
# Not a role: "played the Joker", "dressed as the Flash" (a character is a person).
_THING_BEFORE = re.compile(
    rf"(?:^|[^\w’'-])(?<!played )(?<!plays )(?<!playing )(?<!as )(?<!portrays )(?<!portrayed )"
    rf"(?:{_DETERMINERS}|The|A|An)((?: [a-z][\w-]*)?) $"
)
# Nouns before a name that make it a person's, besides PEOPLE_NOUNS: "the god Thoth", "the pseudonym Katya".
_PERSONAL = frozenset("god goddess pseudonym nickname name alias saint prophet".split())
# After a name: a lowercase word that is not a function word means the name modifies a noun
# ("the Trump administration"); these do not.
_FUNCTION_WORDS = frozenset(
    "and or but nor of in on at to for from with by as into onto over under about after before than is are was were be been"
    " has have had will would can could may might must should shall did do does that which who whose said says also not".split()
)
_NEXT_WORD = re.compile(r"[ \t]+([a-z]+)\b")
_PRODUCT_SUFFIX = frozenset("Pro Lite Max Mini Plus Air Ultra XL SE Edition".split())
_VERSION_AFTER = re.compile(r"(?: \d+\.\d+\b|-[A-Z0-9]{1,2}\b)")
# An occasion's name, and a word of time before it: "at the 2019 American Music Awards" (an ORG to the model).
_EVENT_HEAD = re.compile(r" (?:Awards|Festival|Olympics|Games|Championships?|Cup|Open|Expo|Summit|Marathon|Fair|Gala)$")
_EVENT_BEFORE = re.compile(r"\b(?:at|during|before|after|since|ahead of|until)(?: the)?(?: \d{4})? $", re.IGNORECASE)
_SIZE_BEFORE = re.compile(r"\d+(?:\.\d+)?[- ]?(?:inch|in\.|mm|cm|GB|TB)\s+$")
_TITLE_OF = re.compile(r"\b([A-Za-z]+) of (?:the )?$")
_LANGUAGE_NOUNS = frozenset(
    "language languages translation translations version versions subtitles text texts word words speaker speakers"
    " speaking teacher teachers class classes course courses lesson lessons edition name names dictionary grammar"
    " literature proficiency skills test tests".split()
)
_NAME_AFTER = re.compile(r" [A-Z][a-z]+\b")  # "English Channel"
_OPENERS = frozenset("the a an this that these those his her its their our my your".split())  # "told The Washington Post"
_WORD_BEFORE = re.compile(r"\b([A-Z][\w]*) $")
_TITLED = {word.casefold() for word in TITLE_WORDS} | PEOPLE_NOUNS | PERSON_TITLES | _PERSONAL
_LOWER_WORD = re.compile(r"(?<![\w./@-])([a-z]+)(?![\w/@-]|\.\w)")
_SENTENCE_START = re.compile(r"(?:^|\n|[.!?:][\"”’')]*\s+|[\"“‘(]\s*)$")


def not_names(text: str, spans: list[tuple[int, int, str]]) -> tuple[list[tuple[int, int, str]], dict[str, str | None]]:
    """`spans` without the names the document says are not names, without person spans that are
    things, and with products and events made so. Also what was decided of each name: None (no
    name at all), "" (no person), "PRODUCT" or "EVENT"."""
    mentions: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for span in spans:
        if span[2] in NAME_LABELS:
            mentions[clean_name(text[span[0] : span[1]])].append(span)
    person_words = {word for name, found in mentions.items() for word in _person_words(name, found)}
    longer = _longer_names(mentions)
    lowercase = _Lowercase(text)
    decided: dict[str, str | None] = {}
    for name, found in mentions.items():
        labels = {label for _, _, label in found}
        if sum(1 for start, end, _ in found if _time_zone(text, start, end)) * 2 >= len(found):
            decided[name] = None
        elif labels - PLACES and any(_disease(text, start, end) for start, end, label in found if label not in PLACES):
            decided[name] = None
        elif _word(name) and _ordinary(text, name, found, labels, longer, lowercase):
            decided[name] = None
        elif labels & MADE and any(_product(text, start, end, label) for start, end, label in found):
            decided[name] = "PRODUCT"
        elif labels & MADE and _EVENT_HEAD.search(name) and any(_occasion(text, start) for start, _, _ in found):
            decided[name] = "EVENT"
        elif "PERSON" in labels and _thing(text, name, [s for s in found if s[2] == "PERSON"], person_words):
            decided[name] = ""
    out = []
    covered = sorted((start, end) for start, end, _ in spans)
    for start, end, label in spans:
        verdict = decided.get(clean_name(text[start:end]), label) if label in NAME_LABELS else label
        if verdict is None or (verdict == "" and label == "PERSON"):
            continue
        one_word = label in NAME_LABELS and " " not in text[start:end]
        before = piece_start(text, start) if one_word else None
        if before is not None and not _covers(covered, before):  # "Nevada Democrats": two names
            if lowercase(text[before:start].strip()):
                continue  # "Morning Joe", "Liberal Democrats" (the document says "morning", "liberal"): a piece
            start = before  # "with Junius Ho defeating": the first name the model left out
        if label in ("LANGUAGE", "NORP") and one_word and _piece_end(text, end, covered):
            continue  # "the English Channel": a piece of a longer name the model did not mark
        label = verdict if verdict and label in MADE else label
        if label == "LANGUAGE" and _people_of(text, end):
            label = "NORP"  # "English captain Harry Kane", "an English drummer": people of a nation, not a language
        out.append((start, end, label))
    return out, decided


def _word(name: str) -> bool:
    """One capitalised word ("State", "Meth"): not an acronym ("WHO" is no "who")."""
    return name[:1].isupper() and name[1:].islower() and name.isalpha()


def _ordinary(text: str, name: str, found, labels: set[str], longer: set[str], lowercase: _Lowercase) -> bool:
    """An English word, not a name, wherever the document uses it."""
    if all(_SENTENCE_START.search(text, max(0, start - 6), start) for start, _, _ in found):
        return lowercase(name) >= len(found)  # "Meth. We're on it." beside "the meth crisis"
    if not labels <= {"ORG"}:
        return False
    if sum(1 for start, _, _ in found if _title_word(text, start)) * 2 >= len(found):
        return True  # "Secretary of State", though the State Department is named too
    if name in longer:
        return False
    after_the = sum(1 for start, end, _ in found if text[max(0, start - 4) : start].casefold() == "the " and _bare(text, end))
    return after_the * 2 >= len(found) and lowercase(name) >= len(found)  # "the State" beside "the state's"


def piece_of(text: str, start: int, end: int, label: str, covered: list[tuple[int, int]]) -> bool:
    """A one-word mention of `label` that is a piece of a longer name (for recall: the rules below)."""
    if label in ("PERSON", "NORP") and piece_start(text, start) is not None:
        return True
    return label in ("LANGUAGE", "NORP") and _piece_end(text, end, covered)


def _piece_end(text: str, end: int, covered: list[tuple[int, int]]) -> bool:
    """A capitalised word right after the name, no title and no name of its own: the name goes on."""
    after = _NAME_AFTER.match(text, end)
    if after is None or after.group().strip().casefold() in _TITLED:
        return False
    return not _covers(covered, after.start() + 1)


def _covers(covered: list[tuple[int, int]], at: int) -> bool:
    """Whether a span of `covered` (sorted) holds offset `at`: by bisection, so linear over a document."""
    i = bisect_right(covered, (at, sys.maxsize)) - 1
    return i >= 0 and covered[i][0] <= at < covered[i][1]


def _people_of(text: str, end: int) -> bool:
    """A language's name before a noun that is not about language modifies people or things of that
    nation ("English captain", "English medicine"; not "English language", "English translation")."""
    following = _NEXT_WORD.match(text, end)
    return following is not None and following.group(1) not in _FUNCTION_WORDS | _LANGUAGE_NOUNS


def piece_start(text: str, start: int) -> int | None:
    """Where the capitalised word (no title) right before a one-word name starts, mid-sentence: the
    name goes on before it ("with Junius Ho", or "MSNBC's Morning Joe", a programme's). Not in the
    headline, where every word is capitalised ("Pompeo Warns Iran")."""
    headline_end = text.find("\n")
    if headline_end == -1 or start < headline_end:
        return None
    before = _WORD_BEFORE.search(text, max(0, start - 30), start)
    if before is None or before.group(1).casefold() in _TITLED | _OPENERS or not before.group(1)[1:].islower():
        return None
    return None if _SENTENCE_START.search(text, max(0, before.start(1) - 6), before.start(1)) else before.start(1)


def _occasion(text: str, start: int) -> bool:
    return bool(_EVENT_BEFORE.search(text, max(0, start - 24), start))


def _time_zone(text: str, start: int, end: int) -> bool:
    return bool(_ABBREVIATION.fullmatch(text, start, end)) and bool(_TIME_BEFORE.search(text, max(0, start - 12), start))


def _disease(text: str, start: int, end: int) -> bool:
    return bool(_DISEASE_AFTER.match(text, end)) or bool(_DISEASE_BEFORE.search(text, max(0, start - 24), start))


def _person_words(name: str, found: list[tuple[int, int, str]]) -> list[str]:
    """The words of a full person name the document uses ("Moon" of "Moon Jae-in")."""
    tokens = name_tokens(name)
    return tokens if len(tokens) > 1 and any(label == "PERSON" for _, _, label in found) else []


def _thing(text: str, name: str, found: list[tuple[int, int, str]], person_words: set[str]) -> bool:
    """The person spans of `name` are a thing: mostly after "the" or "a", not modifying a noun."""
    if " " not in name and (name in person_words or name.rstrip("s") in person_words):
        return False  # the document's own person, or the family ("the Trumps" of Donald Trump)
    things = 0
    for start, end, _ in found:
        before = _THING_BEFORE.search(text, max(0, start - 40), start)
        if not before or (" " in name and before.group(1)):
            continue  # a longer name right after the determiner only: "the actor John Smith" is a person
        between = before.group(1).strip()
        personal = {between, between[:-1]} & (PEOPLE_NOUNS | _PERSONAL | _FUNCTION_WORDS)  # "their sons Wyatt and"
        things += not personal and _bare(text, end, " " in name)  # not "the Trump administration"
    return bool(things) and things * 3 >= len(found) * 2  # "a blue Marilyn" (a print) once in three stays her


def _bare(text: str, end: int, coordinated: bool = False) -> bool:
    """Nothing after the name, or a function word: it does not modify a noun ("the Moon and", not "the Aadhaar card")."""
    following = _NEXT_WORD.match(text, end)
    if following is None:
        return True
    if coordinated and following.group(1) in ("and", "or"):  # "an Edward Steichen and Andy Warhol exhibit"
        return not text[following.end() + 1 : following.end() + 2].isupper()
    return following.group(1) in _FUNCTION_WORDS


def _product(text: str, start: int, end: int, label: str) -> bool:
    """A model's suffix ("Switch Lite", "MacBook Pro"), a size before it ("16-inch"), or, for a
    person or a place, a version number ("IE6", "Windows 10"): no person or place has one."""
    words = text[start:end].split()
    if len(words) > 1 and words[-1] in _PRODUCT_SUFFIX:
        return True
    if _SIZE_BEFORE.search(text, max(0, start - 16), start):
        return True
    if label == "ORG" and text[start:end].isupper() and _VERSION_AFTER.match(text, end):
        return True  # "USB-C", "USB 3.0": an acronym with a version is a standard or a product ("Biden led Trump 50.0" is not)
    return label in ("PERSON", "GPE", "NORP") and any(c.isdigit() for c in words[-1]) and any(c.isalpha() for c in words[-1])


def _longer_names(mentions: dict[str, list[tuple[int, int, str]]]) -> set[str]:
    """One-word names that a longer name of the document holds ("House" of "House of Representatives")."""
    held = set()
    for name in mentions:
        tokens = name_tokens(name)
        if len(tokens) > 1:
            held.update(tokens)
    return held


def _title_word(text: str, start: int) -> bool:
    """"Secretary of State", "Member of Parliament", "Speaker of the House": a title's last word."""
    title = _TITLE_OF.search(text, max(0, start - 30), start)
    return title is not None and (title.group(1) in TITLE_WORDS or title.group(1).casefold() in PEOPLE_NOUNS)


class _Lowercase:
    """How often the document writes a word in lowercase (not in a web address): the words counted
    once, on first use, so a long document is read once however many names ask."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.counts: Counter | None = None

    def __call__(self, word: str) -> int:
        if self.counts is None:
            self.counts = Counter(_LOWER_WORD.findall(self.text))
        return self.counts.get(word.lower(), 0)
