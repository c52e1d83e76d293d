"""Statistics: derived variables, proportions, weights, scale, groups, regression, text, disclosure.

Nothing here imports the web framework, so it runs in a notebook too. The public functions
are loaded lazily, so ``import barometer.stats`` stays cheap for the command line.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "backward_stepwise": "logistic_stepwise",
    "boxplot_stats": "groups",
    "check_min_n": "disclosure",
    "chi_square_table": "proportions",
    "climate_analysis": "analysis",
    "climate_groups_fixed": "groups",
    "climate_groups_kmeans": "groups",
    "concept_clusters": "text",
    "cronbach_alpha": "reliability",
    "factor_analysis": "efa",
    "fit_logistic": "logistic_fit",
    "merge_small_groups": "disclosure",
    "normality": "scale",
    "poststratify": "weights",
    "proportion": "proportions",
    "proportions_table": "proportions",
    "scale_score": "scale",
    "scrub_text": "text_prep",
    "scrub_texts": "text_scrub",
    "select_scale_items": "scale",
    "suppress_table": "disclosure",
    "two_proportion_test": "proportions",
    "werk_zones": "werk",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        module = importlib.import_module(f"barometer.stats.{_EXPORTS[name]}")
        return getattr(module, name)
    raise AttributeError(f"module 'barometer.stats' has no attribute '{name}'")


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
