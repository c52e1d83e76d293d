"""The demo configuration's exact counts, rescaled to another wave's size.

The 2021 counts (``demo.yaml``) are exact numbers of organisations out of 366 respondents
and 313 innovators. A later synthetic wave keeps their *shares* and changes the sizes:
:func:`scaled_config` rescales every count to ``n`` respondents of whom ``innovators``
innovated, by largest remainder, so every single-choice question still adds up to its base
and the types still add up to the spectrum (sum of types = sum of k x organisations with k
types).
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

__all__ = ["largest_remainder", "scaled_config"]

# single-choice questions of innovators (their counts add up to the innovators)
_INNOVATOR_SINGLE = ("c2_count", "d3_origin", "d4_tech_share", "d12_strategy", "d1_theme",
                     "d10_dissemination", "spectrum")  # fmt: skip
# multiple-choice questions of innovators (each option on its own)
_INNOVATOR_MULTI = ("d6_initiative", "d7_channels", "d8_collab", "d11_financing", "d14_results")
# single-choice questions of every respondent
_ALL_SINGLE = ("b1_production", "b2_homework_share", "b3_homework_facilities")


def largest_remainder(counts: Mapping[Any, float], total: int) -> dict[Any, int]:
    """``counts`` rescaled to integers that add up to ``total`` (largest remainder, ties by
    key order)."""
    whole = sum(float(v) for v in counts.values())
    raw = {k: total * float(v) / whole if whole else 0.0 for k, v in counts.items()}
    out = {k: int(v) for k, v in raw.items()}
    left = total - sum(out.values())
    keys = list(counts)
    for k in sorted(keys, key=lambda k: (-(raw[k] - out[k]), keys.index(k)))[:left]:
        out[k] += 1
    return out


def _scale_each(counts: Mapping[str, Any], factor: float) -> dict[str, int]:
    return {k: round(float(v) * factor) for k, v in counts.items()}


def scaled_config(cfg: Mapping[str, Any], n: int, innovators: int) -> dict[str, Any]:
    """A copy of the demo configuration for a wave of ``n`` respondents and ``innovators``."""
    out: dict[str, Any] = copy.deepcopy(dict(cfg))
    counts = out["counts"]
    n0 = sum(int(v) for v in cfg["counts"]["c1_innovated"].values())
    inn0 = int(cfg["counts"]["c1_innovated"]["yes"])
    rest = {k: v for k, v in counts["c1_innovated"].items() if k != "yes"}
    counts["c1_innovated"] = {"yes": innovators, **largest_remainder(rest, n - innovators)}
    for item in _ALL_SINGLE:
        counts[item] = largest_remainder(counts[item], n)
    for item in _INNOVATOR_SINGLE:
        counts[item] = largest_remainder(counts[item], innovators)
    for item in _INNOVATOR_MULTI:
        counts[item] = _scale_each(counts[item], innovators / inn0)
    # the technology follow-up (d5) is asked of those whose innovation used technology
    tech = innovators - counts["d4_tech_share"]["none"]
    counts["d5_tech_new"] = largest_remainder(counts["d5_tech_new"], tech)
    spectrum = {int(k): v for k, v in counts["spectrum"].items()}
    counts["spectrum"] = spectrum
    counts["types"] = largest_remainder(counts["types"], sum(k * v for k, v in spectrum.items()))
    climate = out["climate"]
    climate["groups"] = largest_remainder(climate["groups"], n)
    climate["agree_counts"] = _scale_each(climate["agree_counts"], n / n0)
    return out
