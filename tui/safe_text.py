"""Document text is data: it must never move the cursor, clear the screen,
write the clipboard or be read as markup.

Control characters become visible stand-ins one character wide, so a string
keeps its length and every offset into it stays valid. Callers put the result
in `rich.text.Text` objects, never in markup strings.
"""

from __future__ import annotations

_TABLE = {code: 0x2400 + code for code in range(0x20) if chr(code) not in "\n\t"}
_TABLE[0x7F] = 0x2421  # ␡
_TABLE.update({code: 0xFFFD for code in range(0x80, 0xA0)})  # C1 controls, CSI among them
_TABLE.update({0x2028: 0x20, 0x2029: 0x20})  # line/paragraph separators would break lines
_TABLE_NO_NEWLINES = {**_TABLE, 0x0A: 0x20, 0x09: 0x20}


def safe(text: str, newlines: bool = True) -> str:
    """`text` with every control character made visible and inert, same length."""
    return text.translate(_TABLE if newlines else _TABLE_NO_NEWLINES)
