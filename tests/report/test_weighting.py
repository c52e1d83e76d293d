"""Weighting of the descriptive figures: post-stratification to the frame, hand-computed
percentages, Kish's effective n next to the unweighted n, and the defaults of build_report."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import pytest

from barometer.dataset import Dataset
from barometer.report import build_report, get_spec
from barometer.report.figures.core import make_context, make_weights
from barometer.report.figures.registry import COMPUTE
from barometer.report.render.build import report_files
from barometer.stats.proportions import proportion

Answers = Callable[..., dict[str, Any]]
Build = Callable[..., Dataset]


@pytest.fixture(scope="module")
def two_sectors(build: Build, answers: Answers) -> Dataset:
    """Gemeenten: 6 respondents, 4 innovated; waterschappen: 5 respondents, 1 innovated."""
    rows = [answers("yes")] * 4 + [answers("no")] * 2 + [answers("yes")] + [answers("no")] * 4
    sectors = ["gemeenten"] * 6 + ["waterschappen"] * 5
    return build(rows, sectors=sectors)


@pytest.fixture(scope="module")
def frame12_30() -> pd.DataFrame:
    """The frame: 12 gemeenten, 30 waterschappen (no size class)."""
    sectors = ["gemeenten"] * 12 + ["waterschappen"] * 30
    return pd.DataFrame({"org_id": [f"f{i}" for i in range(42)], "sector": sectors})


def test_weighted_percentage_equals_a_hand_computation(
    two_sectors: Dataset, frame12_30: pd.DataFrame
) -> None:
    weights, notes = make_weights(two_sectors.data, frame12_30)
    assert notes == ()
    assert weights.by == ("sector",)
    # weights N/n: gemeenten 12/6 = 2, waterschappen 30/5 = 6
    assert sorted(set(weights.weights.round(9))) == [2.0, 6.0]
    ctx = make_context(two_sectors, frame=frame12_30, weights=weights)
    spec = get_spec("fig01_innovated_share")
    data = COMPUTE[spec.compute](ctx, spec)
    assert data.table is not None
    yes = data.table.set_index("key").loc["yes"]
    assert yes["pct"] == pytest.approx(100 * (4 * 2 + 1 * 6) / (12 + 30))  # 33.3
    assert (yes["n"], yes["base"]) == (5, 11)  # counts stay unweighted
    # Kish: (sum w)^2 / sum w^2 = 42^2 / (6 * 4 + 5 * 36)
    assert data.effective_n == pytest.approx(42**2 / (6 * 4 + 5 * 36))
    assert data.weighted
    # the interval is the survey-linearised (logit) one of proportion(weights=...)
    x = (ctx.data["c1_innovated"] == 1).astype(float)
    r = proportion(x, weights=weights)
    assert (r.method, yes["ci_low"], yes["ci_high"]) == ("logit", 100 * r.ci_low, 100 * r.ci_high)


def test_report_shows_weighted_and_unweighted_n(
    two_sectors: Dataset, frame12_30: pd.DataFrame
) -> None:
    report = build_report(two_sectors, frame=frame12_30)  # default: weighted with a frame
    assert report.weighting is not None
    assert report.weighting.effective_n == pytest.approx(8.647, abs=1e-3)
    fig1 = report.figure("fig01_innovated_share")
    assert (
        fig1.base_line == "Basis: alle organisaties, n = 11 (ongewogen), effectief n = 9 (gewogen)"
    )
    assert any("gewogen naar het steekproefkader" in n for n in fig1.notes)
    fig13 = report.figure("fig13_factors")
    assert "(ongewogen" in fig13.base_line and "(gewogen)" in fig13.base_line
    for fig in report.figures():
        if fig.data.ok and fig.spec.compute in {"single_choice", "multi_choice", "yes_items",
                                                "factor_items", "spectrum"}:  # fmt: skip
            assert "effectief n" in fig.base_line, fig.id
    files = report_files(report)
    assert "tables/weighting_cells.csv" in files
    cells = pd.read_csv(pd.io.common.StringIO(files["tables/weighting_cells.csv"]))
    assert cells["weight"].tolist() == [2.0, 6.0]
    html = files["index.html"]
    assert 'id="weighting_cells-table"' in html and "Kish" in html
    en = build_report(two_sectors, frame=frame12_30, lang="en")
    assert en.figure("fig01_innovated_share").base_line == (
        "Base: all organisations, n = 11 (unweighted), effective n = 9 (weighted)"
    )


def test_weighting_defaults_and_errors(two_sectors: Dataset, frame12_30: pd.DataFrame) -> None:
    plain = build_report(two_sectors, frame=frame12_30, weighted=False)
    assert plain.weighting is None
    yes = plain.figure("fig01_innovated_share").data.table.set_index("key").loc["yes"]  # type: ignore[union-attr]
    assert yes["pct"] == pytest.approx(100 * 5 / 11)
    assert plain.figure("fig01_innovated_share").base_line == "Basis: alle organisaties, n = 11"
    with pytest.raises(ValueError, match="frame"):
        build_report(two_sectors, weighted=True)
    assert build_report(two_sectors).weighting is None  # no frame: unweighted
    # a frame the weights cannot use: unweighted, and the report says why
    bad = pd.DataFrame({"org_id": ["x"], "sector": ["gemeenten"]})
    report = build_report(two_sectors, frame=bad)
    assert report.weighting is None
    assert any("Niet gewogen" in w for w in report.warnings)


def test_sector_by_size_when_the_frame_knows_the_size(build: Build, answers: Answers) -> None:
    rows = [answers("yes", a1_size="lt100")] * 6 + [answers("yes", a1_size="500plus")] * 6
    ds = build(rows)  # all gemeenten; org000 ... org011
    frame = pd.DataFrame(
        {
            "org_id": [f"org{i:03d}" for i in range(12)] + [f"x{i}" for i in range(18)],
            "sector": ["gemeenten"] * 30,
            # the frame, not the answer, gives the size class of a respondent
            "size_class": ["lt100"] * 6 + ["500plus"] * 6 + ["lt100"] * 4 + ["500plus"] * 14,
        }
    )
    weights, notes = make_weights(ds.data, frame)
    assert weights.by == ("sector", "size_class") and notes == ()
    assert weights.cells["weight"].tolist() == pytest.approx([10 / 6, 20 / 6])
    # unknown size class in the frame: sector only, with a note
    frame.loc[0, "size_class"] = None
    weights, notes = make_weights(ds.data, frame)
    assert weights.by == ("sector",) and notes == ("size_unknown",)


def test_size_class_joined_as_a_dictionary_would(build: Build, answers: Answers) -> None:
    """The frame row of a respondent gives its size class; when an org_id occurs twice the
    last row counts (as in a dict); a respondent missing from the frame has no size class."""
    rows = [answers("yes", a1_size="lt100")] * 12
    ds = build(rows)  # org000 ... org011
    ids = [f"org{i:03d}" for i in range(12)]
    frame = pd.DataFrame(
        {
            "org_id": [*ids, "org000", *[f"x{i}" for i in range(8)]],
            "sector": ["gemeenten"] * 21,
            "size_class": ["lt100"] * 6 + ["500plus"] * 6 + ["500plus"] + ["lt100"] * 8,
        }
    )
    weights, notes = make_weights(ds.data, frame)
    assert weights.by == ("sector", "size_class") and notes == ()
    sizes = weights.cell.str.split(" / ").str[1]
    assert sizes.tolist() == ["500plus"] + ["lt100"] * 5 + ["500plus"] * 6  # org000: last row
    assert weights.cells["n"].tolist() == [5, 7]
    frame = frame[frame["org_id"] != "org011"]
    _, notes = make_weights(ds.data, frame)
    assert notes == ("size_unknown",)
