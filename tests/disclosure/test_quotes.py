"""Quotes: candidates with stable ids, the approvals file, and a report that prints only
approved quotes; terms only from term_min organisations."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from disclosurehelp import run

from barometer.disclosure.quotes import quote_id, read_approvals
from barometer.disclosure.scan import check_output
from barometer.errors import DisclosureError


def test_the_id_covers_organisation_question_and_text() -> None:
    a = quote_id("ORG1", "d1_description", "Een dashboard")
    assert a == quote_id("ORG1", "d1_description", "Een  dashboard ")  # whitespace only
    assert len({a, quote_id("ORG2", "d1_description", "Een dashboard"),
                quote_id("ORG1", "d10_dissemination_how", "Een dashboard"),
                quote_id("ORG1", "d1_description", "Een dashboard!")}) == 4  # fmt: skip


@pytest.mark.parametrize(
    "text,message",
    [("approved: [q-1]\n", "approved entry 1 ('q-1') is not a quote id"),
     ("approved: [q-0123456789ab]\nrejected: [q-0123456789ab]\n", "both approved and rejected"),
     ("maybe: []\n", "keys 'approved' and 'rejected' only"),
     ("approved: q-0123456789ab\n", "'approved' must be a list"),
     ("approved: [\n", "approvals.yaml")],
)  # fmt: skip
def test_a_bad_approvals_file_is_refused_naming_it(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "approvals.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DisclosureError) as err:
        read_approvals(path)
    assert message in str(err.value) and "approvals.yaml" in str(err.value)


def test_an_empty_approvals_file_approves_nothing(tmp_path: Path) -> None:
    path = tmp_path / "approvals.yaml"
    path.write_text("", encoding="utf-8")
    assert not read_approvals(path).approved
    assert not read_approvals(None).approved


def _quotes(folder: Path) -> list[str]:
    html = (folder / "index.html").read_text("utf-8")
    return [part.split('"', 1)[0] for part in html.split('data-quote-id="')[1:]]


@pytest.mark.slow
def test_the_report_prints_only_approved_quotes(demo: Path, tmp_path: Path) -> None:
    data, frame = demo / "demo" / "responses.csv", demo / "demo" / "frame.csv"
    done = run("quotes", str(data), "--out", "candidates.csv", "--frame", str(frame), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    with (tmp_path / "candidates.csv").open(encoding="utf-8", newline="") as fh:
        candidates = list(csv.DictReader(fh))
    assert candidates and {c["item"] for c in candidates} == {"d1_description"}
    assert all(c["id"] == quote_id(c["org_id"], c["item"], c["text"]) for c in candidates)
    # the demo report (no approvals) quotes nothing
    assert _quotes(demo / "demo" / "report") == []
    # approve every third candidate: only those may appear
    chosen = [c["id"] for c in candidates[::3]]
    (tmp_path / "approvals.yaml").write_text(
        "approved:\n" + "".join(f"  - {q}\n" for q in chosen), encoding="utf-8"
    )
    done = run("report", str(data), "--out", "out", "--frame", str(frame),
               "--approvals", "approvals.yaml", cwd=tmp_path)  # fmt: skip
    assert done.returncode == 0, done.stderr
    printed = _quotes(tmp_path / "out")
    assert printed and set(printed) <= set(chosen)
    texts = {c["id"]: c["text"] for c in candidates}
    html = (tmp_path / "out" / "index.html").read_text("utf-8")
    for q in printed:
        assert texts[q][:40].replace("&", "&amp;").replace("'", "&#39;") in html
    approved = read_approvals(tmp_path / "approvals.yaml")
    quotes = [v for v in check_output(tmp_path / "out", approvals=approved).violations
              if v.rule == "quote"]  # fmt: skip
    assert quotes == []
    assert [v for v in check_output(tmp_path / "out").violations if v.rule == "quote"]


@pytest.mark.slow
def test_terms_rest_on_term_min_organisations(demo: Path, tmp_path: Path) -> None:
    data, frame = demo / "demo" / "responses.csv", demo / "demo" / "frame.csv"
    (tmp_path / "policy.yaml").write_text("term_min: 40\n", encoding="utf-8")
    done = run("report", str(data), "--out", "out", "--frame", str(frame),
               "--policy", "policy.yaml", cwd=tmp_path)  # fmt: skip
    assert done.returncode == 0, done.stderr
    for k in (1, 2):
        name = f"img02_text_clusters__cluster{k}_terms.csv"
        with (tmp_path / "out" / "tables" / name).open(encoding="utf-8", newline="") as fh:
            strict = list(csv.DictReader(fh))
        with (demo / "demo" / "report" / "tables" / name).open(encoding="utf-8") as fh:
            default = list(csv.DictReader(fh))
        assert all(int(r["organisations"]) >= 40 for r in strict)
        assert all(int(r["organisations"]) >= 5 for r in default)
        assert any(int(r["organisations"]) < 40 for r in default)  # the setting took effect
    html = (tmp_path / "out" / "index.html").read_text("utf-8")
    assert "ten minste 40 verschillende organisaties" in html


@pytest.mark.slow
def test_a_term_min_no_term_reaches_leaves_no_cloud_and_no_term(demo: Path, tmp_path: Path) -> None:
    data, frame = demo / "demo" / "responses.csv", demo / "demo" / "frame.csv"
    (tmp_path / "policy.yaml").write_text("term_min: 10000\n", encoding="utf-8")
    done = run("report", str(data), "--out", "out", "--frame", str(frame),
               "--policy", "policy.yaml", cwd=tmp_path)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert not list((tmp_path / "out" / "figures").glob("img02_text_clusters__*.svg"))
    for path in (tmp_path / "out" / "tables").glob("img02_text_clusters__*_terms.csv"):
        assert path.read_text("utf-8").strip().count("\n") == 0  # the header only
