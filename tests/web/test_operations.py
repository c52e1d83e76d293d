"""Frame import, status, export and purge on the database, and the CLI commands over them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from django.test import Client
from surveyhelp import FRAME_ROWS, INNOVATED, NOT_INNOVATED, complete, issue, save, write_frame

from barometer.cli import main
from barometer.dataset.io import read_dataset
from barometer.errors import FrameError
from barometer.fieldwork import FieldworkError
from barometer.questionnaire import default
from barometer.web import operations
from barometer.web.models import Organisation, Response

FORMULA = '=HYPERLINK("http://evil.example","click") <b>bold</b>'


def test_frame_import_is_all_or_nothing(db: Any, tmp_path: Path) -> None:
    operations.create_wave("w1")
    bad = write_frame(tmp_path / "bad.csv", [*FRAME_ROWS, "X9,Bad,nosuch,,,,x@y.example,nl"])
    with pytest.raises(FrameError) as info:
        operations.import_frame("w1", bad)
    assert [(p.row, p.column) for p in info.value.problems] == [(8, "sector")]
    assert Organisation.objects.count() == 0
    assert operations.import_frame("w1", write_frame(tmp_path / "ok.csv")) == 6
    with pytest.raises(FrameError, match="6 problems"):
        operations.import_frame("w1", write_frame(tmp_path / "ok.csv"))
    with pytest.raises(FieldworkError, match="there is no wave 'w2'"):
        operations.import_frame("w2", tmp_path / "ok.csv")
    with pytest.raises(FieldworkError, match="exists already"):
        operations.create_wave("w1")


def test_export_round_trips_in_every_format_with_open_answers_as_data(
    wave: Any, tmp_path: Path
) -> None:
    complete(Client(), issue("G1"), INNOVATED)
    recent = {**INNOVATED["recent"], "d1_description": FORMULA}
    client, link = Client(), issue("Z1")
    complete(client, link, {**INNOVATED, "recent": recent})
    complete(Client(), issue("W1"), NOT_INNOVATED)
    for org_id in ["G1", "Z1", "W1"]:
        Response.objects.filter(organisation__org_id=org_id).update(status="completed")
    save(Client(), issue("G2"), "organisation", {"a1_size": "lt100"})  # partial: not exported
    q = default()
    for suffix in ["csv", "xlsx", "parquet", "sav"]:
        path = tmp_path / f"wave.{suffix}"
        result = operations.export("w1", path)
        assert result.rows == 3
        back = read_dataset(path, q)
        data = back.data.set_index("org_id")
        assert list(data.index) == ["G1", "W1", "Z1"]
        assert data.loc["Z1", "d1_description"] == FORMULA
        assert data.loc["Z1", "sector"] == "zbo" and data.loc["Z1", "wave"] == "w1"
        assert data.loc["W1", "d1_description"] == "" and data.loc["W1", "d3_origin"] == -1
        assert data.loc["G1", "d6_initiative__employees"] == 1
    from openpyxl import load_workbook

    sheet = load_workbook(tmp_path / "wave.xlsx")["responses"]
    cells = [c for row in sheet.iter_rows() for c in row if c.value == FORMULA]
    assert cells and all(c.data_type == "s" for c in cells)  # text, never a formula
    assert operations.export("w1", tmp_path / "all.csv", include_partial=True).rows == 4


def test_purge_contacts_keeps_answers(wave: Any) -> None:
    complete(Client(), issue("G1"), NOT_INNOVATED)
    with pytest.raises(FieldworkError, match="still open"):
        operations.purge_contacts("w1")
    operations.close_wave("w1")
    assert operations.purge_contacts("w1") == 6
    assert not Organisation.objects.exclude(contact_name="", contact_email="").exists()
    assert Organisation.objects.get(org_id="G1").name == "Gemeente Aadorp"
    assert Response.objects.get().answers["a1_size"] == "100_249"
    assert operations.purge_contacts("w1") == 0


def test_cli_fieldwork_commands(db: Any, tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()

    def run(*args: str, code: int = 0) -> str:
        result = runner.invoke(main, list(args), catch_exceptions=False)
        assert result.exit_code == code, result.output
        return result.output

    assert "wave w9 created" in run(
        "wave", "create", "w9", "--title", "2025", "--closes", "2099-01-31"
    )
    assert "w9\t2099-01-31" in run("wave", "list")
    write_frame(tmp_path / "frame.csv")
    assert "6 organisation(s) imported" in run("frame", "import", "w9", "frame.csv")
    write_frame(tmp_path / "bad.csv", ["A1,,nosuch,,,,nomail,xx"])
    out = run("frame", "import", "w9", "bad.csv", code=1)
    assert "bad.csv: 4 problems found, nothing was written" in out
    assert "bad.csv, row 2, column sector: value 'nosuch' is not valid" in out
    assert "6 message(s) would be sent" in run("invite", "w9", "--dry-run")
    assert "0 message(s) would be sent" in run("remind", "w9", "--dry-run")
    link = run("link", "w9", "Z1", "--base-url", "https://survey.example").strip()
    assert link.startswith("https://survey.example/s/") and len(link) == len(
        "https://survey.example/s/" + "x" * 43 + "/"
    )
    complete(Client(), link.removeprefix("https://survey.example"), NOT_INNOVATED)
    status = run("status", "w9", "--by", "sector", "--lang", "en")
    assert status.splitlines()[0].split()[:2] == ["Sector", "Frame"]
    assert "Independent administrative bodies" in status
    assert "1 organisation(s) recorded as bounced" in run("bounce", "w9", "G3")
    Response.objects.update(status="completed")
    assert "1 response(s) written" in run("export", "w9", "out.csv")
    assert (tmp_path / "out.csv").exists()
    assert "still open" in run("purge-contacts", "w9", "--yes", code=1)
    assert "wave w9 closed" in run("wave", "close", "w9")
    assert "contacts removed from 6" in run("purge-contacts", "w9", "--yes")
    assert "no wave 'nope'" in run("status", "nope", code=1)
    assert "staff account ann created" in run(
        "create-staff", "ann", "--password", "correct horse battery 9"
    )
    assert "password not accepted" in run("create-staff", "bob", "--password", "123", code=1)


def test_the_in_process_database_is_the_one_asked_for(db: Any) -> None:
    import os

    from django.db import connection

    asked = os.environ.get("BAROMETER_TEST_INPROCESS_DB", "sqlite")
    assert connection.vendor == ("postgresql" if asked.startswith("postgres") else "sqlite")


def test_links_handed_out_count_as_invited_in_the_monitor(
    wave: Any, client: Client, admin_client: Client
) -> None:
    before = operations.wave_status("w1").total
    assert before.counts["invited"] == 0 and before.rate is None
    link = operations.new_link("w1", "G1", "http://testserver").removeprefix("http://testserver")
    operations.new_link("w1", "Z1", "http://testserver")
    complete(client, link, NOT_INNOVATED)
    assert (
        client.post(f"{link}submit/", {"version": Response.objects.get().version}).status_code
        == 303
    )
    total = operations.wave_status("w1").total
    assert total.counts["invited"] == 2 and total.counts["completed"] == 1
    assert total.rate == pytest.approx(0.5)
    html = admin_client.get("/staff/waves/w1/").content.decode()
    assert '<html lang="nl">' in html and "50,0%" in html
    for defined in ["<dt>Begonnen</dt>", "<dt>Deels</dt>", "barometer link"]:
        assert defined in html
    for english in ["Response monitor", "Counts as of", "Skip to content", "Log out"]:
        assert english not in html
    english_page = admin_client.get("/staff/waves/w1/?lang=en").content.decode()
    assert '<html lang="en">' in english_page and "<dt>Partial</dt>" in english_page
    assert "Responsmonitor" not in english_page and "Uitloggen" not in english_page
