"""Score a self-test against a published wave, with the report's own scale code.

The score is :func:`~barometer.stats.scale.scale_score` with the wave's kept statements and
minimum number answered, and the group :func:`~barometer.stats.groups.climate_groups_fixed`
with the wave's cut-offs: the functions the report and the feedback reports call. The
wave's side comes from the published snapshot only (quantiles, shares, means).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from barometer.questionnaire import DONT_KNOW, NO_ANSWER
from barometer.stats.groups import climate_groups_fixed
from barometer.stats.scale import scale_score

__all__ = ["ANSWERS", "SelfTestResult", "percentile_of", "read_answers", "score_selftest"]

ANSWERS = ("1", "2", "3", "4", "5", "-8")
"""Accepted answers: 1 (strongly disagree) to 5 (strongly agree), -8 don't know."""


@dataclass(frozen=True)
class SelfTestResult:
    score: float | None
    group: str | None
    percentile: float | None
    n: int
    sector_percentile: float | None = None
    sector_n: int | None = None
    statements: tuple[dict[str, Any], ...] = ()
    differ: tuple[dict[str, Any], ...] = ()
    answered: int = 0
    extra: dict[str, Any] = field(default_factory=dict)


def read_answers(
    form: Mapping[str, str], meta: Mapping[str, Any]
) -> tuple[dict[str, int], dict[str, str]]:
    """The answers of the form (statement name -> code) and the statements whose value is
    outside the scale (name -> the value sent). An empty value is not answered."""
    answers: dict[str, int] = {}
    errors: dict[str, str] = {}
    for s in meta["statements"]:
        value = str(form.get(s["name"], "")).strip()
        if value == "":
            continue
        if value not in ANSWERS:
            errors[s["name"]] = value
            continue
        answers[s["name"]] = int(value)
    return answers, errors


def percentile_of(value: float, levels: list[int], quantiles: list[float]) -> float:
    """The share (in %) of the distribution below ``value``, interpolated on the published
    quantiles (ties averaged); 0 or 100 outside them are reported as the outer levels."""
    q = np.asarray(quantiles, dtype=float)
    lv = np.asarray(levels, dtype=float)
    uq = np.unique(q)
    mean_levels = np.array([lv[q == u].mean() for u in uq])
    if len(uq) == 1:
        return float(mean_levels[0])
    return float(np.interp(value, uq, mean_levels))


def score_selftest(
    answers: Mapping[str, int], meta: Mapping[str, Any], sector: str = ""
) -> SelfTestResult:
    """The self-test's result for ``answers`` against the snapshot's ``selftest`` meta."""
    names = [s["name"] for s in meta["statements"]]
    own = {n: answers.get(n, NO_ANSWER) for n in names}
    # A second row of valid answers keeps every column answered (scale_score refuses a
    # column without any answer); the score of the first row does not depend on it.
    items = pd.DataFrame([own, dict.fromkeys(names, 3)], dtype="float64")
    score_series = scale_score(items, keep=list(meta["kept"]), min_answered=meta["min_answered"])
    value = score_series.iloc[0]
    score = None if pd.isna(value) else float(value)
    group = None
    if score is not None:
        cuts = (float(meta["cuts"][0]), float(meta["cuts"][1]))
        group = str(climate_groups_fixed(pd.Series([score]), cuts=cuts).iloc[0])
    levels = list(meta["quantile_levels"])
    overall = meta["overall"]
    pct = percentile_of(score, levels, overall["quantiles"]) if score is not None else None
    by_sector = meta["sectors"].get(sector) if sector else None
    sector_pct = (
        percentile_of(score, levels, by_sector["quantiles"])
        if score is not None and by_sector is not None
        else None
    )
    rows = []
    for s in meta["statements"]:
        answer = own[s["name"]]
        dist = s["distribution"]
        rows.append(
            {
                "name": s["name"],
                "label": s["label"],
                "kept": s["kept"],
                "answer": answer if 1 <= answer <= 5 else None,
                "dont_know": answer == DONT_KNOW,
                "mean": dist["mean"] if dist else None,
                "agree": round(dist["pct"][3] + dist["pct"][4], 1) if dist else None,
                "strong_mean": s["strong_mean"],
            }
        )
    gaps = [
        r for r in rows if r["kept"] and r["answer"] is not None and r["strong_mean"] is not None
    ]
    gaps.sort(key=lambda r: (-abs(r["strong_mean"] - r["answer"]), names.index(r["name"])))
    differ = tuple({**r, "gap": round(r["answer"] - r["strong_mean"], 2)} for r in gaps[:3])
    return SelfTestResult(
        score=score,
        group=group,
        percentile=pct,
        n=int(overall["n"]),
        sector_percentile=sector_pct,
        sector_n=int(by_sector["n"]) if by_sector else None,
        statements=tuple(rows),
        differ=differ,
        answered=sum(1 for n in meta["kept"] if 1 <= own[n] <= 5),
    )
