"""Building blocks of the calibration check: claims, intervals, the coded answers.

See :mod:`barometer.dataset.synthetic.calibrate` for what is checked and how.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from barometer import study
from barometer.classification import classification
from barometer.dataset.core import Dataset
from barometer.dataset.synthetic.calibrate_models import loading_rule

WORDINGS = ("exact", "bijna", "ruim", "meer_dan", "minder_dan", "circa")
CUTS = study.default().scale.cuts  # the climate groups' cut-offs, defined in the study
MIN_LOADING = 0.40
TYPES = ("product", "service", "process", "interaction")


@dataclass(frozen=True)
class ClaimCheck:
    """One published claim, what the data gives, and whether that meets the claim."""

    claim: str  # id: the yaml path, e.g. "fig02_innovation_types.NL.service"
    expected: str  # the interval or ordering that must hold
    observed: str
    passed: bool
    base: str = ""
    note: str = ""
    inconsistent_in_source: bool = False

    def __str__(self) -> str:
        mark = "ok  " if self.passed else "MISS"
        extra = f" [{self.note}]" if self.note else ""
        return f"{mark} {self.claim}: expected {self.expected}, observed {self.observed}{extra}"


def interval(value: float, wording: str, decimals: int = 0) -> tuple[float, float, bool]:
    """(low, high, strict) for a printed value; ``strict`` means the bounds are excluded."""
    half = 0.5 * 10.0**-decimals
    bounds = {
        "exact": (value - half, value + half, False),
        "bijna": (value - 3, value, False),
        "ruim": (value, value + 3, False),
        "meer_dan": (value, math.inf, True),
        "minder_dan": (-math.inf, value, True),
        "circa": (value - 3, value + 3, False),
    }
    if wording not in bounds:
        raise ValueError(f"unknown wording '{wording}'")
    return bounds[wording]


def _meets(x: float, lo: float, hi: float, strict: bool) -> bool:
    tol = 1e-9
    if strict:
        return lo < x < hi
    return lo - tol <= x <= hi + tol


def _fmt_interval(lo: float, hi: float, strict: bool, decimals: int) -> str:
    f = f"{{:.{decimals + 1}f}}" if decimals else "{:g}"
    if math.isinf(hi):
        return f"> {f.format(lo)}"
    if math.isinf(lo):
        return f"< {f.format(hi)}"
    return f"{f.format(lo)}..{f.format(hi)}" + (" (exclusive)" if strict else "")


class Data:
    """The answers as codes, with the derived variables the claims need."""

    def __init__(self, dataset: Dataset) -> None:
        self.d = dataset.data.reset_index(drop=True)
        self.q = dataset.questionnaire
        self.innov = self.col("c1_innovated") == self.code("c1_innovated", "yes")
        self.n_all = len(self.d)
        self.n_inn = int(self.innov.sum())
        statements = [c for c in self.d.columns if re.fullmatch(r"e\d\d_\w+", c)]
        self.statements = statements
        self.kept, self.dropped = loading_rule(self.d[statements], MIN_LOADING)
        sub = self.d[self.kept].where(self.d[self.kept] >= 1)
        enough = sub.notna().sum(axis=1) >= math.ceil(len(self.kept) / 2)
        self.score = sub.mean(axis=1).where(enough)
        lo, hi = CUTS
        s = self.score.round(9)
        self.group = pd.Series(
            np.select([s > hi, s < lo, s.notna()], ["strong", "limited", "medium"], ""),
            index=self.d.index,
        )
        types = pd.DataFrame({t: self.yes(f"d2_type_{t}") for t in TYPES})
        self.spectrum = types.sum(axis=1).where(self.innov)

    def col(self, name: str) -> pd.Series:
        return self.d[name]

    def code(self, item: str, choice: str) -> int:
        cl = self.q.item(item).choice_list
        assert cl is not None
        c = cl.by_name(choice)
        assert c is not None, f"{item} has no choice {choice}"
        return c.code

    def is_(self, item: str, *choices: str) -> pd.Series:
        return self.col(item).isin([self.code(item, c) for c in choices])

    def yes(self, item: str) -> pd.Series:
        return self.is_(item, "yes")

    def picked(self, item: str, choice: str) -> pd.Series:
        return self.col(f"{item}__{choice}") == 1

    def promoting(self, factor: str) -> pd.Series:
        return self.is_(f"d13_factor_{factor}", "promoting", "strongly_promoting")

    @staticmethod
    def pct(mask: pd.Series, base: pd.Series) -> float:
        n = int(base.sum())
        return 100.0 * float((mask & base).sum()) / n if n else math.nan

    def by_group(self, mask: pd.Series, base: pd.Series) -> dict[str, float]:
        return {
            g: self.pct(mask, base & (self.group == g)) for g in ("strong", "medium", "limited")
        }


class Checks:
    def __init__(self) -> None:
        self.out: list[ClaimCheck] = []

    def num(
        self,
        claim: str,
        observed: float,
        value: float,
        wording: str,
        *,
        base: str = "",
        decimals: int = 0,
        note: str = "",
        inconsistent: bool = False,
    ) -> None:
        lo, hi, strict = interval(float(value), wording, decimals)
        self.out.append(
            ClaimCheck(
                claim=claim,
                expected=f"{wording} {value} -> {_fmt_interval(lo, hi, strict, decimals)}",
                observed=f"{observed:.{max(decimals, 1) + 1}f}"
                if isinstance(observed, float)
                else str(observed),
                passed=bool(not (isinstance(observed, float) and math.isnan(observed)))
                and _meets(float(observed), lo, hi, strict),
                base=base,
                note=note,
                inconsistent_in_source=inconsistent,
            )
        )

    def order(
        self,
        claim: str,
        expected: str,
        passed: bool,
        observed: str,
        *,
        base: str = "",
        note: str = "",
        inconsistent: bool = False,
    ) -> None:
        self.out.append(
            ClaimCheck(claim, expected, observed, bool(passed), base, note, inconsistent)
        )


ALL = "all organisations"
INN = "organisations that innovated"


def base_of(x: Data, innovators: bool) -> tuple[pd.Series, str]:
    """The base of a percentage and its label (with n)."""
    if innovators:
        return x.innov, f"{INN} (n={x.n_inn})"
    return pd.Series(True, index=x.d.index), f"{ALL} (n={x.n_all})"


def fmt(values: Mapping[str, float], digits: int = 1) -> str:
    return ", ".join(f"{k} {v:.{digits}f}" for k, v in values.items())


def ordered(values: Mapping[str, float]) -> bool:
    return values["strong"] > values["medium"] > values["limited"]


def sector_code(name: str) -> str:
    """The classification code of a sector named as in Tabel 1."""
    for s in classification().sectors:
        if s.nl == name:
            return s.code
    raise KeyError(name)


def cluster_code(name: str) -> str:
    """The classification code of a cluster named as in Tabel 2 (labels may be shortened)."""
    for cl in classification().clusters:
        if name == cl.nl or name.startswith(f"{cl.nl} ("):
            return cl.code
    raise KeyError(name)


def eta_squared(score: pd.Series, by: pd.Series) -> float:
    ok = score.notna()
    s, g = score[ok], by[ok]
    total = float(((s - s.mean()) ** 2).sum())
    between = float(sum(len(v) * (v.mean() - s.mean()) ** 2 for _, v in s.groupby(g)))
    return between / total if total else math.nan
