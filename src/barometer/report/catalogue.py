"""The figure catalogue: every figure and table of the report, as data.

Each :class:`FigureSpec` names its 2021 number, a stable id (the keys of
``barometer/data/ibo2021-published.yaml``), its titles (the wording catalogue's section
``figure_titles``, under the id), its base, the
kind of chart and the compute function (a name in :data:`barometer.report.figures.registry.COMPUTE`)
with its parameters. An entry whose ``compute`` is ``None`` is planned but not built yet: the
report leaves it out.

To add a figure: give its title in ``report/wording/nl.yaml`` and ``en.yaml``
(``figure_titles``), write (or reuse) a compute function, name it in
:data:`barometer.report.figures.registry.COMPUTE`, then set ``compute="name"`` and
``params`` on its entry here. A new chart kind
also needs a builder in :data:`barometer.report.charts.draw.BUILDERS`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from barometer import study
from barometer.report.wording import by_key

__all__ = ["BASES", "CATALOGUE", "NOT_ASKED", "SECTIONS", "FigureSpec", "get_spec"]

KIND_WORDS = by_key("kind_words")

BASES: Mapping[str, Mapping[str, str]] = by_key("bases")
"""Base key -> description. ``innovators_tech`` is the base of Figuur 6."""

SECTIONS: Mapping[str, Mapping[str, str]] = by_key("sections")
"""Section key -> title, in report order (the chapters and annexes of 2021)."""


@dataclass(frozen=True)
class FigureSpec:
    """One figure or table of the report."""

    id: str
    number: int
    title: Mapping[str, str]
    base: str
    section: str
    chart: str  # bar, stacked_bar, table, boxplot, text ...
    compute: str | None
    params: Mapping[str, Any] = field(default_factory=dict)
    label: str = "figure"  # figure, table, textbox

    def number_label(self, lang: str = "nl") -> str:
        """``Figuur 1`` / ``Figure 1``, ``Tabel 2`` / ``Table 2``, ``Tekstvak 2`` ..."""
        return f"{KIND_WORDS[self.label][lang]} {self.number}"

    @property
    def number_nl(self) -> str:
        """The 2021 number as printed: ``Figuur 1`` ... ``Tabel 2``."""
        return self.number_label("nl")

    def title_in(self, lang: str) -> str:
        return self.title.get(lang) or self.title["nl"]

    def base_in(self, lang: str) -> str:
        return BASES[self.base][lang] if self.base in BASES else self.base

    @property
    def ready(self) -> bool:
        return self.compute is not None


_TITLES = by_key("figure_titles")
"""Figure id -> {lang: title}, from the wording catalogue (section ``figure_titles``)."""


def _f(number: int, id: str, base: str, section: str, chart: str, compute: str | None,
       label: str = "figure", **params: Any) -> FigureSpec:  # fmt: skip
    return FigureSpec(id, number, _TITLES[id], base, section, chart, compute, params, label)


_S = study.default()
_TYPE_ITEMS = _S.concept("innovation_types").items
_TYPES = tuple(_TYPE_ITEMS.values())
_TYPE_LABELS = {_TYPE_ITEMS[kind]: words for kind, words in by_key("innovation_types").items()}
_FACTORS = _S.items("success_factors")
_PANDEMIC = _S.concept("pandemic").items


def _item(concept: str) -> str:
    """The item of a one-item concept of the study."""
    return _S.concept(concept).item


CATALOGUE: tuple[FigureSpec, ...] = (
    # Afbeelding 1 and Tekstvak 1 hold no numbers: the definition followed and the strategies.
    _f(1, "img01_innovation_definition", "all", "innovations", "text", "explanation", label="image", no_data=True),
    _f(1, "fig01_innovated_share",
       "all", "innovations", "bar", "single_choice", item=_item("innovated"), focus="yes"),
    _f(2, "fig02_innovation_types",
       "innovators", "innovations", "bar", "yes_items", items=_TYPES, labels=_TYPE_LABELS),
    _f(3, "fig03_innovation_spectrum", "innovators", "innovations", "bar", "spectrum"),
    _f(2, "img02_text_clusters",
       "innovators", "innovations", "wordcloud", "text_clusters", label="image",
       item=_item("description"), n_clusters=2),
    _f(4, "fig04_origin", "innovators", "innovations", "bar", "single_choice", item=_item("origin")),
    _f(5, "fig05_technology_share",
       "innovators", "innovations", "bar", "single_choice", item=_item("technology_share")),
    _f(6, "fig06_technology_new", "innovators_tech", "innovations", "bar", "single_choice", item=_item("technology_new")),
    _f(7, "fig07_initiative", "innovators", "innovations", "bar", "multi_choice", item=_item("initiative")),
    _f(8, "fig08_knowledge_channels",
       "innovators", "innovations", "bar", "multi_choice", item=_item("channels")),
    _f(9, "fig09_collaboration", "innovators", "innovations", "bar", "multi_choice", item=_item("collaboration")),
    _f(10, "fig10_dissemination", "innovators", "innovations", "bar", "single_choice", item=_item("dissemination"),
       focus="yes"),
    _f(11, "fig11_financing", "innovators", "innovations", "bar", "multi_choice", item=_item("financing")),
    _f(1, "textbox1_strategies", "innovators", "innovations", "text", "explanation", label="textbox",
       item=_item("strategy"), figure="fig12_strategy", no_data=True),
    _f(12, "fig12_strategy", "innovators", "innovations", "bar", "single_choice", item=_item("strategy")),
    _f(13, "fig13_factors", "innovators", "innovations", "stacked_bar", "factor_items", items=_FACTORS),
    _f(14, "fig14_results",
       "innovators", "results", "bar", "multi_choice", item=_item("results")),
    # Textbox 2 and Figures 15-22 follow from the scale, group and regression functions.
    _f(2, "textbox2_logistic_regressions",
       "innovators", "results", "odds_ratios", "logistic_models", label="textbox",
       columns=("category", "series", "n", "exp_b", "or_low", "or_high"), unweighted=True,
       table_in="tab04_logistic_output"),  # the PDF prints its odds ratios in Tabel 4 only
    _f(15, "fig15_climate_statements", "all", "climate", "bar", "climate_statements",
       columns=("category", "n", "base", "pct", "ci_low", "ci_high", "dont_know")),
    _f(16, "fig16_climate_by_sector",
       "all", "climate", "boxplot", "climate_boxplot", by="sector",
       columns=("category", "n", "mean", "min", "q1", "median", "q3", "max", "whisker_low",
                "whisker_high", "n_outliers")),
    _f(17, "fig17_climate_groups", "all", "climate", "grouped_bar", "climate_groups",
       columns=("category", "series", "rule", "centre", "n", "base", "pct", "ci_low", "ci_high")),
    _f(18, "fig18_frequency_by_climate", "all", "climate", "stacked_groups", "climate_frequency"),
    _f(19, "fig19_spectrum_by_climate", "innovators", "climate", "stacked_groups", "climate_spectrum"),
    _f(20, "fig20_success_factors_by_climate", "innovators", "climate", "grouped_bar", "climate_factors", items=_FACTORS,
       columns=("category", "series", "n", "base", "pct", "ci_low", "ci_high", "gap",
                "gap_ci_low", "gap_ci_high", "gap_p", "chi2", "df", "chi2_p", "cramers_v",
                "low_expected")),
    _f(21, "fig21_results_by_climate", "innovators", "climate", "grouped_bar", "climate_results", item=_item("results"),
       skip=("other",),
       columns=("category", "series", "n", "base", "pct", "ci_low", "ci_high", "gap",
                "gap_ci_low", "gap_ci_high", "gap_p", "chi2", "df", "chi2_p", "cramers_v",
                "low_expected")),
    _f(22, "fig22_werk_zones", "all", "climate", "werk_zones", "werk_zones", item=_item("results"),
       results=("efficiency", "quality", "employee_satisfaction"),
       columns=("category", "series", "n", "base", "pct", "ci_low", "ci_high", "organisations",
                "score_mean", "score_ci_low", "score_ci_high", "chi2", "df", "chi2_p",
                "cramers_v")),
    _f(1, "tab01_response_by_sector", "all", "method", "table", "response_by_sector", label="table"),
    _f(2, "tab02_clusters", "all", "method", "table", "counts_by_cluster", label="table"),
    # Not a 2021 number: the method annex of the climate scale (after 2021's Tabel 1 and 2).
    _f(3, "tab03_climate_scale",
       "all", "method", "scale_annex", "climate_scale_method", label="table", unweighted=True,
       columns=("category", "kept", "answered", "dont_know", "mean", "sd", "loading_initial",
                "communality_initial", "kmo", "loading", "communality", "r_drop",
                "alpha_if_deleted", "step", "reason", "component", "eigenvalue")),
    # Not a 2021 number: the full output of the Tekstvak 2 models (B, SE, Wald, steps, fit),
    # printed in place in its annex (inline_tables), not in the data annex.
    _f(4, "tab04_logistic_output", "innovators", "models", "text", "logistic_output", label="table", inline_tables=True,
       unweighted=True),
    _f(23, "fig23_pandemic_production",
       "all", "background", "bar", "single_choice", item=_PANDEMIC["production"],
       topic="covid"),
    _f(24, "fig24_telework_share",
       "all", "background", "bar", "single_choice", item=_PANDEMIC["telework_share"],
       topic="covid"),
    _f(25, "fig25_telework_facilities", "all", "background", "bar", "single_choice", item=_PANDEMIC["telework_facilities"],
       topic="covid"),
    _f(26, "fig26_factors_denmark", "innovators", "background", "text", "published_statements", statements_of="fig13_factors"),
    _f(27, "fig27_climate_by_cluster",
       "all", "background", "boxplot", "climate_boxplot", by="cluster",
       columns=("category", "n", "mean", "min", "q1", "median", "q3", "max", "whisker_low",
                "whisker_high", "n_outliers")),
)  # fmt: skip
"""All figures and tables, in report order within each section."""


NOT_ASKED: dict[str, dict[str, str]] = by_key("not_asked")
"""Why a figure is absent from a wave whose questionnaire does not ask its item, per the
figure's ``topic`` (see :func:`barometer.report.render.wave_context.absent`)."""


def get_spec(figure_id: str) -> FigureSpec:
    for spec in CATALOGUE:
        if spec.id == figure_id:
            return spec
    raise KeyError(figure_id)
