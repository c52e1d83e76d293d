"""The 2025 questionnaire (2025.1.0), the item mapping from 2021, and `questionnaire diff`."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from openpyxl import load_workbook

from barometer.errors import VersionsError
from barometer.questionnaire import default, load
from barometer.questionnaire.diff import diff_questionnaires
from barometer.questionnaire.mapping import read_mapping

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "src" / "barometer" / "data"
FORM_2025 = DATA / "questionnaire-2025.xlsx"
NEW = {"g1_leaders_vision", "g2_innovation_management", "g3_innovation_roles",
       "g4_innovation_unit", "g5_diverse_teams", "g6_cross_org_teams", "g7_ai_use",
       "g8_data_driven"}  # fmt: skip
COVID = {"b1_production", "b2_homework_share", "b3_homework_facilities"}


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "build_questionnaire_2025", ROOT / "tools" / "build_questionnaire_2025.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _sheets(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    wb = load_workbook(path, read_only=True)
    try:
        return {ws.title: list(ws.iter_rows(values_only=True)) for ws in wb.worksheets}
    finally:
        wb.close()


def _exe() -> str:
    exe = shutil.which("barometer", path=str(Path(sys.executable).parent))
    assert exe is not None
    return exe


def test_committed_2025_form_matches_its_source(tmp_path: Path) -> None:
    built = tmp_path / "q.xlsx"
    _tool().build(built)
    assert _sheets(built) == _sheets(FORM_2025), "run python tools/build_questionnaire_2025.py"


def test_2025_form_content() -> None:
    q = load(FORM_2025)
    assert q.version == "2025.1.0"
    assert q.values == {"first_year": "2023", "last_year": "2024"}
    assert "2023 of 2024" in q.item("c1_innovated").label("nl")
    names = {i.name for i in q.answerable()}
    assert not names & COVID and not q.tagged("covid")
    assert names >= NEW
    assert {i.name for i in q.tagged("leadership")} == {"g1_leaders_vision",
                                                       "g2_innovation_management"}  # fmt: skip
    # the COI core keeps its names, types and choice codes
    old = default()
    for item in old.tagged("coi"):
        new = q.item(item.name)
        assert new.type == item.type, item.name
        if item.choice_list:
            assert new.choice_list is not None
            assert [(c.name, c.code) for c in new.choice_list.choices] == [
                (c.name, c.code) for c in item.choice_list.choices
            ], item.name


def test_diff_2021_2_to_2025_follows_the_mapping() -> None:
    d = diff_questionnaires(default(), load(FORM_2025))
    assert d.mapping == "questionnaire-map-2021-2025.yaml"
    assert {c.item_a for c in d.by_status("retired")} == COVID
    assert {c.item_b for c in d.by_status("new")} == NEW
    assert d.by_status("changed") == []  # 2021.2.0 already has the neutral wording
    back = diff_questionnaires(load(FORM_2025), default())
    assert {c.item_b for c in back.by_status("new")} == COVID
    assert {c.item_a for c in back.by_status("retired")} == NEW


def _form_2021_1(tmp_path: Path) -> Path:
    """The 2021 form as fielded (2021.1.0): the old wording of two factors."""
    base = _tool().base
    old = {"d13_factor_finance": ("Beperkte financiële middelen", "Limited financial resources"),
           "d13_factor_continuity": ("Sterke focus op continuïteit van de bedrijfsvoering",
                                     "Strong focus on continuity of operations")}  # fmt: skip
    rows = [dict(r, nl=old[r["name"]][0], en=old[r["name"]][1]) if r.get("name") in old else r
            for r in base.ROWS]  # fmt: skip
    path = tmp_path / "q2021-1.xlsx"
    base.build(path, rows=rows, version="2021.1.0")
    return path


def test_diff_from_the_fielded_2021_form_names_the_changed_wording(tmp_path: Path) -> None:
    d = diff_questionnaires(load(_form_2021_1(tmp_path)), load(FORM_2025))
    changed = {c.item_a: c.note for c in d.by_status("changed")}
    assert set(changed) == {"d13_factor_finance", "d13_factor_continuity"}
    assert "Beperkte" in changed["d13_factor_finance"]
    # between the two 2021 versions (no mapping file) the wording change is found by itself
    d21 = diff_questionnaires(load(_form_2021_1(tmp_path)), default())
    assert {c.item_a for c in d21.by_status("changed")} == set(changed)
    assert d21.mapping == ""


def _incompatible(tmp_path: Path) -> Path:
    tool = _tool()
    rows = [r for r in tool.rows_2025() if r.get("name") != "g7_ai_use"]
    path = tmp_path / "q2030.xlsx"
    tool.base.build(path, rows=rows, choices=tool.CHOICES, version="2030.1.0")
    return path


def test_incompatible_forms_without_mapping_are_refused_naming_the_items(tmp_path: Path) -> None:
    with pytest.raises(VersionsError) as err:
        diff_questionnaires(default(), load(_incompatible(tmp_path)))
    msg = str(err.value)
    assert "2021.2.0 and 2030.1.0" in msg and "no item mapping" in msg
    for name in (*COVID, "g1_leaders_vision", "g8_data_driven"):
        assert name in msg
    assert "g7_ai_use" not in msg


def test_a_mapping_that_does_not_explain_a_difference_is_refused(tmp_path: Path) -> None:
    text = (DATA / "questionnaire-map-2021-2025.yaml").read_text("utf-8")
    bad = tmp_path / "map.yaml"
    bad.write_text(text.replace("to: 2025.1.0", "to: 2030.1.0"), "utf-8")
    with pytest.raises(VersionsError, match=r"map\.yaml.*g7_ai_use \(mapped as new but 2030"):
        diff_questionnaires(default(), load(_incompatible(tmp_path)), read_mapping(bad))


def test_cli_diff_prints_the_mapping_and_fails_on_incompatible_forms(tmp_path: Path) -> None:
    work = tmp_path / "empty"
    work.mkdir()
    ok = subprocess.run([_exe(), "questionnaire", "diff", str(DATA / "questionnaire.xlsx"),
                         str(FORM_2025)], cwd=work, capture_output=True, text=True)  # fmt: skip
    assert ok.returncode == 0, ok.stderr
    lines = ok.stdout.splitlines()
    assert lines[0] == "2021.2.0 -> 2025.1.0 (mapping questionnaire-map-2021-2025.yaml)"
    assert any(ln.split()[:2] == ["retired", "b1_production"] for ln in lines)
    assert any(ln.split()[:3] == ["new", "-", "g7_ai_use"] for ln in lines)
    assert lines[-1] == "55 same, 0 changed, 0 renamed, 8 new, 3 retired"
    bad = subprocess.run([_exe(), "questionnaire", "diff", str(DATA / "questionnaire.xlsx"),
                          str(_incompatible(tmp_path))], cwd=work, capture_output=True,
                         text=True)  # fmt: skip
    assert bad.returncode == 1
    assert "not comparable" in bad.stderr and "b2_homework_share (only in 2021.2.0)" in bad.stderr
    assert "Traceback" not in bad.stderr
    assert list(work.iterdir()) == []
