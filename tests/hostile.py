"""A corpus of hostile and broken files, generated fresh for each test that wants one.

`build()` writes it and returns what each file is and what must become of it:
"indexed" (searchable by its marker word), "skipped" (listed with a reason) or
"either" (a file whose fate depends on the machine, e.g. permissions as root).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ESC = "\x1b"
# What a file could try to do to a terminal: clear it, move the cursor, recolour,
# write the clipboard (OSC 52), plant a link (OSC 8), retitle the window, ring, erase.
INJECTION = (
    f"{ESC}[2J{ESC}[H{ESC}[31;1mRED{ESC}[0m{ESC}[10;10H"
    f"{ESC}]52;c;cHduZWQ={ESC}\\"  # base64 of "pwned"
    f"{ESC}]52;c;cHduZWQ=\x07"
    f"{ESC}]8;;https://evil.example/{ESC}\\evil link{ESC}]8;;{ESC}\\"
    f"{ESC}]0;EVIL TITLE\x07{ESC}]2;EVIL TITLE{ESC}\\"
    "\x9b2J\x9d0;C1 TITLE\x9c"  # the same, as 8-bit C1 controls
    "\x07\x08\x08\x08\x7f"
)
MARKUP = "[bold red]not bold[/] [link=https://evil.example/]not a link[/link] [@click=app.quit]not an action[/]"


@dataclass(frozen=True)
class Case:
    name: str
    fate: str  # "indexed", "skipped" or "either"
    marker: str | None = None  # a word only this file holds, when it is indexed


def _write(root: Path, name: str, data: bytes) -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def build(root: Path, huge: bool = True) -> list[Case]:
    root.mkdir(parents=True, exist_ok=True)
    cases: list[Case] = []

    def add(name: str, data: bytes, fate: str, marker: str | None = None) -> None:
        _write(root, name, data)
        cases.append(Case(name, fate, marker))

    add("plain.txt", b"A plain article\nThe quokkaplain lives on an island.\n", "indexed", "quokkaplain")
    add("binary.txt", bytes(range(256)) * 64, "skipped")
    add("nul-bytes.txt", b"Looks like text\nbut has a \x00 NUL byte nulmarker\n", "skipped")
    add("invalid-utf8.txt", b"Bad bytes\nbadbytesmarker caf\xc3 \xff\xfe \xc3\x28 end\n", "indexed", "badbytesmarker")
    add("utf16-bom.txt", "UTF-16 title\nutfsixteenmarker São Paulo\n".encode("utf-16"), "indexed", "utfsixteenmarker")
    add("latin1.txt", "Latin-1 café\nlatinonemarker à São Paulo, déjà vu\n".encode("latin-1"), "indexed", "latinonemarker")
    add("empty.txt", b"", "either")
    add("blank-lines.txt", b"\n\n   \n\t\n\r\n" * 50, "either")
    long_line = b"longlinemarker " + b"word " * 60_000 + b"longlineend\n"  # 300 KB in one line
    add("long-line.txt", b"Long line\n" + long_line, "indexed", "longlineend")
    if huge:
        add("huge-single-line.txt", b"huge " * (50 * 2**20 // 5), "skipped")  # 50 MB, one line
    add("name with spaces.txt", b"Spaces\nspacesmarker in the name\n", "indexed", "spacesmarker")
    add("naïve ünïcödé 名前.txt", b"Unicode name\nunicodenamemarker\n", "indexed", "unicodenamemarker")
    add("new\nline.txt", b"Newline name\nnewlinenamemarker\n", "indexed", "newlinenamemarker")
    deep = "/".join(f"level{n}" for n in range(40))
    add(f"{deep}/deep.txt", b"Deep\ndeepnestedmarker\n", "indexed", "deepnestedmarker")
    add("injection.txt", f"Injection {INJECTION} title\ninjectionmarker {INJECTION} after\n".encode(), "indexed", "injectionmarker")
    add("markup.txt", f"Markup {MARKUP}\nmarkupmarker {MARKUP}\n".encode(), "indexed", "markupmarker")
    unreadable = _write(root, "unreadable.txt", b"Unreadable\nunreadablemarker\n")
    unreadable.chmod(0)
    # Root reads it anyway: then it is indexed, and that is right too.
    cases.append(Case("unreadable.txt", "skipped" if os.geteuid() != 0 else "either", None))
    os.symlink("loop-a.txt", root / "loop-b.txt")
    os.symlink("loop-b.txt", root / "loop-a.txt")
    cases += [Case("loop-a.txt", "skipped"), Case("loop-b.txt", "skipped")]
    os.symlink(".", root / "folder-loop")  # a folder that contains itself: never followed
    return cases
