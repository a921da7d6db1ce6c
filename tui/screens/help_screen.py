"""`?`: the keys and the search syntax."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

HELP = """\
# seed-reader

## Reading
| key | does |
| --- | --- |
| `/` | search the whole folder (results update as you type) |
| `Enter` | open the document, or the result at the match its snippet shows |
| `n` / `N` | next / previous match, on to the next result at the ends |
| `f` | show only the paragraphs that match |
| `e` | entity panel: `Enter` jumps to an entity's mentions, `s` searches the folder for it |
| `1`-`9` or a click | turn an entity type in the legend on or off |
| `o` | sort the document list by title, date or path (from anywhere) |
| `Esc` | back: reader → results → reader; with no search, to the list |
| `ctrl+l` | clear the search and type a new one |
| `j`/`k`, `g`/`G`, `ctrl+d`/`ctrl+u` | move, as in vim; arrows and Page keys too |
| `v` / `V` | select the sentence / paragraph at the current match, else at the top of the view |
| `)` `(` / `}` `{` | extend the selection by a sentence / paragraph |
| `y`, `ctrl+y` | copy the selection as a quote with its citation |
| `Y` | copy it as a Markdown quote |
| `Q` | the quote book: `Enter` opens at the source (in its folder), `d` deletes, `u` undoes |
| `ctrl+s` | save the search shown (a name: its query by default) |
| `S` | saved searches: each one's matches and how many are new; `Enter` runs it, new documents marked |
| `m` | bookmark the paragraph you are on (with an optional note) |
| `'` | bookmarks of every folder: `Enter` opens one at its place, even after the file changed |
| `O` | open the original file in the system's viewer (a PDF at its page, where the viewer takes one) |
| `L` | the link targets of the paragraph you are on |
| `r` | re-index the folder now |
| `ctrl+p` | all commands |
| `ctrl+q` | quit (the reader reopens where you were) |

## Search syntax
| you type | finds |
| --- | --- |
| `trump tariffs` | both words (`OR` for either) |
| `"Trump Tower"` | the phrase |
| `japan NOT trump`, `japan -trump` | without a word |
| `ishi*` | words starting with ishi |
| `tarifs~` | close spellings |
| `person:"Shigeru Ishiba"` | an entity: `person:` `org:` `place:` `date:` `entity:` |
| `title:summit` | words in titles |

A dot `·` before a title in the list: its entities are still being found.
In a PDF the reader's border shows the page (`p. 4 / 12`), in an e-book the chapter; headings are
drawn as headings, link text underlined (its target on hover or `L`).
Keys here: `j`/`k`, `g`/`G`, `ctrl+d`/`ctrl+u` scroll; `Esc` closes.

## Entity browser (`E`)
| key | does |
| --- | --- |
| `E` | every entity in the folder (`b` in the entity panel: the highlighted one) |
| typing | filter by name (`Enter` or `↓`: to the list, `/`: back to the filter) |
| `1` `2` `3` | only people / places / organisations (again, or `4`: all types) |
| `o` | sort by documents, mentions, name, most recent |
| `Enter` | the entity's documents, when it appears, with whom; on a document: open it at the entity's first mention |
| `Esc` | documents → list → reader |
"""


class HelpScreen(ModalScreen):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll { width: 90; max-width: 95%; height: 90%; border: round $accent; background: $surface; }
    """
    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close"),
        Binding("j,down", "scroll('down')", "Down", show=False),
        Binding("k,up", "scroll('up')", "Up", show=False),
        Binding("g,home", "scroll('home')", "Top", show=False),
        Binding("G,end", "scroll('end')", "Bottom", show=False),
        Binding("ctrl+d,pagedown,space", "scroll('page_down')", "Page down", show=False),
        Binding("ctrl+u,pageup", "scroll('page_up')", "Page up", show=False),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(can_focus=False):
            yield Markdown(HELP)

    def action_scroll(self, where: str) -> None:
        """The reader's movement keys, here too (the help is longer than a small terminal)."""
        scroll = self.query_one(VerticalScroll)
        getattr(scroll, f"scroll_{where}")(animate=False)
