"""The innovation-climate chapter: Figures 15-22 and 27 and the scale's method table.

Every compute function here reads one :class:`~barometer.stats.analysis.ClimateAnalysis`
per report context (:func:`analysis_for`: computed once, cached), so Figures 15-22 and 27
and Tabel 3 describe the same scale, scores and groups. When the scale cannot be computed
(too few organisations, a statement nobody answered), each figure shows that message in
place of its numbers; the rest of the report is unaffected.

Climate groups are the fixed 2021 cut-offs (> 4.0, 3.6-4.0, < 3.6), so that waves stay
comparable; the k-means solution is reported next to them (Figuur 17, Tabel 3).

Figures with extra numbers (box-plot statistics, tests, loadings) keep them as extra
columns of ``FigureData.table``; ``spec.params["columns"]`` lists the columns to publish
and :data:`COLUMN_HEADERS` / :data:`COLUMN_DECIMALS` give their headers and precision.
Chart-only data (outlier points, scree, histogram) travel in
:attr:`ClimateFigureData.chart_data`.

Weighting (DESIGN.md section 7). When the context carries post-stratification weights
(``ctx.weights``), every percentage of the chapter is weighted with the report's one
machinery, :func:`~barometer.stats.proportions.proportion` with the ``WeightResult``
(Taylor-linearised SE, logit interval), and the FigureData carries ``weighted`` and Kish's
effective n (``ctx.effective_n``), so the page prints "n = … (ongewogen), effectief n = …
(gewogen)"; the counts ``n`` and ``base`` stay unweighted. Weighted: Figuur 15's shares
agreeing, Figuur 17's group shares (fixed and k-means), the cross tables of Figures 18-21
and the result shares of Figuur 22, with the gaps strong − limited (difference of the
weighted shares; interval and test with each group's effective n). Unweighted, because
they have no standard weighted form here: the scale analysis (factor analysis, alpha, the
score's summary; Tabel 3), the k-means solution, the chi-square tests and Cramér's V, the
box plots of Figures 16 and 27, and Figuur 22's mean scores and ANOVA. In a weighted
report each figure says in a note which of its statistics are unweighted.

Modules: :mod:`.common` (context cache, constants, columns), :mod:`.text` (wording),
:mod:`.group_shares` (weighted cross tables), :mod:`.statements` (15),
:mod:`.distribution` (16, 17, 27), :mod:`.crosstabs` (18-21), :mod:`.werk` (22),
:mod:`.annex` (Tabel 3). The compute functions are listed in :mod:`barometer.report.figures.registry`.
"""

from barometer.report.figures.climate.common import (
    COLUMN_DECIMALS,
    COLUMN_HEADERS,
    GROUP_ORDER,
    ClimateFigureData,
    analysis_for,
)
from barometer.report.figures.climate.text import tc

__all__ = [
    "COLUMN_DECIMALS",
    "COLUMN_HEADERS",
    "GROUP_ORDER",
    "ClimateFigureData",
    "analysis_for",
    "tc",
]
