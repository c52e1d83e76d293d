"""The permissions of the files barometer writes.

Files are written to a temporary file (``tempfile.mkstemp``, always 0600) that is then
renamed into place; :func:`publish` gives the temporary file the mode an ordinary ``open``
would have given it (0644 under the usual umask 022), so that ``report.pdf`` is as readable
as the ``index.html`` beside it. A file that is replaced keeps its own mode.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

__all__ = ["default_mode", "publish"]

_LOCK = threading.Lock()


def default_mode() -> int:
    """0666 less the process's umask: what ``open(path, "w")`` creates."""
    with _LOCK:  # the umask can only be read by setting it
        mask = os.umask(0o022)
        os.umask(mask)
    return 0o666 & ~mask


def publish(tmp: str | Path, target: str | Path) -> None:
    """Give ``tmp`` the mode ``target`` has (or would get from ``open``), before a rename."""
    target = Path(target)
    mode = target.stat().st_mode & 0o777 if target.exists() else default_mode()
    os.chmod(tmp, mode)
