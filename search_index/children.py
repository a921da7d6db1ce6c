"""Plain `python -m search_index.<module>` children: the model processes and the search process.

Nothing of the parent's `__main__` (the Textual app, the CLI) is imported into
them. The parent passes its pid in an environment variable; the child asks the
kernel to kill it with its parent, and checks that the parent did not die first.
"""

from __future__ import annotations

import os
import signal
import subprocess
from pathlib import Path
from typing import IO


def child_env(parent_env: str) -> dict[str, str]:
    """This environment, with this checkout importable and this process's pid in `parent_env`."""
    env = dict(os.environ)
    package_root = str(Path(__file__).resolve().parents[1])
    env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, env.get("PYTHONPATH", "")) if p)
    env[parent_env] = str(os.getpid())
    return env


def pipes(process: subprocess.Popen) -> tuple[IO[bytes], IO[bytes]]:
    """The stdin and stdout of a child started with both piped."""
    if process.stdin is None or process.stdout is None:
        raise ValueError("the child was started without pipes")
    return process.stdin, process.stdout


def die_with_parent(parent_env: str) -> None:
    """Linux: the kernel SIGKILLs this child when its parent dies, whatever the parent's death.

    `parent_env` names the variable the parent put its pid in (it may die before the call)."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if str(os.getppid()) != os.environ.get(parent_env, str(os.getppid())):
        os._exit(0)  # the parent died before the call above
