"""The scanner treats size classes as identifying without being told their labels: a table by
size class with a small count is flagged, in Dutch and in English, as one by sector is."""

from __future__ import annotations

import pytest

from barometer.disclosure.policy import DisclosurePolicy
from barometer.disclosure.scan_read import Table
from barometer.disclosure.scan_rules import check_table, is_identifying


@pytest.mark.parametrize(
    "rows",
    [
        ["Minder dan 100 medewerkers", "500 of meer medewerkers"],
        ["Fewer than 100 employees", "500 or more employees"],
    ],
)
def test_a_size_table_is_identifying_and_its_small_count_flagged(rows: list[str]) -> None:
    assert is_identifying([*rows, "Totaal"])
    table = Table("tables/by_size.csv", "by_size", ["category", "n"],
                  [[rows[0], "2"], [rows[1], "40"]])  # fmt: skip
    found = list(check_table(table, DisclosurePolicy()))
    assert [v.row for v in found] == [rows[0]], found
    fine = Table("tables/by_size.csv", "by_size", ["category", "n"],
                 [[rows[0], "12"], [rows[1], "40"]])  # fmt: skip
    assert not list(check_table(fine, DisclosurePolicy()))


def test_a_table_of_other_words_is_not_identifying() -> None:
    assert not is_identifying(["Ja", "Nee", "Weet niet"])
