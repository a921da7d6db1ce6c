"""Document consistency: the model's spans of one document -> its entities.

Every rule here spreads or changes a label only with evidence: the model's own
votes for that surface form in the document and, when the corpus is known, in
the other documents (`votes`, surface -> label counts). Each rule's effect is
measured by `benchmarks/entity_quality.py`.

Everything is indexed (names by their first and last words, mentions by
position, missed mentions found by one pass over the words): linear in the
document's length. The all-pairs version took 18 s on a 500 KB document.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import replace

from .cues import decided_names, person_cues
from .names import NAME_LABELS, Entity, clean_name, name_tokens
from .nested import add_nested, known_names
from .not_names import NOT_A_NAME, not_names, piece_of
from .proper import proper_spans


class CorpusEvidence:
    """The model's votes in other documents: surface form -> label counts.

    Only forms with >= RECALL_MIN_VOTES votes for one label matter (weaker
    ones can neither overrule a document nor be recalled), so only those are kept.
    """

    def __init__(self, votes: Mapping[str, Counter] | None = None) -> None:
        self.votes: dict[str, Counter] = {}
        self.by_first: dict[str, list[tuple[list[str], str, str | None]]] = defaultdict(list)
        for name, counts in (votes or {}).items():
            self.update(name, counts)

    def update(self, name: str, counts: Counter) -> None:
        old = name in self.votes
        if not counts or max(counts.values()) < RECALL_MIN_VOTES:
            if old:
                del self.votes[name]
                self._unindex(name)
            return
        self.votes[name] = counts
        if old:
            self._unindex(name)
        label, top, total = _dominant(counts)
        tokens = name_tokens(name)
        if label in RECALL_LABELS and top >= CORPUS_MIN_SHARE * total and name[:1].isupper() and tokens and len(name) > 1:
            self.by_first[tokens[0]].append((tokens, name, label))
            self.by_first[tokens[0]].sort(key=lambda item: -len(item[0]))

    def _unindex(self, name: str) -> None:
        tokens = name_tokens(name)
        if tokens and tokens[0] in self.by_first:
            self.by_first[tokens[0]] = [item for item in self.by_first[tokens[0]] if item[1] != name]

    def get(self, name: str) -> Counter | None:
        return self.votes.get(name)

    def label_of(self, name: str) -> str | None:
        """The label the corpus clearly gives `name` (the bar recall uses), else None."""
        label, top, total = _dominant(self.votes.get(name) or Counter())
        return label if top >= RECALL_MIN_VOTES and top >= CORPUS_MIN_SHARE * total else None


_NO_EVIDENCE = CorpusEvidence()

SPREAD_MIN_VOTES = 2  # a one-word name the model labelled once ("PERSON Twitter") is not spread
SPREAD_MIN_SHARE = 2 / 3  # ... nor one whose votes disagree ("pro-Beijing": PERSON 2, NORP 2)
CORPUS_MIN_VOTES = 4  # corpus votes that can overrule a document's own
CORPUS_MIN_SHARE = 0.8
RECALL_MIN_VOTES = 3  # corpus votes for a name to be marked where the model missed it
RECALL_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC"})
# Words before a capitalised word that make it a thing, not a name: "the Bill", "a Mercedes".
_DETERMINERS = frozenset(
    {
        "the",
        "a",
        "an",
        "this",
        "that",
        "these",
        "those",
        "its",
        "their",
        "his",
        "her",
        "our",
    }
)
_WORD_RE = re.compile(r"\w+(?:[-'’.]\w+)*")


def not_a_name(counts: Counter) -> bool:
    """The corpus's documents say this is no name (`not_names.py`: a time zone, a disease) in at
    least a third as many mentions as the model labelled it, and in a few at least."""
    against = counts.get(NOT_A_NAME, 0)
    return against >= CORPUS_MIN_VOTES and against * 3 >= sum(counts.values()) - against


def _dominant(counts: Counter) -> tuple[str | None, int, int]:
    """(label, its votes, all votes)."""
    if not counts:
        return None, 0, 0
    label, top = counts.most_common(1)[0]
    return label, top, sum(counts.values())


RULES = frozenset({"cues", "nested"})  # the optional rules, each switched off alone by the quality script


def make_consistent(
    text: str,
    raw: Iterable[tuple[int, int, str]],
    corpus: CorpusEvidence | None = None,
    rules: frozenset[str] = RULES,
) -> list[Entity]:
    """Model spans -> consistent entities for one document.

    1. A span never crosses a line (each line is a paragraph). Words around a
       name that say it is a person make it one (`cues.py`: "X, a spokeswoman").
    2. A headline span that begins with a person named elsewhere in the text
       ("Trump After G20 Summit") is cut down to that person.
    3. Each surface name takes the label most of its mentions have; the
       corpus overrules a document only with strong evidence (>= 4 votes,
       >= 80% one label, more than the document's own votes).
    4. A surname or first name alone ("Ishiba") joins the full person name
       the document uses ("Shigeru Ishiba"): label and canonical name.
    5. Mentions the model missed of a well-attested name are added: names
       with >= 2 agreeing votes, full person names and their surnames, and
       (with `corpus`) names the corpus knows well.
    6. Known people and places inside other names are marked too: the person
       in "the Andy Warhol Foundation" (`nested.py`).
    """
    votes = corpus or _NO_EVIDENCE
    spans = []
    for start, end, label in raw:
        newline = text.find("\n", start, end)
        if newline != -1:
            end = newline
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end, label))
    spans = proper_spans(text, spans, NAME_LABELS)
    model = set(spans)
    spans = person_cues(text, sorted(spans)) if "cues" in rules else spans
    cued = decided_names(text, model, spans) if "cues" in rules else set()
    spans, decided = not_names(text, spans) if "cues" in rules else (spans, {})
    refused = {name for name, verdict in decided.items() if not verdict}
    if votes.votes:  # names the corpus says are none, where nothing here says otherwise
        known = {clean_name(text[s:e]) for s, e, _ in spans}
        refused |= {name for name in known if name not in cued and not_a_name(votes.get(name) or Counter())}
        spans = [span for span in spans if clean_name(text[span[0] : span[1]]) not in refused]
    cued |= set(decided)

    names: dict[str, Counter] = defaultdict(Counter)
    for start, end, label in spans:
        if label in NAME_LABELS:
            names[clean_name(text[start:end])][label] += 1
    label_of = {name: _label_for(counts, None if name in cued else votes.get(name)) for name, counts in names.items()}
    person_for = _PersonIndex(text, spans, label_of)
    full_org = _full_organisations(label_of)

    headline_end = text.find("\n") if "\n" in text else len(text)
    entities: list[Entity] = []
    for start, end, label in spans:
        name = clean_name(text[start:end])
        if start < headline_end and label in NAME_LABELS and label != "PERSON":
            tokens = name_tokens(name)
            head = tokens[0] if tokens else ""
            if names[name][label] == 1 and (label_of.get(head) == "PERSON" or person_for(head, start)):
                end = start + len(head)
                name, label = head, "PERSON"
        canonical = name
        if label in NAME_LABELS:
            # One name, one type; but a language's name is also its nation's ("English captain").
            label = label if {label, label_of.get(name)} == {"LANGUAGE", "NORP"} else label_of.get(name, label)
            canonical = full_org.get(name, name) if label == "ORG" else name
            full = person_for(name, start)
            # A full person name here outweighs a place label on its last word alone
            # ("Valeska Paris" ... "Paris", "Tove Aasland" ... "Aasland" tagged GPE).
            if full and (label in ("PERSON", "ORG", "NORP", "GPE") or names[name].get("PERSON")):
                label, canonical = "PERSON", full
        entities.append(Entity(start, end, label, text[start:end], canonical))
    entities = _add_missed(text, entities, names, votes, person_for, frozenset(refused))
    return add_nested(text, entities, known_names(entities, votes.label_of)) if "nested" in rules else entities


def _full_organisations(label_of: dict[str, str]) -> dict[str, str]:
    """A one-word organisation -> the document's only "<it> of ..." ("House" -> "House of Representatives",
    "Court" -> "Court of Appeal"): the full name is near, so the word alone is its short form."""
    found: dict[str, set[str]] = defaultdict(set)
    for name, label in label_of.items():
        head, of, rest = name.partition(" of ")
        if label == "ORG" and of and rest and " " not in head and label_of.get(head) == "ORG":
            found[head].add(name)
    return {head: next(iter(names)) for head, names in found.items() if len(names) == 1}


def _label_for(doc_votes: Counter, corpus_votes: Counter | None) -> str:
    label, top, _ = _dominant(doc_votes)
    if label is None:
        raise ValueError("a name without votes")
    if corpus_votes:
        other, other_top, other_all = _dominant(corpus_votes)
        if (
            other != label
            and other in NAME_LABELS
            and other_top >= CORPUS_MIN_VOTES
            and other_top >= CORPUS_MIN_SHARE * other_all
            and other_top > top
        ):
            return other
    return label


class _PersonIndex:
    """The full person name a one- or two-word name belongs to, nearest mention before first."""

    def __init__(self, text: str, spans: list[tuple[int, int, str]], label_of: dict[str, str]) -> None:
        self.by_part: dict[tuple[str, ...], list[str]] = defaultdict(list)
        people = [name for name, label in label_of.items() if label == "PERSON" and len(name_tokens(name)) > 1]
        # A full name does not begin with another person's surname: "Warhol Polaroid" is his camera.
        surnames = {name_tokens(p)[-1] for p in people}
        self.people = [p for p in people if name_tokens(p)[0] not in surnames]
        for person in self.people:
            tokens = tuple(name_tokens(person))
            for n in (1, 2):
                if n < len(tokens):
                    self.by_part[tokens[-n:]].append(person)
                    if tokens[:n] != tokens[-n:]:
                        self.by_part[tokens[:n]].append(person)
        self.starts: dict[str, list[int]] = defaultdict(list)
        wanted = set(self.people)
        for start, end, _ in spans:
            name = clean_name(text[start:end])
            if name in wanted:
                self.starts[name].append(start)

    def surnames(self) -> dict[str, str]:
        """Last word -> the only full person name ending with it."""
        found: dict[str, str] = {}
        for part, people in self.by_part.items():
            if len(part) == 1 and len(set(people)) == 1 and name_tokens(people[0])[-1] == part[0]:
                found[part[0]] = people[0]
        return found

    def __call__(self, name: str, at: int) -> str | None:
        tokens = tuple(name_tokens(name))
        if not tokens or len(tokens) > 2:
            return None
        candidates = [p for p in dict.fromkeys(self.by_part.get(tokens, ())) if p != name]
        if len(candidates) <= 1:
            return candidates[0] if candidates else None

        def last_before(person: str) -> int:
            starts = self.starts.get(person, [])
            i = bisect_left(starts, at)
            return starts[i - 1] if i else -1

        # The person the document names most ("Trump" after "Melania Trump" is Donald Trump where
        # he is named twice as often); among equals, the one named last before.
        named = sorted((len(self.starts.get(person, ())) for person in candidates), reverse=True)
        if named[0] > named[1]:
            return max(candidates, key=lambda person: (len(self.starts.get(person, ())), person))
        return max(candidates, key=lambda person: (last_before(person), person))


def _add_missed(
    text: str,
    entities: list[Entity],
    names: dict[str, Counter],
    votes: CorpusEvidence,
    person_for,
    refused: frozenset[str] = frozenset(),
) -> list[Entity]:
    """Mentions of a name with evidence that the model missed here (never of a name `refused`)."""
    known: dict[str, Entity] = {}
    for entity in entities:
        name = clean_name(entity.text)
        if entity.label not in NAME_LABELS or name in known:
            continue
        label, top, total = _dominant(names[name])
        multiword_person = entity.label == "PERSON" and len(name_tokens(name)) > 1
        agreed = top >= SPREAD_MIN_VOTES and top >= SPREAD_MIN_SHARE * total
        own = entity.label == "PERSON" and entity.canonical != name  # a surname of a full name here
        if (multiword_person or agreed or own) and not _corpus_disagrees(name, entity.label, votes):
            known[name] = entity
    if isinstance(person_for, _PersonIndex):
        for surname, person in person_for.surnames().items():
            if surname not in known and surname not in names and len(surname) > 2 and surname[0].isupper():
                model = next(
                    (e for e in entities if e.canonical == person and e.label == "PERSON"),
                    None,
                )
                if model is not None:
                    known[surname] = replace(model, text=surname)
    if not known and not votes.by_first:
        return sorted(entities, key=lambda e: e.start)
    by_first: dict[str, list[tuple[list[str], str, str | None]]] = defaultdict(list)  # None: a name known here
    for name in known:
        tokens = name_tokens(name)
        if tokens and len(name) > 1:
            by_first[tokens[0]].append((tokens, name, None))
    for first, candidates in by_first.items():
        candidates += votes.by_first.get(first, [])
        candidates.sort(key=lambda item: -len(item[0]))
    covered = sorted((e.start, e.end) for e in entities)
    starts = [s for s, _ in covered]
    max_len = max((e - s for s, e in covered), default=0)
    added: list[Entity] = []
    taken_until = -1
    # One pass over the words, none kept: a 20 MB text has ~3.5 million of them.
    for word in _WORD_RE.finditer(text):
        if word.start() < taken_until:
            continue
        names_here = by_first.get(word.group()) or votes.by_first.get(word.group())
        if not names_here:
            continue
        start = word.start()
        for _tokens, name, label in names_here:
            end = start + len(name)
            if not text.startswith(name, start) or _inside_word(text, start, end) or name in refused:
                continue
            if _overlaps(covered, starts, max_len, start, end):
                break
            if name in known:
                model = known[name]
                if " " not in name and piece_of(text, start, end, model.label, covered):
                    break  # "Liberal Democrats", "English Channel": not a mention of the document's name
                added.append(replace(model, start=start, end=end, text=name))
            elif label is not None and name not in names and _looks_like_name(text, start, end):
                added.append(Entity(start, end, label, name, name))
            else:
                break
            taken_until = end
            break
    return sorted(entities + added, key=lambda e: e.start)


def _corpus_disagrees(name: str, label: str, votes: CorpusEvidence) -> bool:
    other = votes.label_of(name)
    return other is not None and other != label


_LAST_WORD = re.compile(r"(\w+)\W*$")
_NEXT_WORD = re.compile(r" (\w)")


def _looks_like_name(text: str, start: int, end: int) -> bool:
    """Case rules for a recalled name: not after a determiner ("the Bill"), not the first word of a
    sentence, not part of a longer capitalised name ("Bill" of "Bill Gates")."""
    before = text[max(0, start - 24) : start]
    last = _LAST_WORD.search(before)
    if last and last.group(1).casefold() in _DETERMINERS:
        return False
    following = _NEXT_WORD.match(text, end)
    if following and following.group(1).isupper():
        return False
    before = before.rstrip(" ")
    return not (start == 0 or before.endswith((".", "!", "?", "\n", "“", '"')) or before == "")


def _inside_word(text: str, start: int, end: int) -> bool:
    return (start > 0 and (text[start - 1].isalnum() or text[start - 1] == "-")) or (
        end < len(text) and (text[end].isalnum() or text[end] == "-")
    )


def _overlaps(
    covered: list[tuple[int, int]],
    starts: list[int],
    max_len: int,
    start: int,
    end: int,
) -> bool:
    i = bisect_left(starts, start - max_len)
    while i < len(covered) and covered[i][0] < end:
        if covered[i][1] > start:
            return True
        i += 1
    return False
