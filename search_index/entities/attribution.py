"""What direct and reported speech share: one document read for attributions, and the words of one.

`Attribution` holds a document's text with its quotations masked (`quote_marks.py`), its
sentences and its speakers (`speakers.py`); `quotations.py` (direct) and `reported.py`
(indirect) ask it whether a verb is speech here, who its subject is, who an "according to"
names, and build the records. Pure text rules, no model.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..records import Entity, Quotation, Span
from .quote_marks import Inside, abbreviation_at, masked, paragraphs_of, quoted_runs, sentences
from .speakers import Speaker, Speakers
from .speech import BEFORE_VERB, COURT_WORDS, FINITE, NOT_SPEECH_BEFORE, NOUN_FORM_RE, NOUN_FORMS, PERSON_ROLES

WORDS = re.compile(r"[\w'’-]+")
# Words that open an adverbial, not a subject: "said on Twitter:", "told the court that, over …,".
PREPOSITION = re.compile(
    r"(?:on|in|at|of|about|via|during|after|before|through|over|from|with|to|for|under|outside|inside|by|while|when|upon"
    r"|earlier|later|yesterday|today|tonight|recently|previously|again|also|once|then|last|this|publicly|repeatedly|further)\b",
    re.IGNORECASE,
)
_RECIPIENT = re.compile(
    r"\s*(?:reporters|journalists|the (?:press|media|court|jury|audience|crowd|committee|newspaper|paper|broadcaster|station)"
    r"|an? (?:interviewer|reporter|journalist|news conference|press conference|crowd)|me|us|him|her|them|Wikinews)\b",
    re.IGNORECASE,
)
# A few words, then "that", a subject pronoun, a colon or a quotation: those words are who was told.
_SHORT_RECIPIENT = re.compile(
    r"((?:\s+(?!(?:to|that|he|she|they|it|we|I|there|you)\b)[\w'’.-]+){1,5}?)"
    r"(?=\s*(?:that\b|[,:]?\s*[\"“]|:)|\s+(?:he|she|they|it|we|I|there)\b)"
)
_END_PUNCTUATION = " \t.!?,;:…"
_PHRASE_PUNCTUATION = re.compile(r"[,;:!?\"“(]|\.(?!\w)")
_PHRASE_STOP = re.compile(r"[,;:!?\"“(]|\.(?!\w)|\s(?:after|before|during|while|when|on|in|at|via)\s")


class Attribution:
    """One document read for attributions: text, masked text, paragraphs, runs, sentences, speakers."""

    def __init__(self, text: str, entities: Sequence[Entity], paragraphs: Sequence[Span] | None) -> None:
        self.text = text
        self.paragraphs = paragraphs_of(text, paragraphs)
        self.runs = quoted_runs(text, self.paragraphs)
        self.plain = masked(text, self.runs)
        self.sentences = [s for p in self.paragraphs for s in sentences(self.plain, p)]
        self.speakers = Speakers(text, entities, self.sentences, Inside(self.runs))

    def sentence_at(self, at: int) -> Span:
        return self.sentences[self.speakers.sentence_index(at)]

    def paragraph_index(self, at: int) -> int:
        for number, paragraph in enumerate(self.paragraphs):
            if at < paragraph.end:
                return number
        return len(self.paragraphs) - 1

    def is_speech(self, verb: re.Match, region: int) -> bool:
        """Is this speech verb used as one here (not "is said to", "full state honors", "a warning")?"""
        if verb.group() in NOUN_FORMS and not NOUN_FORM_RE.match(self.plain, verb.end()):
            return False  # "state", "states": only in "states that", "stated: "…""
        return not NOT_SPEECH_BEFORE.search(self.plain, max(region, verb.start() - 24), verb.start())

    def speaker_before(self, verb: re.Match, region: int, spoken: Speaker | None = None) -> Speaker:
        """The subject of a speech verb, from the words before it since `region`; a participle's
        ("…, adding") is its sentence's; an elided one ("… but denied") the clause's before."""
        if verb.group().casefold().endswith("ing"):
            return self.speakers.main_subject(verb.start())
        before = BEFORE_VERB.sub("", self.plain[region : verb.start()])
        if re.search(r"(?:^|[\s,])(?:and|but|then|or)\s*$", before):
            return spoken or self.speakers.main_subject(verb.start())
        cut = max(before.rfind(" that "), before.rfind(" then "))
        start = region + (cut + 1 if cut >= 0 else 0)
        return self.speakers.subject(start, region + len(before))

    def source(self, start: int, end: int) -> Speaker:
        """The speaker after "according to": "his wife, Amanda," names Amanda."""
        named = self.speakers.named_by(start, end)
        head = WORDS.findall(self.plain, start, end)[-1:]
        after = re.match(r",\s*([^,.;]{1,60}),", self.plain[end : end + 64])
        if head and head[0] in PERSON_ROLES and after and not finite(after.group(1)):
            # "his wife, Amanda,", "the Crown prosecutor, Mark Tedeschi, QC,": the role's name follows it
            apposition = self.speakers.named_by(end + after.start(1), end + after.end(1))
            if apposition is None and re.fullmatch(r"\s*[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*\s*", after.group(1)):
                apposition = Speaker(after.group(1).strip(), "PERSON", Span(end + after.start(1), end + after.end(1)))
            if apposition is not None and apposition.name is not None:
                return Speaker(apposition.name, "PERSON", apposition.mention)
        return named or self.speakers.subject(start, end)

    def cue_words(self, verb: re.Match, word: str) -> str:
        """The cue as written: the verb, with its recipient after "told" ("told reporters")."""
        if word == "tell":
            end = self.recipient(verb.end())
            if end > verb.end():
                return self.text[verb.start() : end].strip()
        return verb.group()

    def recipient(self, start: int) -> int:
        """Where the recipient after "told" ends ("told reporters", "told The Atlantic", "told local
        media that", "told the paper he"), else `start`."""
        named = [e for e in self.speakers.within(start, start + 60) if self.plain[start : e.start].strip() in ("", "the", "The")]
        if named:
            return named[0].end
        found = _RECIPIENT.match(self.plain, start)
        if found:
            return found.end()
        short = _SHORT_RECIPIENT.match(self.plain[start : start + 80])
        if short and not finite(short.group(1)):
            return start + short.end(1)
        return start

    def by_court(self, speaker: Speaker, verb: re.Match, sentence: Span) -> bool:
        """ "ruled", "found", "determined" report a court's or a judge's words only."""
        return bool(COURT_WORDS.search((speaker.name or "") + " " + self.plain[sentence.start : verb.start()]))

    def phrase_end(self, start: int, end: int, prepositions: bool = True) -> int:
        """The end of a noun phrase from `start`: the next comma, full stop (not "Dr."'s) or opening
        mark, or (`prepositions`) a time or place after it ("said Kipchoge after the run")."""
        for stop in (_PHRASE_STOP if prepositions else _PHRASE_PUNCTUATION).finditer(self.plain, start, end):
            if stop.group() == "." and abbreviation_at(self.plain, stop.start()):
                continue
            if stop.group() == "," and re.match(r",\s*\d{4}\b", self.plain[stop.start() : end]):
                continue  # "a March 14, 2019 NATO press release"
            return self.trimmed_end(start, stop.start())
        return self.trimmed_end(start, end)

    def trimmed_end(self, start: int, end: int) -> int:
        """`end` moved back over spaces and punctuation, not before `start`."""
        while end > start and (self.plain[end - 1] in _END_PUNCTUATION or self.plain[end - 1].isspace()):
            end -= 1
        return end

    def stripped(self, start: int, end: int) -> Span:
        while start < end and self.plain[start] in " ,":
            start += 1
        return Span(start, self.trimmed_end(start, end))

    def quotation(self, kind: str, parts: list[Span], speaker: Speaker, cue: str | None) -> Quotation:
        """The record: parts broken by an attribution are joined by " … ", by a paragraph break by a newline."""
        pieces = []
        for number, part in enumerate(parts):
            if number:
                between = self.text[parts[number - 1].end : part.start]
                pieces.append("\n" if "\n" in between and not WORDS.search(between) else " … ")
            pieces.append(self.text[part.start : part.end])
        return Quotation(
            text="".join(pieces),
            kind=kind,
            start=parts[0].start,
            end=parts[-1].end,
            parts=tuple(parts),
            speaker=speaker.name,
            label=speaker.label if speaker.name else None,
            speaker_span=speaker.mention,
            cue=cue,
        )


def finite(words: str) -> bool:
    """Is there a finite verb among `words` (a possessive "'s" is not "is")?"""
    return bool(FINITE.search(re.sub(r"['’]s\b", "", words)))
