"""A document's language, from the start of its text: py3langid (BSD-3-Clause, its model in the wheel).

Chosen among eight detectors on 160 sentences, 160 paragraphs and 140 2 KB news texts in seven
languages (issue 31's comparison): 157/160, 158/160 and 140/140 right, every miss a simplified
Chinese text answered "wuu" (counted as Chinese here); 1.3 ms per 2 KB. It is maintained by
trafilatura's author, and its only dependency, numpy, is spaCy's too. Its cost is memory: the model
takes ~76 MB once loaded, so it loads on first use, in the process that runs the entity phase
(the only one that asks).

The English model finds nothing right in a Russian page (it made "положить по" a person with 39
mentions), so documents in another language get no entities; their text is indexed as any other.
"""

from __future__ import annotations

import threading

ENGLISH = "en"
SAMPLE = 1_500  # characters read: the title and the first paragraphs (140/140 right on 2 KB texts)
MIN_LETTERS = 20  # fewer say nothing: the document is taken as English, its language left unknown
# Below this the answer is a guess: on 20 pages in 7 other languages the top language had 0.85-1.0
# (English ~0), while English results tables (names and numbers) gave some other language 0.15-0.58.
CONFIDENT = 0.8
_ALIASES = {"wuu": "zh", "yue": "zh"}  # Chinese varieties py3langid answers for simplified Chinese
_identifier = None
_lock = threading.Lock()


def language_of(text: str) -> str | None:
    """The ISO 639 code of `text`'s language ("en", "ru", "zh"...), or None when it cannot tell (too
    short, or no language clearly ahead): such a document is read as English."""
    sample = text[:SAMPLE]
    if sum(1 for char in sample if char.isalpha()) < MIN_LETTERS:
        return None
    code, probability = _detector().classify(sample)
    if probability < CONFIDENT and code != ENGLISH:
        return None  # a results table of names and numbers (CoNLL's sports pages: "pcm" 0.33, English 0.29)
    return _ALIASES.get(code, code)


def is_english(language: str | None) -> bool:
    """Whether the English model may run: English, or unknown."""
    return language in (None, ENGLISH)


def _detector():
    global _identifier
    with _lock:
        if _identifier is None:
            from py3langid.langid import MODEL_FILE, LanguageIdentifier

            _identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
        return _identifier
