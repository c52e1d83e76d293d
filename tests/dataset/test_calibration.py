"""The default demo wave reproduces every number the 2021 report prints (one test per claim)."""

from __future__ import annotations

import math
from dataclasses import replace
from functools import cache
from importlib import resources

import pytest

from barometer.dataset import Dataset
from barometer.dataset.synthetic.calibrate import (
    ClaimCheck,
    check_calibration,
    failures,
    interval,
    published_reference,
)
from barometer.dataset.synthetic.wave import make_wave


@cache
def checks(seed: int = 2021) -> dict[str, ClaimCheck]:
    wave = make_wave(seed)
    return {c.claim: c for c in check_calibration(wave.dataset, wave.frame)}


@pytest.mark.parametrize("claim", list(checks()))
def test_claim(claim: str) -> None:
    check = checks()[claim]
    assert check.passed, str(check)


def test_claim_ids_are_unique() -> None:
    wave = make_wave(2021)
    ids = [c.claim for c in check_calibration(wave.dataset, wave.frame)]
    assert len(ids) == len(set(ids))


def test_every_printed_number_is_checked() -> None:
    ref = published_reference()
    ids = set(checks())
    expected = {"study.invited", "study.completed", "study.innovated", "study.response_rate"}
    expected |= {"climate_scale.mean"} | {
        f"climate_scale.groups.{g}" for g in ref["figures"]["climate_scale"]["groups"]
    }
    for name, fig in ref["figures"].items():
        nl = fig.get("values", {}).get("NL")
        if isinstance(nl, dict) and "value" in nl:
            expected.add(f"{name}.NL")
        elif isinstance(nl, dict):
            expected |= {
                f"{name}.NL.{k}" for k, v in nl.items() if isinstance(v, dict) and "value" in v
            }
    expected |= {"fig16_climate_by_sector.gr_max", "fig16_climate_by_sector.gr_min"}
    expected |= {"fig20_success_factors_by_climate.gap_mistakes"}
    expected |= {f"fig21_results_by_climate.gap_{k}" for k in ("quality", "employee_satisfaction")}
    for model in ("quality", "efficiency", "employee_satisfaction"):
        expected.add(f"textbox2_logistic_regressions.{model}.adj_r2")
    assert expected - ids == set()
    n_sectors = sum(1 for c in ids if c.startswith("sectors."))
    n_clusters = sum(1 for c in ids if c.startswith("clusters."))
    assert n_sectors == 2 * len(ref["sectors"])
    assert n_clusters == len(ref["clusters"])
    signs = [
        c
        for c in ids
        if c.startswith("textbox2_") and not c.endswith(("adj_r2", "not_significant"))
    ]
    tb = ref["figures"]["textbox2_logistic_regressions"]
    assert len(signs) == sum(
        len(tb[m]["positive"]) + len(tb[m]["negative"])
        for m in ("quality", "efficiency", "employee_satisfaction")
    )


def test_inconsistencies_are_marked_with_the_reading_met() -> None:
    c = checks()
    for key in ("less_or_much_less", "unchanged", "more_or_much_more"):
        check = c[f"fig23_pandemic_production.NL.{key}"]
        assert check.inconsistent_in_source
        assert "108" in check.note
    assert c["clusters.zbo.completed"].inconsistent_in_source
    assert "36" in c["clusters.zbo.completed"].note
    assert c["fig03_innovation_spectrum.NL.one_type"].inconsistent_in_source
    assert c["textbox2_logistic_regressions.quality.adj_r2"].inconsistent_in_source
    assert not c["fig14_results.NL.quality"].inconsistent_in_source


def test_other_seeds_pass_most_claims() -> None:
    for seed in (1, 2, 3):
        results = list(checks(seed).values())
        missed = failures(results)
        assert len(missed) <= 0.05 * len(results), [str(m) for m in missed]


def test_check_detects_a_miss() -> None:
    wave = make_wave(2021)
    data = wave.dataset.data.copy()
    inn = data.index[data["c1_innovated"] == 1][:20]
    data.loc[inn, "d10_dissemination"] = 2  # "no" instead of "yes"
    data.loc[inn, "d10_dissemination_how"] = ""
    broken = Dataset(data, wave.dataset.codebook, wave.dataset.questionnaire)
    result = {c.claim: c for c in check_calibration(broken, wave.frame)}
    assert not result["fig10_dissemination.NL"].passed
    assert result["fig14_results.NL.quality"].passed


def test_without_frame_the_frame_claims_are_left_out() -> None:
    wave = make_wave(2021)
    ids = {c.claim for c in check_calibration(wave.dataset)}
    assert "study.invited" not in ids and "study.response_rate" not in ids
    assert "sectors.zbo.invited" not in ids
    assert "sectors.zbo.completed" in ids


@pytest.mark.parametrize(
    ("value", "wording", "inside", "outside"),
    [
        (52, "exact", [51.5, 52.49], [51.49, 52.51]),
        (30, "bijna", [27.0, 29.9, 30.0], [26.9, 30.1]),
        (70, "ruim", [70.0, 73.0], [69.9, 73.1]),
        (75, "meer_dan", [75.01, 99], [75.0, 74]),
        (30, "minder_dan", [29.99, 0], [30.0, 31]),
        (15, "circa", [12, 18], [11.9, 18.1]),
    ],
)
def test_interval(value: float, wording: str, inside: list[float], outside: list[float]) -> None:
    lo, hi, strict = interval(value, wording)

    def ok(x: float) -> bool:
        return lo < x < hi if strict else lo - 1e-9 <= x <= hi + 1e-9

    assert all(ok(x) for x in inside)
    assert not any(ok(x) for x in outside)
    lo2, hi2, _ = interval(2.25, "exact", decimals=2)
    assert math.isclose(lo2, 2.245) and math.isclose(hi2, 2.255)


def test_interval_rejects_unknown_wording() -> None:
    with pytest.raises(ValueError, match="unknown wording"):
        interval(5, "ongeveer")


def test_claim_check_str_names_the_claim() -> None:
    check = checks()["fig10_dissemination.NL"]
    assert str(check).startswith("ok   fig10_dissemination.NL")
    assert "MISS" in str(replace(check, passed=False))


def test_reference_yaml_is_packaged() -> None:
    packaged = (resources.files("barometer") / "data" / "ibo2021-published.yaml").read_text("utf-8")
    assert "completed" in packaged
    assert published_reference()["study"]["completed"] == 366
