"""Textual's Footer, without its leak.

Each time the focused widget's bindings change, Textual's Footer recomposes: new
FooterKeys, each bound to the footer's `compact` with `data_bind`. The old keys'
watchers stay on the footer until `compact` changes, which it never does, so every
key the footer ever showed stays alive with its styles and cached lines
(Textualize/textual#6666). In the reader that was ~17 widgets and ~13,000
objects per focus change or browser visit; after a few hundred, each full
garbage collection took 150 ms and stalled a frame.
"""

from __future__ import annotations

from textual.widgets import Footer as TextualFooter


class Footer(TextualFooter):
    async def recompose(self) -> None:
        await super().recompose()
        # The old keys are closed by now: a forced update of `compact` drops their watchers
        # (Reactive._check_watchers prunes closed watchers) and re-sends the same value to the new.
        self.mutate_reactive(TextualFooter.compact)
