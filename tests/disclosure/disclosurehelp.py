"""Run the ``barometer`` command as a user does: a subprocess, in a folder of its own."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

BAROMETER = str(Path(sys.executable).with_name("barometer"))


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BAROMETER_")}
    return subprocess.run([BAROMETER, *args], cwd=cwd, capture_output=True, text=True,
                          env=env, timeout=900, check=False)  # fmt: skip
