"""The summary and findings are written from the computed numbers: the sentences change with
the data, carry exactly the figures' numbers, state a difference only when it is
significant, and the templates hold no numbers of their own."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pandas as pd
import pytest

from barometer.dataset import Dataset
from barometer.dataset.synthetic.wave import make_wave
from barometer.report import CATALOGUE
from barometer.report.figures.benchmarks import attach_benchmarks
from barometer.report.figures.core import FigureData, make_context
from barometer.report.figures.registry import COMPUTE
from barometer.report.findings.chapter import (
    PHRASES,
    SHARE_WORDS,
    TEMPLATES,
    Findings,
    build_findings,
    pct_str,
    share_words,
)
from barometer.report.text import fmt_pct

Answers = Callable[..., dict[str, Any]]
Build = Callable[..., Dataset]
YEAR = re.compile(r"\b(19|20)\d\d\b")


def findings_for(
    ds: Dataset, frame: pd.DataFrame | None = None, lang: str = "nl"
) -> tuple[Findings, dict[str, FigureData]]:
    """The findings from the computed figures (no charts)."""
    ctx = make_context(ds, lang=lang, frame=frame)
    figs = {}
    for spec in CATALOGUE:
        if spec.ready:
            assert spec.compute is not None
            try:
                data = COMPUTE[spec.compute](ctx, spec)
            except Exception:  # a figure that fails is left out, as in the report
                continue
            figs[spec.id] = attach_benchmarks(replace(data, wave=ctx.wave), ctx)
    return build_findings(figs, ctx), figs


@pytest.fixture(scope="module")
def wave_findings() -> tuple[Findings, dict[str, FigureData]]:
    wave = make_wave(2021)
    return findings_for(wave.dataset, wave.frame)


def test_templates_hold_no_numbers() -> None:
    texts = [v for lang in TEMPLATES.values() for v in lang.values()]
    texts += [p for pair in PHRASES.values() for p in pair]
    texts += [w for _, nl, en in SHARE_WORDS for w in (nl, en)]
    for text in texts:
        words = re.sub(r"\{[^}]*\}", "", text)  # placeholders may be named p1, p2
        assert not re.search(r"[0-9]", YEAR.sub("", words)), text
    assert set(TEMPLATES["nl"]) == set(TEMPLATES["en"])


def test_share_words_follow_the_value() -> None:
    assert share_words(78, "nl") == "meer dan driekwart"
    assert share_words(66, "nl") == "ongeveer tweederde"
    assert share_words(50, "en") == "about half"
    lows = [low for low, _, _ in SHARE_WORDS]
    assert lows == sorted(lows, reverse=True) and lows[-1] == 0


def test_share_words_follow_the_printed_number() -> None:
    """Issue 9, point 9: the words follow the number as printed: 84.98 prints as 85%, so
    not "meer dan driekwart (85%)"."""
    assert share_words(84.98, "nl") == share_words(85, "nl") == "de grote meerderheid"
    for hundredths in range(0, 10001, 7):
        x = hundredths / 100
        assert share_words(x, "nl") == share_words(float(pct_str(x, "en")), "nl"), x


def _dataset(build: Build, answers: Answers, innovators: int, total: int = 10) -> Dataset:
    rows = [answers("yes", d3_origin="adapted" if i % 2 else "own") for i in range(innovators)]
    rows += [answers("no")] * (total - innovators)
    return build(rows)


def _numbers(text: str) -> list[str]:
    return re.findall(r"\d+(?:,\d+)?", text)


def test_sentences_change_with_the_data(build: Build, answers: Answers) -> None:
    seen = []
    for k in (9, 6):
        findings, figs = findings_for(_dataset(build, answers, k))
        f = findings.get("innovated")
        table = figs["fig01_innovated_share"].table
        assert table is not None
        row = table.set_index("key").loc["yes"]
        assert f.values == {"pct": row["pct"], "ci_low": row["ci_low"], "ci_high": row["ci_high"]}
        expected = [fmt_pct(row[c], "nl", 0) for c in ("pct", "ci_low", "ci_high")]
        assert [n for n in _numbers(f.text) if n != "95"] == expected  # "95%-BI" is the label
        assert f"({expected[0]}%" in f.text and f"{expected[1]}–{expected[2]}%" in f.text
        seen.append(f.text)
        origin = findings.get("origin")
        own = figs["fig04_origin"].table.set_index("key").loc["own", "pct"]  # type: ignore[union-attr]
        assert origin.text.startswith(f"{fmt_pct(own, 'nl', 0)}%")
    assert seen[0].startswith("De grote meerderheid van de organisaties (90%")
    assert seen[1].startswith("Meer dan de helft van de organisaties (60%")
    assert seen[0] != seen[1]


def test_a_difference_is_stated_only_when_significant(
    build: Build, answers: Answers, wave_findings: tuple[Findings, dict[str, FigureData]]
) -> None:
    small, _ = findings_for(_dataset(build, answers, 9))  # 90% of 10 vs Denmark 80%
    keys = {f.key for f in small.all()}
    assert "innovated_vs_same" in keys and "innovated_vs_higher" not in keys
    assert "verschilt niet significant van Denemarken" in small.get("innovated_vs_same").text
    big, figs = wave_findings  # 86% of 366 vs 80% of 2,271
    f = big.get("innovated_vs_higher")
    assert f.values["p"] < 0.05 and f.text.startswith("Dat is meer dan in Denemarken")
    bench = figs["fig01_innovated_share"].benchmarks
    assert bench is not None  # the sentence states the comparison table's own test
    assert f.values["p"] == bench.set_index("study").loc["dk_2018_2019", "p_value"]
    climate = next(f for f in big.all() if f.key.startswith("climate_") and "p" in f.values)
    assert (climate.key == "climate_same") == (climate.values["p"] >= 0.05)


def test_findings_on_the_demo_wave(wave_findings: tuple[Findings, dict[str, FigureData]]) -> None:
    findings, figs = wave_findings
    keys = [f.key for f in findings.all()]
    for key in ("innovated", "types", "origin", "technology", "initiative", "collaboration",
                "financing", "results", "model_quality", "model_efficiency",
                "model_employee_satisfaction", "climate_mean", "climate_groups", "texts"):  # fmt: skip
        assert key in keys, key
    # every percentage in a sentence is one of the finding's values, as printed
    for f in findings.all():
        if f.key.startswith("model") or f.key == "climate_mean":
            continue
        printed = {fmt_pct(v, "nl", 0) for k, v in f.values.items() if k != "p"}
        for number in re.findall(r"(\d+(?:,\d+)?)%(?!-BI)", f.text):
            assert number in printed, (f.key, number, f.text)
    results = figs["fig14_results"].table.set_index("key")  # type: ignore[union-attr]
    f = findings.get("results")
    assert f.values["p1"] == results.loc["efficiency", "pct"]
    assert "hogere efficiency (" in f.text and "(zelfde" not in f.text
    quality = findings.get("model_quality").text
    pos, neg = quality.split("negatief")
    assert "productinnovatie" in pos and "puur technologische innovatie" in neg
    assert "sector" not in quality.lower()
    groups = figs["fig17_climate_groups"].table.set_index("key")  # type: ignore[union-attr]
    assert findings.get("climate_groups").values["strong"] == groups.loc["fixed:strong", "pct"]
    assert findings.get("texts").text.count("%") == 2
    summary = [f.key for f in findings.summary]
    assert summary[0] == "innovated" and "model" in summary


def test_english_findings(wave_findings: tuple[Findings, dict[str, FigureData]]) -> None:
    wave = make_wave(2021)
    findings, _ = findings_for(wave.dataset, wave.frame, lang="en")
    assert findings.summary_title == "Management summary"
    text = findings.get("innovated").text
    assert text.startswith("The great majority of the organisations (86%")
    assert findings.get("innovated").values == wave_findings[0].get("innovated").values
