"""The self-test scores with the report's scale: every demo organisation's own answers give
the score and climate group the report computed for it."""

from __future__ import annotations

import math

import pandas as pd

from barometer.dataset import Dataset
from barometer.explorer import Snapshot
from barometer.explorer.selftest import percentile_of, read_answers, score_selftest
from barometer.report.figures.climate.common import analysis_for, groups_of
from barometer.report.figures.core import make_context


def test_every_organisations_answers_give_the_reports_score(
    snapshot: Snapshot, demo_data: Dataset
) -> None:
    res = analysis_for(make_context(demo_data))
    groups = groups_of(res)
    st = snapshot.meta["selftest"]
    names = [s["name"] for s in st["statements"]]
    assert tuple(st["kept"]) == res.kept and st["min_answered"] == res.min_answered
    scored = 0
    for index, row in demo_data.data.iterrows():
        form = {n: "" if pd.isna(row[n]) or int(row[n]) in (-1, -9) else str(int(row[n]))
                for n in names}  # fmt: skip
        answers, errors = read_answers(form, st)
        assert not errors
        result = score_selftest(answers, st)
        expected = res.score[index]
        if pd.isna(expected):
            assert result.score is None and result.group is None
            continue
        assert result.score is not None and math.isclose(result.score, expected, abs_tol=1e-12)
        assert result.group == groups[index]
        scored += 1
    assert scored > 300


def test_answers_outside_the_scale_are_refused(snapshot: Snapshot) -> None:
    st = snapshot.meta["selftest"]
    first, second = st["statements"][0]["name"], st["statements"][1]["name"]
    answers, errors = read_answers({first: "6", second: "4", "other": "x"}, st)
    assert errors == {first: "6"} and answers == {second: 4}


def test_too_few_statements_give_no_score(snapshot: Snapshot) -> None:
    st = snapshot.meta["selftest"]
    few = {n: 5 for n in st["kept"][: st["min_answered"] - 1]}
    result = score_selftest(few, st)
    assert result.score is None and result.percentile is None


def test_the_percentile_interpolates_the_published_quantiles() -> None:
    levels = [25, 50, 75]
    assert percentile_of(3.0, levels, [2.0, 3.0, 4.0]) == 50
    assert percentile_of(3.5, levels, [2.0, 3.0, 4.0]) == 62.5
    assert percentile_of(3.0, levels, [2.0, 3.0, 3.0]) == 62.5  # a tie: its levels averaged
    assert percentile_of(1.0, levels, [2.0, 3.0, 4.0]) == 25  # outside: the outer level


def test_the_three_largest_gaps_to_strong_organisations(snapshot: Snapshot) -> None:
    st = snapshot.meta["selftest"]
    answers = {n: 3 for n in st["kept"]}
    result = score_selftest(answers, st)
    strong = {s["name"]: s["strong_mean"] for s in st["statements"] if s["kept"]}
    expected = sorted(strong, key=lambda n: -abs(strong[n] - 3))[:3]
    assert [d["name"] for d in result.differ] == expected
