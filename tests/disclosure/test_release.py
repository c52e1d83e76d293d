"""``barometer release``: a k-anonymous public-use file that PSPP opens, with metadata that
validates; and the scanner's k-anonymity check on release folders."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import xmlschema
from disclosurehelp import run

from barometer.disclosure.release import anonymise
from barometer.disclosure.release_meta import validate_ddi
from barometer.disclosure.scan import check_output

QUASI = ["sector_group", "cluster_group", "size_class"]


@pytest.fixture(scope="module")
def release(demo: Path) -> Path:
    data, frame = demo / "demo" / "responses.csv", demo / "demo" / "frame.csv"
    done = run("release", str(data), "--out", "release", "--frame", str(frame), cwd=demo)
    assert done.returncode == 0, done.stderr
    assert "records suppressed" in done.stdout
    return demo / "release"


@pytest.mark.slow
def test_every_combination_is_shared_by_min_n_records(release: Path, demo: Path) -> None:
    public = pd.read_csv(release / "public.csv")
    assert public.groupby(QUASI).size().min() >= 5
    loss = json.loads((release / "information-loss.json").read_text("utf-8"))
    original = pd.read_csv(demo / "demo" / "responses.csv", dtype=str)
    assert loss["records_out"] == len(public) == len(original) - loss["records_suppressed"]
    for column in ("org_id", "sector", "cluster", "a1_size", "d1_description",
                   "d10_dissemination_how", "d14_results_other"):  # fmt: skip
        assert column not in public.columns
    assert sorted(public["record"]) == list(range(1, len(public) + 1))
    # each published category is a union of original codes, and they partition them
    frame = pd.read_csv(demo / "demo" / "frame.csv", dtype=str)
    members = [c for groups in loss["categories"]["sector_group"].values() for c in groups]
    assert sorted(members) == sorted(set(frame["sector"]) & set(original["sector"]))


@pytest.mark.slow
def test_the_metadata_validate(release: Path) -> None:
    from frictionless import Package

    report = Package(str(release / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "note"])[:5]
    package = json.loads((release / "datapackage.json").read_text("utf-8"))
    fields = {f["name"]: f for f in package["resources"][0]["schema"]["fields"]}
    public = pd.read_csv(release / "public.csv", nrows=1)
    assert list(fields) == list(public.columns)
    assert fields["c1_innovated"]["missingValues"] == ["", "-1", "-8", "-9"]
    assert {c["value"] for c in fields["c1_innovated"]["categories"]} >= {1, 2, -9}
    validate_ddi(release / "codebook-ddi.xml")
    text = (release / "codebook-ddi.xml").read_text("utf-8")
    assert 'xmlns="ddi:codebook:2_5"' in text and 'name="sector_group"' in text
    broken = release.parent / "broken-ddi.xml"
    broken.write_text(text.replace("<dataDscr>", "<dataDscr><wrong/>", 1), "utf-8")
    with pytest.raises(xmlschema.XMLSchemaValidationError):
        validate_ddi(broken)


@pytest.mark.slow
@pytest.mark.external
def test_pspp_opens_the_sav(release: Path, tmp_path: Path) -> None:
    public = pd.read_csv(release / "public.csv")
    syntax = tmp_path / "open.sps"
    syntax.write_text(
        f"GET FILE='{release / 'public.sav'}'.\n"
        "DISPLAY DICTIONARY /VARIABLES=sector_group c1_innovated.\n"
        "FREQUENCIES /VARIABLES=sector_group.\n",
        encoding="utf-8",
    )
    done = subprocess.run(["pspp", "-O", "format=csv", "-o", str(tmp_path / "out.csv"), str(syntax)],
                          capture_output=True, text=True, timeout=120, check=False)  # fmt: skip
    out = (tmp_path / "out.csv").read_text("utf-8")
    assert done.returncode == 0 and "error" not in out.lower(), done.stdout + out
    assert "Sectorgroep" in out and "User-missing value" in out
    assert f"Total,{len(public)}" in out.replace(" ", "") or f",{len(public)}," in out


@pytest.mark.slow
def test_the_scanner_checks_a_release_folder(release: Path, tmp_path: Path) -> None:
    assert check_output(release).ok
    doctored = Path(shutil.copytree(release, tmp_path / "release"))
    public = pd.read_csv(doctored / "public.csv")
    public.loc[0, "sector_group"] = 99  # one record in a combination of its own
    public.to_csv(doctored / "public.csv", index=False)
    found = check_output(doctored).violations
    assert [v.rule for v in found] == ["k_anonymity"]
    assert found[0].row.startswith("99 × ")


def test_grouping_comes_before_suppression() -> None:
    """A hostile wave: sectors of 1, 2, 3 and 4 records beside big ones."""
    rng = np.random.default_rng(7)
    sectors = ["a"] * 1 + ["b"] * 2 + ["c"] * 3 + ["d"] * 4 + ["e"] * 40 + ["f"] * 30
    quasi = pd.DataFrame({
        "sector_group": sectors,
        "cluster_group": [s + "x" for s in sectors],  # a cluster per sector
        "size_class": rng.choice(["s1", "s2"], size=len(sectors)),
    })  # fmt: skip
    mapping, keep = anonymise(quasi, 5, {"size_class": ["s1", "s2"]})
    assert keep.all()  # grouping alone was enough: nobody suppressed
    coded = pd.DataFrame({c: quasi[c].map(mapping[c]) for c in quasi.columns})
    assert coded.groupby(list(coded.columns)).size().min() >= 5
    assert mapping["sector_group"]["e"] == "e"  # big groups keep their own code
