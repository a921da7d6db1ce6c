"""A real terminal for end-to-end tests: tmux, after ../shared/docs/terminal-testing.md.

A private tmux server per test (ignoring any user config), clipboard passing
on (tmux's default drops an app's OSC 52), and polling instead of sleeping.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest


def seed_reader_command() -> list[str]:
    """The installed console script, as users run it; `python -m tui` where it is not installed."""
    script = Path(sys.executable).parent / "seed-reader"
    return [str(script)] if script.exists() else [sys.executable, "-m", "tui"]


def _without_size() -> dict[str, str]:
    """This environment without COLUMNS and LINES (see `Terminal.start`)."""
    return {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}


class Terminal:
    def __init__(self, width: int = 120, height: int = 40) -> None:
        if shutil.which("tmux") is None:
            pytest.skip("tmux is not installed (.ci/run installs it)")
        self.server = f"seed-reader-e2e-{os.getpid()}-{time.monotonic_ns()}"
        self.size = (width, height)
        self._tmux("new-session", "-d", "-s", "hold", "-x", str(width), "-y", str(height))
        self._tmux("set", "-g", "set-clipboard", "on")
        self._tmux("set", "-g", "default-size", f"{width}x{height}")

    def _tmux(self, *args: str, check: bool = True) -> str:
        proc = subprocess.run(
            ["tmux", "-L", self.server, "-f", "/dev/null", *args], capture_output=True, text=True, env=_without_size()
        )
        if check and proc.returncode != 0:
            raise RuntimeError(f"tmux {' '.join(args)}: {proc.stderr.strip()}")
        return proc.stdout

    def start(self, command: list[str], env: dict[str, str] | None = None) -> None:
        settings = {"COLORTERM": "truecolor", "TEXTUAL_ANIMATIONS": "none", **(env or {})}
        # `-u`: pytest imports readline, which puts COLUMNS=80 and LINES=24 in this process's
        # environment when stdin is not a terminal; Textual obeys them over the pane's real size.
        line = "env -u COLUMNS -u LINES " + " ".join(f"{k}={shlex.quote(v)}" for k, v in settings.items()) + " " + shlex.join(command)
        width, height = self.size
        # The pane is sized before the app starts: tmux 3.3a sometimes gives a detached session
        # 80x24 whatever -x/-y say (seen in full runs, never alone), and a test written for
        # 120x40 then reads an 80-column layout. A placeholder holds the pane until its size
        # is right; then the app replaces it.
        self._tmux("new-session", "-d", "-s", "app", "-x", str(width), "-y", str(height), "sleep 600")
        wanted = f"{width}x{height}"
        deadline = time.monotonic() + 10
        while self._pane_size() != wanted:
            if time.monotonic() > deadline:
                raise RuntimeError(f"tmux would not size the pane {wanted}: it is {self._pane_size()}")
            self._tmux("resize-window", "-t", "app", "-x", str(width), "-y", str(height), check=False)
            time.sleep(0.05)
        self._tmux("respawn-pane", "-k", "-t", "app", line + "; sleep 600")

    def _pane_size(self) -> str:
        return self._tmux("display-message", "-p", "-t", "app", "#{pane_width}x#{pane_height}").strip()

    def screen(self, colours: bool = False) -> str:
        return self._tmux("capture-pane", "-p", *(["-e"] if colours else []), "-t", "app")

    def wait_for(self, *texts: str, timeout: float = 90) -> str:
        """The screen once every one of `texts` is on it at the same time."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if all(text in screen for text in texts):
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{texts!r} never appeared together; the screen was:\n{self.screen()}")

    def keys(self, *keys: str) -> None:
        self._tmux("send-keys", "-t", "app", *keys)

    def type(self, text: str) -> None:
        self._tmux("send-keys", "-t", "app", "-l", text)

    def title(self) -> str:
        return self._tmux("display-message", "-p", "-t", "app", "#{pane_title}").strip()

    def clipboard(self) -> str:
        return self._tmux("show-buffer", check=False)

    def close(self) -> None:
        self._tmux("kill-server", check=False)
