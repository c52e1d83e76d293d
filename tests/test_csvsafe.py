"""barometer.csvsafe: the formula rule (OWASP CSV injection) and its inverse; decoding."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from barometer import csvsafe


@pytest.mark.parametrize(
    "text",
    ["=1+1", "+1+1", "-2+3", "@SUM(1)", "\t=1", "\r=1", "\uff1d1", "\uff0b1", "\uff0d1", "\uff20x"],
)
def test_every_trigger_gets_a_quote(text: str) -> None:
    assert csvsafe.neutralise(text) == "'" + text
    assert csvsafe.restore("'" + text) == text


@pytest.mark.parametrize("text", ["-8", "+31", "-0.5", "-3,25", "1e-3", "abc", "", "a=b", " =1"])
def test_plain_numbers_and_harmless_text_are_left_alone(text: str) -> None:
    assert csvsafe.neutralise(text) == text
    assert csvsafe.restore(text) == text


def test_quotes_are_escaped_so_that_restore_is_exact() -> None:
    assert csvsafe.neutralise("'=x") == "''=x"
    assert csvsafe.neutralise("'-8") == "''-8"
    assert csvsafe.neutralise("'abc") == "'abc"


@settings(max_examples=2000, derandomize=True)
@given(st.text(alphabet=st.sampled_from("'=+-@\t\r\uff1d0123456789.,eE abc"), max_size=8))
def test_restore_undoes_neutralise(text: str) -> None:
    safe = csvsafe.neutralise(text)
    assert csvsafe.restore(safe) == text
    assert not (safe[:1] in csvsafe.TRIGGERS and safe != text)


def test_frames_keep_numbers_as_numbers() -> None:
    frame = pd.DataFrame({"=col": [-8, 1], "text": ["=1+1", "-8"], "mixed": [-1, "@x"]})
    text = csvsafe.to_csv(frame)
    assert text == "'=col,text,mixed\n-8,'=1+1,-1\n1,-8,'@x\n"
    assert frame.loc[0, "text"] == "=1+1"  # the caller's frame is not changed


def test_decode_utf8_bom_cp1252_and_ambiguous() -> None:
    assert csvsafe.decode("a;é".encode()) == ("a;é", "utf-8")
    assert csvsafe.decode(b"\xef\xbb\xbfa") == ("a", "utf-8-sig")
    assert csvsafe.decode("a;ú\r\n".encode("cp1252")) == ("a;ú\r\n", "cp1252")
    with pytest.raises(csvsafe.UndecodableError) as info:
        csvsafe.decode("x\né\n".encode() + "ú\n".encode("cp1252"))
    assert info.value.row == 2 and "ambiguous" in str(info.value)
    assert csvsafe.delimiter("a;b;c\n1,5;2;3") == ";"
    assert csvsafe.delimiter("a,b\n") == ","
    assert csvsafe.delimiter("a\tb\n") == "\t"
