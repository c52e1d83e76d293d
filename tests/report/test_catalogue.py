"""The figure catalogue is consistent: unique ids and numbers, registered compute functions,
items that exist in the questionnaire, and the planned figures listed for later."""

from __future__ import annotations

from barometer.questionnaire import Questionnaire
from barometer.report import CATALOGUE, COMPUTE, get_spec
from barometer.report.catalogue import BASES, SECTIONS
from barometer.report.charts.draw import BUILDERS


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
        "Tabel 3",  # the climate scale's method table (not a 2021 number)
        "Tabel 4",  # the full output of the Tekstvak 2 models, in their annex (issue 12)
        "Tekstvak 1",  # the innovation strategies (text, no numbers)
        "Tekstvak 2",
        "Afbeelding 1",  # the definition of innovation (text, no numbers)
        "Afbeelding 2",
    }


def test_ready_entries_can_be_built(q: Questionnaire) -> None:
    for spec in CATALOGUE:
        assert spec.base in BASES and spec.section in SECTIONS, spec.id
        assert set(spec.title) == {"nl", "en"}, spec.id
        if not spec.ready:
            continue
        assert spec.compute in COMPUTE, spec.id
        # "text" (Tekstvak 2) and "wordcloud" (Afbeelding 2) carry their own paragraphs and images
        assert spec.chart in BUILDERS or spec.chart in {"table", "text", "wordcloud"}, spec.id
        for name in [spec.params.get("item"), *spec.params.get("items", ())]:
            if name:
                q.item(name)


def test_every_2021_figure_is_built() -> None:
    ready = {s.number_nl for s in CATALOGUE if s.ready}
    figures = {f"Figuur {i}" for i in range(1, 28)}
    assert ready == figures | {
        "Tabel 1",
        "Tabel 2",
        "Tabel 3",
        "Tabel 4",
        "Tekstvak 1",
        "Tekstvak 2",
        "Afbeelding 1",
        "Afbeelding 2",
    }
    assert {s.id for s in CATALOGUE if not s.ready} == set()


def test_labels_in_both_languages() -> None:
    spec = get_spec("fig06_technology_new")
    assert spec.number_label("nl") == "Figuur 6" and spec.number_label("en") == "Figure 6"
    assert spec.base_in("nl") == "organisaties die innoveerden met technologie"
    assert get_spec("textbox2_logistic_regressions").number_label("en") == "Text box 2"
