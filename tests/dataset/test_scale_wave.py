"""Synthetic waves of any size (bench/bench_scale.py): deterministic, exact, valid, in proportion."""

from __future__ import annotations

from functools import cache

import pandas as pd
import pytest

from barometer.classification import classification
from barometer.dataset import row_to_answers
from barometer.dataset.synthetic.frame import FRAME_COLUMNS, SIZE_CLASSES
from barometer.dataset.synthetic.scale import BASE_RESPONSES, ScaledWave, scaled_wave
from barometer.dataset.synthetic.wave import DemoWave, make_wave
from barometer.dataset.validate import validate_frame
from barometer.fieldwork.frame import validate_rows


@cache
def scaled(n: int, seed: int = 2021) -> ScaledWave:
    return scaled_wave(n, seed=seed)


@cache
def base(seed: int = 2021) -> DemoWave:
    return make_wave(seed)


# --------------------------------------------------------------------------- determinism
def test_same_seed_and_size_same_wave() -> None:
    again = scaled_wave(732)
    assert again.frame.equals(scaled(732).frame)
    assert again.dataset.equals(scaled(732).dataset)


def test_different_seed_different_wave() -> None:
    other = scaled(732, seed=7)
    assert other.bases == (7, 8)
    assert not other.frame.equals(scaled(732).frame)
    assert not other.dataset.equals(scaled(732).dataset)


# --------------------------------------------------------------------------- sizes
@pytest.mark.parametrize("n", [1, 100, 366, 732, 1000])
def test_sizes(n: int) -> None:
    w = scaled(n)
    assert w.n == n
    assert len(w.dataset) == n
    assert abs(len(w.frame) - 1374 * n / BASE_RESPONSES) <= 1
    assert len(w.bases) == min(8, -(-n // BASE_RESPONSES))
    if n % BASE_RESPONSES == 0:
        assert len(w.frame) == 1374 * n // BASE_RESPONSES


def test_bases_are_capped() -> None:
    w = scaled_wave(1100, max_bases=2)
    assert w.bases == (2021, 2022)
    assert len(w.dataset) == 1100


@pytest.mark.parametrize("n", [0, -5])
def test_size_must_be_positive(n: int) -> None:
    with pytest.raises(ValueError, match="at least 1"):
        scaled_wave(n)


def test_one_base_wave_gives_its_responses_back() -> None:
    """At 366 every response of the demo wave is used once; only the org_ids change."""
    ours = scaled(366).dataset.data.drop(columns="org_id")
    theirs = base().dataset.data.drop(columns="org_id")
    assert list(ours.dtypes) == list(theirs.dtypes)

    def rows(df: pd.DataFrame) -> list[tuple[object, ...]]:
        return sorted(map(tuple, df.astype(str).to_numpy().tolist()))

    assert rows(ours) == rows(theirs)


# --------------------------------------------------------------------------- validity
def test_valid_responses_at_732() -> None:
    ds = scaled(732).dataset
    assert validate_frame(ds.questionnaire, ds.data, file="scaled.parquet") == []
    assert list(ds.data.columns) == ds.codebook.names()
    assert list(ds.data.dtypes) == list(base().dataset.data.dtypes)


def test_valid_frame_at_732() -> None:
    frame = scaled(732).frame
    assert list(frame.columns) == list(FRAME_COLUMNS)
    cls = classification()
    rows = validate_rows(
        frame.to_dict("records"),
        file="frame.csv",
        sectors=cls.sector_codes(),
        clusters=cls.cluster_codes(),
        size_classes=SIZE_CLASSES,
    )
    assert len(rows) == len(frame)
    for column in ("org_id", "name", "contact_email"):
        assert frame[column].is_unique, column
    assert frame["contact_email"].str.endswith(".example").all()


def test_respondents_are_in_the_frame_with_their_cell_and_size() -> None:
    w = scaled(732)
    data = w.dataset.data
    assert data["org_id"].is_unique
    assert data["org_id"].is_monotonic_increasing
    joined = data[["org_id", "sector", "cluster"]].merge(
        w.frame, on="org_id", how="left", suffixes=("", "_frame"), validate="one_to_one"
    )
    assert joined["name"].notna().all()
    assert (joined["sector"] == joined["sector_frame"]).all()
    assert (joined["cluster"] == joined["cluster_frame"]).all()
    q = w.dataset.questionnaire
    for row, size in zip(
        data.head(60).to_dict("records"), joined["size_class"].head(60), strict=True
    ):
        assert row_to_answers(q, row)["a1_size"] == size


# --------------------------------------------------------------------------- proportions
@pytest.mark.parametrize("n", [732, 1000])
def test_sector_proportions_follow_the_demo_frame(n: int) -> None:
    w, demo = scaled(n), base()
    factor = n / BASE_RESPONSES
    cells = demo.frame.groupby(["sector", "cluster"]).size()
    frame_by = w.frame.groupby("sector").size()
    demo_by = demo.frame.groupby("sector").size()
    assert set(frame_by.index) == set(demo_by.index)
    n_clusters = cells.groupby(level="sector").size()
    for sector, k in demo_by.items():
        # two largest-remainder roundings (respondents, non-respondents) per cell
        assert abs(frame_by[sector] - k * factor) <= 2 * n_clusters[sector], sector
    resp_by = w.dataset.data.groupby("sector").size()
    demo_resp = demo.dataset.data.groupby("sector").size()
    for sector, k in demo_resp.items():
        assert abs(resp_by[sector] - k * factor) <= n_clusters[sector], sector
    # the response rate per sector is the demo's, up to the rounding
    rate = (resp_by / frame_by).fillna(0)
    demo_rate = (demo_resp / demo_by).fillna(0)
    assert (rate - demo_rate).abs().max() < 0.05


def test_answers_keep_the_base_distribution() -> None:
    """Twice the base waves, each response once: item shares are the two bases' pooled."""
    w = scaled(732)
    pooled = pd.concat([base(2021).dataset.data, base(2022).dataset.data])
    for column in ("c1_innovated", "a1_size", "e06_time", "d2_type_product", "d1_description"):
        ours = w.dataset.data[column].value_counts().sort_index()
        theirs = pooled[column].value_counts().sort_index()
        assert ours.equals(theirs), column


# --------------------------------------------------------------------------- varied repeats
def test_varied_repeats_are_distinct_valid_and_deterministic() -> None:
    plain, varied = scaled(1464), scaled_wave(1464, vary=True)
    assert varied.dataset.equals(scaled_wave(1464, vary=True).dataset)
    assert varied.frame.equals(plain.frame)
    a, b = plain.dataset.data, varied.dataset.data
    statements = [c for c in a.columns if c.startswith("e") and c[1:3].isdigit()]
    moved = (a[statements] != b[statements]).to_numpy()
    # 1464 = 4 x 366 from 4 base waves: no repeats, nothing varied ...
    assert not moved.any()
    big_plain, big = scaled(6000, seed=3), scaled_wave(6000, seed=3, vary=True)
    a, b = big_plain.dataset.data, big.dataset.data
    moved = (a[statements] != b[statements]).to_numpy()
    assert 0.05 < moved.mean() < 0.4
    assert (a[statements] - b[statements]).abs().max().max() == 1
    assert b[statements].isin([1, 2, 3, 4, 5, -8, -9, -1]).all().all()
    texts = b["d1_description"][b["d1_description"] != ""]
    assert texts.nunique() > a["d1_description"][a["d1_description"] != ""].nunique()
    words = sorted(" ".join(a["d1_description"]).split())
    assert set(" ".join(b["d1_description"]).split()) == set(words)
    assert validate_frame(big.dataset.questionnaire, b, file="varied.parquet") == []
    assert list(b.dtypes) == list(a.dtypes)
