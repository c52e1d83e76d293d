"""Tekstvak 2 (the logistic regressions) and Afbeelding 2 (concept clusters in the open
answers), computed for the report.

Tekstvak 2 runs :func:`barometer.stats.models.run_models` once per report context; the body
says in words what goes with each result and draws the odds ratios
(:mod:`barometer.report.figures.odds_ratios`), and the annex (Tabel 4) prints, per model, the selection steps, the final "Variables in the Equation" table (B, SE, Wald,
df, p, Exp(B) with its 95% interval), the model fit (−2LL, omnibus test, Cox & Snell and
Nagelkerke R², Hosmer-Lemeshow), the classification table and the 2021 directions next to
ours. A model that cannot be fitted shows its error message in its place. The models are
unweighted (explanatory models, as in 2021).

Afbeelding 2 scrubs the open descriptions of the frame's organisation and person names,
e-mail addresses, URLs and phone numbers (:func:`scrub_answers`), finds two concept clusters
(:func:`barometer.stats.text.concept_clusters`) and draws a word cloud and a top-terms table
per cluster. Cluster titles come from each cluster's heaviest terms; the 2021 labels are
shown next to them for comparison only. Every text reaches the page through the
autoescaping template.

The two figures live in their own modules: :mod:`barometer.report.figures.logistic`
(Tekstvak 2) and :mod:`barometer.report.figures.text_clusters` (Afbeelding 2), with their
wording in :mod:`barometer.report.figures.models_wording`. The public names stay importable
from here; the compute functions are listed in :mod:`barometer.report.figures.registry`.
"""

from __future__ import annotations

from barometer.report.figures.logistic import logistic_output, models_for
from barometer.report.figures.odds_ratios import logistic_models
from barometer.report.figures.text_clusters import (
    LABELS_2021,
    cluster_title,
    label_2021,
    scrub_answers,
    text_clusters,
    text_clusters_for,
)

__all__ = [
    "LABELS_2021",
    "cluster_title",
    "label_2021",
    "logistic_models",
    "logistic_output",
    "models_for",
    "scrub_answers",
    "text_clusters",
    "text_clusters_for",
]
