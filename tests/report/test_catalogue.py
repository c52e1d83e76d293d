"""The figure catalogue is consistent: unique ids and numbers, registered compute functions,
items that exist in the questionnaire, and the planned figures listed for later."""

from __future__ import annotations

from barometer.questionnaire import Questionnaire
from barometer.report import CATALOGUE, COMPUTE, get_spec
from barometer.report.catalogue import BASES, SECTIONS
from barometer.report.charts import BUILDERS


def test_ids_and_numbers_are_unique() -> None:
    ids = [s.id for s in CATALOGUE]
    assert len(ids) == len(set(ids))
    numbers = [(s.label, s.number) for s in CATALOGUE]
    assert len(numbers) == len(set(numbers))
    figures = sorted(s.number for s in CATALOGUE if s.label == "figure")
    assert figures == list(range(1, 28))
    assert {s.number_nl for s in CATALOGUE if s.label != "figure"} == {
        "Tabel 1",
        "Tabel 2",
        "Tekstvak 2",
    }


def test_ready_entries_can_be_built(q: Questionnaire) -> None:
    for spec in CATALOGUE:
        assert spec.base in BASES and spec.section in SECTIONS, spec.id
        assert set(spec.title) == {"nl", "en"}, spec.id
        if not spec.ready:
            continue
        assert spec.compute in COMPUTE, spec.id
        assert spec.chart in BUILDERS or spec.chart == "table", spec.id
        for name in [spec.params.get("item"), *spec.params.get("items", ())]:
            if name:
                q.item(name)


def test_this_session_builds_1_to_14_23_to_25_and_both_tables() -> None:
    ready = {s.number_nl for s in CATALOGUE if s.ready}
    expected = {f"Figuur {i}" for i in [*range(1, 15), 23, 24, 25]} | {"Tabel 1", "Tabel 2"}
    assert ready == expected
    planned = {s.id for s in CATALOGUE if not s.ready}
    assert {
        "fig15_climate_statements",
        "fig27_climate_by_cluster",
        "textbox2_logistic_regressions",
    } <= planned


def test_labels_in_both_languages() -> None:
    spec = get_spec("fig06_technology_new")
    assert spec.number_label("nl") == "Figuur 6" and spec.number_label("en") == "Figure 6"
    assert spec.base_in("nl") == "organisaties die innoveerden met technologie"
    assert get_spec("textbox2_logistic_regressions").number_label("en") == "Text box 2"
