"""Issue 9, point 8: the demo report, unweighted as 2021 published, reproduces every numeric
calibration claim of ``ibo2021-published.yaml`` from its own output tables (the CSVs).

``barometer demo`` runs as a subprocess in an empty folder (its report is unweighted by
default: the 2021 method). Each numeric claim is read from the CSV of the figure that
prints it (counts and bases, so the percentages are exact, not rounded), and checked
against the claim's wording bounds (``calibrate_base.interval``, as the generator's own
check). Claims that the report's tables cannot show are listed in ``NOT_IN_THE_TABLES``
with the reason, and what the tables do show of them is checked instead.
"""

from __future__ import annotations

import math
import re
import subprocess
import sys
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pandas as pd
import pytest

from barometer.classification import classification
from barometer.dataset.synthetic.calibrate import check_calibration, published_reference
from barometer.dataset.synthetic.calibrate_claims import COLLAB, INITIATIVE
from barometer.dataset.synthetic.wave import make_wave
from barometer.questionnaire import default

Q = default()
REMAINDER_SECTORS = ("hoge_colleges", "provincies")
NOT_IN_THE_TABLES = {
    **{f"sectors.{c}.{k}": "published in the remainder row of Tabel 1 only (2021 did the same)"
       for c in REMAINDER_SECTORS for k in ("invited", "completed")},
    "clusters.hoge_colleges.completed": "4 < min_n: in the remainder row of Tabel 2 (2021 printed it)",
    "clusters.belasting.completed": "joins the remainder so that it reaches min_n (4 + 6)",
    "clusters.zbo.completed": "differs from sector Zbo's by fewer than min_n organisations: the "
                              "differencing rule merges it into the remainder row of Tabel 2",
    "fig16_climate_by_sector.gr_min": "the lowest score is one organisation's value, an outlier "
                                      "the policy hides (fewer than cell_min outliers)",
}  # fmt: skip


@cache
def claims() -> dict[str, str]:
    """Numeric claims (id -> expected bounds) of the generator's calibration check."""
    wave = make_wave(2021)
    return {
        c.claim: c.expected
        for c in check_calibration(wave.dataset, wave.frame)
        if "->" in c.expected or c.expected.startswith("Nagelkerke")
    }


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo")
    barometer = str(Path(sys.executable).with_name("barometer"))
    run = subprocess.run([barometer, "demo", "--out", ".", "--quiet"], cwd=folder,
                         capture_output=True, text=True, timeout=900)  # fmt: skip
    assert run.returncode == 0, run.stderr
    return folder


@pytest.fixture(scope="module")
def tables(demo: Path) -> dict[str, pd.DataFrame]:
    out = demo / "report" / "tables"
    return {
        p.stem: pd.read_csv(p, keep_default_na=False, na_values=[""]) for p in out.glob("*.csv")
    }


def _bounds(expected: str) -> tuple[float, float, bool]:
    text = expected.split("->")[-1].strip()
    if m := re.search(r"([\d.]+) <= best GR < ([\d.]+)", text):
        return float(m[1]), float(m[2]), False  # the upper bound is strict; see _meets
    if m := re.fullmatch(r"(?:Nagelkerke R2 )?(-?[\d.]+)\.\.(-?[\d.]+)", text):
        return float(m[1]), float(m[2]), False
    if m := re.fullmatch(r"> (-?[\d.]+)", text):
        return float(m[1]), math.inf, True
    if m := re.fullmatch(r"< (-?[\d.]+)", text):
        return -math.inf, float(m[1]), True
    raise ValueError(expected)


def _labels(item: str, *names: str) -> list[str]:
    cl = Q.item(item).choice_list
    assert cl is not None
    return [c.label("nl") for c in cl.choices if c.name in names]


def _share(t: pd.DataFrame, labels: list[str], series: str | None = None) -> float:
    rows = t if series is None else t[t["series"] == series]
    hit = rows[rows["category"].isin(labels)]
    assert len(hit) == len(labels), (labels, list(rows["category"]))
    return 100 * float(hit["n"].sum()) / float(hit["base"].iloc[0])


def _gap(t: pd.DataFrame, label: str) -> float:
    rows = t[t["category"].astype(str).str.startswith(label)]
    strong, limited = (rows[rows["series"] == g].iloc[0] for g in ("Krachtig", "Beperkt"))
    return 100 * (strong["n"] / strong["base"] - limited["n"] / limited["base"])


Reader = Callable[[dict[str, pd.DataFrame]], float]


def reader(claim: str) -> Reader:  # one branch per figure, read top to bottom
    parts = claim.split(".")
    fig, key = parts[0], parts[-1]
    cls = classification()
    if fig == "study":
        col = {"invited": "invited", "completed": "completed", "response_rate": "response"}
        if key == "innovated":
            return lambda t: float(t["fig01_innovated_share"].set_index("category").loc["Ja", "n"])
        return lambda t: float(
            t["tab01_response_by_sector"].set_index("sector").loc["Totaal", col[key]]
        )
    if fig == "sectors":
        name = cls.sector_label(parts[1], "nl")
        return lambda t: float(t["tab01_response_by_sector"].set_index("sector").loc[name, key])
    if fig == "clusters":
        name = cls.cluster_label(parts[1], "nl")
        return lambda t: float(t["tab02_clusters"].set_index("cluster").loc[name, "organisations"])
    simple: dict[str, tuple[str, dict[str, tuple[str, ...]]]] = {
        "fig04_origin": ("d3_origin", {"inspired_adapted": ("adapted",), "mainly_copy": ("copy",),
                                       "own_development": ("own",)}),
        "fig05_technology_share": ("d4_tech_share", {"important_part": ("important",),
                                   "entirely_technology": ("entirely",),
                                   "small_part_or_none": ("small", "none")}),
        "fig07_initiative": ("d6_initiative", {k: (v,) for k, v in INITIATIVE.items()}),
        "fig09_collaboration": ("d8_collab", {k: (v,) for k, v in COLLAB.items()}),
        "fig11_financing": ("d11_financing", {"own_budget": ("own_budget",)}),
        "fig12_strategy": ("d12_strategy", {"together_process": ("together",),
                           "spotlight": ("spotlight",), "under_the_radar": ("under_radar",),
                           "expert_group": ("expert_group",)}),
        "fig14_results": ("d14_results", {k: (k,) for k in ("efficiency", "quality",
                          "employee_satisfaction", "political_goals", "citizen_influence")}),
        "fig23_pandemic_production": ("b1_production", {"less_or_much_less": ("much_less", "less"),
                                      "unchanged": ("unchanged",),
                                      "more_or_much_more": ("more", "much_more")}),
        "fig24_telework_share": ("b2_homework_share", {"75-100% of staff at home": ("p75_100",)}),
        "fig25_telework_facilities": ("b3_homework_facilities", {"available_before": ("already",),
                                      "newly_introduced": ("new",), "improved": ("improved",)}),
    }  # fmt: skip
    if fig in simple:
        item, names = simple[fig]
        key = claim.split(".NL.")[-1]
        labels = _labels(item, *names[key])
        return lambda t: _share(t[fig], labels)
    if fig == "fig01_innovated_share":
        return lambda t: _share(t[fig], ["Ja"])
    if fig == "fig10_dissemination":
        return lambda t: _share(t[fig], _labels("d10_dissemination", "yes"))
    if fig == "fig02_innovation_types":
        position = ("product", "service", "process", "interaction").index(key)
        return lambda t: _share(t[fig], [list(dict.fromkeys(t[fig]["category"]))[position]], "Ja")
    if fig == "fig03_innovation_spectrum":
        return lambda t: _share(t[fig], list(t[fig]["category"])[:1] if key == "one_type"
                                else list(t[fig]["category"])[1:])  # fmt: skip
    if fig == "fig15_climate_statements":
        item = {"people_with_new_ideas_valued": "e03_ideas_valued",
                "citizen_business_perspective_included": "e04_citizen_perspective",
                "learns_from_mistakes": "e05_learn_mistakes"}[key]  # fmt: skip
        return lambda t: _share(t[fig], [Q.item(item).label("nl")])
    if fig == "climate_scale":
        if key == "mean":  # the mean of all scores: Figuur 16's sector means weighted by n
            return lambda t: float(
                (t["fig16_climate_by_sector"]["n"] * t["fig16_climate_by_sector"]["mean"]).sum()
                / t["fig16_climate_by_sector"]["n"].sum()
            )
        word = {"strong": "Krachtig", "medium": "Gemiddeld", "limited": "Beperkt"}[key]
        return lambda t: _share(t["fig17_climate_groups"], [word], "Vaste grenzen 2021")
    if fig == "fig16_climate_by_sector":
        gr = cls.sector_label("gemeenschappelijke_regelingen", "nl")
        column = "max" if key == "gr_max" else "min"
        return lambda t: float(t[fig].set_index("category").loc[gr, column])
    if fig == "fig20_success_factors_by_climate":
        return lambda t: _gap(t[fig], Q.item("d13_factor_mistakes").label("nl"))
    if fig == "fig21_results_by_climate":
        label = _labels("d14_results", key.removeprefix("gap_"))[0]
        return lambda t: _gap(t[fig], label)
    if fig == "textbox2_logistic_regressions":
        name = f"tab04_logistic_output__{parts[1]}_fit"  # the annex of Tekstvak 2
        return lambda t: float(t[name].set_index("measure").loc["Nagelkerke R²", "value"])
    raise KeyError(claim)


@pytest.mark.parametrize("claim", [c for c in claims() if c not in NOT_IN_THE_TABLES])
def test_claim_from_the_report_tables(claim: str, tables: dict[str, pd.DataFrame]) -> None:
    lo, hi, strict = _bounds(claims()[claim])
    value = reader(claim)(tables)
    if claim.endswith("gr_max"):
        assert lo <= value < hi, value
    elif strict:
        assert lo < value < hi, value
    else:
        assert lo - 1e-9 <= value <= hi + 1e-9, value


def test_the_merged_claims_add_up_in_the_remainder_rows(tables: dict[str, pd.DataFrame]) -> None:
    ref = published_reference()
    t1 = tables["tab01_response_by_sector"]
    rest = t1[t1["sector"].str.startswith("Overige sectoren")].iloc[0]
    merged = [s for s in ref["sectors"] if s.get("published_separately") is False]
    assert rest["invited"] == sum(s["invited"] for s in merged)
    assert rest["completed"] == sum(s["completed"] for s in merged)
    t2 = tables["tab02_clusters"]
    rest2 = t2[t2["cluster"].str.startswith("Overige clusters")].iloc[0]
    published = ref["clusters"]
    names = [n for n in published if n.startswith(("Hoge Colleges", "Belasting", "Zelfstandige"))]
    assert len(names) == 3
    assert rest2["organisations"] == sum(published[n] for n in names)


def test_the_hidden_minimum_is_the_lower_whisker(tables: dict[str, pd.DataFrame]) -> None:
    """Figuur 16 hides outliers of a group with fewer than cell_min of them, so its minimum is
    the lower whisker there; the 2021 claim (a GR scored below the published bound) still holds
    in the data, which ``check_calibration`` checks."""
    t = tables["fig16_climate_by_sector"].set_index("category")
    gr = t.loc[classification().sector_label("gemeenschappelijke_regelingen", "nl")]
    assert pd.isna(gr["n_outliers"]) and gr["min"] == gr["whisker_low"]
    lo, hi, _ = _bounds(claims()["fig16_climate_by_sector.gr_min"])
    assert not lo <= gr["min"] <= hi  # the published table no longer shows the outlier
    wave = make_wave(2021)
    held = {c.claim: c.passed for c in check_calibration(wave.dataset, wave.frame)}
    assert held["fig16_climate_by_sector.gr_min"]


def test_every_numeric_claim_is_read_or_explained() -> None:
    for claim in claims():
        if claim not in NOT_IN_THE_TABLES:
            reader(claim)  # raises KeyError for a claim no table is mapped to
    assert set(NOT_IN_THE_TABLES) <= set(claims())
    assert len(NOT_IN_THE_TABLES) == 8


def test_the_demo_report_is_unweighted_and_says_so(tables: dict[str, pd.DataFrame]) -> None:
    assert "nl_pct" in tables["fig01_innovated_share__benchmarks"].columns
    t = tables["fig01_innovated_share"]
    assert (t["pct"] == (100 * t["n"] / t["base"]).round(1)).all()  # unweighted shares


def test_every_figure_and_comparison_states_its_basis(demo: Path) -> None:
    """The demo report is unweighted and says so on every figure; a comparison with another
    study names that study's basis (the Danish barometer is weighted)."""
    html = (demo / "report" / "index.html").read_text(encoding="utf-8")
    captions = re.findall(r"<figcaption[^>]*>(.*?)</figcaption>", html, flags=re.S)
    figures = [c for c in captions if c.startswith("Figuur")]  # not the word-cloud images
    assert len(figures) >= 20 and all("ongewogen" in c for c in figures)
    assert (
        "gewogen naar het steekproefkader" not in html.split('id="about"')[1].split("</section>")[0]
    )
    assert "COI (2019, 2020), gewogen" in html
    assert "daar gewogen, hier ongewogen" in html
    assert "Wilson" in html and "zoals in de rapportage van 2021" in html
