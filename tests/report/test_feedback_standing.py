"""Page 1 of the feedback report (issue 12): where the organisation stands.

The percentile is pinned against R (``tests/report/reference/feedback_percentile.R``, output in
``feedback_percentile.out.txt``) on the synthetic 2021 wave's climate scores and groups
(``feedback_percentile_scores.csv``, written by ``tools/feedback_percentile_data.py``; the
first test proves that file still holds what the pipeline computes). The strongest and
weakest statements are recomputed by hand with pandas. The CLI is run as a subprocess in an
empty folder; axe runs on the written page in Chromium.
"""

from __future__ import annotations

import csv
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from barometer.dataset import Dataset
from barometer.dataset.io import write_dataset
from barometer.report.feedback.build import (
    FeedbackReport,
    build_feedback,
    render_feedback,
    requested_org_ids,
    write_feedback,
)
from barometer.report.feedback.compute import FeedbackContext, comparison_group, feedback_context
from barometer.report.feedback.standing import group_mean, percentile
from barometer.stats.analysis import climate_statements

REF = Path(__file__).parent / "reference"
BAROMETER = str(Path(sys.executable).with_name("barometer"))


def r_reference() -> dict[str, tuple[str, int, float | None, float]]:
    """org_id -> (group, n in group, group percentile, overall percentile), from R."""
    out = {}
    lines = (REF / "feedback_percentile.out.txt").read_text("utf-8").splitlines()
    assert lines[0].startswith("R: R version") and lines[1].split() == [
        "org_id", "group", "n_group", "pct_group", "pct_all"
    ]  # fmt: skip
    for line in lines[2:]:
        org, group, n, p_group, p_all = line.split()
        out[org] = (group, int(n), None if p_group == "NA" else float(p_group), float(p_all))
    return out


@pytest.fixture(scope="module")
def wave() -> tuple[Dataset, pd.DataFrame, FeedbackContext]:
    from barometer.dataset.synthetic.wave import make_wave

    demo = make_wave(seed=2021)
    return demo.dataset, demo.frame, feedback_context(demo.dataset, frame=demo.frame)


def test_the_r_input_is_what_the_pipeline_computes(wave: tuple) -> None:
    _, _, ctx = wave
    with (REF / "feedback_percentile_scores.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["org_id"] for r in rows] == list(ctx.data["org_id"])
    for i, r in enumerate(rows):
        group = comparison_group(ctx, i)
        assert r["group"] == (group.code if group.kind in ("sector", "remainder") else "")
        assert float(r["score"]) == pytest.approx(ctx.data["climate_score"].iloc[i], abs=1e-12)


def test_percentile_matches_r_for_every_organisation(wave: tuple) -> None:
    _, _, ctx = wave
    ref = r_reference()
    data = ctx.data
    score = data["climate_score"]
    groups = {i: comparison_group(ctx, i) for i in range(len(data))}
    assert len(ref) == len(data) == 366
    ties = 0
    for i, org in enumerate(data["org_id"]):
        own = float(score.iloc[i])
        _, n, p_group, p_all = ref[org]
        assert percentile(score, own) == pytest.approx(p_all, abs=1e-8), org
        members = groups[i].members
        assert int(members.sum()) == n
        assert p_group is not None
        assert percentile(score[members], own) == pytest.approx(p_group, abs=1e-8), org
        ties += int((np.round(score, 10) == round(own, 10)).sum() > 1)
    assert ties > 100  # the half-ties rule is exercised, not a corner case


def test_page_one_shows_the_r_percentile_only_in_a_large_enough_group(wave: tuple) -> None:
    ds, frame, ctx = wave
    ref = r_reference()
    data = ctx.data
    sizes = data.groupby([comparison_group(ctx, i).code for i in range(len(data))]).size()
    small = sizes[sizes < ctx.group_min].index[0]  # the synthetic wave's "overig": 7
    large = sizes[sizes >= ctx.group_min].index[0]
    for code, shown in ((large, True), (small, False)):
        org = next(o for o, (g, *_) in ref.items() if g == code)
        r = build_feedback(ds, org, frame=frame, context=ctx)
        _, n, p_group, p_all = ref[org]
        assert r.standing.group_rank is not None and r.standing.group_rank.n == n
        assert r.standing.all_rank.pct == pytest.approx(p_all, abs=1e-8)
        keys = dict(r.standing.keys)
        where = f"Percentiel onder {r.group_label}"
        if shown:
            assert r.standing.group_rank.pct == pytest.approx(p_group, abs=1e-8)
            assert keys[where] == f"{round(p_group or 0)} (van {n} organisaties met een score)"
        else:
            assert r.standing.group_rank.pct is None
            assert r.standing.group_rank.reason == "small_group"
            assert keys[where] == "niet getoond"
            text = " ".join(r.standing.lines)
            assert f"{n} organisaties hebben een score, minder dan {ctx.group_min}" in text
        assert keys["Percentiel onder alle organisaties"].startswith(f"{round(p_all)} (van 366")


def test_strongest_and_weakest_by_hand(wave: tuple) -> None:
    ds, frame, ctx = wave
    raw = ds.data.reset_index(drop=True)
    statements = climate_statements(raw)
    for org in list(raw["org_id"])[:12]:
        r = build_feedback(ds, org, frame=frame, context=ctx)
        row = int(np.flatnonzero(raw["org_id"] == org)[0])
        members = comparison_group(ctx, row).members.to_numpy()
        assert (
            raw.loc[raw["sector"] == raw.loc[row, "sector"]].index.isin(np.flatnonzero(members))
        ).all()
        gaps = []
        for s in statements:
            own = pd.to_numeric(raw.loc[row, s], errors="coerce")
            values = pd.to_numeric(raw.loc[members, s], errors="coerce")
            values = values[values.isin([1, 2, 3, 4, 5])]
            if own in (1, 2, 3, 4, 5) and len(values) >= ctx.min_n:
                gaps.append((own - values.mean(), statements.index(s), s, values.mean()))
        high = [g[2] for g in sorted(gaps, key=lambda g: (-g[0], g[1]))[:3]]
        low = [g[2] for g in sorted(gaps, key=lambda g: (g[0], g[1])) if g[2] not in high][:3]
        assert [g.key for g in r.standing.strongest] == high, org
        assert [g.key for g in r.standing.weakest] == low, org
        means = {g[2]: g[3] for g in gaps}
        for g in (*r.standing.strongest, *r.standing.weakest):
            assert g.mean == pytest.approx(means[g.key])
        table = next(t for t in r.standing.tables if t.key == "strongest")
        assert table.columns[1] == "Uw organisatie" and len(table.rows) == 3


def test_a_unanimous_small_group_mean_is_hidden(wave: tuple) -> None:
    _, _, ctx = wave
    values = pd.Series([5.0] * 6 + [3.0] * 10 + [-8.0])
    everyone = np.ones(17, dtype=bool)
    six = np.arange(17) < 6
    assert group_mean(values, six, everyone, ctx) == (None, None)  # 5,0 in a group of 6
    assert group_mean(values, np.arange(17) < 7, everyone, ctx) == (pytest.approx(33 / 7), 7)
    assert group_mean(values, np.arange(17) < 3, everyone, ctx) == (None, None)  # below min_n
    assert group_mean(values, everyone, everyone, ctx) == (pytest.approx(60 / 16), 16)


def test_page_one_comes_first(wave: tuple) -> None:
    ds, frame, ctx = wave
    org = requested_org_ids(ds)[0]
    for lang in ("nl", "en"):
        html = render_feedback(build_feedback(ds, org, frame=frame, lang=lang, context=ctx))
        first = html.index('id="standing"')
        assert first < html.index("<nav") < html.index('id="about"')
        for key in ("strongest", "weakest", "achieved"):
            assert first < html.index(f'id="{key}-table"') < html.index("<nav")


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([BAROMETER, *args], cwd=cwd, capture_output=True, text=True,
                          timeout=600, check=False)  # fmt: skip


@pytest.mark.slow
def test_cli_counts_reports_not_files(wave: tuple, tmp_path: Path) -> None:
    ds, frame, _ = wave
    write_dataset(ds, tmp_path / "responses.csv")
    frame.to_csv(tmp_path / "frame.csv", index=False)
    org = requested_org_ids(ds)[0]
    done = _run("feedback", "responses.csv", "--out", "fb", "--org", org, "--pdf", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "1 feedback report written to fb (HTML and PDF)"
    assert sorted(p.name for p in (tmp_path / "fb").iterdir()) == [f"{org}.html", f"{org}.pdf"]
    done = _run("feedback", "responses.csv", "--out", "many", "--frame", "frame.csv",
                cwd=tmp_path)  # fmt: skip
    assert done.returncode == 0, done.stderr
    wanted = len(requested_org_ids(ds))
    assert wanted > 1 and len(list((tmp_path / "many").glob("*.html"))) == wanted
    assert done.stdout.strip() == f"{wanted} feedback reports written to many (HTML)"


@pytest.mark.slow
@pytest.mark.external
@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("width", [1280, 375])
def test_axe_finds_nothing_on_the_feedback_page(
    wave: tuple, tmp_path: Path, chromium: object, width: int, lang: str
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    ds, frame, ctx = wave
    r: FeedbackReport = build_feedback(
        ds, requested_org_ids(ds)[0], frame=frame, lang=lang, context=ctx
    )
    path = write_feedback(r, tmp_path)
    page = chromium.new_page(viewport={"width": width, "height": 900})  # type: ignore[attr-defined]
    page.goto(path.as_uri())
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    svg_text = page.evaluate(
        "Array.from(document.querySelectorAll('svg text')).map(t => t.textContent)"
    )
    assert svg_text and not any("…" in t for t in svg_text)  # labels wrap, never cut
    page.close()


def test_no_decimal_point_in_dutch_page_one(wave: tuple) -> None:
    ds, frame, ctx = wave
    r = build_feedback(ds, requested_org_ids(ds)[0], frame=frame, context=ctx)
    cells = [c for t in r.standing.tables for row in t.rows for c in row[1:]]
    cells += [v for _, v in r.standing.keys]
    assert cells and not [c for c in cells if re.search(r"\d\.\d", c)]


def test_own_answer_on_the_groups_scale(wave: tuple) -> None:
    from barometer.report.charts.layout import contrast

    ds, frame, ctx = wave
    raw = ds.data.reset_index(drop=True)
    org = requested_org_ids(ds)[0]
    row = int(np.flatnonzero(raw["org_id"] == org)[0])
    members = comparison_group(ctx, row).members.to_numpy()
    r = build_feedback(ds, org, frame=frame, context=ctx)
    bars = r.block("statements").bars
    assert len(bars) == len(r.block("statements").rows) and bars[0].where == "group"
    for bar in bars:  # the group's distribution by hand, "don't know" included
        values = pd.to_numeric(raw.loc[members, bar.key], errors="coerce")
        values = values[values.isin([1, 2, 3, 4, 5, -8])]
        expected = {c: 100 * (values == c).mean() for c in (1, 2, 3, 4, 5, -8)}
        assert {c: p for c, _, p in bar.shares} == pytest.approx(expected)
        own = pd.to_numeric(raw.loc[row, bar.key], errors="coerce")
        assert bar.own == (int(own) if own in expected else None)
        if bar.own is not None:  # the own segment is outlined and has the triangle
            assert bar.svg.count('stroke-width="3"') == 1 and "<path" in bar.svg
        fills = re.findall(r'<rect [^>]*fill="(#[0-9a-f]{6})"[^>]*/><text [^>]*fill="(#[0-9a-f]{6})"',
                           bar.svg)  # fmt: skip
        assert fills and all(contrast(a, b) >= 4.5 for a, b in fills), fills
        assert "…" not in bar.svg and not re.search(r">\d+\.\d", bar.svg)


def test_a_small_group_shows_all_organisations_distribution(wave: tuple) -> None:
    ds, frame, ctx = wave
    ref = r_reference()
    org = next(o for o, (g, n, *_) in ref.items() if 0 < n < ctx.group_min)
    r = build_feedback(ds, org, frame=frame, context=ctx)
    bars = r.block("statements").bars
    for bar in bars:
        if bar.where == "group":  # only where no share is 0% or 100%
            assert all(0 < p < 100 for _, _, p in bar.shares), bar
    fallback = [b for b in bars if b.where == "all"]
    assert fallback, "the wave's group of 7 has a statement with an empty answer category"
    assert any("verdeling van alle organisaties" in n for n in r.block("statements").notes)


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_pdf_page_one_and_no_stranded_heading(wave: tuple, tmp_path: Path, lang: str) -> None:
    import html as htmllib
    import shutil

    from barometer.report.feedback.build import write_feedback_pdf

    if shutil.which("pdftotext") is None:
        pytest.fail("poppler's pdftotext is needed (it is installed with the project's tools)")
    ds, frame, ctx = wave
    r = build_feedback(ds, requested_org_ids(ds)[0], frame=frame, lang=lang, context=ctx)
    pdf = write_feedback_pdf(r, tmp_path)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))  # type: ignore[union-attr]
    texts = [
        subprocess.run(["pdftotext", "-f", str(i), "-l", str(i), "-layout", str(pdf), "-"],
                       capture_output=True, text=True, check=True).stdout
        for i in range(1, pages + 1)
    ]  # fmt: skip
    first = " ".join(texts[0].split())
    title = "Waar staat uw organisatie" if lang == "nl" else "Where your organisation stands"
    assert title in first
    for table in r.standing.tables:  # every page-1 table is on page 1, with its rows
        assert " ".join(table.caption.split()[:4]) in first
        assert table.rows[-1][-1] in first
    headings = {
        " ".join(htmllib.unescape(re.sub(r"<[^>]+>", "", h)).split())
        for h in re.findall(r"<h[23][^>]*>(.*?)</h[23]>", render_feedback(r, pdf=True), re.S)
    }
    assert len(headings) > 8
    for i, text in enumerate(texts, start=1):
        lines = [" ".join(x.split()) for x in text.splitlines() if x.strip()]
        assert lines, f"page {i} is empty"
        assert lines[-1] not in headings, f"heading '{lines[-1]}' stranded at the foot of page {i}"
