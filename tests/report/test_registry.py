"""The explicit figure registry (issue 12, point 7): every catalogue entry's compute
function is named in one place, and no module of the report layer is imported for its side
effect."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

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
