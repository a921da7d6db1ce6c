"""A web page made ready for trafilatura: what a reader never sees as the article goes.

trafilatura drops most boilerplate by itself; these are the cases it kept on
real news pages (issue 32, scrapinghub's article-extraction-benchmark):

- hover cards: The Hill puts a politician's card (name again, three headlines,
  "MORE") inside the sentence that names them, hidden until hover:
  "Rep. Ilhan OmarIlhan OmarHillicon Valley: ... MORE (D-Minn.)". Elements whose
  class says they are the card's body (`rollover-people-block`, `tooltip-content`,
  `popover-body`), `role=tooltip`, and elements marked `hidden` are dropped;
- teaser boxes after the article ("Our Latest Stories", CBS Sports), named by
  class or id (`latest-news`, `recirc`, `more-stories`...), unless the box holds
  most of the page's paragraphs (then it is the article, whatever its name);
- an article body split by advertisements into sibling containers of the same
  class (Wired: trafilatura kept the first of them, 592 of 1,300 words): the
  later containers' children are moved into the first, so it reads them all.
"""

from __future__ import annotations

import re

_CARD_WORD = r"(?:rollover|hover-?card|tool-?tip|popover|pop-?up|tippy)"
_CARD_PART = r"(?:block|card|content|body|box|text|inner|panel|window|dialog|details|info)"
# A class token naming a card's body: the card word, anything, then a part word ("rollover-people-block").
_CARD = re.compile(rf"^{_CARD_WORD}(?:[-_][\w-]*)?[-_]*{_CARD_PART}$", re.IGNORECASE)
_TEASERS = re.compile(
    r"latest-?(?:news|stories|headlines)|recirc|more-?(?:stories|news|from)|read-?next|up-?next|"
    r"you-?(?:may|might)-?(?:also-?)?like|trending|recommended|most-?(?:read|viewed|shared)",
    re.IGNORECASE,
)
_BODY_WORDS = re.compile(r"body|content|article|story|text|entry|post", re.IGNORECASE)
MOST = 0.5  # a teaser box holding this share of the page's paragraph text is the article itself
STITCH_MIN = 200  # characters of <p> text a split-off body container needs to be joined


def _tokens(element) -> list[str]:
    return (element.get("class") or "").split() + ([element.get("id")] if element.get("id") else [])


def _paragraph_text(element) -> int:
    return sum(len(p.text_content()) for p in element.iter("p"))


def prune(tree) -> None:
    """Drop hover cards and teaser boxes, stitch split bodies: in place, on an lxml.html tree."""
    body = tree.find("body")
    if body is None:
        return
    for element in list(body.iter()):
        if not isinstance(element.tag, str) or element.getparent() is None:
            continue
        if (
            element.get("hidden") is not None
            or element.get("role") == "tooltip"
            or any(_CARD.match(token) for token in _tokens(element))
        ):
            element.drop_tree()  # drop_tree keeps the tail: the sentence goes on
    total = _paragraph_text(body) or 1
    for element in list(body.iter()):
        if not isinstance(element.tag, str) or element.getparent() is None:
            continue
        if any(_TEASERS.search(token) for token in _tokens(element)) and _paragraph_text(element) < MOST * total:
            element.drop_tree()
    _stitch(body)


def _stitch(body) -> None:
    groups: dict[tuple[str, str], list] = {}
    for element in body.iter("div", "section", "article"):
        classes = element.get("class") or ""
        if _BODY_WORDS.search(classes) and _paragraph_text(element) >= STITCH_MIN:
            groups.setdefault((element.tag, " ".join(classes.split())), []).append(element)
    for containers in groups.values():
        if len(containers) < 2:
            continue
        first = containers[0]
        for later in containers[1:]:
            if any(ancestor in containers for ancestor in later.iterancestors()) or first in later.iterancestors():
                continue  # nested, not split
            if later.text and later.text.strip():
                _append_text(first, later.text)
            for child in list(later):
                first.append(child)  # moves it, with its tail
            later.drop_tree()


def _append_text(element, text: str) -> None:
    if len(element):
        last = element[-1]
        last.tail = (last.tail or "") + text
    else:
        element.text = (element.text or "") + text
