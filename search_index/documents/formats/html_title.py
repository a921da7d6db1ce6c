"""An HTML page's title: the headline, without the site's name, learned from the page itself.

No list of separators decides what is cut: the page says what its site is
called (og:site_name, application-name, its address, trafilatura's sitename),
and a `<title>` whose head or tail part is the headline the page states
elsewhere (og:title, the first `<h1>`) shows the rest is the site too. Only a
part that equals a site name is cut, at its head or its tail: "Opinion | Real
title" keeps "Opinion" unless the page calls itself "Opinion". A candidate that
is only the site's name, or a placeholder, is passed over for the next one.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from .record import clean, usable_title

# Where a title is split into parts: a dash, bar, bullet or colon between spaces.
_SPLIT = re.compile(r"\s+(?:[|·•»«~/\\]|::|[-–—]{1,2})\s+|\s*:\s+")


def _key(text: str) -> str:
    return re.sub(r"\W+", "", text).casefold()


def site_names(tree, sitename: str | None) -> set[str]:
    """What the page calls its site, as comparison keys."""
    names = set()
    for attribute, value in (("property", "og:site_name"), ("name", "application-name"), ("name", "apple-mobile-web-app-title")):
        for meta in tree.xpath(f"//meta[@{attribute}=$value]", value=value):
            names.add(meta.get("content") or "")
    if sitename:
        names.add(sitename)
    for address in tree.xpath("//link[@rel='canonical']/@href | //meta[@property='og:url']/@content"):
        host = urlsplit(address.strip()).hostname or ""
        host = host.removeprefix("www.").removeprefix("m.")
        if host:
            names.update({host, host.split(".")[0]})
    return {_key(name) for name in names if _key(name)}


def _parts(title: str) -> list[str]:
    return [part for part in _SPLIT.split(title) if part.strip()]


def without_site(title: str, sites: set[str]) -> str:
    """The title with a head or tail part that is a site's name cut off (repeatedly)."""
    parts = _parts(title)
    changed = False
    while len(parts) > 1 and _key(parts[-1]) in sites:
        parts.pop()
        changed = True
    while len(parts) > 1 and _key(parts[0]) in sites:
        parts.pop(0)
        changed = True
    if not changed:
        return title
    # Cut at the matched separators only: the kept middle is taken from the title as written.
    start = title.find(parts[0])
    end = title.rfind(parts[-1]) + len(parts[-1])
    return title[start:end].strip() if start >= 0 and end > start else title


def choose(tree, trafilatura_title: str | None, sitename: str | None) -> str | None:
    """The best title the page offers (see the module's docstring), or None."""

    def first(xpath: str) -> str:
        found = tree.xpath(xpath)
        return clean(found[0] if isinstance(found[0], str) else found[0].text_content()) if found else ""

    page = first("//head/title | //title")
    og = first("//meta[@property='og:title']/@content") or first("//meta[@name='twitter:title']/@content")
    h1 = first("//h1")
    sites = site_names(tree, sitename)
    headlines = {_key(text) for text in (og, h1) if text}
    # The <title>'s other part, beside a part that is the headline, is the site's name.
    parts = _parts(page)
    if len(parts) > 1:
        if _key(parts[0]) in headlines:
            sites.add(_key(" ".join(parts[1:])))
            sites.add(_key(parts[-1]))
        if _key(parts[-1]) in headlines:
            sites.add(_key(" ".join(parts[:-1])))
            sites.add(_key(parts[0]))
    for candidate in (og, page, h1, trafilatura_title or ""):
        title = usable_title(without_site(clean(candidate), sites))
        if title and _key(title) not in sites:
            return title
    return None
