"""Issue 9, point 9: a dataset with a header and no rows is a clear error, exit 1, and
nothing is written (the CLI as a subprocess in an empty folder)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from barometer.dataset.synthetic.wave import make_wave


def test_empty_dataset_is_an_error_and_writes_nothing(tmp_path: Path) -> None:
    make_wave(seed=2021).dataset.data.iloc[:0].to_csv(tmp_path / "empty.csv", index=False)
    run = subprocess.run(
        [str(Path(sys.executable).with_name("barometer")), "report", "empty.csv", "--out", "out"],
        cwd=tmp_path, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert run.returncode == 1, run.stderr
    assert "empty.csv" in run.stderr and "no rows" in run.stderr
    assert "van 0 organisaties" not in run.stdout + run.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty.csv"]
