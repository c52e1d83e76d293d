"""The report layer's one output module: SVG sanitising and atomic writes (issue 12, point 7)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import barometer.report
from barometer.report.output import accessible_svg, atomic_write, write_tree

REPORT = Path(barometer.report.__file__).parent


def test_accessible_svg_refuses_active_content_and_escapes_its_text() -> None:
    with pytest.raises(ValueError, match="active content"):
        accessible_svg('<svg width="1" height="1"><script>x()</script></svg>', "a", "t", "d")
    with pytest.raises(ValueError, match="active content"):
        accessible_svg("<svg><foreignObject/></svg>", "a", "t", "d")
    out = accessible_svg('<svg width="40" height="20"></svg>', "c", "<b>&", "d", view_box=True)
    assert '<title id="c-title">&lt;b&gt;&amp;</title>' in out and 'viewBox="0 0 40 20"' in out
    kept = accessible_svg('<svg viewBox="-4 -4 48 28" width="40" height="20"></svg>', "c", "t", "d",
                          view_box=True)  # fmt: skip
    assert kept.count("viewBox") == 1


def test_write_tree_replaces_only_what_it_owns(tmp_path: Path) -> None:
    (tmp_path / "mine.txt").write_text("mine")
    write_tree({"index.html": "1", "tables/a.csv": "x"}, tmp_path, ("tables", "index.html", "m"),
               empty={"m": "{}"})  # fmt: skip
    write_tree({"index.html": "2"}, tmp_path, ("tables", "index.html", "m"), empty={"m": "{}"})
    assert (tmp_path / "index.html").read_text() == "2" and (tmp_path / "m").read_text() == "{}"
    assert list((tmp_path / "tables").iterdir()) == []  # the old tables went with the old report
    assert (tmp_path / "mine.txt").read_text() == "mine"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["index.html", "m", "mine.txt", "tables"]
    atomic_write(tmp_path / "sub" / "f.txt", "ü")
    assert (tmp_path / "sub" / "f.txt").read_bytes() == "ü".encode()


def test_nothing_else_in_the_report_layer_writes_by_rename_or_sanitises_svg() -> None:
    """One output module: no other module of report/ renames files or checks SVG itself."""
    offenders = []
    for path in REPORT.rglob("*.py"):
        if path.name == "output.py":
            continue
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            renames = (
                isinstance(node, ast.Attribute)
                and node.attr in {"replace", "mkstemp", "mkdtemp"}
                and isinstance(node.value, ast.Name)
                and node.value.id in {"os", "tempfile"}
            )
            sanitises = isinstance(node, ast.Constant) and "foreignObject" in str(node.value)
            if renames or sanitises:
                offenders.append(f"{path.relative_to(REPORT)}:{node.lineno}")
    assert not offenders
