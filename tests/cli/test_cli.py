"""The commands end to end, as a user runs them."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyreadstat
import pytest
from click.testing import CliRunner

from barometer.cli import main
from barometer.questionnaire import default_path
from helpers import write_xlsform


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("demo") / "demo"
    result = CliRunner().invoke(main, ["demo", "--out", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    return out


def test_demo_writes_everything_and_says_where(demo_dir: Path) -> None:
    for name in ("frame.csv", "responses.csv", "responses.parquet", "responses.sav",
                 "responses.xlsx", "codebook.csv", "report/index.html"):  # fmt: skip
        assert (demo_dir / name).is_file(), name
    frame = pd.read_csv(demo_dir / "frame.csv", dtype=str)
    assert len(frame) == 1374
    data, meta = pyreadstat.read_sav(demo_dir / "responses.sav", user_missing=True)
    assert len(data) == 366
    assert meta.column_names_to_labels["c1_innovated"]
    html = (demo_dir / "report" / "index.html").read_text("utf-8")
    assert "Figuur 1." in html and "Tabel 1." in html


def test_demo_is_deterministic(demo_dir: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    assert CliRunner().invoke(main, ["demo", "--out", str(again), "--quiet"]).exit_code == 0
    for name in ("frame.csv", "responses.csv", "codebook.csv"):
        assert (again / name).read_bytes() == (demo_dir / name).read_bytes(), name


def test_report_from_every_format_in_english(demo_dir: Path, tmp_path: Path) -> None:
    for fmt in ("csv", "sav"):
        out = tmp_path / fmt
        result = CliRunner().invoke(
            main,
            ["report", str(demo_dir / f"responses.{fmt}"), "--out", str(out), "--lang", "en",
             "--frame", str(demo_dir / "frame.csv")],
        )  # fmt: skip
        assert result.exit_code == 0, result.output
        html = (out / "index.html").read_text("utf-8")
        assert "Figure 1." in html and 'lang="en"' in html


def test_bad_dataset_lists_every_problem_and_writes_nothing(demo_dir: Path, tmp_path: Path) -> None:
    data = pd.read_csv(demo_dir / "responses.csv", dtype=str, keep_default_na=False)
    data.loc[0, "a1_size"] = "7"  # unknown code
    data.loc[3, "org_id"] = data.loc[2, "org_id"]  # duplicate id
    bad = tmp_path / "bad.csv"
    data.to_csv(bad, index=False)
    out = tmp_path / "report"
    result = CliRunner().invoke(main, ["report", str(bad), "--out", str(out)])
    assert result.exit_code == 1
    assert "bad.csv, row 2, column a1_size" in result.output
    assert "occurs more than once" in result.output
    assert not out.exists()
    result = CliRunner().invoke(main, ["convert", str(bad), str(tmp_path / "x.sav")])
    assert result.exit_code == 1
    assert not (tmp_path / "x.sav").exists()


def test_validate_and_convert(demo_dir: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["validate", str(demo_dir / "responses.parquet")])
    assert result.exit_code == 0 and "366 valid responses" in result.output
    target = tmp_path / "copy.xlsx"
    assert (
        CliRunner()
        .invoke(main, ["convert", str(demo_dir / "responses.sav"), str(target)])
        .exit_code
        == 0
    )
    result = CliRunner().invoke(main, ["validate", str(target)])
    assert result.exit_code == 0, result.output


def test_questionnaire_check_prints_an_outline() -> None:
    result = CliRunner().invoke(
        main, ["questionnaire", "check", str(default_path()), "--lang", "en"]
    )
    assert result.exit_code == 0, result.output
    assert "d6_initiative: select_multiple initiative" in result.output
    assert "shown if: ${d4_tech_share} != 'none'" in result.output
    assert "What or who prompted the innovation?" in result.output


def test_questionnaire_check_reports_every_problem(tmp_path: Path) -> None:
    form = write_xlsform(
        tmp_path / "bad.xlsx",
        survey="""
        | type              | name | label::Nederlands (nl) | label::English (en) | relevant      |
        | select_one nolist | q1   | Vraag 1                | Question 1          |               |
        | integer           | q2   | Vraag 2                | Question 2          | ${nothere} = 1 |
        """,
        choices="""
        | list_name | name | code | label::Nederlands (nl) | label::English (en) |
        | yn        | yes  | 1    | Ja                     | Yes                 |
        """,
    )
    result = CliRunner().invoke(main, ["questionnaire", "check", str(form)])
    assert result.exit_code == 1
    assert "nolist" in result.output and "nothere" in result.output


def test_feedback_for_one_and_for_all_who_asked(demo_dir: Path, tmp_path: Path) -> None:
    data = pd.read_csv(demo_dir / "responses.csv", dtype=str, keep_default_na=False)
    wanted = data.loc[data["f2_feedback_report"] == "1", "org_id"].tolist()
    out = tmp_path / "fb"
    args = ["feedback", str(demo_dir / "responses.parquet"), "--out", str(out),
            "--frame", str(demo_dir / "frame.csv")]  # fmt: skip
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert sorted(p.stem for p in out.glob("*.html")) == sorted(wanted)
    one = tmp_path / "one"
    result = CliRunner().invoke(
        main, [*args[:2], "--out", str(one), "--org", data.loc[0, "org_id"]]
    )
    assert result.exit_code == 0, result.output
    assert [p.name for p in one.glob("*.html")] == [f"{data.loc[0, 'org_id']}.html"]
    result = CliRunner().invoke(main, [*args[:2], "--out", str(one), "--org", "NOT-AN-ORG"])
    assert result.exit_code == 1 and "NOT-AN-ORG" in result.output


def test_compare_two_demo_waves(demo_dir: Path, tmp_path: Path) -> None:
    second = tmp_path / "w2025"
    result = CliRunner().invoke(
        main, ["demo", "--out", str(second), "--seed", "7", "--wave", "2025", "--quiet"]
    )
    assert result.exit_code == 0, result.output
    out = tmp_path / "cmp"
    result = CliRunner().invoke(
        main,
        [
            "compare",
            str(demo_dir / "responses.csv"),
            str(second / "responses.sav"),
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    html = (out / "index.html").read_text("utf-8")
    assert "2021" in html and "2025" in html
    result = CliRunner().invoke(
        main, ["compare", str(demo_dir / "responses.csv"), "--out", str(out)]
    )
    assert result.exit_code == 1
