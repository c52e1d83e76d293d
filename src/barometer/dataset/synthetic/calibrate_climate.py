"""Claims of ``ibo2021-published.yaml`` about results and climate: Figures 14-21 and 27 and
Tekstvak 2 (see ``calibrate``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

import pandas as pd
from scipy import stats

from barometer.dataset.synthetic.calibrate_base import (
    TYPES,
    Checks,
    ClaimCheck,
    Data,
    base_of,
    eta_squared,
    fmt,
    ordered,
)
from barometer.dataset.synthetic.calibrate_models import dummies, fit_logit

# --------------------------------------------------------------------------- 14, Tekstvak 2
RESULT_KEYS = (
    "efficiency",
    "quality",
    "employee_satisfaction",
    "political_goals",
    "citizen_influence",
)
SIGN_TERMS: dict[str, dict[str, str]] = {
    "quality": {
        "product innovation": "product", "broader innovation spectrum": "spectrum",
        "adapted copy of an innovation elsewhere": "origin_adapted",
        "contribution of employees": "factor_employees",
        "purely technological innovation": "tech_entirely", "interaction innovation": "interaction",
    },
    "efficiency": {
        "process innovation": "process", "focus on continuity of operations": "factor_continuity",
        "initiative by managers": "initiative_managers",
        "innovation implemented elsewhere before": "origin_elsewhere",
        "initiative from the political environment": "initiative_political",
        "financed from own budget": "financing_own_budget",
    },
    "employee_satisfaction": {
        "innovation climate": "climate",
        "collaboration within the organisation": "factor_collab_internal",
        "reorganisation as trigger": "initiative_reorganisation",
        "initiative by managers": "initiative_managers",
        "initiative from the political environment": "initiative_political",
        "sufficient time for innovation": "time_agree",
    },
}  # fmt: skip


def _predictors(x: Data) -> pd.DataFrame:
    """Operationalisation of Tekstvak 2's predictors (0/1 unless said otherwise)."""
    d = {t: x.yes(f"d2_type_{t}") for t in TYPES}
    d.update(
        spectrum=x.spectrum,  # number of types, 1-4
        origin_adapted=x.is_("d3_origin", "adapted"),
        origin_elsewhere=x.is_("d3_origin", "adapted", "copy"),
        tech_entirely=x.is_("d4_tech_share", "entirely"),
        factor_employees=x.promoting("employees"),
        factor_continuity=x.promoting("continuity"),
        factor_collab_internal=x.promoting("collab_internal"),
        initiative_managers=x.picked("d6_initiative", "managers"),
        initiative_political=x.picked("d6_initiative", "political"),
        initiative_reorganisation=x.picked("d6_initiative", "reorganisation"),
        financing_own_budget=x.picked("d11_financing", "own_budget"),
        climate=x.score,  # mean of the kept statements, 1-5
        time_agree=x.is_("e06_time", "agree", "strongly_agree"),
    )
    return pd.DataFrame(d).astype(float)


def results(c: Checks, x: Data, ref: Mapping[str, Any]) -> None:
    f = ref["figures"]
    inn, inn_label = base_of(x, True)
    for key, spec in f["fig14_results"]["values"]["NL"].items():
        share = x.pct(x.picked("d14_results", key), inn)
        c.num(f"fig14_results.NL.{key}", share, spec["value"], spec["wording"], base=inn_label)
    tb = f["textbox2_logistic_regressions"]
    pred = _predictors(x)[inn]
    ok = pred.notna().all(axis=1)
    pred = pred[ok]
    sample = inn.copy()
    sample[inn] = ok.to_numpy()
    small = x.d.loc[sample, "sector"].map(
        lambda s: s if (x.d.loc[sample, "sector"] == s).sum() >= 5 else "other"
    )
    blocks = {
        "sector": dummies(small, prefix="sector_"),
        "size": dummies(x.d.loc[sample, "a1_size"].astype(str), prefix="size_"),
    }
    label = f"organisations that innovated, complete on the predictors (n={int(sample.sum())})"
    not_sig: dict[str, float] = {}
    for model, terms in SIGN_TERMS.items():
        y = x.picked("d14_results", model)[sample]
        cols = list(dict.fromkeys(terms.values()))
        fit = fit_logit(y, pred[cols], blocks)
        for sign in ("positive", "negative"):
            for name in tb[model][sign]:
                term = terms[name]
                b, p = float(fit.coef[term]), float(fit.pvalues[term])
                good = (b > 0) == (sign == "positive") and p < 0.10
                c.order(
                    f"textbox2_logistic_regressions.{model}.{term}",
                    f"{sign} and p < .10 in the model with the report's predictors",
                    good, f"B {b:+.2f}, p {p:.3f}", base=label,
                    note="; ".join(fit.warnings),
                )  # fmt: skip
        c.num(
            f"textbox2_logistic_regressions.{model}.adj_r2", fit.nagelkerke,
            tb[model]["adj_r2"], "circa", decimals=2, base=label,
            note="the report prints 'Adj R2' for a logistic model; we meet its value with "
            "Nagelkerke R2 within +-0.10 (circa, scaled to the 0-1 metric)",
            inconsistent=True,
        )  # fmt: skip
        c.out[-1] = _widen(c.out[-1], float(tb[model]["adj_r2"]), fit.nagelkerke, 0.10)
        not_sig.update({f"{model}/{k}": v for k, v in fit.block_p.items()})
    c.order(
        "textbox2_logistic_regressions.not_significant",
        "sector and size add nothing (likelihood-ratio p > .05) to any of the three models",
        all(p > 0.05 for p in not_sig.values()), fmt(not_sig, 3), base=label,
    )  # fmt: skip


def _widen(check: ClaimCheck, value: float, observed: float, tol: float) -> ClaimCheck:
    lo, hi = value - tol, value + tol
    return replace(
        check,
        expected=f"Nagelkerke R2 {lo:.3f}..{hi:.3f}",
        observed=f"{observed:.3f}",
        passed=lo <= observed <= hi,
    )


# --------------------------------------------------------------------------- 15-21, 27
def climate(c: Checks, x: Data, ref: Mapping[str, Any]) -> None:
    f = ref["figures"]
    all_, all_label = base_of(x, False)
    inn, inn_label = base_of(x, True)
    agree = {s: x.pct(x.is_(s, "agree", "strongly_agree"), all_) for s in x.statements}
    v15 = f["fig15_climate_statements"]["values"]["NL"]
    top = ("e01_collab_other", "e02_apply_elsewhere")
    others = max(v for k, v in agree.items() if k not in top)
    c.order(
        "fig15_climate_statements.NL.collaborates_and_applies_by_far_most",
        "collab_other and apply_elsewhere the most agreed, each >= 5 points above any other",
        min(agree[k] for k in top) >= others + 5, fmt({**{k: agree[k] for k in top}, "next": others}),
        base=all_label,
    )  # fmt: skip
    items = {
        "people_with_new_ideas_valued": "e03_ideas_valued",
        "citizen_business_perspective_included": "e04_citizen_perspective",
        "learns_from_mistakes": "e05_learn_mistakes",
    }
    for key, item in items.items():
        spec = v15[key]
        c.num(
            f"fig15_climate_statements.NL.{key}",
            agree[item],
            spec["value"],
            spec["wording"],
            base=all_label,
        )
    c.order(
        "fig15_climate_statements.scale_keeps_13_of_15",
        "the loading rule (>= .40 on one factor) keeps 13 of the 15 statements",
        len(x.kept) == 13, f"kept {len(x.kept)}, dropped {', '.join(x.dropped) or 'none'}",
        base=all_label,
    )  # fmt: skip
    cs = f["climate_scale"]
    score = x.score.dropna()
    c.num(
        "climate_scale.mean", float(score.mean()), cs["mean"], "exact", decimals=1, base=all_label
    )
    skew, kurt = float(stats.skew(score)), float(stats.kurtosis(score))
    c.order(
        "climate_scale.distribution", "roughly normal: |skewness| < .5, |excess kurtosis| < 1",
        abs(skew) < 0.5 and abs(kurt) < 1, f"skewness {skew:.2f}, excess kurtosis {kurt:.2f}",
        base=all_label,
    )  # fmt: skip
    for g, spec in cs["groups"].items():
        c.num(
            f"climate_scale.groups.{g}", x.pct(x.group == g, all_), spec["share"], spec["wording"],
            base=all_label, note=f"rule {spec['rule']}",
        )  # fmt: skip
    _climate_by_unit(c, x, f, all_label)
    freq = x.col("c2_count").where(x.innov, 0).clip(lower=0)
    fq = {g: float(freq[x.group == g].mean()) for g in ("strong", "medium", "limited")}
    share = x.by_group(x.innov, all_)
    c.order(
        "fig18_frequency_by_climate", "strong > medium > limited (innovated and number of innovations)",
        ordered(fq) and ordered(share), f"innovated % {fmt(share)}; mean count code {fmt(fq, 2)}",
        base=all_label,
    )  # fmt: skip
    spec_mean = {
        g: float(x.spectrum[inn & (x.group == g)].mean()) for g in ("strong", "medium", "limited")
    }
    four = x.by_group(x.spectrum == 4, inn)
    four_all = x.pct(x.spectrum == 4, x.group == "strong")
    note19 = (
        "the report labels Figuur 19 n=366; the spectrum exists only for innovators, so the "
        f"shares are of innovators (of all strong organisations: {four_all:.1f} %)"
    )
    c.order(
        "fig19_spectrum_by_climate.broader", "mean spectrum strong > medium > limited",
        ordered(spec_mean), fmt(spec_mean, 2), base=inn_label, note=note19, inconsistent=True,
    )  # fmt: skip
    c.order(
        "fig19_spectrum_by_climate.strong_majority_all_four",
        "a clear majority (> 55 %) of the strong group has all four types",
        four["strong"] > 55 and four_all > 50, fmt(four), base=inn_label, note=note19,
        inconsistent=True,
    )  # fmt: skip
    _by_climate_figures(c, x, f, inn, inn_label)


def _climate_by_unit(c: Checks, x: Data, f: Mapping[str, Any], all_label: str) -> None:
    s = x.score
    mean = float(s.mean())
    sec = s.groupby(x.d["sector"]).mean()
    eta_s = eta_squared(s, x.d["sector"])
    c.order(
        "fig16_climate_by_sector.means_differ_little",
        "spread within sectors much larger than between: eta squared < .10",
        eta_s < 0.10, f"eta squared {eta_s:.3f}", base=all_label,
    )  # fmt: skip
    hi_lo = {
        k: float(sec[k]) - mean
        for k in ("gemeenschappelijke_regelingen", "zbo", "rijksoverheid", "rechtswezen")
    }
    c.order(
        "fig16_climate_by_sector.gr_zbo_well_rijk_rechtswezen_lower",
        "GR and Zbo's above the overall mean, Rijksoverheid and Rechtswezen below",
        hi_lo["gemeenschappelijke_regelingen"] > 0 and hi_lo["zbo"] > 0
        and hi_lo["rijksoverheid"] < 0 and hi_lo["rechtswezen"] < 0,
        "difference from the mean: " + fmt(hi_lo, 2), base=all_label,
    )  # fmt: skip
    gr = s[x.d["sector"] == "gemeenschappelijke_regelingen"]
    v16 = f["fig16_climate_by_sector"]["values"]
    c.order(
        "fig16_climate_by_sector.gr_max", "bijna 5 -> 4.7 <= best GR < 5 (on the 1-5 scale)",
        4.7 <= float(gr.max()) < v16["gr_max"]["value"], f"{gr.max():.3f}",
        base=f"Gemeenschappelijke regelingen (n={gr.notna().sum()})",
        note="'bijna' on a 1-5 score read as within 0.3 below the maximum",
    )  # fmt: skip
    c.num(
        "fig16_climate_by_sector.gr_min", float(gr.min()), v16["gr_min"]["value"], "exact",
        decimals=2, base=f"Gemeenschappelijke regelingen (n={gr.notna().sum()})",
    )  # fmt: skip
    clu = s.groupby(x.d["cluster"]).mean()
    well = ("cultuur", "omgevingsdienst", "zbo", "arbeid_sociaal", "infra_bedrijventerrein")
    diff = {k: float(clu[k]) - mean for k in well}
    eta_c = eta_squared(s, x.d["cluster"])
    c.order(
        "fig27_climate_by_cluster.relatively_well",
        "Cultuur, Omgevingsdienst, Zbo's, Arbeid en Sociaal, Infra above the overall mean",
        all(v > 0 for v in diff.values()), fmt(diff, 2), base=all_label,
        note="the text cites Figuur 26 for this chart; it is Figuur 27", inconsistent=True,
    )  # fmt: skip
    c.order(
        "fig27_climate_by_cluster.spread_within_larger",
        "spread within clusters much larger than between: eta squared < .15",
        eta_c < 0.15, f"eta squared {eta_c:.3f}", base=all_label,
    )  # fmt: skip


def _by_climate_figures(
    c: Checks, x: Data, f: Mapping[str, Any], inn: pd.Series, label: str
) -> None:
    factors = [n.removeprefix("d13_factor_") for n in x.d.columns if n.startswith("d13_factor_")]
    by = {fa: x.by_group(x.promoting(fa), inn) for fa in factors}
    gaps = {fa: v["strong"] - v["limited"] for fa, v in by.items()}
    target = float(f["fig20_success_factors_by_climate"]["gap_mistakes_strong_minus_limited"])
    note20 = "Figuur 20's title says 'naar organisatiecluster'; it compares climate groups"
    c.num(
        "fig20_success_factors_by_climate.gap_mistakes", gaps["mistakes"], target, "circa",
        base=label, note=f"% (strongly) promoting, strong minus limited. {note20}",
    )  # fmt: skip
    c.order(
        "fig20_success_factors_by_climate.mistakes_largest_gap", "mistakes has the largest gap",
        max(gaps, key=lambda k: gaps[k]) == "mistakes",
        fmt(dict(sorted(gaps.items(), key=lambda kv: -kv[1])[:3])), base=label,
    )  # fmt: skip
    small = {k: gaps[k] for k in ("employees", "volunteers")}
    c.order(
        "fig20_success_factors_by_climate.small_gaps_employees_volunteers",
        "small gaps (< 15 points) for employees' contribution and volunteers",
        all(abs(v) < 15 for v in small.values()), fmt(small), base=label,
    )  # fmt: skip
    n_ord = sum(ordered(v) for v in by.values())
    c.order(
        "fig20_success_factors_by_climate.almost_all_ordered",
        "strong > medium > limited on almost all factors (>= 14 of 17)",
        n_ord >= 14, f"{n_ord} of {len(by)}", base=label,
    )  # fmt: skip
    f21 = f["fig21_results_by_climate"]
    res = {k: x.by_group(x.picked("d14_results", k), inn) for k in RESULT_KEYS}
    for key in ("quality", "employee_satisfaction"):
        gap = res[key]["strong"] - res[key]["limited"]
        c.num(
            f"fig21_results_by_climate.gap_{key}", gap, f21[f"gap_{key}_strong_minus_limited"],
            "circa", base=label, note="percentage points, strong minus limited",
        )  # fmt: skip
    diffs = {k: v["strong"] - v["limited"] for k, v in res.items()}
    c.order(
        "fig21_results_by_climate.strong_better_everywhere", "strong above limited on every result",
        all(v > 0 for v in diffs.values()), fmt(diffs), base=label,
    )  # fmt: skip
