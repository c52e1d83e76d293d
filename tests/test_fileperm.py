"""Files written atomically get the mode an ordinary ``open`` gives (report.pdf as index.html)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from barometer.fileperm import default_mode, publish
from barometer.report.render.pdf import write_html_pdf


@pytest.mark.parametrize("umask", [0o022, 0o027])
def test_pdf_gets_the_mode_of_an_ordinary_file(tmp_path: Path, umask: int) -> None:
    old = os.umask(umask)
    try:
        plain = tmp_path / f"index-{umask:o}.html"
        plain.write_text("<p>x</p>", encoding="utf-8")
        pdf = write_html_pdf("<p>x</p>", tmp_path / f"report-{umask:o}.pdf")
        assert pdf.stat().st_mode & 0o777 == plain.stat().st_mode & 0o777 == 0o666 & ~umask
        assert default_mode() == 0o666 & ~umask
    finally:
        os.umask(old)


def test_a_replaced_file_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "kept.csv"
    target.write_text("a", encoding="utf-8")
    target.chmod(0o640)
    tmp = tmp_path / "new.tmp"
    tmp.write_text("b", encoding="utf-8")
    publish(tmp, target)
    assert tmp.stat().st_mode & 0o777 == 0o640
