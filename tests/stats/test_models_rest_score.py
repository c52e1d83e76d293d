"""Issue 9, point 4: no model has a scale item beside a score that contains it.

'Enough time' (e06_time) is one of the climate scale's statements and a candidate
predictor; the models therefore use the rest score (the scale without e06_time). Pinned to
R glm on the demo wave's employee-satisfaction sample, with R making the rest score from
the raw statements itself: tests/stats/reference/models_reference.R (R 4.2.2), output
models_reference.out.txt; data tests/stats/data/models_demo.csv.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from barometer.dataset.synthetic.wave import make_wave
from barometer.report.figures.core import make_context
from barometer.report.figures.logistic import models_for, start_epv
from barometer.stats.models import ModelsResult
from barometer.stats.models_spec import CANDIDATES, PREDICTORS_BY_NAME

OUT = Path(__file__).parent / "reference" / "models_reference.out.txt"


def _reference() -> dict[str, dict[str, list[float]]]:
    out: dict[str, dict[str, list[float]]] = {}
    section: dict[str, list[float]] | None = None
    for line in OUT.read_text().splitlines():
        if line.startswith("== "):
            section = out.setdefault(line[3:].strip(), {})
        elif section is not None and line[40:].strip():
            section[line[:40].strip()] = [float(v) for v in line[40:].split()]
    return out


R = _reference()


@cache
def _models() -> ModelsResult:
    return models_for(make_context(make_wave(seed=2021).dataset))


def test_no_scale_item_beside_its_scale() -> None:
    res = _models()
    climate = res.frame.climate
    assert climate.rest_of == ("e06_time",)
    assert "e06_time" not in climate.items and len(climate.items) == 12
    sources = {PREDICTORS_BY_NAME[c].source for c in CANDIDATES if c != "climate"}
    assert not sources & set(climate.items)


def test_employee_satisfaction_matches_r_with_the_rest_score() -> None:
    run = _models().run("employee_satisfaction")
    assert run.result is not None
    fit = run.result.final
    ref = R["final terms, rest score"]
    assert fit.n == int(ref["n"][0])
    assert fit.minus2ll == pytest.approx(ref["-2LL"][0], abs=1e-6)
    for c in fit.coefficients:
        name = {"Constant": "(Intercept)", "climate": "rest"}.get(c.name, c.name)
        b, se, p = ref[name]
        assert (c.b, c.se, c.p) == pytest.approx((b, se, p), abs=1e-6), c.name
    # 'enough time': p .061 beside the rest score; it was .021 beside the full score, and
    # has no effect on its own (p .76): the 2021 "negatively related" came from the overlap
    assert (
        ref["time_enough"][2]
        > 0.05
        > R["final terms, full score (e06 inside the score)"]["time_enough"][2]
    )
    assert R["time_enough alone"]["time_enough"][2] > 0.7


def test_events_per_parameter_at_the_start() -> None:
    run = _models().run("efficiency")
    df, epv = start_epv(run)
    assert df == 31 and epv == pytest.approx(3.45, abs=0.01)
