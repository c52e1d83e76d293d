"""A frame as people save it: UTF-8 with or without BOM, Dutch Excel's "CSV (puntkomma
gescheiden)" (Windows-1252, ``;``, CRLF) and .xlsx, imported with the CLI in an empty folder.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import Workbook

HEADER = ["org_id", "name", "sector", "cluster", "size_class", "contact_name", "contact_email",
          "language"]  # fmt: skip
ROWS = [
    ["G1", "Gemeente Súdwest-Fryslân", "gemeenten", "gemeenten_onderdelen", "lt100",
     "Anaïs Jansen", "an@sudwest.example", "nl"],
    ["Z1", "Zbo Één", "zbo", "zbo", "500plus", "Dana Smit", "dana@zbo-een.example", "en"],
    ["W1", "=Waterschap Drie", "waterschappen", "watermanagement", "", "", "eva@drie.example", ""],
]  # fmt: skip


def barometer(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("barometer", path=str(Path(sys.executable).parent))
    assert exe
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env["DATABASE_URL"] = f"sqlite:///{cwd / 'fieldwork.sqlite3'}"
    env["BAROMETER_SECRET_KEY"] = "frame-test-" + "x" * 40
    return subprocess.run([exe, *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=300)  # fmt: skip


def csv_text(sep: str, rows: list[list[str]] = ROWS) -> str:
    return "".join(sep.join(r) + "\r\n" for r in [HEADER, *rows])


def write(folder: Path, kind: str) -> Path:
    if kind == "xlsx":
        wb = Workbook()
        ws = wb.active
        assert ws is not None
        for row in [HEADER, *ROWS]:
            ws.append(row)
        ws["B4"].data_type = "s"  # "=Waterschap Drie" as text, not as a formula
        wb.save(folder / "frame.xlsx")
        return folder / "frame.xlsx"
    path = folder / f"frame-{kind}.csv"
    if kind == "excel-nl":  # Excel NL: "CSV (puntkomma gescheiden)"
        path.write_bytes(csv_text(";").encode("cp1252"))
    elif kind == "utf8-bom":  # Excel: "CSV UTF-8 (door komma's gescheiden)"
        path.write_bytes(csv_text(",").encode("utf-8-sig"))
    else:
        path.write_bytes(csv_text(",").replace("\r\n", "\n").encode("utf-8"))
    return path


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    here = tmp_path_factory.mktemp("frames")
    assert barometer(here, "migrate").returncode == 0
    return here


@pytest.mark.parametrize("kind", ["excel-nl", "utf8-bom", "utf8", "xlsx"])
def test_frame_imports_from_every_way_it_is_saved(folder: Path, kind: str) -> None:
    wave = f"w-{kind}"
    assert barometer(folder, "wave", "create", wave, "--closes", "2099-06-30").returncode == 0
    path = write(folder, kind)
    assert path.read_bytes()[:3] != b"\xef\xbb\xbf" or kind == "utf8-bom"
    result = barometer(folder, "frame", "import", wave, path.name)
    assert result.returncode == 0, result.stderr
    assert "3 organisation(s) imported" in result.stdout
    link = barometer(folder, "link", wave, "Z1")
    assert link.returncode == 0 and "/s/" in link.stdout
    names = _names(folder, wave)
    assert names == {"G1": "Gemeente Súdwest-Fryslân", "Z1": "Zbo Één", "W1": "=Waterschap Drie"}


def _names(folder: Path, wave: str) -> dict[str, str]:
    import sqlite3

    with sqlite3.connect(folder / "fieldwork.sqlite3") as db:
        rows = db.execute(
            "SELECT o.org_id, o.name FROM web_organisation o JOIN web_wave w ON w.id = o.wave_id"
            " WHERE w.name = ?",
            (wave,),
        ).fetchall()
    return dict(rows)


def test_a_file_of_two_encodings_is_refused_naming_the_row(folder: Path) -> None:
    assert barometer(folder, "wave", "create", "mixed", "--closes", "2099-06-30").returncode == 0
    path = folder / "mixed.csv"
    path.write_bytes(csv_text(";", ROWS[:1]).encode() + csv_text(";", ROWS[1:])
                     .split("\r\n", 1)[1].encode("cp1252"))  # fmt: skip
    result = barometer(folder, "frame", "import", "mixed", "mixed.csv")
    assert result.returncode == 1
    assert "mixed.csv, row 2: the file cannot be read: this row has UTF-8 text" in result.stderr
    assert "row 3 has byte 0xC9" in result.stderr and "ambiguous" in result.stderr
    assert "position" not in result.stderr
    assert _names(folder, "mixed") == {}


def test_usage_errors_exit_2_and_input_errors_exit_1(folder: Path) -> None:
    missing = barometer(folder, "frame", "import", "mixed", "no-such-file.csv")
    assert missing.returncode == 2 and "does not exist" in missing.stderr
    unknown = barometer(folder, "frame", "import", "no-such-wave", "mixed.csv")
    assert unknown.returncode == 1 and "there is no wave 'no-such-wave'" in unknown.stderr
    option = barometer(folder, "status", "mixed", "--no-such-option")
    assert option.returncode == 2 and "No such option" in option.stderr
