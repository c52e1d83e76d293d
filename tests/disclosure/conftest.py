"""The demo outputs, made once as a user makes them: the CLI as a subprocess."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # for disclosurehelp

from disclosurehelp import run


@pytest.fixture(scope="session")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``barometer demo --out demo --pdf`` and ``barometer feedback ... --all`` in an empty
    folder; returns that folder (``demo/`` and ``feedback/`` inside)."""
    root = tmp_path_factory.mktemp("outputs")
    done = run("demo", "--out", "demo", "--pdf", "--quiet", cwd=root)
    assert done.returncode == 0, done.stderr
    done = run("feedback", "demo/responses.csv", "--out", "feedback", "--frame",
               "demo/frame.csv", "--all", cwd=root)  # fmt: skip
    assert done.returncode == 0, done.stderr
    return root
