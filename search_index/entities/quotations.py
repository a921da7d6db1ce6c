"""Quotations of one document: who said what, from its text, paragraphs and entities.

Rules over the text and the entity phase's entities, no parser: spaCy's tagger and parser
would cost the entity phase a third or more of its throughput (benchmarks/RESULTS.md), and
these rules meet the gold set's targets without them.

- direct (here): words between quotation marks (`quote_marks.py`) with a cue beside them
  (`X said: "…"`, `X told reporters "…"`, `"…," X said`, `"…," said X`, `"…", according to X`),
  or a cue of their own however short (`X called it "a witch hunt"`), or, without a cue, at
  least a whole sentence (the speaker is then the neighbouring quotation's). A quotation broken
  by its attribution mid-sentence is one quotation of two parts. Quoted words without any of
  that are scare quotes, titles or names ("the so-called "blue deal"") and are left out.
- indirect: `reported.py`. Quoted words inside a reported clause belong to it.
- speakers: `speakers.py`; the vocabulary: `speech.py`.

Measured against a hand-made gold set by `benchmarks/quotation_quality.py`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..records import Entity, Quotation, Span
from .attribution import PREPOSITION, WORDS, Attribution, finite
from .quote_marks import Quoted
from .reported import reported_speech
from .speakers import UNKNOWN, Speaker
from .speech import ACCORDING_TO, BEFORE_VERB, COURT_VERBS, FRAGMENT_CUES, VERB_RE, lemma

# "Republic Act No. 3846 states "…"": the wording of a law is no quotation (the guidelines).
_LAW = re.compile(r"\b(?:Act|Law|Code|Constitution|Article|Section|Statute|Amendment)\b")
_TITLE_CASE = re.compile(r"[A-Z0-9][\w'’-]*(?:\s+(?:of|the|and|a|in|on|for|to|[A-Z0-9][\w'’-]*)){0,6}")
_MARK = re.compile(r"[\"“”„«»]")
_LEADING_CONJUNCTION = re.compile(r"\s*(?:and|but|or|then|so)\b", re.IGNORECASE)
_PRONOUN_AT_END = re.compile(r"\b(?:he|she|they|it|who|we|I)$", re.IGNORECASE)

Cue = tuple[Speaker, str | None]


def find_quotations(text: str, entities: Sequence[Entity], paragraphs: Sequence[Span] | None = None) -> list[Quotation]:
    """The quotations of a document, in order. `paragraphs`: where to look (`Document.paragraphs`,
    which leave out the headline); None: every line. `entities`: the document's, with canonical
    names (the speakers are those names)."""
    doc = Attribution(text, entities, paragraphs)
    indirect = reported_speech(doc)
    return sorted(_direct(doc, indirect) + indirect, key=lambda q: (q.start, q.end))


def _direct(doc: Attribution, indirect: list[Quotation]) -> list[Quotation]:
    found: list[Quotation] = []
    consumed: set[int] = set()
    for number, run in enumerate(doc.runs):
        if number in consumed or any(q.start < run.opening < q.end for q in indirect):
            continue  # quoted words inside a reported clause are part of it
        sentence = doc.sentence_at(run.opening)
        region = max([sentence.start] + [r.closing + 1 for r in doc.runs[:number] if r.closing and r.closing >= sentence.start])
        if not WORDS.search(doc.plain, sentence.start, run.opening) and doc.plain[: sentence.start].rstrip().endswith(":"):
            # "Obama tweeted using his account:" then the quotation as a paragraph of its own
            sentence = doc.sentence_at(len(doc.plain[: sentence.start].rstrip()) - 1)
            region = sentence.start
        cue = _cue_before(doc, run, region, sentence.start)
        if cue is None and found and _continued_fragment(doc, found[-1], run):
            cue = (Speaker(found[-1].speaker, found[-1].label, found[-1].speaker_span), found[-1].cue)
        parts = list(run.parts)
        after = None if cue else _cue_after(doc, run, doc.sentence_at(run.end))
        if after is not None:
            cue, attribution_end = after
            following = number + 1
            if following < len(doc.runs) and _broken(doc, run, doc.runs[following], attribution_end):
                parts += doc.runs[following].parts
                consumed.add(following)
        if cue is None:
            if not _whole_sentence(doc, run, sentence):
                continue  # a scare quote, a title, a name
            cue = (_context_speaker(doc, sorted(found + indirect, key=lambda q: q.end), run), None)
        speaker, words = cue
        found.append(doc.quotation("direct", parts, speaker, words))
        doc.speakers.remember(run.start, speaker)
    return found


def _cue_before(doc: Attribution, run: Quoted, region: int, sentence_start: int) -> Cue | None:
    """`X said: "`, `X told reporters "`, `according to X, "`, `called it "`: a cue before the run."""
    verbs = list(VERB_RE.finditer(doc.plain, region, run.opening))
    for verb in reversed(verbs[-2:]):
        word = lemma(verb.group())
        gap = doc.plain[verb.end() : run.opening]
        if word is None or not doc.is_speech(verb, region):
            continue
        if _LAW.search(doc.text, sentence_start, verb.start()):
            return None
        if word in COURT_VERBS and not doc.by_court(doc.speaker_before(verb, region), verb, doc.sentence_at(verb.start())):
            continue  # "responded to the new rules via Twitter:": "rules" is no court's ruling here
        if word in FRAGMENT_CUES:
            if len(WORDS.findall(gap)) > 6 or "." in gap or _TITLE_CASE.fullmatch(doc.text, run.start, run.end):
                continue  # "a program called "Learning Together"": a name
            if not verb.group().endswith("ing") and not _names_just_before(doc, verb.start()):
                continue  # "a pattern called a "glider"", "a user labelled "Anonymous"": the thing is named
            return doc.speaker_before(verb, region), verb.group()
        if not _gap_before_quote(doc, verb.end(), run.opening, word):
            continue
        return doc.speaker_before(verb, region), doc.cue_words(verb, word)
    according = list(ACCORDING_TO.finditer(doc.plain, region, run.opening))
    if according:
        phrase = according[-1]
        source = doc.plain[phrase.end() : run.opening]
        if source.rstrip().endswith(",") and len(WORDS.findall(source)) <= 10:
            return doc.source(phrase.end(), phrase.end() + len(source.rstrip().rstrip(","))), phrase.group()
    return None


def _gap_before_quote(doc: Attribution, start: int, end: int, word: str) -> bool:
    """Are the words between a cue and an opening mark only a recipient, adverbials, "that" or ":"?"""
    if word == "tell":
        start = doc.recipient(start)
    gap = doc.plain[start:end].strip()
    if not gap or gap in (",", ":"):
        return True
    gap = gap.lstrip(",: ")  # "said, in response to the study, "…"
    words = WORDS.findall(gap)
    if len(words) > 14 or re.search(r"[.;!?]", gap) or finite(gap):
        return False
    if words[0].casefold() == "that":
        return not WORDS.search(gap[4:].split(",")[-1]) if "," in gap else len(words) == 1
    # "said on Twitter:", "told the court that, over …,", "explained the reason …:"; not "says his
    # event, "…"", whose words are a subject: the quoted words are then a name in its clause.
    return bool(PREPOSITION.match(gap)) or gap.endswith(":")


def _names_just_before(doc: Attribution, at: int) -> bool:
    """Does a name or a pronoun end just before `at` ("Trump called it", "he also called")?"""
    window = doc.plain[max(0, at - 40) : at]
    before = BEFORE_VERB.sub("", window).rstrip().rstrip(",")  # "The leader, Arne Vold, called"
    if _PRONOUN_AT_END.search(before):
        return True
    end = at - (len(window) - len(before))
    return any(e.end == end for e in doc.speakers.within(max(0, end - 80), end))


def _cue_after(doc: Attribution, run: Quoted, sentence: Span) -> tuple[Cue, int] | None:
    """`"…," X said`, `"…," said X`, `"…", according to X`: (speaker, cue) and where the attribution ends."""
    if run.closing is None:
        return None
    plain, start, end = doc.plain, run.closing + 1, sentence.end
    if end <= start + 1 and doc.text[run.end - 1 : run.end] in ".!?":
        following = doc.speakers.sentence_index(start) + 1
        if following < len(doc.sentences) and doc.sentences[following].start < start + 3:
            nxt = doc.sentences[following]  # `"…." Kipchoge said.`: the attribution ends the sentence after
            short = len(WORDS.findall(plain, nxt.start, nxt.end)) <= 8 and not _MARK.search(plain, nxt.start, nxt.end)
            if short and "\n" not in doc.text[start : nxt.start]:
                end = nxt.end
    after = plain[start:end]
    paused = doc.text[run.end - 1] in ",.!?…—-" or re.match(r"\s*[,—–-]", after)
    if not paused and not re.match(r"\s*(?:[\w'’.-]+\s+){0,3}?(?:" + VERB_RE.pattern + ")", after):
        return None  # `"deepest sympathies" and were …`: without a pause, only a speech verb right after attributes
    lead = re.match(r"[\s,—–-]*", after)
    at = start + (lead.end() if lead else 0)
    according = ACCORDING_TO.match(plain, at)
    if according:
        stop = doc.phrase_end(according.end(), end)
        return (doc.source(according.end(), stop), according.group()), stop
    verb = VERB_RE.search(plain, at, min(end, at + 90))
    if verb is None or lemma(verb.group()) in FRAGMENT_CUES or not doc.is_speech(verb, at):
        return None
    subject = plain[at : verb.start()]
    if not subject.strip():  # `"…," said X`: the speaker follows
        stop = doc.phrase_end(verb.end(), end)
        if not 0 < len(WORDS.findall(plain, verb.end(), stop)) <= 10:
            return None
        # "said University of California, San Diego's chancellor, Pradeep Khosla.": the appositions too
        extent = re.match(r"[^.;!?\"“]*", plain[verb.end() : end])
        upto = doc.trimmed_end(verb.end(), verb.end() + (extent.end() if extent else 0))
        wide = doc.speakers.named_by(verb.end(), upto) if len(WORDS.findall(plain, verb.end(), upto)) <= 16 else None
        named = wide if wide is not None and wide.label == "PERSON" else doc.speakers.named_by(verb.end(), stop)
        return (named or doc.speakers.subject(verb.end(), stop), verb.group()), stop
    stripped = BEFORE_VERB.sub("", subject)
    if len(WORDS.findall(stripped)) > 10 or finite(stripped) or '"' in subject or _LEADING_CONJUNCTION.match(stripped):
        return None
    return (doc.speakers.subject(at, at + len(stripped)), doc.cue_words(verb, lemma(verb.group()) or "")), verb.end()


def _context_speaker(doc: Attribution, before: list[Quotation], run: Quoted) -> Speaker:
    """A quotation without a cue is its neighbour's: the one person named (outside quotation marks)
    in the sentence before it in its paragraph ("… leaving Ingram unimpressed. "One of them was
    questionable …""), else the speaker of the quotation just before it, in this paragraph or the
    one before ("A," he said. "B.")."""
    here = doc.paragraph_index(run.start)
    number = doc.speakers.sentence_index(run.opening)
    if number and doc.paragraph_index(doc.sentences[number - 1].start) == here:
        previous = doc.sentences[number - 1]
        people = {e.canonical for e in doc.speakers.within(previous.start, previous.end) if e.label == "PERSON"}
        if len(people) == 1:
            return Speaker(people.pop(), "PERSON", None)
    earlier = [q for q in before if q.end <= run.start]
    if earlier and here - doc.paragraph_index(earlier[-1].end) <= 1:
        return Speaker(earlier[-1].speaker, earlier[-1].label, None)
    return UNKNOWN


def _whole_sentence(doc: Attribution, run: Quoted, sentence: Span) -> bool:
    """Quoted words that hold at least a whole sentence (a quotation without a cue), not a title."""
    text = doc.text
    words = WORDS.findall(text, run.start, run.end)
    inner = re.search(r"[.!?]\s+[\"“‘']?[A-Z]", text[run.start : run.end])
    if len(words) < 4 or not (text[run.start].isupper() or text[run.start].isdigit() or inner):
        return False
    at_start = not WORDS.search(doc.plain, sentence.start, run.opening)
    ends = text[run.end - 1] in ".!?…" or (run.closing is not None and text[run.closing + 1 : run.closing + 2] in (".", "!", "?"))
    return bool(inner) or (at_start and ends)


def _continued_fragment(doc: Attribution, last: Quotation, run: Quoted) -> bool:
    """`citing the move as a "grave abuse" and "contrary to law"`: a second fragment under the same cue."""
    return (
        last.cue is not None
        and lemma(last.cue.split()[0]) in FRAGMENT_CUES
        and bool(re.fullmatch(r"[\"”»]?\s*,?\s*(?:and|or)?\s*", doc.plain[last.end : run.opening]))
    )


def _broken(doc: Attribution, run: Quoted, following: Quoted, attribution_end: int) -> bool:
    """`"We will," she said, "go on."`: one quotation broken mid-sentence by its attribution."""
    if doc.text[run.end - 1] in ".!?" or following.opening < attribution_end:
        return False
    between = doc.plain[attribution_end : following.opening]
    continues = doc.text[following.start].islower() or doc.text.startswith(("I ", "I'", "I’"), following.start)
    return bool(re.fullmatch(r"[^.!?;\"“”]{0,40}?,\s*", between)) and continues
