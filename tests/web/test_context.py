"""What the respondent is told around the questions (per wave): the welcome block, the
contact on the invalid-link page, what happens next, and the PDF copy after closing."""

from __future__ import annotations

import subprocess
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from surveyhelp import NOT_INNOVATED, complete, issue, version_of, write_frame

from barometer.web import operations
from barometer.web.models import Organisation, Wave

EVIL = "<b>Gemeente</b> & <script>alert(1)</script>"


@pytest.fixture
def context_wave(db: Any, tmp_path: Path) -> Wave:
    wave = operations.create_wave(
        "w1",
        title="2025",
        closes_at=timezone.now() + timedelta(days=30),
        expected_minutes=25,
        contact_name="Team Barometer",
        contact_email="barometer@example.org",
    )
    operations.import_frame("w1", write_frame(tmp_path / "frame.csv"))
    Organisation.objects.filter(org_id="G1").update(name=EVIL)
    return wave


def test_welcome_names_the_organisation_time_closing_privacy_and_contact(
    client: Client, context_wave: Wave
) -> None:
    link = issue("G1")
    first = client.get(f"{link}page/organisation/").content.decode()
    assert 'id="welcome"' in first
    assert (
        "&lt;b&gt;Gemeente&lt;/b&gt; &amp; &lt;script&gt;" in first and "<script>alert" not in first
    )
    assert "ongeveer 25 minuten" in first
    closes = timezone.localtime(context_wave.closes_at).strftime("%d-%m-%Y")
    assert closes in first
    assert "ten minste vijf" in first  # the standard privacy statement
    assert "Team Barometer (barometer@example.org)" in first
    saved = client.post(
        f"{link}page/organisation/", {"a1_size": "lt100", "version": version_of(first)}
    )
    assert saved.status_code == 303
    again = client.get(f"{link}page/organisation/").content.decode()
    assert 'id="welcome"' not in again  # once, before anything is saved
    assert "Voor: &lt;b&gt;Gemeente" in again  # who am I answering for, on every page


def test_invalid_link_gives_the_contact(client: Client, context_wave: Wave) -> None:
    response = client.get("/s/" + "x" * 43 + "/")
    assert response.status_code == 404
    assert "barometer@example.org" in response.content.decode()


def test_thanks_next_steps_and_a_pdf_copy_after_closing(
    client: Client, context_wave: Wave, tmp_path: Path
) -> None:
    link = issue("G1")
    complete(client, link, NOT_INNOVATED)  # asks for a feedback report
    review = client.get(f"{link}review/").content.decode()
    client.post(f"{link}submit/", {"version": version_of(review)})
    done = client.get(f"{link}done/").content.decode()
    assert "Wat gebeurt er nu?" in done and "terugkoppelrapport" in done
    assert f'href="{link}copy.pdf"' in done
    Wave.objects.filter(pk=context_wave.pk).update(closes_at=timezone.now() - timedelta(hours=1))
    assert client.get(f"{link}done/").status_code == 200  # not 410 for a completed response
    pdf = client.get(f"{link}copy.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    other = issue("G2")  # not completed: the wave is closed
    assert client.get(other).status_code == 410
    assert client.get(f"{other}copy.pdf").status_code == 410
    path = tmp_path / "copy.pdf"
    path.write_bytes(pdf.content)
    text = subprocess.run(  # poppler's pdftotext
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "<script>alert(1)</script>" in text  # shown as text, escaped in the HTML
    assert "100 tot 250 medewerkers" in text


def test_wave_create_checks_parameters_as_a_subprocess(tmp_path: Path) -> None:
    """The CLI in a fresh process, in an empty folder, on its own SQLite database."""
    import sys

    from serverutil import environment

    env = environment(f"sqlite:///{tmp_path}/cli.sqlite3")
    barometer = [str(Path(sys.executable).parent / "barometer")]

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*barometer, *args], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120
        )

    assert run("migrate").returncode == 0
    unknown = run("wave", "create", "2025", "--closes", "2025-06-30", "--param", "period=2024")
    assert unknown.returncode == 1
    assert "unknown parameter 'period'" in unknown.stderr and "first_year" in unknown.stderr
    missing = run("wave", "create", "2025", "--param", "last_year=2024")
    assert missing.returncode == 1 and "parameter 'first_year' is missing" in missing.stderr
    bad_tag = run("wave", "create", "2025", "--closes", "2025-06-30", "--leave-out", "corona")
    assert bad_tag.returncode == 1 and "no item has that tag" in bad_tag.stderr
    made = run("wave", "create", "2025", "--closes", "2025-06-30", "--leave-out", "covid")
    assert made.returncode == 0, made.stderr
    assert "first_year=2023, last_year=2024" in made.stdout and "leaves out: covid" in made.stdout


def test_a_wave_asks_about_its_own_period_without_covid(db: Any, tmp_path: Path) -> None:
    operations.create_wave(
        "w25", parameters={"first_year": "2023", "last_year": "2024"}, leave_out=["covid"]
    )
    operations.import_frame("w25", write_frame(tmp_path / "frame.csv"))
    client, link = Client(), issue("G1", "w25")
    page = client.get(f"{link}page/innovation/").content.decode()
    assert "Innovatie in 2023 en 2024" in page and "2019" not in page
    assert "Pagina 2 van 6" in page  # the COVID section is not asked
    assert client.get(f"{link}page/covid/").status_code == 404
    first = client.get(f"{link}page/organisation/").content.decode()
    assert "in de jaren 2023 en 2024" in first


def test_left_out_items_are_not_applicable_in_the_export(db: Any, tmp_path: Path) -> None:
    import pandas as pd

    operations.create_wave("w26", leave_out=["covid"])
    operations.import_frame("w26", write_frame(tmp_path / "frame.csv"))
    client, link = Client(), issue("G1", "w26")
    pages = {k: v for k, v in NOT_INNOVATED.items() if k != "covid"}
    complete(client, link, pages)
    review = client.get(f"{link}review/").content.decode()
    client.post(f"{link}submit/", {"version": version_of(review)})
    out = operations.export("w26", tmp_path / "w26.csv")
    assert out.rows == 1
    frame = pd.read_csv(tmp_path / "w26.csv")
    assert frame.loc[0, "b1_production"] == -1  # not asked: not applicable, not "no answer"
    assert frame.loc[0, "a1_size"] == 2
