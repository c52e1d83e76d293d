"""Frame import: every problem reported at once, with file, row, column and value."""

from __future__ import annotations

from pathlib import Path

import pytest

from barometer.classification import classification
from barometer.errors import FrameError
from barometer.fieldwork.frame import COLUMNS, parse_frame, read_frame

HEADER = ",".join(COLUMNS)
OK_ROWS = [
    "G001,Gemeente Aadorp,gemeenten,gemeenten_onderdelen,lt100,An Jansen,a.jansen@aadorp.example,nl",
    "Z002,Zbo X,zbo,zbo,500plus,,info@zbox.example,EN",
]
KW = {
    "sectors": classification().sector_codes(),
    "clusters": classification().cluster_codes(),
    "size_classes": ["lt100", "100_249", "250_499", "500plus"],
}


def test_valid_frame_is_read() -> None:
    rows = parse_frame("\n".join([HEADER, *OK_ROWS, ""]), **KW)
    assert [r.org_id for r in rows] == ["G001", "Z002"]
    assert rows[1].language == "en" and rows[1].contact_name == ""


def test_semicolons_and_byte_order_mark(tmp_path: Path) -> None:
    text = "\n".join([HEADER, *OK_ROWS]).replace(",", ";")
    path = tmp_path / "frame.csv"
    path.write_text("\ufeff" + text, encoding="utf-8")
    assert len(read_frame(path, **KW)) == 2


def test_all_problems_are_reported_together() -> None:
    rows = [
        *OK_ROWS,
        "G001,Dup,gemeenten,,,,x@y.example,nl",  # duplicate id
        "X3,Name,nosuchsector,nosuchcluster,huge,,not-an-address,fr",
        ",,,,,,,",  # blank line: ignored
        "OLD,Old,gemeenten,,,,o@o.example,nl",  # already in the wave
        "bad id!,,gemeenten,,,,,nl",  # bad id, name and e-mail missing
    ]
    with pytest.raises(FrameError) as info:
        parse_frame("\n".join([HEADER, *rows]), file="frame.csv", existing_ids={"OLD"}, **KW)
    found = {(p.row, p.column, p.value) for p in info.value.problems}
    assert found == {
        (4, "org_id", "G001"),
        (5, "sector", "nosuchsector"),
        (5, "cluster", "nosuchcluster"),
        (5, "size_class", "huge"),
        (5, "contact_email", "not-an-address"),
        (5, "language", "fr"),
        (7, "org_id", "OLD"),
        (8, "org_id", "bad id!"),
        (8, "name", None),
        (8, "contact_email", None),
    }
    text = info.value.render()
    assert "10 problems" in text and "frame.csv, row 5, column sector" in text


def test_missing_and_unknown_columns() -> None:
    header = HEADER.replace("contact_email", "email")
    with pytest.raises(FrameError) as info:
        parse_frame(header + "\n", **KW)
    assert {(p.row, p.column) for p in info.value.problems} == {
        (1, "contact_email"),
        (1, "email"),
    }


def test_control_characters_are_rejected() -> None:
    row = 'N1,"Two\nlines",gemeenten,,,"Bob\rEvil",b@b.example,nl'
    with pytest.raises(FrameError) as info:
        parse_frame("\n".join([HEADER, row]), **KW)
    assert {p.column for p in info.value.problems} == {"name", "contact_name"}


def test_unreadable_and_empty_files(tmp_path: Path) -> None:
    path = tmp_path / "binary.csv"
    path.write_bytes((HEADER + "\nG1,Caf\xe9,gemeenten,,,,c@c.example,nl\n").encode() + b"\x81\n")
    with pytest.raises(FrameError, match="cannot be read") as info:
        read_frame(path, **KW)
    assert info.value.problems[0].row == 2  # the UTF-8 row: the file mixes encodings
    assert "ambiguous" in str(info.value) and "row 3 has byte 0x81" in str(info.value)
    path.write_bytes((HEADER + "\nG1,Cafe,gemeenten,,,,c@c.example,nl\n").encode() + b"\x81\n")
    with pytest.raises(
        FrameError, match="row 3: the file cannot be read: byte 0x81 is not Windows"
    ):
        read_frame(path, **KW)
    with pytest.raises(FrameError, match="no organisations"):
        parse_frame(HEADER + "\n", **KW)
