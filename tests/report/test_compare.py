"""Wave-to-wave comparison: values and changes equal the reports', tests, comparability,
disclosure, escaping, both languages and CSV = HTML."""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from barometer.dataset import Dataset, Record, records_to_frame
from barometer.dataset.synthetic.wave import make_wave
from barometer.errors import StatsError
from barometer.questionnaire import Item, Questionnaire
from barometer.report import CATALOGUE, COMPUTE, Report, build_report
from barometer.report.compare.build import WaveComparison, compare_waves, write_comparison
from barometer.report.compare.write import figure_rows
from barometer.report.render import build as render_module
from barometer.report.text import fmt_int, fmt_pct
from barometer.stats.proportions import two_proportion_test
from helpers import html_tables

PAYLOAD = '<script>alert("x")</script>'
TINY = ("fig01_innovated_share", "fig04_origin", "fig12_strategy", "fig13_factors",
        "fig23_pandemic_production", "fig25_telework_facilities")  # fmt: skip


# --------------------------------------------------------------------------- helpers
def relabel(ds: Dataset, wave: str) -> Dataset:
    data = ds.data.copy()
    data["wave"] = pd.Series(wave, index=data.index).astype(ds.data["wave"].dtype)
    return replace(ds, data=data)


def dataset(q: Questionnaire, rows: list[dict[str, Any]], wave: str) -> Dataset:
    records = [Record(f"org{i:03d}", a, sector="gemeenten", cluster="gemeenten_onderdelen",
                      wave=wave) for i, a in enumerate(rows)]  # fmt: skip
    return Dataset.from_frame(records_to_frame(q, records), q)


def p_by_hand(x1: int, n1: int, x2: int, n2: int) -> float:
    """Pooled two-sided z test, written out (R: prop.test(correct = FALSE))."""
    pooled = (x1 + x2) / (n1 + n2)
    z = (x2 / n2 - x1 / n1) / math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    return math.erfc(abs(z) / math.sqrt(2))


def report_rows(report: Report, figure_id: str) -> dict[tuple[str, str | None], dict[str, Any]]:
    table = report.figure(figure_id).data.table
    assert table is not None
    out: dict[tuple[str, str | None], dict[str, Any]] = {}
    for record in table.to_dict("records"):
        r = {str(k): v for k, v in record.items()}
        series = r.get("series")
        out[(str(r["key"]), None if series is None or pd.isna(series) else str(series))] = r
    return out


# --------------------------------------------------------------------------- fixtures
@pytest.fixture(scope="module")
def waves() -> tuple[Dataset, Dataset]:
    """The synthetic wave (seed 2021) and a second one (seed 7) relabelled 2025."""
    return make_wave(seed=2021).dataset, relabel(make_wave(seed=7).dataset, "2025")


@pytest.fixture(scope="module")
def reports(waves: tuple[Dataset, Dataset]) -> Iterator[tuple[Report, Report]]:
    """Both waves' reports: the figures outside the climate chapter (which the comparison
    covers, checked for consistency below), without charts (they do not change numbers)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(render_module, "make_chart", lambda data, title: None)
        mp.setattr(render_module, "CATALOGUE", OUTSIDE_CLIMATE)  # the slow chapters left out
        yield build_report(waves[0]), build_report(waves[1])


OUTSIDE_CLIMATE = tuple(
    s for s in CATALOGUE if s.ready and s.label == "figure" and s.section != "climate"
)


@pytest.fixture(scope="module")
def synthetic(waves: tuple[Dataset, Dataset]) -> WaveComparison:
    """Every figure outside the climate chapter, and Figuur 17 from it (the climate figures
    cost a factor analysis and k-means per wave)."""
    figures = (*(s.id for s in OUTSIDE_CLIMATE), "fig17_climate_groups")
    return compare_waves([waves[1], waves[0]], figures=figures)  # the wrong order on purpose


Answers = Callable[..., dict[str, Any]]


def _tiny_rows(make_answers: Answers) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """2021: 18 of 20 innovated, 10 of 20 improved home working; 2025: 4 of 20 innovated
    (fewer than min_n = 5), 12 of 20 improved."""
    first = [make_answers("yes" if i < 18 else "no",
                          b3_homework_facilities="improved" if i < 10 else "already")
             for i in range(20)]  # fmt: skip
    second = [make_answers("yes" if i < 4 else "no",
                           b3_homework_facilities="improved" if i < 12 else "none")
              for i in range(20)]  # fmt: skip
    return first, second


@pytest.fixture(scope="module")
def tiny(q: Questionnaire, answers: Answers) -> tuple[Dataset, Dataset]:
    first, second = _tiny_rows(answers)
    return dataset(q, first, "2021"), dataset(q, second, "2025")


@pytest.fixture(scope="module")
def tiny_cmp(tiny: tuple[Dataset, Dataset]) -> WaveComparison:
    return compare_waves(list(tiny), figures=TINY)


# --------------------------------------------------------------------------- synthetic
def test_waves_are_ordered_and_changes_equal_the_reports(
    synthetic: WaveComparison, reports: tuple[Report, Report]
) -> None:
    assert synthetic.labels == ("2021", "2025")
    assert synthetic.pairs == (("2021", "2025"),)
    r1, r2 = reports
    checked = significant = 0
    in_reports = {f.id for f in r1.figures()}
    for fig in synthetic.figures:
        if fig.id not in in_reports:
            assert fig.spec.section == "climate"
            continue
        assert r1.figure(fig.id).data.ok and r2.figure(fig.id).data.ok
        rows1, rows2 = report_rows(r1, fig.id), report_rows(r2, fig.id)
        assert {(r.key, r.series) for r in fig.rows} == set(rows1) | set(rows2), fig.id
        for row in fig.rows:
            a, b = rows1.get((row.key, row.series)), rows2.get((row.key, row.series))
            for wave, rep in (("2021", a), ("2025", b)):
                v = row.value(wave)
                if rep is None or pd.isna(rep["pct"]):
                    assert not v.shown
                    continue
                assert (v.pct, v.ci_low, v.ci_high) == (rep["pct"], rep["ci_low"], rep["ci_high"])
                assert (v.count, v.base) == (rep["n"], rep["base"])
            c = row.change("2021", "2025")
            if row.key.startswith("kmeans:"):
                assert not c.comparable and math.isnan(c.diff)
                continue
            if a is None or b is None or pd.isna(a["pct"]) or pd.isna(b["pct"]):
                assert math.isnan(c.diff)
                continue
            assert c.diff == b["pct"] - a["pct"]
            if 0 < a["n"] + b["n"] < a["base"] + b["base"]:
                expected = two_proportion_test(
                    b["n"] / b["base"], b["base"], a["n"] / a["base"], a["base"]
                ).pvalue
                assert c.p_value == expected
                assert c.significant is (expected < 0.05)
                significant += bool(c.significant)
            checked += 1
    assert checked > 150
    ids = {f.id for f in synthetic.figures}
    assert "fig17_climate_groups" in ids and "fig27_climate_by_cluster" not in ids  # box plot
    # Figuur 27 is a box plot and Figuur 26 prints published words only: nothing to compare
    assert ids | {"fig27_climate_by_cluster", "fig26_factors_denmark"} == {
        s.id for s in OUTSIDE_CLIMATE
    } | {"fig17_climate_groups"}
    assert significant < checked  # not every change is flagged


def test_changes_are_the_differences_of_the_values(synthetic: WaveComparison) -> None:
    """Every figure compared (Figuur 17 included): change = difference, p = the test."""
    tested = 0
    for fig in synthetic.figures:
        for row in fig.rows:
            a, b, c = row.value("2021"), row.value("2025"), row.change("2021", "2025")
            if not (a.shown and b.shown and c.comparable):
                assert math.isnan(c.diff)
                continue
            assert a.count is not None and a.base and b.count is not None and b.base
            assert c.diff == b.pct - a.pct
            if not math.isnan(c.p_value):
                assert c.p_value == pytest.approx(p_by_hand(a.count, a.base, b.count, b.base))
                tested += 1
    assert tested > 150
    groups = synthetic.figure("fig17_climate_groups")
    assert not groups.row("kmeans:strong", groups.rows[3].series).change("2021", "2025").comparable
    assert groups.row("fixed:strong", groups.rows[0].series).change("2021", "2025").comparable


def test_tables_of_counts_are_left_out(tiny: tuple[Dataset, Dataset]) -> None:
    cmp = compare_waves(list(tiny), figures=("tab02_clusters", "fig01_innovated_share"))
    assert [f.id for f in cmp.figures] == ["fig01_innovated_share"]
    assert any("Tabel 2" in n for n in cmp.notes)


def test_country_table_has_every_benchmark_next_to_each_wave(
    synthetic: WaveComparison, reports: tuple[Report, Report]
) -> None:
    rows = synthetic.countries.rows
    assert len(rows) >= 30
    dk = next(
        r for r in rows if r.figure_id == "fig01_innovated_share" and r.study == "dk_2018_2019"
    )
    assert dk.study_n == 2271
    bench = reports[1].figure("fig01_innovated_share").data.benchmarks
    assert bench is not None
    expected = bench[bench["study"] == "dk_2018_2019"].iloc[0]
    assert dk.wave("2025").p_value == expected["p_value"]
    assert dk.wave("2025").pct == expected["nl_pct"]
    no = next(r for r in rows if r.study == "no_2019")
    assert math.isnan(no.wave("2021").p_value) and "n onbekend" in no.wave("2021").test
    assert any("gewogen" in c for c in synthetic.countries.caveats)


# --------------------------------------------------------------------------- tiny pair
def test_known_significant_and_non_significant_changes(tiny_cmp: WaveComparison) -> None:
    yes = tiny_cmp.figure("fig01_innovated_share").row("yes").change("2021", "2025")
    assert yes.diff == pytest.approx(20.0 - 90.0)
    assert yes.p_value == pytest.approx(p_by_hand(18, 20, 4, 20), rel=1e-12)
    assert yes.p_value < 0.001 and yes.significant is True
    improved = tiny_cmp.figure("fig25_telework_facilities").row("improved").change("2021", "2025")
    assert improved.diff == pytest.approx(10.0)
    assert improved.p_value == pytest.approx(p_by_hand(10, 20, 12, 20), rel=1e-12)
    assert improved.p_value == pytest.approx(0.5250, abs=1e-4)
    assert improved.significant is False


def test_no_value_rests_on_a_base_below_min_n(tiny_cmp: WaveComparison) -> None:
    fig = tiny_cmp.figure("fig04_origin")  # 4 innovators in 2025
    assert "2025" in fig.messages and "minder dan het minimum van 5" in fig.messages["2025"]
    assert fig.base_line == "Basis: organisaties die innoveerden; n = 18 (2021), < 5 (2025)"
    for row in fig.rows:
        v = row.value("2025")
        assert not v.shown and v.count is None and v.base is None
        c = row.change("2021", "2025")
        assert math.isnan(c.diff) and math.isnan(c.p_value) and c.significant is None
        assert c.note.startswith("2025:")
        assert row.value("2021").shown
    cells = figure_rows(fig, "nl")
    assert all(cell == "–" for row in cells for cell in row[6:])


def test_min_n_is_applied(tiny: tuple[Dataset, Dataset]) -> None:
    cmp = compare_waves(list(tiny), figures=("fig01_innovated_share",), min_n=21)
    fig = cmp.figure("fig01_innovated_share")
    assert fig.rows == () and set(fig.messages) == {"2021", "2025"}
    cmp = compare_waves(list(tiny), figures=("fig01_innovated_share",), min_n=20)
    assert cmp.figure("fig01_innovated_share").row("yes").value("2021").shown


def test_failed_figure_shows_its_message_for_that_wave(
    tiny: tuple[Dataset, Dataset], monkeypatch: pytest.MonkeyPatch
) -> None:
    original = COMPUTE["single_choice"]

    def flaky(ctx: Any, spec: Any) -> Any:
        if ctx.wave == "2025" and spec.id == "fig23_pandemic_production":
            raise ValueError("kapot in 2025")
        return original(ctx, spec)

    monkeypatch.setitem(COMPUTE, "single_choice", flaky)
    cmp = compare_waves(list(tiny), figures=("fig23_pandemic_production",))
    fig = cmp.figure("fig23_pandemic_production")
    assert fig.messages == {"2025": "Deze figuur kon niet worden berekend: kapot in 2025"}
    assert all(r.value("2021").shown and not r.value("2025").shown for r in fig.rows)
    assert any("kapot in 2025" in p for p in cmp.problems)


def _changed(q: Questionnaire) -> Questionnaire:
    """A 2025 questionnaire: d3_origin reworded, d12_strategy dropped, the reference period
    of c1_innovated moved on (years only: still comparable)."""

    def edit(item: Item) -> Item:
        if item.name == "d3_origin":
            return replace(item, labels={k: v + " (nieuw)" for k, v in item.labels.items()})
        if item.name == "c1_innovated":
            labels = {k: v.replace("2019", "2023").replace("2020", "2024")
                      for k, v in item.labels.items()}  # fmt: skip
            return replace(item, labels=labels)
        return item

    groups = tuple(
        replace(g, items=tuple(edit(i) for i in g.items if i.name != "d12_strategy"))
        for g in q.groups
    )
    return replace(q, version="2025.1.0", groups=groups)


def test_changed_questionnaire_marks_items_not_comparable(
    q: Questionnaire, answers: Answers
) -> None:
    first, second = _tiny_rows(answers)
    q2 = _changed(q)
    second = [{k: v for k, v in a.items() if k != "d12_strategy"} for a in second]
    second[:6] = [answers("yes", d12_strategy=None) for _ in range(6)]
    cmp = compare_waves([dataset(q, first, "2021"), dataset(q2, second, "2025")], figures=TINY)
    assert any(q.version in w and "2025.1.0" in w for w in cmp.warnings)
    origin = cmp.figure("fig04_origin")
    assert origin.comparable[("2021", "2025")] is False
    for row in origin.rows:
        c = row.change("2021", "2025")
        assert c.note == "niet vergelijkbaar: vraag gewijzigd" and math.isnan(c.diff)
        assert row.value("2021").shown and row.value("2025").shown  # values still shown
    assert any("d3_origin anders gesteld" in n for n in origin.notes)
    strategy = cmp.figure("fig12_strategy")
    assert "d12_strategy" in strategy.messages["2025"]
    assert all(not r.change("2021", "2025").comparable for r in strategy.rows)
    yes = cmp.figure("fig01_innovated_share").row("yes").change("2021", "2025")
    assert yes.comparable and not math.isnan(yes.p_value)
    assert any("gelijk gesteld" in n for n in cmp.figure("fig01_innovated_share").notes)


def test_input_errors(tiny: tuple[Dataset, Dataset]) -> None:
    with pytest.raises(StatsError, match="at least two waves"):
        compare_waves([tiny[0]])
    with pytest.raises(StatsError, match="more than one dataset"):
        compare_waves([tiny[0], tiny[0]])
    with pytest.raises(StatsError, match="no figure"):
        compare_waves(list(tiny), figures=("fig99",))
    with pytest.raises(StatsError):
        compare_waves(list(tiny), min_n=0)
    with pytest.raises(ValueError, match="lang"):
        compare_waves(list(tiny), lang="de")


def test_one_dataset_with_two_waves_is_split(tiny: tuple[Dataset, Dataset]) -> None:
    both = replace(tiny[1], data=pd.concat([tiny[1].data, tiny[0].data], ignore_index=True))
    cmp = compare_waves([both], figures=("fig01_innovated_share",))
    assert cmp.labels == ("2021", "2025")
    assert [w.n for w in cmp.waves] == [20, 20]


def test_three_waves_have_first_to_last(tiny: tuple[Dataset, Dataset]) -> None:
    third = relabel(tiny[0], "2029")
    cmp = compare_waves([third, *tiny], figures=("fig01_innovated_share",))
    assert cmp.pairs == (("2021", "2025"), ("2025", "2029"), ("2021", "2029"))
    row = cmp.figure("fig01_innovated_share").row("yes")
    assert row.change("2021", "2029").diff == 0.0
    assert row.change("2025", "2029").diff == pytest.approx(70.0)


# --------------------------------------------------------------------------- writing
@pytest.fixture(scope="module")
def written(tiny: tuple[Dataset, Dataset], tmp_path_factory: pytest.TempPathFactory) -> Path:
    second = relabel(tiny[1], PAYLOAD)
    cmp = compare_waves([tiny[0], second], figures=TINY)
    out = tmp_path_factory.mktemp("compare") / "out"
    write_comparison(cmp, out)
    return out


def test_files_and_escaping(written: Path) -> None:
    html = (written / "index.html").read_text("utf-8")
    assert html.startswith("<!DOCTYPE html>") and '<html lang="nl">' in html
    assert "<script" not in html.lower()
    assert "&lt;script&gt;" in html
    assert {p.stem for p in (written / "tables").glob("*.csv")} == {*TINY, "countries"}
    countries = (written / "tables" / "countries.csv").read_text("utf-8")
    assert "Figuur 1," in countries and "Figuur 7," not in countries  # only figures compared
    assert html.count('role="img"') == len(TINY)
    assert "<desc id=" in html and "Puntdiagram" in html
    assert not list(written.glob(".compare-*"))
    assert "Overwegingen bij internationale vergelijkingen" not in html  # own heading
    assert "Vergelijking met andere landen, per meting" in html


def _fmt_change(value: str, lang: str) -> str:
    x = float(value)
    return ("+" if x > 0 else "") + fmt_pct(x, lang)


def test_csv_tables_match_html_tables(written: Path) -> None:
    tables = html_tables((written / "index.html").read_text("utf-8"))
    checked = 0
    for fid in TINY:
        rows = list(csv.reader(io.StringIO((written / "tables" / f"{fid}.csv").read_text("utf-8"))))
        header, body = rows[0], rows[1:]
        html_rows = tables[f"{fid}-compare"][2:]  # two header rows
        assert len(html_rows) == len(body), fid
        for csv_row, html_row in zip(body, html_rows, strict=True):
            rec = dict(zip(header, csv_row, strict=True))
            cells = iter(html_row)
            assert next(cells) == rec["category"]
            if "series" in rec:
                assert next(cells) == rec["series"]
            for col in header:
                kind = col.split("_")[0] if not col.startswith("ci_") else "ci"
                value = rec[col]
                if col in ("category", "series") or kind == "note":
                    continue
                cell = next(cells)
                if kind in ("n", "base"):
                    assert cell == (fmt_int(int(value), "nl") if value else "–"), col
                elif kind in ("pct", "ci"):
                    assert cell == (fmt_pct(float(value), "nl") if value else "–"), col
                elif kind == "change":
                    note = rec[col.replace("change_", "note_", 1)]
                    expected = _fmt_change(value, "nl") if value else (note if "vergelijkbaar" in note else "–")  # fmt: skip
                    assert cell == expected, col
                elif kind == "p":
                    if value and cell.startswith("<"):
                        assert float(value) < 0.001, col
                    elif value:
                        assert abs(float(cell.replace(",", ".")) - float(value)) <= 0.0006, col
                    else:
                        assert cell in ("–", rec[col.replace("p_", "note_", 1)]), col
                elif kind == "significant":
                    assert cell == {"True": "ja", "False": "nee", "": "–"}[value], col
                checked += 1
        checked += 1
    assert checked > 100
    countries = list(
        csv.reader(io.StringIO((written / "tables" / "countries.csv").read_text("utf-8")))
    )
    assert len(tables["countries-table"]) - 2 == len(countries) - 1


def test_english(tiny: tuple[Dataset, Dataset], tmp_path: Path) -> None:
    cmp = compare_waves(list(tiny), lang="en", figures=("fig01_innovated_share", "fig04_origin"))
    html = (write_comparison(cmp, tmp_path)).read_text("utf-8")
    assert '<html lang="en">' in html
    assert "Change (pp)" in html and "Significant (p &lt; 0.05)" in html
    assert "Dot chart" in html and "weighted to the population" in html
    assert "Base: all organisations; n = 20 (2021), 20 (2025)" in html
    assert "fewer than the minimum of 5" in html
    assert "Denmark 2018-2019" in html
    assert re.search(r"<td>-70\.0</td>", html)


def test_dutch_labels(written: Path) -> None:
    html = (written / "index.html").read_text("utf-8")
    assert "Verschil (pp)" in html and "Significant (p &lt; 0,05)" in html
    assert "Basis: alle organisaties; n = 20 (2021)" in html
    assert "<td>-70,0</td>" in html


def test_writing_is_atomic(
    tiny: tuple[Dataset, Dataset], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cmp = compare_waves(list(tiny), figures=("fig25_telework_facilities",))
    write_comparison(cmp, tmp_path)
    (tmp_path / "keep.txt").write_text("mine")
    before = (tmp_path / "index.html").read_text("utf-8")
    from barometer.report import output

    def broken(*args: Any, **kwargs: Any) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(output.os, "replace", broken)
    with pytest.raises(OSError, match="disk full"):
        write_comparison(cmp, tmp_path)
    assert (tmp_path / "index.html").read_text("utf-8") == before
    assert (tmp_path / "keep.txt").read_text() == "mine"
    assert not list(tmp_path.glob(".compare-*"))
