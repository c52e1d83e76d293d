"""The figure registry: every compute function of the report, by the name a catalogue
entry gives in ``FigureSpec.compute`` (:mod:`barometer.report.catalogue`).

The list is explicit: a compute function is a plain function in its module, and it is
used only once it is named here. Nothing is registered by importing a module. To add a
figure, write its compute function (a :data:`.core.ComputeFn`; one that needs the climate
scale is wrapped with :func:`.climate.common.needs_scale`), add it below, and give its
name to the catalogue entry.
"""

from __future__ import annotations

from barometer.report.figures import (
    core,
    explanations,
    logistic,
    odds_ratios,
    published,
    sample,
    text_clusters,
)
from barometer.report.figures.climate import annex, crosstabs, distribution, statements, werk
from barometer.report.figures.core import ComputeFn

__all__ = ["COMPUTE"]

COMPUTE: dict[str, ComputeFn] = {
    # one question, several answers, yes/no items (Figures 1-14, 23-25)
    "single_choice": core.single_choice,
    "multi_choice": core.multi_choice,
    "yes_items": core.yes_items,
    "factor_items": core.factor_items,
    "spectrum": core.spectrum_figure,
    # the sample (Tabel 1, 2)
    "response_by_sector": sample.response_by_sector,
    "counts_by_cluster": sample.counts_by_cluster,
    # the models and the open answers (Tekstvak 2, Afbeelding 2)
    "logistic_models": odds_ratios.logistic_models,
    "logistic_output": logistic.logistic_output,
    "text_clusters": text_clusters.text_clusters,
    # the explanations without numbers (Afbeelding 1, Tekstvak 1)
    "explanation": explanations.explanation,
    # the published statements (Figuur 26)
    "published_statements": published.published_statements,
    # the climate chapter (Figures 15-22, 27, Tabel 3)
    "climate_statements": statements.climate_statements_figure,
    "climate_boxplot": distribution.climate_boxplot,
    "climate_groups": distribution.climate_groups_figure,
    "climate_frequency": crosstabs.climate_frequency,
    "climate_spectrum": crosstabs.climate_spectrum,
    "climate_factors": crosstabs.climate_factors,
    "climate_results": crosstabs.climate_results,
    "werk_zones": werk.werk_zones_figure,
    "climate_scale_method": annex.climate_scale_method,
}
"""Compute function name -> function (a plain dict, so that a test can swap one function
with ``monkeypatch.setitem``)."""
