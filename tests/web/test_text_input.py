"""Text at the door: whatever is posted, the survey answers without a 5xx and stores text by
the rule of :mod:`barometer.textrule` (NFC, no control characters, at most MAX_LENGTH).

``test_postgres.py`` runs this file once more against PostgreSQL, where a NUL byte in a
``jsonb`` value used to end in HTTP 500 (UntranslatableCharacter).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote_from_bytes

from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from surveyhelp import save

from barometer.textrule import MAX_LENGTH
from barometer.web import operations
from barometer.web.models import Response

FORM = "application/x-www-form-urlencoded"
FIELDS = ["d1_description", "d10_dissemination_how", "d6_initiative", "d3_origin", "shown"]


def _innovator(client: Client, link: str) -> str:
    assert save(client, link, "innovation", {"c1_innovated": "yes", "c2_count": "n1"}).status_code
    return f"{link}page/recent/"


def _version() -> int:
    return int(Response.objects.values_list("version", flat=True).get())


def test_control_characters_are_removed_and_the_respondent_is_told(
    client: Client, link: str, tmp_path: Path
) -> None:
    url = _innovator(client, link)
    typed = "Een chatbot\x00 voor\x0b vergunningen, cafe\u0301\r\nregel twee\tmet tab\x01"
    page = client.post(url, {"d1_description": typed, "version": _version(), "action": "next"})
    html = page.content.decode()
    assert page.status_code == 200  # shown again, with the notice, even if the page is complete
    notice = html.split("zonder onzichtbare stuurtekens", 1)
    assert len(notice) == 2, "the respondent is not told"
    assert "<li>Beschrijf kort de meest recent" in notice[1].split("</div>", 1)[0]
    stored = Response.objects.get().answers["d1_description"]
    assert stored == "Een chatbot voor vergunningen, caf\u00e9\nregel twee\tmet tab"
    # a second save of the same page passes: nothing more is removed
    again = client.post(url, {"d1_description": stored, "version": _version(), "action": "next"})
    assert "stuurtekens" not in again.content.decode()
    # the export that one such answer used to block
    Response.objects.update(status="completed")
    result = operations.export("w1", tmp_path / "out.xlsx")
    assert result.rows == 1
    book = load_workbook(result.path, read_only=True)
    try:
        rows = list(book["responses"].iter_rows(values_only=True))
    finally:
        book.close()  # a read-only workbook keeps its file open until closed
    column = rows[0].index("d1_description")
    assert rows[1][column] == stored


def test_overlong_text_is_cut_and_the_respondent_is_told(client: Client, link: str) -> None:
    url = _innovator(client, link)
    page = client.post(
        url, {"d1_description": "é" * (MAX_LENGTH + 5), "version": _version(), "action": "next"}
    )
    html = page.content.decode()
    assert page.status_code == 200 and "ingekort tot 10.000 tekens" in html
    # the question's own constraint (at most 2,000) then refuses it, and says so
    assert "d1_description" not in Response.objects.get().answers
    assert "é" * MAX_LENGTH in html and "é" * (MAX_LENGTH + 1) not in html


def test_nul_and_invalid_utf8_in_the_raw_body_give_no_server_error(
    client: Client, link: str
) -> None:
    url = _innovator(client, link)
    for body in [
        b"d1_description=%00&version=" + str(_version()).encode(),
        b"d1_description=%FF%FE%00%C3%28&version=" + str(_version()).encode(),
        b"d1_description=\x00\xff&version=" + str(_version()).encode(),
        b"d1_description=x&version=%00",
        b"d1_description%00=x&version=" + str(_version()).encode(),
        b"d6_initiative=%00&d6_initiative=%ED%A0%80&version=" + str(_version()).encode(),
    ]:
        response = client.post(url, body, content_type=FORM)
        assert response.status_code < 500, body
    for value in Response.objects.get().answers.values():
        assert "\x00" not in str(value)


_PART = st.tuples(
    st.sampled_from([*FIELDS, "version", "action", "d1_description%00", "x"]),
    st.one_of(
        st.binary(max_size=40),
        st.text(max_size=40).map(lambda t: t.encode("utf-8", "surrogatepass")),
        st.sampled_from([b"\x00", b"\xed\xa0\x80", b"\xff", b"\r\n", b"-8", b"=1+1", b"next"]),
    ),
    st.booleans(),  # percent-encode the value, or send the bytes as they are
)


def test_fuzzed_saves_never_give_a_server_error(client: Client, link: str) -> None:
    """1,000 posts with a fixed seed: random bytes, invalid UTF-8, NUL, surrogates, in any
    field (the version too); some carry the right version, so they are stored."""
    url = _innovator(client, link)

    @settings(
        max_examples=1000,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(parts=st.lists(_PART, max_size=6), with_version=st.booleans())
    def post(parts: list[tuple[str, bytes, bool]], with_version: bool) -> None:
        pieces = [f"version={_version()}".encode()] if with_version else []
        for name, value, encode in parts:
            pieces.append(
                name.encode() + b"=" + (quote_from_bytes(value).encode() if encode else value)
            )
        response = client.post(url, b"&".join(pieces), content_type=FORM)
        assert response.status_code < 500, pieces

    post()
    answers: dict[str, Any] = Response.objects.get().answers
    for value in answers.values():
        for text in value if isinstance(value, list) else [value]:
            assert not any(ord(ch) < 32 and ch not in "\t\n" for ch in str(text))
