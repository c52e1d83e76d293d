"""``barometer disclosure check``: on the demo outputs, and on doctored copies, one per rule.

Every doctored copy must fail with its rule named at the place that was doctored; the
untouched copy is the baseline, so a violation the demo already has does not count.
"""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
from disclosurehelp import run

from barometer.disclosure.quotes import Approvals
from barometer.disclosure.scan import check_output


def rules(violations: list) -> set[tuple[str, str, str, str]]:
    return {(v.file, v.table, v.row, v.rule) for v in violations}


@pytest.mark.slow
def test_the_demo_outputs_keep_the_policy(demo: Path) -> None:
    report = check_output(demo / "demo" / "report")
    assert "report.pdf" in report.files and "disclosure.json" in report.files
    feedback = check_output(demo / "feedback")
    assert len(feedback.files) == 367
    for found in (report.violations, feedback.violations):
        assert not found, "\n".join(map(str, found))


@pytest.fixture
def report(demo: Path, tmp_path: Path) -> Path:
    """A fresh copy of the demo report to doctor."""
    return Path(shutil.copytree(demo / "demo" / "report", tmp_path / "report"))


def new(folder: Path, baseline: Path, approvals: Approvals | None = None) -> set:
    return rules(check_output(folder, approvals=approvals).violations) - rules(
        check_output(baseline, approvals=approvals).violations
    )


def edit_csv(path: Path, key: str, column: str, value: str) -> None:
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    j = rows[0].index(column)
    for row in rows[1:]:
        if row[0] == key:
            row[j] = value
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)


@pytest.mark.slow
def test_a_base_below_min_n(demo: Path, report: Path) -> None:
    edit_csv(report / "tables" / "fig01_innovated_share.csv", "Nee", "base", "4")
    html = report / "index.html"
    html.write_text(html.read_text("utf-8").replace("n = 366", "n = 3", 1), "utf-8")
    found = new(report, demo / "demo" / "report")
    assert ("tables/fig01_innovated_share.csv", "fig01_innovated_share", "Nee", "min_n") in found
    assert ("index.html", "text", "", "min_n") in found


@pytest.mark.slow
def test_a_small_count_crossing_sector(demo: Path, report: Path) -> None:
    edit_csv(report / "tables" / "tab01_response_by_sector.csv", "Waterschappen", "completed", "3")
    found = new(report, demo / "demo" / "report")
    assert ("tables/tab01_response_by_sector.csv", "tab01_response_by_sector", "Waterschappen",
            "cell_min") in found  # fmt: skip


@pytest.mark.slow
def test_zero_or_hundred_percent_in_a_small_group(demo: Path, report: Path) -> None:
    path = report / "tables" / "fig90_by_sector.csv"
    path.write_text("category,n,base,pct\nWaterschappen,8,8,100.0\nGemeenten,60,85,70.6\n", "utf-8")
    found = new(report, demo / "demo" / "report")
    assert found == {("tables/fig90_by_sector.csv", "fig90_by_sector", "Waterschappen",
                      "group_disclosure")}  # fmt: skip


@pytest.mark.slow
def test_zero_percent_in_a_small_feedback_group(demo: Path, tmp_path: Path) -> None:
    folder = tmp_path / "feedback"
    folder.mkdir()
    name = next(p.name for p in sorted((demo / "feedback").glob("*.html"))
                if "Gemeenten: % ja" in p.read_text("utf-8"))  # fmt: skip
    text = (demo / "feedback" / name).read_text("utf-8")
    start = text.index("Gemeenten: % ja")
    row = text.index("<td", text.index("<tbody", start))
    # the group's percentage and n cells of the first row: "0,0" in a group of 7
    cells = text[row:].split("</td>", 4)
    doctored = text[:row] + "</td>".join([cells[0], "<td>0,0", "<td>7", *cells[3:]])
    (folder / name).write_text(doctored, "utf-8")
    found = check_output(folder).violations
    assert any(v.rule == "group_disclosure" and v.column.startswith("Gemeenten:") for v in found)


@pytest.mark.slow
def test_a_term_used_by_too_few_organisations(demo: Path, report: Path) -> None:
    path = report / "tables" / "img02_text_clusters__cluster1_terms.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    term = rows[1][1]
    edit_csv(path, rows[1][0], "organisations", "3")
    found = new(report, demo / "demo" / "report")
    assert ("tables/img02_text_clusters__cluster1_terms.csv", "img02_text_clusters__cluster1_terms",
            term, "term_min") in found  # fmt: skip
    without = report / "tables" / "img02_text_clusters__cluster2_terms.csv"
    with without.open(encoding="utf-8", newline="") as fh:
        kept = [[c for i, c in enumerate(r) if i != 4] for r in csv.reader(fh)]  # no organisations
    with without.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(kept)
    assert any(f[0].endswith("cluster2_terms.csv") and f[3] == "term_min"
               for f in new(report, demo / "demo" / "report"))  # fmt: skip


@pytest.mark.slow
def test_a_quote_nobody_approved(demo: Path, report: Path) -> None:
    html = report / "index.html"
    quote = (
        '<p>Voorbeeld (geanonimiseerd): “<span class="quote" '
        'data-quote-id="q-0123456789ab">Wij bouwden een dashboard.</span>”</p></main>'
    )
    html.write_text(html.read_text("utf-8").replace("</main>", quote, 1), "utf-8")
    found = new(report, demo / "demo" / "report")
    assert ("index.html", "text", "", "quote") in found
    approved = Approvals(frozenset({"q-0123456789ab"}))
    assert not new(report, demo / "demo" / "report", approved)
    plain = "<p>Voorbeeld (geanonimiseerd): “Een citaat zonder id.”</p></main>"
    html.write_text(html.read_text("utf-8").replace("</main>", plain, 1), "utf-8")
    assert ("index.html", "text", "", "quote") in new(report, demo / "demo" / "report", approved)


@pytest.mark.slow
def test_two_nested_groups_that_differ_by_a_few(demo: Path, report: Path) -> None:
    manifest = json.loads((report / "disclosure.json").read_text("utf-8"))
    n = {(g["file"], x["label"]): x["n"] for g in manifest["groupings"] for x in g["groups"]}
    small, large = next(
        (tuple(p["smaller"]), tuple(p["larger"])) for p in manifest["nested"]
        if p["larger"][0] == "tables/tab01_response_by_sector.csv"
        and n[tuple(p["smaller"])] and n[tuple(p["larger"])] - n[tuple(p["smaller"])] >= 5
    )  # fmt: skip
    value = n[small] + 1
    edit_csv(report / large[0], large[1], "completed", str(value))
    for g in manifest["groupings"]:
        for x in g["groups"]:
            if (g["file"], x["label"]) == large:
                x["n"] = value
    (report / "disclosure.json").write_text(json.dumps(manifest), "utf-8")
    found = new(report, demo / "demo" / "report")
    assert (large[0], Path(large[0]).stem, large[1], "differencing") in found
    # a manifest that disagrees with the published table is itself reported
    edit_csv(report / large[0], large[1], "completed", str(value + 10))
    assert (large[0], Path(large[0]).stem, large[1], "manifest") in new(
        report, demo / "demo" / "report"
    )


@pytest.mark.slow
def test_a_hidden_cell_recoverable_from_the_totals(demo: Path, report: Path) -> None:
    (report / "tables" / "tab90_suppressed.csv").write_text(
        "sector,ja,nee,Totaal\nGemeenten,40,45,85\nZbo's,,33,36\nTotaal,43,78,121\n", "utf-8"
    )
    found = new(report, demo / "demo" / "report")
    assert ("tables/tab90_suppressed.csv", "tab90_suppressed", "Zbo's", "suppression") in found
    (report / "tables" / "tab90_suppressed.csv").write_text(
        "sector,ja,nee,Totaal\nGemeenten,,,85\nZbo's,,,36\nTotaal,43,78,121\n", "utf-8"
    )  # four hidden cells: each can be anything in an interval 36 wide
    assert not {f for f in new(report, demo / "demo" / "report") if f[3] == "suppression"}


@pytest.mark.slow
def test_microdata_in_a_published_folder(demo: Path, report: Path) -> None:
    shutil.copy(demo / "demo" / "responses.csv", report / "responses.csv")
    found = new(report, demo / "demo" / "report")
    assert ("responses.csv", "responses", "", "microdata") in found


@pytest.mark.slow
def test_a_pdf_is_read(demo: Path, report: Path) -> None:
    from weasyprint import HTML

    HTML(string="<p>Basis: organisaties, n = 3</p>").write_pdf(report / "extra.pdf")
    found = new(report, demo / "demo" / "report")
    assert ("extra.pdf", "text", "", "min_n") in found


def test_not_an_output_folder_exits_2(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("nothing published here", "utf-8")
    done = run("disclosure", "check", ".", cwd=tmp_path)
    assert done.returncode == 2
    assert "not an output folder" in done.stderr


@pytest.mark.slow
def test_the_command_lists_every_violation_and_exits_1(demo: Path, report: Path) -> None:
    edit_csv(report / "tables" / "tab01_response_by_sector.csv", "Waterschappen", "completed", "3")
    done = run("disclosure", "check", str(report), cwd=report.parent)
    assert done.returncode == 1
    expected = len(check_output(report).violations)
    assert f"{expected} violations" in done.stderr
    assert ("tables/tab01_response_by_sector.csv, table tab01_response_by_sector, row "
            "Waterschappen, column completed: [cell_min]") in done.stderr  # fmt: skip


@pytest.mark.slow
def test_a_comparison_of_two_waves_keeps_the_policy(demo: Path, tmp_path: Path) -> None:
    done = run("demo", "--out", "w2", "--seed", "7", "--wave", "2023", "--quiet", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    done = run("compare", str(demo / "demo" / "responses.csv"), "w2/responses.csv",
               "--out", "cmp", cwd=tmp_path)  # fmt: skip
    assert done.returncode == 0, done.stderr
    result = check_output(tmp_path / "cmp")
    assert "index.html" in result.files and any(f.endswith(".csv") for f in result.files)
    assert result.ok, "\n".join(map(str, result.violations))
    done = run("disclosure", "check", "cmp", cwd=tmp_path)
    assert done.returncode == 0 and done.stdout.startswith("OK:")
