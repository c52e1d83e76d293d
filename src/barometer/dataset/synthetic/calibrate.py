"""Does a dataset reproduce what the 2021 report prints? One :class:`ClaimCheck` per claim.

:func:`check_calibration` computes every Dutch (NL) number and checkable ordering in the
packaged ``ibo2021-published.yaml`` from the answers alone: innovated, spectrum, climate
score and groups are derived here, never read from stored columns. A printed number is met
when the computed value lies in the interval its wording allows (the yaml's header):

========== =====================================
exact      rounds to the value (value +- 0.5)
bijna      value - 3 .. value
ruim       value .. value + 3
meer_dan   above the value
minder_dan below the value
circa      value - 3 .. value + 3
========== =====================================

Bases follow the yaml: all organisations for Figures 1, 15-19, 23-25 and 27, innovators for
Figures 2-14, 20 and 21. Where the report contradicts itself the check meets one reading,
says which in ``note`` and sets ``inconsistent_in_source``. Not checked: the Danish and
Nordic numbers (other countries' data), Figuur 22 (the WERKonderzoek 2019, a different
survey) and the later-wave benchmarks.

The climate score is the plain mean of the statements a one-factor loading rule keeps
(loading >= .40, dropping the weakest first), with at least half of them answered; the
statistics package builds the full scale (EFA, alpha, minimum answered) on its own.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from typing import Any

import pandas as pd
import yaml

from barometer.dataset.core import Dataset
from barometer.dataset.synthetic import calibrate_claims as claims
from barometer.dataset.synthetic import calibrate_climate as climate_claims
from barometer.dataset.synthetic.calibrate_base import WORDINGS, Checks, ClaimCheck, Data, interval

__all__ = [
    "WORDINGS",
    "ClaimCheck",
    "check_calibration",
    "failures",
    "interval",
    "published_reference",
]


@lru_cache(maxsize=1)
def _reference_text() -> str:
    return (resources.files("barometer") / "data" / "ibo2021-published.yaml").read_text("utf-8")


def published_reference() -> dict[str, Any]:
    """The packaged ``ibo2021-published.yaml`` (every number the 2021 report prints)."""
    ref: dict[str, Any] = yaml.safe_load(_reference_text())
    return ref


def check_calibration(dataset: Dataset, frame: pd.DataFrame | None = None) -> list[ClaimCheck]:
    """Check ``dataset`` (and the ``frame`` it was drawn from) against the 2021 report.

    Parameters
    ----------
    dataset : Dataset
        Responses with the shipped questionnaire's codebook.
    frame : pandas.DataFrame, optional
        The invited organisations (``sector`` column). Without it the claims about invited
        counts and the response rate are left out.

    Returns
    -------
    list of ClaimCheck
        One per claim, in the order of the reference yaml; ``passed`` says whether it holds.
    """
    ref = published_reference()
    x = Data(dataset)
    c = Checks()
    claims.study(c, x, ref, frame)
    claims.innovation(c, x, ref)
    claims.process(c, x, ref)
    climate_claims.results(c, x, ref)
    climate_claims.climate(c, x, ref)
    claims.background(c, x, ref)
    return c.out


def failures(checks: Iterable[ClaimCheck]) -> list[ClaimCheck]:
    """The checks that did not pass."""
    return [ch for ch in checks if not ch.passed]
