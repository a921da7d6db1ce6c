"""Reported (indirect) speech: `X said (that) …`, `…, X said.`, `A, he said, B`, `according to X, …`.

The reported clause runs from the first word after the cue (after "that", after `according
to X,`) to the end of the clause: the sentence's end, a semicolon, a second cue (`…, adding
that …`, `… but denied that …`), or the end of a subordinate clause the cue is in ("After X
said …, Y"). Without "that", a clause is told from an object ("announced a ban", "conceded a
penalty which …") by its finite verb, before any relative pronoun; verbs that mostly take
objects (`THAT_ONLY`) need the "that". Quoted fragments inside a reported clause are part of it.
"""

from __future__ import annotations

import re

from ..records import Quotation, Span
from .attribution import PREPOSITION, WORDS, Attribution, finite
from .quote_marks import MARKS
from .speakers import Speaker
from .speech import (
    ACCORDING_TO,
    BEFORE_VERB,
    CLAUSE_VERBS,
    COURT_VERBS,
    FINITE,
    NOT_SOURCES,
    PERSON_ROLES,
    PRONOUN_SUBJECT,
    QUESTION_VERBS,
    SPEAKING_NOUNS,
    THAT_ONLY,
    VERB_RE,
    lemma,
)

_NOT_CLAUSE_START = re.compile(
    r"(?:to|for|about|on|of|in|at|with|by|from|into|that|and|or|but|so|as|if|when|nothing|goodbye|hello|thanks|sorry|yes|no)\b",
    re.IGNORECASE,
)
_CLAUSE_END = re.compile(
    r";|:\s*[\"“]|,\s*according to\b|,?\s*(?:and |while |before |then )?(?:adding|saying|noting|stating|claiming|arguing"
    r"|explaining|insisting|warning|writing|telling)\b"
    r"|\s(?:but|and)\s+(?:also\s+)?(?:said|says|told|added|denied|claimed|stated|noted|insisted|warned|admitted|argued)\b",
    re.IGNORECASE,
)
_SUBORDINATE = re.compile(
    r"\s*(?:after|when|while|although|though|because|since|as|if|before|once|until|whereas)\b", re.IGNORECASE
)
_APPOSITION_START = re.compile(
    r"\s*(?:the |a |an |his |her |its |their |[A-Z]|(?:" + "|".join(sorted(PERSON_ROLES)) + r")\b)"  # ", director of …,"
)
_NEW_CLAUSE = re.compile(r"\s*(?:but|and|while|although|though|as|so|yet|however|with)\b", re.IGNORECASE)
_ADJECTIVE = re.compile(r"\b(?:the|a|an|his|her|its|their|this|these|those)\s+\w+ed\b", re.IGNORECASE)
_RELATIVE = re.compile(r"\b(?:which|who|whom|whose|that)\b")


def reported_speech(doc: Attribution) -> list[Quotation]:
    """Every reported clause of the document, at most one per stretch of text."""
    found: list[Quotation] = []
    for sentence in doc.sentences:
        spoken: Speaker | None = None
        for verb in VERB_RE.finditer(doc.plain, sentence.start, sentence.end):
            word = lemma(verb.group())
            if word is None or word not in CLAUSE_VERBS | QUESTION_VERBS or not doc.is_speech(verb, sentence.start):
                continue
            quotation = _reported(doc, verb, word, sentence, spoken)
            if quotation is not None:
                found.append(quotation)
                spoken = Speaker(quotation.speaker, quotation.label, None)
                doc.speakers.remember(verb.start(), spoken)
        for phrase in ACCORDING_TO.finditer(doc.plain, sentence.start, sentence.end):
            quotation = _according(doc, phrase, sentence)
            if quotation is not None:
                found.append(quotation)
                doc.speakers.remember(phrase.start(), Speaker(quotation.speaker, quotation.label, None))
    return _without_overlaps(found)


def _reported(doc: Attribution, verb: re.Match, word: str, sentence: Span, spoken: Speaker | None) -> Quotation | None:
    if re.search(r"[\"”»][\s,]*$", doc.plain[sentence.start : verb.start()]):
        return None  # `"…," said Bolden to the crowd`: the attribution of a direct quotation
    content = _clause_after(doc, verb, word, sentence)
    if content is not None and _SUBORDINATE.match(doc.plain, sentence.start, verb.start()):
        # "After Trump suggested that mail-in voting could result in fraud, debate ceased": the
        # reported clause ends where the subordinate clause does.
        comma = doc.plain.find(",", content.start, content.end)
        content = Span(content.start, doc.trimmed_end(content.start, comma)) if comma != -1 else content
    if content is not None:
        speaker = doc.speaker_before(verb, sentence.start, spoken)
        if word in COURT_VERBS and not doc.by_court(speaker, verb, sentence):
            return None
        return doc.quotation("indirect", [content], speaker, doc.cue_words(verb, word))
    inverted = _inverted(doc, verb, word, sentence)
    if inverted is None or word in COURT_VERBS:
        return None
    parts, speaker = inverted
    return doc.quotation("indirect", parts, speaker, doc.cue_words(verb, word))


def _clause_after(doc: Attribution, verb: re.Match, word: str, sentence: Span) -> Span | None:
    """The clause a cue reports, forward from it: `said (that) …`, `told reporters …`, `asked whether …`."""
    plain = doc.plain
    start = verb.end()
    if word == "tell":
        start = doc.recipient(start)
        if start == verb.end() and not re.match(r"\s+that\b", plain[start:]):
            return None
    tail_end = doc.trimmed_end(sentence.start, sentence.end)
    window = plain[start:tail_end]
    if word in QUESTION_VERBS:
        question = re.match(r"\s+(?:whether|if)\b", window)
        return _content(doc, start + question.end(), tail_end) if question else None
    that = re.search(r"\bthat\b", window[:90])
    if that:
        gap = window[: that.start()].strip(" ,")
        told = word == "tell" and len(WORDS.findall(gap)) <= 3  # "told the NRK broadcaster that"
        if not gap or ((PREPOSITION.match(gap) or told) and not finite(gap)):  # "said on Monday that"
            begin = start + that.end()
            while begin < tail_end and plain[begin] in " ,":
                begin += 1
            return _content(doc, begin, tail_end)
    if word in THAT_ONLY or word in COURT_VERBS and not window[:1].isspace():
        return None
    lead = re.match(r"\s+", window)
    begin = start + (lead.end() if lead else 0)
    if begin >= tail_end or plain[begin] in MARKS or plain[begin] in ",:;.(" or _NOT_CLAUSE_START.match(plain, begin):
        return None
    words = WORDS.findall(re.split(r"[,:;\"“]", plain[begin:tail_end])[0])
    if len(words) < 2:
        return None
    if not PRONOUN_SUBJECT.match(plain, begin):
        following = re.sub(r"['’]s\b", "  ", " ".join(words[1:14]))  # a possessive is no "is"
        following = _ADJECTIVE.sub(lambda m: " " * len(m.group()), following)  # "the gathered crowd"
        verb_found = FINITE.search(following)
        relative = _RELATIVE.search(following)
        if verb_found is None or (relative and relative.start() < verb_found.start()):
            return None  # "conceded a penalty which the referee awarded": an object, not a clause
    return _content(doc, begin, tail_end)


def _content(doc: Attribution, begin: int, tail_end: int) -> Span | None:
    plain = doc.plain
    if begin >= tail_end or plain[begin] in MARKS:
        return None  # `said that "…"`: a direct quotation
    if PREPOSITION.match(plain, begin) and re.match(r"[^\"“.;]{1,80},\s*[\"“]", plain[begin:tail_end]):
        return None  # `told the court that, over the last five months, "…"`: direct too
    stop = _CLAUSE_END.search(plain, begin, tail_end)
    end = doc.trimmed_end(begin, stop.start() if stop else tail_end)
    return Span(begin, end) if len(WORDS.findall(plain, begin, end)) >= 2 else None


def _inverted(doc: Attribution, verb: re.Match, word: str, sentence: Span) -> tuple[list[Span], Speaker] | None:
    """`…, X said.`, `…, said X.`, `A, he said, B`, `…, as X noted, …`: the clause around the attribution."""
    if word in QUESTION_VERBS or word in ("order", "recommend"):
        return None
    plain = doc.plain
    before = plain[sentence.start : verb.start()]
    comma = max(before.rfind(","), before.rfind("—"))
    if comma < 0:
        return None
    comma += sentence.start
    subject = re.sub(r"^\s*as\s+", "", plain[comma + 1 : verb.start()])
    if len(WORDS.findall(subject)) > 8 or finite(BEFORE_VERB.sub("", subject)) or "that" in subject.split():
        return None
    tail_end = doc.trimmed_end(sentence.start, sentence.end)
    rest = plain[verb.end() : tail_end]
    first = Span(sentence.start, doc.trimmed_end(sentence.start, comma))
    if first.end <= first.start or len(WORDS.findall(plain, first.start, first.end)) < 3:
        return None
    if plain[first.end - 1] in MARKS and not fragment_in_clause(doc, first.start, first.end):
        return None  # `"…," X said`: a direct quotation
    if rest.lstrip().startswith(","):  # "The plan, he said, would fail."
        second = verb.end() + rest.index(",") + 1
        if plain[second:tail_end].lstrip()[:1] in MARKS or _NEW_CLAUSE.match(plain, second):
            return None
        parts = [first, doc.stripped(second, tail_end)]
    elif len(WORDS.findall(rest)) <= 8 and not finite(rest) and "that" not in rest.split() and not any(m in rest for m in MARKS):
        if subject.strip() and rest.strip() and not PREPOSITION.match(rest.lstrip()):
            return None  # "…, who mentioned it to Trump": the verb has an object, it reports nothing here
        parts = [first]
    else:
        return None
    if not finite(" ".join(plain[p.start : p.end] for p in parts)):
        return None  # "One of South Sudan's Vice Presidents, X, also commented on …": no clause reported
    if subject.strip():
        speaker = doc.speakers.subject(comma + 1, verb.start() - len(subject) + len(BEFORE_VERB.sub("", subject)))
    else:  # "…, said the minister." but not "…, announced the end of his campaign."
        stop = doc.phrase_end(verb.end(), tail_end)
        named = doc.speakers.named_by(verb.end(), stop)
        head = WORDS.findall(plain, verb.end(), stop)[-1:]
        if word in THAT_ONLY or (named is None and not (head and head[0].casefold() in SPEAKING_NOUNS)):
            return None
        speaker = named or doc.speakers.subject(verb.end(), stop)
    return [p for p in parts if p.end > p.start], speaker


def fragment_in_clause(doc: Attribution, start: int, end: int) -> bool:
    """Does the quotation ending at `end` open mid-clause ("an organisation responsible for many
    "…"", "…, the candidate told Wikinews."): unquoted words of the clause before its marks, not
    an adverbial and a comma ("By this time, "…", according to …" is direct)? Then the whole
    clause is one reported quotation (the guidelines)."""
    opening = max(doc.plain.rfind(mark, start, end - 1) for mark in '"“')
    lead = doc.plain[start:opening].rstrip()
    return bool(WORDS.search(lead)) and not lead.endswith((",", ":", "—"))


def _according(doc: Attribution, phrase: re.Match, sentence: Span) -> Quotation | None:
    """`According to X, …`, `…, according to X.`, `A was, according to X, B`."""
    plain = doc.plain
    source_end = doc.phrase_end(phrase.end(), sentence.end)
    if not WORDS.search(plain, sentence.start, phrase.start()):  # "According to videos posted on social media, …"
        to_comma = doc.phrase_end(phrase.end(), sentence.end, prepositions=False)
        source_end = to_comma if len(WORDS.findall(plain, phrase.end(), to_comma)) <= 8 else source_end
    source = plain[phrase.end() : source_end].strip()
    if not source or NOT_SOURCES.match(source) or plain[phrase.end() : source_end].lstrip()[:1] in MARKS:
        return None
    speaker = doc.source(phrase.end(), source_end)
    tail_end = doc.trimmed_end(sentence.start, sentence.end)
    if re.match(r"(?:,[^,.;]{1,60}){0,2},?\s*[\"“]", plain[source_end:tail_end]):
        return None  # `according to X, "…"`: a direct quotation
    lead = plain[sentence.start : phrase.start()].strip(" ,")
    if not WORDS.search(lead) or PREPOSITION.fullmatch(lead.split()[-1] if lead.split() else ""):
        start = source_end
        for apposition in re.finditer(r",([^,]{1,60})(?=,)", plain[source_end:tail_end]):
            if apposition.start() != start - source_end or not _APPOSITION_START.match(apposition.group(1)):
                break
            if finite(apposition.group(1)):
                break
            start = source_end + apposition.end()  # "According to Sadie Weiner, Hagan's former spokeswoman, …"
        content = doc.stripped(start, tail_end)
        if content.end <= content.start or plain[content.start] in MARKS:
            return None
        parts = [content]
    else:
        before_end = doc.trimmed_end(sentence.start, phrase.start())
        if before_end <= sentence.start:
            return None
        if plain[before_end - 1] in MARKS and not fragment_in_clause(doc, sentence.start, before_end):
            return None
        parts = [Span(sentence.start, before_end)]
        rest = plain[source_end:tail_end]
        if rest.startswith(",") and WORDS.search(rest) and not _NEW_CLAUSE.match(rest[1:]):
            parts.append(doc.stripped(source_end + 1, tail_end))
    return doc.quotation("indirect", parts, speaker, doc.text[phrase.start() : phrase.end()])


def _without_overlaps(found: list[Quotation]) -> list[Quotation]:
    """One quotation per stretch of text: of two that overlap, a nested report keeps the inner one
    ("the BBC reported that X said A": X's), unless it is the same speaker's ("he said that he did
    indicate …"), then the outer one; otherwise the earlier."""
    kept: list[Quotation] = []
    for quotation in sorted(found, key=lambda q: (q.start, -q.end)):
        if kept and quotation.start < kept[-1].end:
            outer = kept[-1]
            if quotation.end <= outer.end and quotation.speaker is not None and quotation.speaker != outer.speaker:
                kept[-1] = quotation
            continue
        kept.append(quotation)
    return kept
