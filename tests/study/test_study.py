"""The study definition: the shipped study files fit their XLSForms, and a study file that
names an item, tag or answer its XLSForm lacks is refused at load, naming file, concept and
item (as a unit and through ``barometer questionnaire check --study`` in an empty folder)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

from barometer.errors import ErrorCode, StudyError
from barometer.questionnaire import Questionnaire, load
from barometer.study import Study, default, for_questionnaire, load_study
from barometer.study.load import study_path_for

DATA = Path(str(resources.files("barometer") / "data"))
FORM_2021 = DATA / "questionnaire.xlsx"
FORM_2025 = DATA / "questionnaire-2025.xlsx"


@pytest.fixture(scope="module")
def q21() -> Questionnaire:
    return load(FORM_2021)


@pytest.fixture(scope="module")
def q25() -> Questionnaire:
    return load(FORM_2025)


def _names(q: Questionnaire, tag: str) -> list[str]:
    return [i.name for i in q.tagged(tag) if i.answerable]


def test_each_shipped_version_has_its_study_file(q21: Questionnaire, q25: Questionnaire) -> None:
    assert study_path_for(q21.version).name == "study-2021.yaml"
    assert study_path_for("2021.1.0").name == "study-2021.yaml"
    assert study_path_for(q25.version).name == "study-2025.yaml"
    assert default().questionnaire == q21.version


@pytest.mark.parametrize("form", [FORM_2021, FORM_2025], ids=["2021", "2025"])
def test_every_named_item_exists_and_codes_come_from_the_form(form: Path) -> None:
    q = load(form)
    s: Study = for_questionnaire(q)
    answerable = {i.name for i in q.answerable()}
    assert s.all_items() <= answerable
    # codes are the XLSForm's: the concept names choices, the loader resolves them
    inn = q.item(s.concept("innovated").item)
    assert inn.choice_list is not None
    yes = inn.choice_list.by_name("yes")
    assert yes is not None and s.codes("innovated", "yes") == (yes.code,)
    size = q.item(s.concept("size").item).choice_list
    assert size is not None
    assert list(s.concept("size").levels.values()) == [c.code for c in size.choices]
    # the WERK concept is what the XLSForm tags 'werk'; the scale's candidates come after
    assert list(s.concept("werk").items.values()) == _names(q, "werk")
    assert s.scale_candidates()[-2:] == tuple(_names(q, "werk"))
    assert s.scale.cuts == (3.6, 4.0) and set(s.scale.fallback) <= set(s.scale_candidates())
    for key in s.models.outcomes:
        outcome = q.item(s.concept(s.models.outcome_concept).item)
        assert outcome.choice_list is not None and outcome.choice_list.by_name(key) is not None


def test_the_versions_differ_where_the_questionnaires_do(
    q21: Questionnaire, q25: Questionnaire
) -> None:
    s21, s25 = for_questionnaire(q21), for_questionnaire(q25)
    assert s21.items("pandemic") == tuple(_names(q21, "covid")) and len(_names(q21, "covid")) == 3
    assert not s25.has("pandemic")
    for concept in ("leadership", "dedicated", "teams", "ai_data"):
        assert not s21.has(concept)
        assert s25.items(concept) == tuple(_names(q25, concept)) and s25.items(concept)
    shared = set(s21.concepts) & set(s25.concepts)
    assert {c: s21.items(c) for c in shared} == {c: s25.items(c) for c in shared}


def _doctored(tmp_path: Path, old: str, new: str, source: str = "study-2025.yaml") -> Path:
    text = (DATA / source).read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "my-study.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_an_item_missing_from_the_form_is_refused(tmp_path: Path, q25: Questionnaire) -> None:
    path = _doctored(tmp_path, "items: [d3_origin]", "items: [d3_origin_2019]")
    with pytest.raises(StudyError) as info:
        load_study(path, q25)
    (problem,) = info.value.problems
    assert problem.code is ErrorCode.STUDY_UNKNOWN_ITEM
    assert problem.file == "my-study.yaml" and problem.value == "d3_origin_2019"
    text = str(info.value)
    assert "my-study.yaml" in text and "concept 'origin'" in text
    assert "'d3_origin_2019'" in text and "2025.1.0" in text


def test_an_unknown_answer_tag_or_concept_is_refused(tmp_path: Path, q25: Questionnaire) -> None:
    path = _doctored(tmp_path, "yes: [promoting, strongly_promoting]", "yes: [promoting, helpful]")
    with pytest.raises(StudyError) as info:
        load_study(path, q25)
    assert {p.code for p in info.value.problems} == {ErrorCode.STUDY_UNKNOWN_CHOICE}
    assert "concept 'success_factors' names answer 'helpful'" in str(info.value)
    path = _doctored(tmp_path, "tag: teams", "tag: squads")
    with pytest.raises(StudyError, match=r"concept 'teams': no item .* has tag 'squads'"):
        load_study(path, q25)
    path = _doctored(tmp_path, "origin: origin\n", "origin: provenance\n")
    with pytest.raises(StudyError, match="refers to concept 'provenance'"):
        load_study(path, q25)


def test_the_2021_study_does_not_fit_the_2025_form(q25: Questionnaire) -> None:
    with pytest.raises(StudyError) as info:
        load_study(DATA / "study-2021.yaml", q25)
    missing = {p.value for p in info.value.problems if p.code is ErrorCode.STUDY_UNKNOWN_ITEM}
    assert missing == {"b1_production", "b2_homework_share", "b3_homework_facilities"}
    assert any(p.code is ErrorCode.STUDY_NO_DEFINITION for p in info.value.problems)


def test_a_version_without_a_study_file_is_refused() -> None:
    with pytest.raises(
        StudyError, match=r"no study definition covers questionnaire version '1999\.1\.0'"
    ):
        study_path_for("1999.1.0")


def barometer(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("barometer", path=str(Path(sys.executable).parent))
    assert exe, "the barometer command is not installed next to this Python"
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    return subprocess.run([exe, *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=300)  # fmt: skip


def test_cli_refuses_a_study_naming_a_missing_item(tmp_path: Path) -> None:
    shutil.copy(FORM_2025, tmp_path / "form.xlsx")
    _doctored(tmp_path, "items: [e06_time]", "items: [e06_enough_time]")
    before = sorted(p.name for p in tmp_path.iterdir())
    result = barometer(tmp_path, "questionnaire", "check", "form.xlsx", "--study", "my-study.yaml")
    assert result.returncode == 1, result.stdout[-2000:]
    assert "my-study.yaml" in result.stderr and "concept 'enough_time'" in result.stderr
    assert "'e06_enough_time'" in result.stderr and "form.xlsx" in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # nothing written


def test_cli_prints_the_concepts_of_a_fitting_study(tmp_path: Path) -> None:
    shutil.copy(FORM_2025, tmp_path / "form.xlsx")
    shutil.copy(DATA / "study-2025.yaml", tmp_path / "study.yaml")
    result = barometer(tmp_path, "questionnaire", "check", "form.xlsx", "--study", "study.yaml")
    assert result.returncode == 0, result.stderr[-2000:]
    lines = {ln.split()[0]: ln.split(None, 1)[1] for ln in result.stdout.split("Study ", 1)[1].splitlines()[1:] if ln.strip()}  # fmt: skip
    assert lines["leadership"] == "g1_leaders_vision, g2_innovation_management"
    assert lines["werk"] == "e14_werk_safety, e15_werk_improve"
    assert "pandemic" not in lines


def test_the_figures_a_concept_feeds_are_the_catalogues(q21: Questionnaire) -> None:
    from barometer.report.catalogue import CATALOGUE

    s = for_questionnaire(q21)
    ids = {spec.id for spec in CATALOGUE}
    named = {f: c.name for c in s.concepts.values() for f in c.figures}
    assert set(named) <= ids, set(named) - ids
    for spec in CATALOGUE:
        items = (
            [spec.params["item"]] if "item" in spec.params else list(spec.params.get("items", ()))
        )
        for item in items:
            owners = {c.name for c in s.concepts.values() if item in c.items.values()}
            assert spec.id in {f for o in owners for f in s.concept(o).figures}, (spec.id, item)


def test_a_wave_on_a_questionnaire_without_a_study_is_refused_at_load(tmp_path: Path) -> None:
    from barometer.dataset.io import write_dataset
    from barometer.pipeline_waves import read_wave
    from helpers import small_dataset, small_questionnaire

    q = small_questionnaire(tmp_path)
    data = write_dataset(small_dataset(q), tmp_path / "wave.csv")
    with pytest.raises(StudyError) as info:
        read_wave(data, tmp_path / "small.xlsx")
    (problem,) = info.value.problems
    assert problem.code is ErrorCode.STUDY_NO_DEFINITION and problem.value == q.version
    assert "study-2021.yaml" in str(info.value) and "study-2025.yaml" in str(info.value)


def test_a_version_that_renames_a_shared_concepts_items_is_refused(
    tmp_path: Path, q25: Questionnaire
) -> None:
    from barometer.study import check_shared_items, load_study

    assert check_shared_items(for_questionnaire(q25)).questionnaire == q25.version  # as shipped
    renamed = load_study(_doctored(tmp_path, "items: [d12_strategy]", "items: [d3_origin]"), q25)
    with pytest.raises(StudyError) as info:
        check_shared_items(renamed)
    (problem,) = info.value.problems
    assert problem.code is ErrorCode.STUDY_RENAMED and problem.value == "d3_origin"
    assert "'strategy'" in str(info.value) and "d12_strategy" in str(info.value)
