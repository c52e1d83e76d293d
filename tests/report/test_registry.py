"""The explicit figure registry (issue 12, point 7): every catalogue entry's compute
function is named in one place, and no module of the report layer is imported for its side
effect."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

import barometer.report
from barometer.report.catalogue import CATALOGUE
from barometer.report.figures.registry import COMPUTE

REPORT = Path(barometer.report.__file__).parent


def test_every_ready_figure_has_its_compute_function_in_the_registry() -> None:
    ready = {s.compute for s in CATALOGUE if s.ready}
    assert len(ready) > 15
    assert ready <= set(COMPUTE), sorted(ready - set(COMPUTE))
    for name, fn in COMPUTE.items():
        module = importlib.import_module(fn.__module__)
        assert getattr(module, fn.__name__) is fn or getattr(fn, "__wrapped__", None), name


def test_no_import_for_a_side_effect_and_no_private_name_across_modules() -> None:
    side_effect, private = [], []
    for path in sorted(REPORT.rglob("*.py")):
        text = path.read_text("utf-8")
        rel = str(path.relative_to(REPORT))
        side_effect += [rel for line in text.splitlines() if "noqa: F401" in line]
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("barometer"):
                private += [f"{rel}: {a.name}" for a in node.names
                            if a.name.startswith("_") and a.name != "__version__"]  # fmt: skip
    assert not side_effect, side_effect
    assert not private, private


def test_one_chart_stack_without_altair() -> None:
    """The report, the feedback report and the comparison draw with Vega-Lite dicts
    (charts/spec.py) and vl-convert; Altair is no dependency."""
    root = REPORT.parents[2]
    assert "altair" not in (root / "pyproject.toml").read_text("utf-8").lower()
    imports = []
    for path in sorted((root / "src").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
                names.append(getattr(node, "module", None) or "")
                imports += [str(path) for n in names if n.split(".")[0] == "altair"]
    assert not imports, imports


LOOKUPS = {"t", "tc", "ct", "ft", "mt", "tpl"}


def test_no_logic_compares_with_a_translated_label() -> None:
    """Rows are chosen and coloured by stable keys (``key``, ``series_key``): no comparison
    in the report layer has a wording lookup on either side."""
    found = []
    for path in sorted(REPORT.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(node, ast.Compare):
                continue
            for side in [node.left, *node.comparators]:
                if (isinstance(side, ast.Call) and isinstance(side.func, ast.Name)
                        and side.func.id in LOOKUPS):  # fmt: skip
                    found.append(f"{path.relative_to(REPORT)}:{node.lineno}")
    assert not found, found


def test_stacked_levels_carry_stable_keys_in_both_languages() -> None:
    wave = pytest.importorskip("barometer.dataset.synthetic.wave").make_wave(seed=2021)
    from barometer.report import build_report
    from barometer.report.charts.draw import LEVEL_COLOURS, chart_frame

    orders, colours = [], []
    for lang in ("nl", "en"):
        fig = build_report(wave.dataset, frame=wave.frame, lang=lang).figure("fig13_factors")
        table = fig.data.table
        assert table is not None
        assert set(table["series_key"]) == {"hindering", "neutral", "promoting", "dont_know"}
        orders.append(list(dict.fromkeys(table["key"])))
        _, _, used = chart_frame(fig.data)
        colours.append(used)
    assert orders[0] == orders[1]  # sorted by the share promoting, whatever the language
    assert colours[0] == colours[1] and set(colours[0]) <= set(LEVEL_COLOURS.values())
