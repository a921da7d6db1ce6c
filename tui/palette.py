"""Entity colours after spaCy's displaCy.

displaCy's pastel backgrounds carry dark text, so a mention reads the same
on dark and light themes.
"""

from __future__ import annotations

COLOURS = {
    "PERSON": "#aa9cfc",
    "NORP": "#c887fb",
    "ORG": "#7aecec",
    "GPE": "#feca74",
    "LOC": "#ff9561",
    "FAC": "#9cc9cc",
    "PRODUCT": "#bfeeb7",
    "EVENT": "#ffeb80",
    "WORK_OF_ART": "#f0d0ff",
    "LAW": "#ff8197",
    "LANGUAGE": "#ff8197",
    "DATE": "#bfe1d9",
    "TIME": "#bfe1d9",
    "MONEY": "#e4e7d2",
    "QUANTITY": "#e4e7d2",
    "PERCENT": "#e4e7d2",
    "ORDINAL": "#e4e7d2",
    "CARDINAL": "#e4e7d2",
}
DEFAULT = "#dddddd"
# Numbers are not names: off until the reader turns them on from the legend.
HIDDEN_BY_DEFAULT = frozenset({"CARDINAL", "ORDINAL", "QUANTITY", "PERCENT", "MONEY"})
MATCH_STYLE = "bold #000000 on #ffd700"
CURRENT_MATCH_STYLE = "bold #ffffff on #d7005f"


def entity_style(label: str) -> str:
    return f"#1a1a1a on {COLOURS.get(label, DEFAULT)}"
SELECTION_STYLE = "underline reverse"
