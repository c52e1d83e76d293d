"""The demo wave made once as a user makes it (``barometer demo`` as a subprocess), and its
published snapshot computed in-process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from barometer.dataset import Dataset
from barometer.dataset.io import read_dataset
from barometer.explorer import Snapshot, build_snapshot

BAROMETER = str(Path(sys.executable).with_name("barometer"))


def run(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("BAROMETER_")}
    return subprocess.run([BAROMETER, *args], cwd=cwd, capture_output=True, text=True,
                          env={**clean, **env}, timeout=900, check=False)  # fmt: skip


@pytest.fixture(scope="session")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``barometer demo --out demo`` in an empty folder (report tables in demo/report/)."""
    root = tmp_path_factory.mktemp("explorer")
    done = run("demo", "--out", "demo", "--quiet", cwd=root)
    assert done.returncode == 0, done.stderr
    return root / "demo"


@pytest.fixture(scope="session")
def demo_data(demo_dir: Path) -> Dataset:
    return read_dataset(demo_dir / "responses.csv")


@pytest.fixture(scope="session")
def snapshot(demo_dir: Path, demo_data: Dataset) -> Snapshot:
    frame = pd.read_csv(demo_dir / "frame.csv", dtype=str)
    return build_snapshot(demo_data, frame=frame, wave="2021")
