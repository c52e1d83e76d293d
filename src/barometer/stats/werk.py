"""WERK zones: psychological safety × performance standard (Edmondson's four zones).

The 2021 report (Figuur 22) placed teams from the WERKonderzoek 2019 employee survey in four
zones using two statements, which our questionnaire asks of every organisation:

- psychological safety: "Fouten maken en bespreken is veilig in mijn organisatie"
  (the study's ``werk.safety``);
- performance standard: "In mijn organisatie worden we gestimuleerd om continu te
  verbeteren" (``werk.standard``).

Cut-point (documented rule): a statement is *high* when the answer is "agree" or "strongly
agree" (4 or 5 on the 1–5 scale) and *low* when it is 1–3. "Don't know" (-8) and the other
missing codes leave the zone missing. The midpoint 3 ("neutral") counts as low: agreement
has to be expressed for a climate to count as safe or demanding. This is a choice; the 2021
report does not publish its cut-points, and its data were employee-level, ours are
organisation-level answers of one manager.

References
----------
Edmondson, A. C. (2008). The competitive imperative of learning. *Harvard Business Review*,
86(7/8), 60–67.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from barometer import study
from barometer.errors import ErrorCode, StatsError

_WERK = study.default().concept("werk")
SAFETY = _WERK.items["safety"]
STANDARD = _WERK.items["standard"]
HIGH_FROM = min(_WERK.code_set("high"))
"""Lowest answer that counts as *high* (the study's ``werk.high``: "agree")."""
ZONES = ("apathy", "comfort", "anxiety", "learning")
ZONE_LABELS = {
    "nl": {
        "apathy": "Apathiezone",
        "comfort": "Comfortzone",
        "anxiety": "Angstzone",
        "learning": "Leer- en prestatiezone",
    },
    "en": {
        "apathy": "Apathy zone",
        "comfort": "Comfort zone",
        "anxiety": "Anxiety zone",
        "learning": "Learning and performance zone",
    },
}


def werk_zones(safety: pd.Series, standard: pd.Series, *, high_from: int = HIGH_FROM) -> pd.Series:
    """Place each organisation in a WERK zone.

    Parameters
    ----------
    safety, standard : pd.Series
        Answers 1–5 to the two statements; any value outside 1–5 (the missing codes -1, -8,
        -9, or NaN) is missing.
    high_from : int, default 4
        Lowest answer that counts as *high*.

    Returns
    -------
    pd.Series
        Categorical with categories ``ZONES``; missing where either answer is missing.

    Examples
    --------
    >>> werk_zones(pd.Series([5, 2, 4, 3]), pd.Series([5, 2, 1, 4])).tolist()
    ['learning', 'apathy', 'comfort', 'anxiety']
    """
    if len(safety) != len(standard):
        raise StatsError(ErrorCode.STATS_INPUT, detail="the two statements differ in length")
    s = pd.to_numeric(safety, errors="coerce").where(lambda v: v.between(1, 5))
    p = pd.to_numeric(standard, errors="coerce").where(lambda v: v.between(1, 5))
    s_high = s >= high_from
    p_high = p >= high_from
    zone = np.select(
        [s_high & p_high, s_high & ~p_high, ~s_high & p_high, ~s_high & ~p_high],
        ["learning", "comfort", "anxiety", "apathy"],
        default="",
    )
    out = pd.Series(zone, index=safety.index, dtype=object)
    out[s.isna() | p.isna()] = np.nan
    return pd.Series(pd.Categorical(out, categories=ZONES), index=safety.index, name="werk_zone")
