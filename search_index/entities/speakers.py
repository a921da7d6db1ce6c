"""Who an attribution names: an entity, or a pronoun or role noun resolved to one, or nobody.

`quotations.py` hands over the words of an attribution's subject ("Satyendra Jain, the
city's home minister,", "he", "the network", "an AEW press release") and gets back the
speaker: the canonical name and label of a person or organisation, and the mention the
attribution uses. Resolution only looks back (the nearest fitting mention before), and
gives up rather than guess: "police" with no police force named, "a fire officer", "the
parents" stay unknown.

- A name: the last person named in the words, else the organisation. The model's names are
  taken as they are, except an organisation it cut short ("Wisconsin" of "Wisconsin Supreme
  Court", "Saudi" of "the Saudi Interior Ministry"): the capitalised words after it belong to
  it. Where the model found no name, a capitalised word that ends a name of the article
  ("Geingob") is that name, and a run of capitalised words or an acronym ("B.C. Coroners
  Service", "WHO") an organisation; an acronym the article defines ("the World Health
  Organization (WHO)") is its full name.
- A pronoun ("he", "she") is the first person named in its sentence before it, else in the
  sentences before (up to MAX_SENTENCES_BACK): news names the subject first ("Harry Kane won
  the award. He said, ..."). "it" and "they" are an organisation's only when one is named
  there first.
- A role noun ("the judge", "his daughter") is the nearest person described with that word
  ("Bernard Schwartz, the judge presiding", "Judge Jackson"); an organisation's role noun ("the
  court", "police") the nearest organisation whose name has the word, and a generic one ("the
  company", "the network") the nearest organisation named before. A document ("the report
  said") speaks for its issuer when its sentence or the one before names one organisation.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..records import Entity, Span
from .linking import acronyms_defined, group_of, normal_name
from .names import clean_name
from .speech import DOCUMENTS, FINITE, GROUP_PRONOUNS, ORG_ROLES, ORG_WORDS, PERSON_PRONOUNS, PERSON_ROLES

# The speaker's label by the entity's: a government or a newspaper speaks as an organisation.
LABEL_OF = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "ORG", "FAC": "ORG"}
MAX_SENTENCES_BACK = 3
# Who speaks for an organisation: "a spokesman for Google", "an official from TfL" (the guidelines).
_VOICES = frozenset({"spokesman", "spokeswoman", "spokesperson", "representative", "official", "owner"}) | DOCUMENTS
_GENERIC_ORGS = frozenset(
    {"company", "firm", "network", "broadcaster", "organisation", "organization", "promotion", "studio", "publisher"}
)
_PLURAL_UNNAMED = re.compile(
    r"\b(?:officials|authorities|sources|reports|researchers|parents|residents|witnesses|eyewitnesses|activists|experts"
    r"|analysts|critics|media|press|senators|lawmakers|scientists|doctors|officers|members|people|children)\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[\w'’.-]*\w")
_LEAD = re.compile(r"^\s*(?:(?:and|but|while|whereas|although|though|so|yet|however|meanwhile|then|as)\b[\s,]*)+", re.IGNORECASE)
_JOINT_GAP = re.compile(r"(?:\s|,|and|&|the|The)*")
_MORE_NAME = re.compile(r"(?:\s+(?:(?:of|for|and|de|the)\s+)?[A-Z][\w.&'’-]*)+")
_CAPITALISED = re.compile(r"\b[A-Z][\w.&'’-]*(?:\s+(?:(?:of|for|and|the|de)\s+)?[A-Z][\w.&'’-]*)+|\b[A-Z]{2,}\b")
_NOT_NAMES = (
    frozenset(
        "the a an he she it they we i his her its their this that vice prime deputy chief executive senior former acting"
        " inspector detective constable sergeant mr mrs ms dr sir lord lady st".split()
    )
    | PERSON_ROLES
)
_ACRONYM_FIRST = re.compile(r"\b([A-Z]{2,})\s+\(([A-Z][\w'’-]*(?:\s+[\w'’-]+){1,6})\)")
_GIVEN_NAME = re.compile(r"[A-Z][a-z]+(?:[-'’][A-Z][a-z]+)?|[A-Z]\.")
_PERSON_SHAPE = re.compile(r"[A-Z][a-z]+(?:[-'’][A-Za-z]+)?(?: [A-Z][a-z]+(?:[-'’][A-Za-z]+)?){1,2}")
_INTRODUCTION = re.compile(
    r"(?:in|on|at|after|before|during|following|speaking|according|while|when|as|with|for)\b[^,]*,\s*", re.IGNORECASE
)


@dataclass(frozen=True)
class Speaker:
    name: str | None  # canonical name of the entity, None when unknown
    label: str | None  # PERSON or ORG
    mention: Span | None  # the words the attribution uses (a name, a pronoun, a role noun)


UNKNOWN = Speaker(None, None, None)


class Speakers:
    """Speaker lookups over one document's entities and sentences."""

    def __init__(self, text: str, entities: Sequence[Entity], sentences: Sequence[Span], inside: Callable[[int], bool]) -> None:
        self.text = text
        # Names inside quotation marks are the quoted speaker's words, not candidates.
        wanted = set(LABEL_OF) | {"NORP"}
        self.names = sorted((e for e in entities if e.label in wanted and not inside(e.start)), key=lambda e: e.start)
        self.starts = [e.start for e in self.names]
        self.sentences = list(sentences)
        self.sentence_starts = [s.start for s in self.sentences]
        self.full_names = {short: full for short, full in acronyms_defined(text)}
        self.full_names.update((m.group(1), m.group(2)) for m in _ACRONYM_FIRST.finditer(text))
        self.genders = _genders(text, self.names, self.sentences)
        self.said: list[tuple[int, Speaker]] = []
        self._full_names_of: dict[str, str | None] = {}  # organisations quoted so far, by position: "they" may be one
        self.by_last_word: dict[str, Entity] = {}
        for entity in entities:
            # A person's surname; the model calls some people organisations ("Hage Geingob"): a name of
            # two or three capitalised words counts too, not "Artist of Stardom".
            words = entity.canonical.split()
            if (entity.label == "PERSON" or entity.label == "ORG" and person_shaped(entity.canonical)) and len(words) > 1:
                self.by_last_word.setdefault(words[-1], entity)

    # -- entities by position ---------------------------------------------------------

    def within(self, start: int, end: int) -> list[Entity]:
        i = bisect_left(self.starts, start)
        found = []
        while i < len(self.names) and self.names[i].start < end:
            if self.names[i].end <= end:
                found.append(self.names[i])
            i += 1
        return found

    def sentence_index(self, at: int) -> int:
        return max(0, bisect_right(self.sentence_starts, at) - 1)

    # -- the subject of an attribution ------------------------------------------------------------

    def named_by(self, start: int, end: int) -> Speaker | None:
        """The speaker a noun phrase text[start:end] names, or None when it names none (resolve it)."""
        names = self.within(start, end)
        people = [e for e in names if e.label == "PERSON"]
        gap = _without(self.text, start, end, names)
        if len(people) > 1 and _JOINT_GAP.fullmatch(gap) and re.search(r"\b(?:and|&)\b|&", gap):
            return UNKNOWN  # joint speakers: "Smith and Jones said"
        others = [e for e in names if e.label != "PERSON"]
        possessive = [e for e in others if self.text.startswith(("'s", "’s"), e.end)]
        if others and not people and (_head(self.text, start, end) in _VOICES or possessive):
            # "an official from TfL", "Stardom's official statement": the organisation speaks.
            return self._organisation(others[-1], end)
        if people:
            # A possessor is not the speaker ("Dunn's mother, Charlotte Charles"), unless alone ("Trump's
            # statement read"); in "X, the wife of Y," the name before the apposition is.
            heads = [e for e in people if not self.text.startswith(("'s", "’s", "'", "’"), e.end)] or people
            comma = self.text.find(",", start, end)
            first = [e for e in heads if e.end <= comma] if comma != -1 and self.text[start:comma].count(" ") < 6 else []
            return self._speaker(first[-1] if first else heads[-1])
        for entity in reversed(others):
            found = self._organisation(entity, end)
            if found is not None:
                return self._within_longer_name(entity, start, end) or found
        return self._unrecognised(start, end)

    def _within_longer_name(self, entity: Entity, start: int, end: int) -> Speaker | None:
        """ "the Catholic Bishops' Conference of the Philippines": the model found only the place; the
        capitalised words around it are the organisation's name."""
        for run in _CAPITALISED.finditer(self.text, start, end):
            if run.start() < entity.start and entity.end <= run.end() and " of " in run.group():
                name = _clean(" ".join(run.group().split()))
                return Speaker(self.full_names.get(name, name), "ORG", Span(run.start(), run.end()))
        return None

    def subject(self, start: int, end: int) -> Speaker:
        """The speaker of the subject words text[start:end] (one clause's, just before its verb)."""
        phrase = subject_phrase(self.text, start, end)
        if phrase is None:
            return UNKNOWN
        start, end = phrase
        words = _WORD.findall(self.text, start, end)
        last = words[-1].casefold() if words and not (words[-1].isupper() and len(words[-1]) > 1) else ""  # "WHO", "IT"
        mention = _last_word_span(self.text, start, end)
        if last in PERSON_PRONOUNS or last in GROUP_PRONOUNS or last == "who":
            return self.pronoun(last, mention)
        named = self.named_by(start, end)
        if named is not None:
            return named
        if not words or len(words) > 12 or _PLURAL_UNNAMED.search(self.text, start, end):
            return Speaker(None, None, Span(start, end) if words else None)
        found = self.role(last, start, words[0].casefold())
        return Speaker(found.name, found.label, Span(start, end))

    def main_subject(self, at: int) -> Speaker:
        """The main clause's subject for a participle cue (`…, adding, "…"`): the words from the
        sentence's start (after an introduction: "In a statement on Monday,") to its first verb."""
        sentence = self.sentences[self.sentence_index(at)]
        own = re.search(r"\bwith\s+([^,;]{1,40}?)\s*$", self.text[sentence.start : at])
        if own:  # "…, with one poster writing "…"": the participle has a subject of its own
            return self.subject(sentence.start + own.start(1), sentence.start + own.end(1))
        start = sentence.start
        introduction = _INTRODUCTION.match(self.text, start, at)
        if introduction:
            start = introduction.end()
        pronoun = re.match(r"(?:he|she|they|it)\b", self.text[start:at], re.IGNORECASE)
        if pronoun:
            return self.pronoun(pronoun.group().casefold(), Span(start, start + pronoun.end()))
        verb = FINITE.search(self.text, start, at)
        while verb is not None and verb.start() == start:
            verb = FINITE.search(self.text, verb.end(), at)
        return self.subject(start, verb.start() if verb else at)

    # -- resolution --------------------------------------------------------------------

    def remember(self, at: int, speaker: Speaker) -> None:
        """A quotation's speaker at `at`: an organisation quoted is what a later "they" most likely is."""
        if speaker.label == "ORG":
            self.said.append((at, speaker))
            self.said.sort(key=lambda item: item[0])

    def pronoun(self, word: str, mention: Span) -> Speaker:
        if word == "who":  # "Smith, who said": the name just before
            before = [e for e in self.within(max(0, mention.start - 80), mention.start) if e.end >= mention.start - 3]
            return self._speaker(before[-1], mention) if before else Speaker(None, None, mention)
        wanted = ("PERSON",) if word in PERSON_PRONOUNS else ("ORG", "GPE")
        here = self.sentence_index(mention.start)
        if word in GROUP_PRONOUNS:  # "the National Hurricane Center reported … On Tuesday, however, they reported"
            earliest = self.sentences[max(0, here - MAX_SENTENCES_BACK)].start
            recent = [s for at, s in self.said if earliest <= at < mention.start]
            if recent:
                return Speaker(recent[-1].name, recent[-1].label, mention)
        for number in range(here, max(-1, here - MAX_SENTENCES_BACK - 1), -1):
            sentence = self.sentences[number]
            names = [e for e in self.within(sentence.start, min(sentence.end, mention.start)) if e.label != "NORP"]
            if word in GROUP_PRONOUNS and any(e.label == "PERSON" for e in names[:1]):
                break  # "they" after a person: people, not an organisation
            fitting = [e for e in names if e.label in wanted and self.genders.get(e.canonical, word) in (word, "they", "it")]
            if fitting:
                return self._speaker(fitting[0], mention)
            if word in PERSON_PRONOUNS:
                # The model takes some people for organisations ("Marta Lindqvist" ORG); "she" says otherwise.
                people = [e for e in names if e.label == "ORG" and person_shaped(e.canonical)]
                if people:
                    return Speaker(self._speaker(people[0]).name, "PERSON", mention)
        return Speaker(None, None, mention)

    def role(self, head: str, at: int, determiner: str = "the") -> Speaker:
        """A role or document noun ("the minister", "the court", "the report") resolved backwards."""
        before = self.within(0, at)
        if head in PERSON_ROLES and head not in ("official", "representative", "spokesman", "spokeswoman", "spokesperson"):
            for entity in reversed(before):
                if entity.label == "PERSON" and re.search(rf"\b{head}\b", self._description(entity), re.IGNORECASE):
                    return self._speaker(entity)
        if head in ORG_ROLES:
            for entity in reversed(before):
                if entity.label in ("ORG", "GPE") and head in entity.canonical.casefold():
                    return self._speaker(entity)
            if head in _GENERIC_ORGS:
                for entity in reversed(before):
                    if entity.label == "ORG":
                        return self._speaker(entity)
        if head in DOCUMENTS and determiner in ("the", "its", "their"):  # not "a whistle-blower complaint"
            here = self.sentence_index(at)
            for number in (here, here - 1):
                if number >= 0:
                    sentence = self.sentences[number]
                    orgs = {e.canonical: e for e in self.within(sentence.start, min(sentence.end, at)) if e.label == "ORG"}
                    if len(orgs) == 1:
                        return self._speaker(next(iter(orgs.values())))
        return UNKNOWN

    def _description(self, entity: Entity) -> str:
        """The words describing a mention: a title or role before it, an apposition after it."""
        before = self.text[max(0, entity.start - 40) : entity.start]
        before = before[max(before.rfind("."), before.rfind(";"), before.rfind("\n")) + 1 :]
        apposition = re.match(r"\s*,\s*([^,.;\n]*)", self.text[entity.end : entity.end + 80])
        return before + " " + (apposition.group(1) if apposition else "")

    # -- names ------------------------------------------------------------------------

    def _speaker(self, entity: Entity, mention: Span | None = None) -> Speaker:
        """The entity as a speaker, named as the corpus links it ("Judge Jackson" is "Jackson", "the
        U.S." the "United States"), an acronym the article defines by its full name."""
        label = LABEL_OF.get(entity.label, "ORG")
        name = _clean(entity.canonical)
        if label == "PERSON" and " " not in clean_name(entity.text):
            name = self._fullest(clean_name(entity.text)) or name
        name = normal_name(self.full_names.get(name, name), group_of(entity.label))
        return Speaker(name, label, mention or Span(entity.start, entity.end))

    def _fullest(self, word: str) -> str | None:
        """The one full name the article gives a person it also calls `word` ("Judge Jackson" is the
        article's "Amy Berman Jackson", whatever the model or the corpus made of her); None when
        the article has none or several ("Nettie Baker", "Ginger Baker")."""
        if word not in self._full_names_of:
            names = set()
            for run in re.finditer(rf"\b((?:[A-Z][\w'’.-]*\s+){{1,3}}){re.escape(word)}\b", self.text):
                given = run.group(1).split()
                titles = [i for i, w in enumerate(given) if w.casefold().rstrip(".") in _NOT_NAMES]
                given = given[titles[-1] + 1 :] if titles else given  # "Ukrainian President Volodymyr", "The"
                while given and not _GIVEN_NAME.fullmatch(given[0]):
                    given = given[1:]  # "Fifteen-year-old Robert"
                if given and not ORG_WORDS.search(run.group()):
                    names.add(" ".join(given + [word]))
            self._full_names_of[word] = names.pop() if len(names) == 1 else None
        return self._full_names_of[word]

    def _organisation(self, entity: Entity, end: int) -> Speaker | None:
        """An organisation's name, with the capitalised words the model left off it; a nationality
        names one only so ("the Saudi Interior Ministry") or before a role noun ("the Myanma embassy")."""
        more = _MORE_NAME.match(self.text, entity.end, end)
        if more:
            name = _clean(" ".join(self.text[entity.start : more.end()].split()))
            return Speaker(self.full_names.get(name, name), "ORG", Span(entity.start, more.end()))
        if entity.label != "NORP":
            return self._speaker(entity)
        role = re.match(r"\s+([a-z]+)\b", self.text[entity.end : end])
        if role and role.group(1) in ORG_ROLES and re.search(r"\bthe\s+$", self.text[max(0, entity.start - 5) : entity.start]):
            return Speaker(self.text[entity.start : entity.end + role.end()], "ORG", Span(entity.start, entity.end + role.end()))
        return None

    def _unrecognised(self, start: int, end: int) -> Speaker | None:
        """A name the model missed: a run of capitalised words or an acronym (an organisation's name),
        else a word ending a person's name of the article ("Geingob")."""
        for run in reversed(list(_CAPITALISED.finditer(self.text, start, end))):
            words = [w for w in run.group().split() if w.casefold() not in _NOT_NAMES]
            if not words or (len(words) < 2 and not run.group().isupper()):
                continue
            name = " ".join(run.group().split())
            while name.split()[0].casefold() in _NOT_NAMES:
                name = name.split(" ", 1)[1]
            return Speaker(self.full_names.get(name, name), "ORG", Span(run.start(), run.end()))
        for word in reversed(list(_WORD.finditer(self.text, start, end))):
            known = self.by_last_word.get(re.sub(r"['’]s$", "", word.group()))
            if known is not None:
                return self._speaker(known, Span(word.start(), word.end()))
        return None


_TITLE_BEFORE = re.compile(r"\b(Mr|Mrs|Ms|Miss)\.?\s+$")


def _genders(text: str, names: list[Entity], sentences: list[Span]) -> dict[str, str]:
    """ "he" or "she" for the people the article says it of: a title before a name ("Ms Buchtmann"),
    or a sentence opening with "He" or "She" after one that names a single person. Possessives
    are no evidence ("Meltzer tweeted after hearing the news of her death")."""
    votes: dict[str, list[int]] = {}
    starts = [e.start for e in names]
    for entity in names:
        title = _TITLE_BEFORE.search(text, max(0, entity.start - 6), entity.start) if entity.label == "PERSON" else None
        if title:
            votes.setdefault(entity.canonical, [0, 0])[0 if title.group(1) == "Mr" else 1] += 1
    for before, sentence in zip(sentences, sentences[1:], strict=False):
        opening = re.match(r"\s*(He|She)\b", text[sentence.start : sentence.start + 5])
        if not opening:
            continue
        i = bisect_left(starts, before.start)
        people = set()
        while i < len(names) and names[i].start < before.end:
            if names[i].label == "PERSON":
                people.add(names[i].canonical)
            i += 1
        if len(people) == 1:
            votes.setdefault(people.pop(), [0, 0])[0 if opening.group(1) == "He" else 1] += 1
    return {name: ("he" if he > she else "she") for name, (he, she) in votes.items() if he != she}


def person_shaped(name: str) -> bool:
    """Two or three capitalised words and no organisation's word: "Hage Geingob", not "Supreme Court"."""
    return bool(_PERSON_SHAPE.fullmatch(name)) and not ORG_WORDS.search(name)


def _clean(name: str) -> str:
    """A name without a leading "the" or a bracket the model took with it ("the World Health
    Organization (WHO" is "World Health Organization"), as the corpus links organisations."""
    name = name.split(" (")[0].strip(" (") or name
    return name[4:] if name[:4].casefold() == "the " and len(name) > 4 else name


def _without(text: str, start: int, end: int, names: list[Entity]) -> str:
    pieces, at = [], start
    for entity in names:
        pieces.append(text[at : entity.start])
        at = entity.end
    return "".join(pieces) + text[at:end]


def _head(text: str, start: int, end: int) -> str:
    found = _WORD.findall(text, start, end)
    return found[-1].casefold() if found else ""


def _last_word_span(text: str, start: int, end: int) -> Span:
    words = list(_WORD.finditer(text, start, end))
    return Span(words[-1].start(), words[-1].end()) if words else Span(start, end)


def subject_phrase(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The subject's words in text[start:end]: the last comma-separated piece, with the piece before
    it when it ends in an apposition ("Satyendra Jain, the city's home minister,"); a leading
    "but" or "and" dropped. None when nothing is left (an elided subject)."""
    piece = text[start:end].rstrip()
    appositive = piece.endswith(",")
    cuts = [m.end() for m in re.finditer(r"[,;:—–]", piece.rstrip(","))]
    if appositive and cuts and re.match(r"\s*(?:who|which|whose|whom)\b", piece[cuts[-1] :]):
        # "Denzel Washington, who paid for Boseman to attend BADA, stated": the relative clause is not the subject
        piece = piece[: cuts[-1]]
        cuts = [m.end() for m in re.finditer(r"[,;:—–]", piece.rstrip(","))]
    keep = 2 if appositive else 1
    first = cuts[-keep] if len(cuts) >= keep else 0
    lead = _LEAD.match(piece, first)
    first = lead.end() if lead else first
    while first < len(piece) and piece[first] in " ,":
        first += 1
    stop = len(piece.rstrip(", "))
    return (start + first, start + stop) if stop > first else None
