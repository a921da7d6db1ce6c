"""A fix for a leak in the Textual we depend on, until it is fixed there.

`StylesCache.get_inner_outer` is an instance method under `functools.lru_cache(1024)`
(Textualize/textual#6665): the cache keeps the last 1,024 `StylesCache` objects
alive, each with the rendered lines of a widget long gone (every paragraph of
every document opened, every footer key). In the reader that held ~1,000
lines' worth of objects per entity-browser visit, and full garbage collections
grew to 150 ms, each a stalled frame. The values depend on the two colours
only, so one cache keyed by them answers the same.

Applied once, on import, and only where the method is still the cached one.
"""

from __future__ import annotations

from functools import lru_cache

from textual._styles_cache import StylesCache
from textual.style import Style


@lru_cache(1024)
def _inner_outer(base_background, background) -> tuple[Style, Style]:
    return Style(background=base_background + background), Style(background=base_background)


def _get_inner_outer(_cache: StylesCache, base_background, background) -> tuple[Style, Style]:
    return _inner_outer(base_background, background)


if hasattr(StylesCache.__dict__.get("get_inner_outer"), "cache_info"):
    StylesCache.get_inner_outer = _get_inner_outer
