"""Issue 13, as a user runs it: ``barometer demo`` writes both waves, their reports and the
trend report; ``barometer trends``, ``barometer report --previous`` and ``barometer panel``
run on its files, each command a subprocess in an empty folder."""

from __future__ import annotations

import csv
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from barometer.dataset.links import read_links
from barometer.pipeline import _frame_table

pytestmark = pytest.mark.external

R_SVYMEAN_2021 = 0.8456927031  # tests/trends/reference/trends_reference.out.txt (R survey)
R_SVYMEAN_2025 = 0.7657851536


def barometer(cwd: Path, *args: str, ok: bool = True) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("barometer", path=str(Path(sys.executable).parent))
    assert exe, "the barometer command is not installed next to this Python"
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    result = subprocess.run([exe, *args], cwd=cwd, env=env, capture_output=True, text=True,
                            timeout=900)  # fmt: skip
    if ok:
        assert result.returncode == 0, (args, result.stdout[-3000:], result.stderr[-3000:])
    return result


def text_of(html: str) -> str:
    html = re.sub(r"<svg.*?</svg>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def rows(path: Path) -> dict[str, dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return {r["indicator"]: r for r in csv.DictReader(fh)}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    cwd = tmp_path_factory.mktemp("demo2")
    out = barometer(cwd, "demo", "--out", "demo", "--quiet")
    assert "Demo wave 2025 (synthetic, panel with 2021): 347 responses." in out.stdout
    return cwd


def test_demo_writes_both_waves_links_panel_and_trends(folder: Path) -> None:
    demo = folder / "demo"
    for rel in ("report/index.html", "2025/report/index.html", "2025/responses.sav",
                "2025/frame.csv", "links.csv", "panel.sav", "panel.parquet",
                "trends/index.html", "trends/tables/trends.csv"):  # fmt: skip
        assert (demo / rel).is_file(), rel
    assert "SYNTHETIC" in (demo / "2025" / "SYNTHETIC.txt").read_text(encoding="utf-8")
    frames = {
        "2021": _frame_table(demo / "frame.csv"),
        "2025": _frame_table(demo / "2025" / "frame.csv"),
    }
    links = read_links(demo / "links.csv", frames=frames)
    assert set(links["kind"]) == {"merger", "split"}


def test_2025_report_prints_the_published_facts_and_no_covid_figures(folder: Path) -> None:
    html = (folder / "demo" / "2025" / "report" / "index.html").read_text(encoding="utf-8")
    text = text_of(html)
    assert "Gepubliceerd over 2025: 347 organisaties namen deel, 76% implementeerde" in text
    assert "Rijksinnovatiecommunity" in text and "2025-12-11" in text  # the source
    assert "Deze gegevens: 347 organisaties, 76,1% implementeerde" in text  # ours, beside it
    assert "SYNTHETISCHE demogegevens" in text and "SYNTHETIC demo data" not in text  # Dutch
    for fig in ("fig23_pandemic_production", "fig24_telework_share", "fig25_telework_facilities"):
        assert fig not in html
    assert "Figuur 23–25 (de gevolgen van de COVID-19-pandemie) ontbreken" in text
    assert "kon niet worden berekend" not in text
    assert 'id="trends"' in html and "Trends 2021–2025" in text
    # the contents list and the page have the same order; the trends follow the findings
    nav, main = html.split("<main", 1)
    sections = re.findall(r'<section [^>]*id="([a-z_-]+)"', main)
    listed = [h for h in re.findall(r'<li><a href="#([a-z_-]+)"', nav) if h in sections]
    assert listed == [h for h in sections if h in listed] and len(listed) >= 8
    assert sections.index("trends") == sections.index("findings") + 1
    old = (folder / "demo" / "report" / "index.html").read_text(encoding="utf-8")
    assert "fig23_pandemic_production" in old and 'id="trends"' not in old  # 2021: no predecessor


def test_demo_trend_report_86_to_76(folder: Path) -> None:
    table = rows(folder / "demo" / "trends" / "tables" / "trends.csv")
    r = table["c1_innovated=yes"]
    assert round(100 * float(r["p_earlier"])) == 86 and round(100 * float(r["p_later"])) == 76
    assert float(r["p_value"]) < 0.05 and "independent samples" in r["cross_section_test"]
    assert int(r["panel_pairs"]) == 208 and float(r["mcnemar_p"]) < 0.05
    assert not [k for k in table if k.startswith(("b1_", "b2_", "b3_", "g"))]
    text = text_of((folder / "demo" / "trends" / "index.html").read_text(encoding="utf-8"))
    assert "85,5% (" in text and "76,1% (" in text and "McNemar" in text
    assert "Nieuw in 2025 (geen trend): g1_leaders_vision" in text
    assert "Niet meer gevraagd in 2025 (geen trend): b1_production" in text


def test_trend_page_says_its_title_once_and_labels_rows(folder: Path) -> None:
    html = (folder / "demo" / "trends" / "index.html").read_text(encoding="utf-8")
    assert len(re.findall(r"<h[12]>Trends 2021–2025</h[12]>", html)) == 1
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    n_rows = body.count("<tr")
    assert n_rows > 10 and body.count('<th scope="row">') == n_rows  # the indicator heads its row
    assert "-0,0" not in text_of(html) and "ibo2021-published" not in html


def test_trends_command_weights_each_wave_to_its_own_frame(folder: Path) -> None:
    out = barometer(folder, "trends", "demo/responses.csv", "demo/2025/responses.parquet",
                    "--out", "trends_w", "--frame", "demo/frame.csv",
                    "--frame", "demo/2025/frame.csv", "--links", "demo/links.csv")  # fmt: skip
    assert "trend report written" in out.stdout
    r = rows(folder / "trends_w" / "tables" / "trends.csv")["c1_innovated=yes"]
    assert float(r["p_earlier"]) == pytest.approx(R_SVYMEAN_2021, abs=1e-9)  # R survey
    assert float(r["p_later"]) == pytest.approx(R_SVYMEAN_2025, abs=1e-9)
    assert "own frame" in r["cross_section_test"]
    text = text_of((folder / "trends_w" / "index.html").read_text(encoding="utf-8"))
    assert "eigen steekproefkader" in text and "fusie of splitsing" in text


def test_report_previous_adds_the_trend_section(folder: Path) -> None:
    barometer(folder, "report", "demo/2025/responses.sav", "--out", "r25",
              "--previous", "demo/responses.sav", "--lang", "en")  # fmt: skip
    text = text_of((folder / "r25" / "index.html").read_text(encoding="utf-8"))
    assert "Trends 2021–2025" in text and "Published about 2025: 347 organisations" in text


def test_panel_command(folder: Path) -> None:
    barometer(folder, "panel", "demo/responses.parquet", "demo/2025/responses.csv",
              "--out", "panel.csv", "--links", "demo/links.csv")  # fmt: skip
    with (folder / "panel.csv").open(encoding="utf-8", newline="") as fh:
        table = list(csv.DictReader(fh))
    assert len(table) == 713
    assert {r["questionnaire_version"] for r in table} == {"2021.2.0", "2025.1.0"}


def test_bad_input_is_a_clear_message(folder: Path) -> None:
    one = barometer(folder, "trends", "demo/responses.csv", "--out", "x", ok=False)
    assert one.returncode == 2 and "two or more waves" in one.stderr
    frames = barometer(folder, "trends", "demo/responses.csv", "demo/2025/responses.csv",
                       "--out", "x", "--frame", "demo/frame.csv", ok=False)  # fmt: skip
    assert frames.returncode == 2 and "one per wave" in frames.stderr
    same = barometer(folder, "trends", "demo/responses.csv", "demo/responses.parquet",
                     "--out", "x", ok=False)  # fmt: skip
    assert same.returncode == 1 and "both datasets hold wave 2021" in same.stderr
    assert not (folder / "x").exists()
