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

    def texts(xpath: str, limit: int = 1) -> list[str]:
        found = tree.xpath(xpath)[:limit]
        return [clean(item if isinstance(item, str) else item.text_content()) for item in found]

    page = next(iter(texts("//head/title | //title")), "")
    og = next(iter(texts("//meta[@property='og:title']/@content") or texts("//meta[@name='twitter:title']/@content")), "")
    sites = site_names(tree, sitename)
    # The page's headlines: og:title and its first <h1>s, less those that are the site's name
    # (a blog's masthead is often the first <h1>).
    h1s = [text for text in texts("//h1", 3) if text and _key(text) not in sites]
    headlines = {_key(text) for text in [without_site(og, sites), *h1s] if text}
    for candidate in (og, page, *h1s[:1], trafilatura_title or ""):
        parts = _parts(clean(candidate))
        # A part that is the headline stated elsewhere: the other parts name the site or section.
        match = next((part for part in parts if len(parts) > 1 and _key(part) in headlines), None)
        if match:
            sites.update(_key(part) for part in parts if part is not match)
        title = usable_title(match or without_site(clean(candidate), sites))
        if title and _key(title) not in sites:
            return title
    return None
