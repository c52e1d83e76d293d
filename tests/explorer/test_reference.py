"""The published climate-score aggregates of the demo wave, pinned to base R 4.2
(tests/explorer/reference/selftest_reference.R and its output): the mean score with its 95%
t-interval, the quantiles the self-test ranks against (type 7), and per statement the
distribution, the mean and the mean of the organisations with a strong climate. R is not
needed to run these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from barometer.explorer import Snapshot
from barometer.explorer.snapshot import SCORE_INDICATOR

OUT = Path(__file__).parent / "reference" / "selftest_reference.out.txt"


def reference() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for line in OUT.read_text(encoding="utf-8").splitlines():
        key, _, rest = line.partition(":")
        if key == "statement":
            name, *values = rest.split()
            out[name] = values
        else:
            out[key] = rest.split()
    return out


def test_the_mean_score_and_interval_are_rs(snapshot: Snapshot) -> None:
    ref = reference()
    total = snapshot.tables[(SCORE_INDICATOR, "none", "")]["rows"][0]
    assert total["base"] == int(ref["n_scored"][0])
    assert total["pct"] == round(float(ref["mean"][0]), 2)
    assert (total["ci_low"], total["ci_high"]) == (round(float(ref["ci"][0]), 2),
                                                   round(float(ref["ci"][1]), 2))  # fmt: skip


def test_the_selftest_distributions_are_rs(snapshot: Snapshot) -> None:
    ref = reference()
    st = snapshot.meta["selftest"]
    assert st["overall"]["n"] == int(ref["n_scored"][0])
    assert st["overall"]["quantiles"] == pytest.approx([float(q) for q in ref["quantiles"]],
                                                       abs=5e-5)  # fmt: skip
    for s in st["statements"]:
        values = ref[s["name"]]
        fields = dict(zip(values[0::2], values[1::2], strict=False))
        pct = [float(v) for v in values[values.index("pct") + 1 : values.index("mean")]]
        assert s["distribution"]["base"] == int(fields["base"])
        assert s["distribution"]["pct"] == [round(p, 1) for p in pct]
        assert s["distribution"]["mean"] == round(float(values[values.index("mean") + 1]), 2)
        assert s["strong_mean"] == round(float(values[values.index("strong_mean") + 1]), 2)
        assert s["strong_base"] == int(values[values.index("strong_base") + 1])
