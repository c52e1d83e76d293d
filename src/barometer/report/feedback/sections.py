"""The sections of a feedback report: own answer next to the comparison figures (no I/O).

Each :class:`Block` is one table: a row per question (or per category of a distribution)
with the organisation's own answer, the comparison group's figure and all other
organisations' figure, each computed by :func:`barometer.report.feedback.compute.cell`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import pandas as pd

from barometer import study
from barometer.dataset import dummy_name
from barometer.questionnaire import Item
from barometer.report.feedback.chart import scale_bar, score_chart
from barometer.report.feedback.compute import (
    Cell,
    FeedbackContext,
    Group,
    ScoreSummary,
    cell,
    codes,
    indicator,
    multi_dummies,
    score_summary,
)
from barometer.report.feedback.text import ft
from barometer.report.text import fmt_pct
from barometer.stats.analysis import climate_statements
from barometer.stats.groups import CUTS_2021, GROUP_LABELS
from barometer.stats.werk import SAFETY, STANDARD, ZONE_LABELS, ZONES

__all__ = ["Block", "Row", "ScaleBar", "Sections", "build_sections"]

_STUDY = study.default()
_INNOVATED = _STUDY.concept("innovated")
_STATEMENTS = _STUDY.concept("climate_statements")
_FACTORS = _STUDY.concept("success_factors")
YES = _INNOVATED.code_set("yes")
AGREE = _STATEMENTS.code_set("agree")
LIKERT = _STATEMENTS.code_set("answered")
INNOVATED = _INNOVATED.item
FACTORS = frozenset(_FACTORS.items.values())
RESULTS = _STUDY.concept("results").item


def group_label(group: str, lang: str) -> str:
    """The climate group with its bounds, from the study's cut-offs: "Beperkt (lager dan 3,6)"."""
    low, high = (fmt_pct(c, lang, 1) for c in CUTS_2021)
    return ft(lang, f"group_{group}", low=low, high=high)


@dataclass(frozen=True)
class Row:
    """One line of a block: the own answer and the two comparison figures."""

    key: str
    label: str
    own: str
    group: Cell | None
    """None when there is no comparison group (only all other organisations)."""
    overall: Cell
    mine: bool = False
    """For a distribution: this category is the organisation's own."""


@dataclass(frozen=True)
class ScaleBar:
    """One question's answer distribution with the own answer marked (a chart)."""

    key: str
    label: str
    where: str
    """``group`` (the comparison group's distribution), ``all`` (all organisations': the
    group's would break a disclosure rule) or ``""`` (not shown)."""
    shares: tuple[tuple[int, str, float], ...]
    """(answer code, label, percentage) in scale order."""
    own: int | None
    svg: str


@dataclass(frozen=True)
class Block:
    """One table of the report."""

    key: str
    title: str
    measure: str
    rows: tuple[Row, ...]
    intro: tuple[str, ...] = ()
    base_line: str = ""
    notes: tuple[str, ...] = ()
    bars: tuple[ScaleBar, ...] = ()
    """The own answer on the group's scale, per row (statements and factors)."""
    bar_where: str = ""
    """The comparison the bars show, as a label."""


@dataclass(frozen=True)
class Sections:
    blocks: tuple[Block, ...]
    own_score: float | None
    own_group: str | None
    score_lines: tuple[str, ...]
    group_summary: ScoreSummary | None
    all_summary: ScoreSummary | None
    chart_svg: str
    chart_alt: str
    open_answers: tuple[tuple[str, str], ...]
    missing: tuple[str, ...]


class _Builder:
    def __init__(self, ctx: FeedbackContext, row: int, group: Group, lang: str) -> None:
        self.ctx, self.row, self.group, self.lang = ctx, row, group, lang
        self.data = ctx.data
        self.q = ctx.dataset.questionnaire
        self.min_n = ctx.min_n
        self.has_group = group.kind in ("sector", "remainder")
        self.missing: list[str] = []
        inno = self.data["innovated"].iloc[row]
        self.innovator: bool | None = None if pd.isna(inno) else bool(inno)
        self.innovators = self.data["innovated"].fillna(False).astype(bool)
        self.members = group.members.to_numpy(dtype=bool)
        self.own: dict[str, Any] = {str(k): v for k, v in self.data.iloc[row].items()}
        self.others = group.others.to_numpy(dtype=bool)

    # ------------------------------------------------------------------ helpers
    def item(self, name: str) -> Item | None:
        try:
            return self.q.item(name)
        except KeyError:
            return None

    def own_code(self, column: str) -> float:
        """The organisation's answer code in ``column``; NaN if absent or not a number."""
        value = self.own.get(column)
        if isinstance(value, bool) or value is None:
            return float("nan")
        try:
            return float(value)
        except (TypeError, ValueError):
            return float("nan")

    def own_label(self, column: str) -> str:
        value = self.own_code(column)
        if pd.isna(value):
            return "–"
        try:
            labels = self.ctx.dataset.codebook.get(column).value_labels(self.lang)
        except KeyError:
            labels = {}
        return labels.get(int(value), str(value))

    def cells(self, key: str, make: Callable[[], pd.Series]) -> tuple[Cell | None, Cell]:
        """The group and overall figure of the 0/1 indicator ``make()`` (cached by key:
        the indicator is the same for every organisation)."""
        x = self.ctx.cache.get(key)
        if x is None:
            x = make().astype(float).to_numpy(dtype=float, na_value=np.nan)
            self.ctx.cache[key] = x
        gm = self.ctx.group_min
        overall = cell(x, self.others, self.others, self.min_n, gm)
        group = cell(x, self.members, self.others, self.min_n, gm) if self.has_group else None
        return group, overall

    def block(self, key: str, title: str, measure: str, rows: Sequence[Row], *,
              intro: Sequence[str] = (), base: str = "", notes: Sequence[str] = ()) -> Block:  # fmt: skip
        hidden = any(
            not r.overall.shown or (r.group is not None and not r.group.shown) for r in rows
        )
        extra = (ft(self.lang, "suppressed", min_n=self.min_n),) if hidden else ()
        return Block(key, title, measure, tuple(rows), tuple(intro), base, (*notes, *extra))

    def distribution(
        self, name: str, values: Callable[[], pd.Series], cats: Sequence[tuple[str, str]],
        own: object,
    ) -> list[Row]:  # fmt: skip
        yours = ft(self.lang, "col_own")
        rows = []
        for key, label in cats:

            def make(key: str = key) -> pd.Series:
                v = values().astype(object)
                return (v == key).astype(float).where(v.notna())

            group, overall = self.cells(f"{name}={key}", make)
            mine = own == key
            rows.append(Row(key, label, yours if mine else "", group, overall, mine))
        return rows

    def scale_bars(
        self, names: Sequence[str], labels: Sequence[str], base: Callable[[pd.Series], pd.Series]
    ) -> tuple[list[ScaleBar], list[str]]:
        """Each question's distribution over the answers 1 to 5 and "don't know" (base:
        ``base(values)``): the group's when every share of it may be shown, else all
        organisations', else none; and the notes that say so."""
        lang, fallback = self.lang, 0
        bars = []
        for name, label in zip(names, labels, strict=True):
            try:
                words = self.ctx.dataset.codebook.get(name).value_labels(lang)
            except KeyError:
                words = {}
            key = (self.group.kind, self.group.code, f"bar:{name}")
            if key not in self.ctx.shared:  # the same for every member of the group
                self.ctx.shared[key] = self.distribution_of(name, base)
            where, found = self.ctx.shared[key]
            fallback += where == "all" and self.has_group
            own_code = self.own_code(name)
            own = int(own_code) if own_code in LIKERT else None
            shares = tuple((code, words.get(code, str(code)), pct) for code, pct in found)
            svg = ""
            if shares:
                parts = ", ".join(f"{w} {fmt_pct(p, lang, 0)}%" for _, w, p in shares)
                own_word = words.get(own, "") if own is not None else ft(lang, "no_answer")
                place = self.group.label(lang) if where == "group" else ft(lang, "all_others")
                desc = ft(lang, "bar_desc", label=label, where=place, parts=parts, own=own_word)
                svg = scale_bar(shares, own, desc, f"bar-{name}")
            bars.append(ScaleBar(name, label, where, shares, own, svg))
        notes = []
        if fallback:
            notes.append(ft(lang, "own_scale_fallback", k=fallback, group_min=self.ctx.group_min))
        if any(not b.where for b in bars):
            notes.append(ft(lang, "own_scale_hidden"))
        return bars, notes

    def distribution_of(
        self, name: str, base: Callable[[pd.Series], pd.Series]
    ) -> tuple[str, tuple[tuple[int, float], ...]]:
        """Where the bar of ``name`` comes from (``group``, ``all`` or ``""``) and its
        (code, percentage) pairs."""
        group_cells: list[Cell | None] = []
        all_cells: list[Cell] = []
        for code in LIKERT:

            def make(name: str = name, code: int = code) -> pd.Series:
                values = codes(self.data, name)
                return indicator(values, [code], base(values))

            g, a = self.cells(f"{name}={code}", make)
            group_cells.append(g)
            all_cells.append(a)
        where = ""
        chosen_cells: Sequence[Cell | None] = ()
        if self.has_group and all(c is not None and c.shown for c in group_cells):
            where, chosen_cells = "group", group_cells
        elif all(c.shown for c in all_cells):
            where, chosen_cells = "all", all_cells
        found = tuple(
            (code, float(c.pct or 0.0))
            for code, c in zip(LIKERT, chosen_cells, strict=False)
            if c is not None
        )
        return where, found

    def bar_where(self) -> str:
        return self.group.label(self.lang) if self.has_group else ft(self.lang, "all_others")

    def innovator_intro(self) -> tuple[str, ...]:
        return (ft(self.lang, "not_innovator"),) if self.innovator is False else ()

    # ------------------------------------------------------------------ blocks
    def innovated(self) -> Block | None:
        item = self.item(INNOVATED)
        if item is None:
            return None

        def make() -> pd.Series:
            values = codes(self.data, INNOVATED)
            answered = values.isin((*YES, *_INNOVATED.code_set("no")))
            return indicator(values, list(YES), answered)

        cells = self.cells(INNOVATED, make)
        row = Row(INNOVATED, item.label(self.lang), self.own_label(INNOVATED), *cells)
        if self.innovator is None:
            self.missing.append(ft(self.lang, "missing_innovated"))
        lang = self.lang
        return self.block("innovated", ft(lang, "sec_innovated"), ft(lang, "measure_yes"), [row],
                          base=ft(lang, "base_all"))  # fmt: skip

    def spectrum(self) -> Block:
        lang = self.lang
        own = self.data["spectrum"].iloc[self.row] if self.innovator else None
        if self.innovator and pd.isna(own):
            self.missing.append(ft(lang, "missing_types"))

        def label(k: int) -> str:
            key = "types_0" if k == 0 else "types_1" if k == 1 else "types_n"
            return ft(lang, key, k=k)

        def keyed() -> pd.Series:
            values = self.data["spectrum"].astype("Float64").astype(float)
            values = values.where(self.innovators)
            return values.map(lambda v: np.nan if pd.isna(v) else str(int(v)))

        cats = [(str(k), label(k)) for k in range(5)]
        mine = None if own is None or pd.isna(own) else str(int(own))
        rows = self.distribution("spectrum", keyed, cats, mine)
        return self.block("spectrum", ft(lang, "sec_spectrum"), ft(lang, "measure_share"), rows,
                          intro=(ft(lang, "spectrum_intro"), *self.innovator_intro()),
                          base=ft(lang, "base_innovators"))  # fmt: skip

    def climate_groups(self) -> Block:
        lang = self.lang
        cats = [(g, group_label(g, lang)) for g in GROUP_LABELS]
        own = self.data["climate_group"].iloc[self.row]
        rows = self.distribution(
            "climate_group", lambda: self.data["climate_group"], cats,
            None if pd.isna(own) else str(own),
        )  # fmt: skip
        return self.block("climate_groups", ft(lang, "groups_caption"),
                          ft(lang, "measure_share"), rows, base=ft(lang, "base_score"))  # fmt: skip

    def statements(self) -> Block:
        lang = self.lang
        names = [s for s in climate_statements(self.data) if self.item(s) is not None]
        rows, unanswered = [], 0
        for name in names:
            item = self.item(name)
            assert item is not None

            def make(name: str = name) -> pd.Series:
                values = codes(self.data, name)
                return indicator(values, AGREE, values.isin(LIKERT))

            if self.own_code(name) not in LIKERT:
                unanswered += 1
            star = "" if name in self.ctx.scale_items else " *"
            cells = self.cells(name, make)
            rows.append(Row(name, item.label(lang) + star, self.own_label(name), *cells))
        if unanswered:
            self.missing.append(ft(lang, "missing_statements", k=unanswered, m=len(names)))
        notes = (ft(lang, "not_in_scale"),) if any(r.label.endswith(" *") for r in rows) else ()
        bars, bar_notes = self.scale_bars(names, [r.label for r in rows], lambda v: v.isin(LIKERT))
        block = self.block("statements", ft(lang, "sec_statements"), ft(lang, "measure_agree"),
                           rows, base=ft(lang, "statements_base"),
                           notes=(*notes, *bar_notes))  # fmt: skip
        return replace(block, bars=tuple(bars), bar_where=self.bar_where())

    def factors(self) -> Block | None:
        lang = self.lang
        names = [i.name for i in self.q.answerable() if i.name in FACTORS]
        if not names:
            return None
        rows, unanswered = [], 0
        for name in names:
            item = self.item(name)
            assert item is not None

            def make(name: str = name) -> pd.Series:
                values = codes(self.data, name)
                promoting, answered = _FACTORS.code_set("yes"), _FACTORS.code_set("answered")
                return indicator(values, promoting, values.isin(answered) & self.innovators)

            if self.innovator and self.own_code(name) not in _FACTORS.code_set("answered"):
                unanswered += 1
            cells = self.cells(name, make)
            rows.append(Row(name, item.label(lang), self.own_label(name), *cells))
        if unanswered:
            self.missing.append(ft(lang, "missing_factors", k=unanswered, m=len(names)))
        bars, bar_notes = self.scale_bars(
            names, [r.label for r in rows], lambda v: v.isin(LIKERT) & self.innovators
        )
        block = self.block("factors", ft(lang, "sec_factors"), ft(lang, "measure_promoting"),
                           rows, intro=self.innovator_intro(), notes=tuple(bar_notes),
                           base=ft(lang, "base_innovators"))  # fmt: skip
        return replace(block, bars=tuple(bars), bar_where=self.bar_where())

    def results(self) -> Block | None:
        lang = self.lang
        item = self.item(RESULTS)
        if item is None or item.choice_list is None:
            return None
        choices = item.choice_list.choices
        names = [c.name for c in choices]
        own_codes = [self.own_code(dummy_name(RESULTS, c)) for c in names]
        if self.innovator and not all(v in (0, 1) for v in own_codes):
            self.missing.append(ft(lang, "missing_results"))
        rows = []
        for c in choices:

            def make(choice: str = c.name) -> pd.Series:
                dummies = multi_dummies(self.data, RESULTS, names)
                answered = dummies.isin([0, 1]).all(axis=1) & self.innovators
                return dummies[choice].astype(float).where(answered)

            own = self.own_label(dummy_name(RESULTS, c.name))
            cells = self.cells(dummy_name(RESULTS, c.name), make)
            rows.append(Row(c.name, c.label(lang), own, *cells))
        return self.block("results", ft(lang, "sec_results"), ft(lang, "measure_chosen"), rows,
                          intro=self.innovator_intro(),
                          base=ft(lang, "base_innovators"))  # fmt: skip

    def werk(self) -> Block | None:
        lang = self.lang
        safety, standard = self.item(SAFETY), self.item(STANDARD)
        if safety is None or standard is None:
            return None
        own = self.data["werk_zone"].iloc[self.row]
        labels = ZONE_LABELS.get(lang, ZONE_LABELS["nl"])
        cats = [(z, labels[z]) for z in reversed(ZONES)]  # learning zone first
        rows = self.distribution(
            "werk_zone", lambda: self.data["werk_zone"], cats, None if pd.isna(own) else str(own)
        )
        intro = [ft(lang, "werk_intro", safety=safety.label(lang), standard=standard.label(lang))]
        if pd.isna(own):
            self.missing.append(ft(lang, "missing_werk"))
        else:
            intro.append(ft(lang, "werk_own", zone=labels[str(own)]))
        return self.block("werk", ft(lang, "sec_werk"), ft(lang, "measure_share"), rows,
                          intro=intro, base=ft(lang, "base_werk"))  # fmt: skip

    def climate(self) -> tuple[tuple[str, ...], float | None, str | None]:
        lang, ctx = self.lang, self.ctx
        score = self.data["climate_score"].iloc[self.row]
        own = None if pd.isna(score) else float(score)
        group = self.data["climate_group"].iloc[self.row]
        own_group = None if pd.isna(group) else str(group)
        k, need = len(ctx.scale_items), ctx.min_answered
        if ctx.scale_problem is None:
            method = ft(lang, "score_method", k=k, min=need)
        else:
            method = ft(lang, "score_method_fixed", k=k, min=need, reason=ctx.scale_problem)
        if own is None:
            rated = sum(1 <= self.own_code(c) <= 5 for c in ctx.scale_items)
            self.missing.append(ft(lang, "missing_score", k=rated, m=k, min=need))
            lines: tuple[str, ...] = (ft(lang, "no_score"), method)
        else:
            lines = (
                ft(lang, "score_line", score=fmt_pct(own, lang, 2)),
                ft(lang, "group_line", group=group_label(str(group), lang)),
                method,
            )
        return lines, own, own_group

    def open_answers(self) -> tuple[tuple[str, str], ...]:
        out = []
        for item in self.q.answerable():
            if item.type != "text" or item.name not in self.data.columns:
                continue
            value = self.data[item.name].iloc[self.row]
            if isinstance(value, str) and value.strip():
                out.append((item.label(self.lang), self.ctx.scrub(value)))
        return tuple(out)


def build_sections(ctx: FeedbackContext, row: int, group: Group, lang: str) -> Sections:
    """Every section of the report of the organisation at position ``row``."""
    b = _Builder(ctx, row, group, lang)
    if not ctx.data["sector"].iloc[row]:
        b.missing.append(ft(lang, "missing_sector"))
    innovated = b.innovated()
    score_lines, own_score, own_group = b.climate()
    blocks = [
        innovated, b.spectrum(), b.climate_groups(), b.statements(), b.factors(), b.results(),
        b.werk(),
    ]  # fmt: skip
    score = ctx.data["climate_score"]
    others = group.others
    group_summary = score_summary(score, group.members, others, ctx.min_n) if b.has_group else None
    all_summary = score_summary(score, others, others, ctx.min_n)
    chart_rows: list[tuple[str, ScoreSummary]] = []
    if group_summary is not None:
        chart_rows.append((group.label(lang), group_summary))
    if all_summary is not None:
        chart_rows.append((ft(lang, "all_others"), all_summary))
    svg, alt = score_chart(own_score, chart_rows, lang)
    return Sections(
        blocks=tuple(x for x in blocks if x is not None), own_score=own_score,
        own_group=own_group, score_lines=score_lines, group_summary=group_summary,
        all_summary=all_summary, chart_svg=svg, chart_alt=alt,
        open_answers=b.open_answers(), missing=tuple(b.missing),
    )  # fmt: skip
