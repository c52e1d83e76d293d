"""The synthetic demo wave: deterministic, exact counts, skip logic, fictitious contacts."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

import numpy as np
import pandas as pd
import pytest

from barometer.classification import classification
from barometer.dataset import Dataset, row_to_answers
from barometer.dataset.codebook import dummy_name
from barometer.dataset.synthetic import texts
from barometer.dataset.synthetic.calibrate import published_reference
from barometer.dataset.synthetic.calibrate_base import cluster_code, sector_code
from barometer.dataset.synthetic.frame import (
    FRAME_COLUMNS,
    SIZE_CLASSES,
    demo_config,
    make_frame,
    respondent_cells,
)
from barometer.dataset.synthetic.wave import DemoWave, make_wave
from barometer.dataset.validate import validate_frame
from barometer.questionnaire import NOT_APPLICABLE

REF = published_reference()


@cache
def wave(seed: int = 2021) -> DemoWave:
    return make_wave(seed)


# --------------------------------------------------------------------------- determinism
def test_same_seed_same_frame_and_dataset() -> None:
    again = make_wave(2021)
    assert again.frame.equals(wave().frame)
    assert again.dataset.equals(wave().dataset)
    assert [r.answers for r in again.records] == [r.answers for r in wave().records]


def test_default_seed_is_2021() -> None:
    assert make_frame().equals(make_frame(2021))
    assert demo_config()["seed"] == 2021


def test_different_seed_different_wave() -> None:
    other = wave(1)
    assert not other.frame.equals(wave().frame)
    assert not other.dataset.equals(wave().dataset)
    assert set(other.frame["name"]) != set(wave().frame["name"])


# --------------------------------------------------------------------------- the frame
def test_frame_columns_and_ids() -> None:
    frame = wave().frame
    assert tuple(frame.columns) == FRAME_COLUMNS
    assert len(frame) == REF["study"]["invited"] == 1374
    assert frame["org_id"].is_unique
    assert frame["org_id"].str.fullmatch(r"ORG\d{4}").all()
    assert frame["name"].is_unique
    assert frame["contact_email"].is_unique
    assert set(frame["size_class"]) == set(SIZE_CLASSES)
    assert set(frame["language"]) == {"nl", "en"}
    assert (frame["language"] == "nl").mean() > 0.9
    for col in FRAME_COLUMNS:
        assert (frame[col].astype(str).str.len() > 0).all(), col


def test_frame_invited_per_sector_is_tabel_1() -> None:
    counts = wave().frame["sector"].value_counts()
    for sec in REF["sectors"]:
        assert counts[sector_code(sec["name"])] == sec["invited"], sec["name"]


def test_frame_codes_come_from_the_classification() -> None:
    frame = wave().frame
    assert set(frame["sector"]) == set(classification().sector_codes())
    assert set(frame["cluster"]) <= set(classification().cluster_codes())


def test_clusters_are_consistent_with_sectors() -> None:
    allowed = set(respondent_cells())
    pairs = set(zip(wave().frame["sector"], wave().frame["cluster"], strict=True))
    assert pairs == allowed
    # the clusters that are a sector's own
    by_sector = wave().frame.groupby("sector")["cluster"].agg(set)
    assert by_sector["waterschappen"] == {"watermanagement"}
    assert by_sector["rechtswezen"] == {"rechtswezen"}
    assert by_sector["hoge_colleges"] == {"hoge_colleges"}
    assert by_sector["rijksoverheid"] == {"rijk_uitvoering", "rijk_beleid", "rijk_staf"}


@pytest.mark.parametrize("seed", [2021, 1])
def test_contacts_are_fictitious(seed: int) -> None:
    frame = wave(seed).frame
    domains = frame["contact_email"].str.split("@").str[1]
    reserved = domains.str.endswith(".example") | domains.isin(
        ["example.org", "example.com", "example.net"]
    )
    assert reserved.all(), domains[~reserved].tolist()[:5]
    assert frame["contact_email"].str.fullmatch(r"[a-z0-9.]+@[a-z0-9.-]+").all()
    assert not frame["contact_email"].str.contains(r"\.(?:nl|com|org|eu|net)$").any()


def test_names_look_dutch_and_invented() -> None:
    names = wave().frame["name"]
    assert names.str.startswith("Gemeente ").sum() >= 300
    assert (
        names.str.startswith("Waterschap ").sum() + names.str.startswith("Hoogheemraadschap ").sum()
        == REF["sectors"][7]["invited"]
    )
    assert names.str.startswith("Omgevingsdienst ").any()
    for real in ("Amsterdam", "Rotterdam", "Utrecht", "Den Haag", "Ministerie van Binnenlandse"):
        assert not names.str.contains(real).any(), real


# --------------------------------------------------------------------------- the responses
def test_respondents_per_sector_are_tabel_1() -> None:
    counts = wave().dataset.data["sector"].value_counts()
    for sec in REF["sectors"]:
        assert counts[sector_code(sec["name"])] == sec["completed"], sec["name"]
    assert len(wave().dataset) == REF["study"]["completed"] == 366


def test_respondents_per_cluster_are_tabel_2() -> None:
    counts = wave().dataset.data["cluster"].value_counts()
    for name, k in REF["clusters"].items():
        assert counts[cluster_code(name)] == k, name


def test_zbo_sector_vs_cluster_inconsistency_resolved_as_documented() -> None:
    data = wave().dataset.data
    zbo = data[data["sector"] == "zbo"]
    assert len(zbo) == 36
    assert Counter(zbo["cluster"]) == {"zbo": 34, "cultuur": 2}
    assert (data["cluster"] == "zbo").sum() == 34


def test_respondents_come_from_the_frame() -> None:
    data = wave().dataset.data.set_index("org_id")
    frame = wave().frame.set_index("org_id")
    assert data.index.is_unique
    assert set(data.index) <= set(frame.index)
    joined = data[["sector", "cluster"]].join(
        frame[["sector", "cluster", "size_class"]].add_suffix("_f")
    )
    assert (joined["sector"] == joined["sector_f"]).all()
    assert (joined["cluster"] == joined["cluster_f"]).all()
    size = wave().dataset.questionnaire.item("a1_size").choice_list
    assert size is not None
    codes = {c.name: c.code for c in size.choices}
    assert (data["a1_size"] == joined["size_class_f"].map(codes)).all()


def test_dataset_validates_against_the_questionnaire() -> None:
    ds = wave().dataset
    assert isinstance(ds, Dataset)
    assert list(ds.data.columns) == ds.codebook.names()
    assert validate_frame(ds.questionnaire, ds.data, file="demo") == []


@pytest.mark.parametrize("seed", [2021, 3])
def test_skip_logic_hidden_items_are_not_applicable(seed: int) -> None:
    ds = wave(seed).dataset
    q = ds.questionnaire
    hidden_seen = Counter[str]()
    for _, row in ds.data.iterrows():
        answers = row_to_answers(q, row.to_dict())
        for item in q.answerable():
            if q.is_relevant(item, answers):
                continue
            hidden_seen[item.name] += 1
            if item.type == "text":
                assert row[item.name] == "", (row["org_id"], item.name)
            elif item.type == "select_multiple":
                assert item.choice_list is not None
                for c in item.choice_list.choices:
                    assert row[dummy_name(item.name, c.name)] == NOT_APPLICABLE, (
                        row["org_id"],
                        item.name,
                    )
                assert row[item.name] == ""
            else:
                assert row[item.name] == NOT_APPLICABLE, (row["org_id"], item.name)
    # the skips that must occur in a wave like 2021's
    assert hidden_seen["c2_count"] == 366 - 313
    assert hidden_seen["d5_tech_new"] > 0
    assert hidden_seen["d9_collab_phases"] > 0
    assert hidden_seen["d10_dissemination_how"] > 0
    assert hidden_seen["d14_results_other"] > 0


def test_records_answer_only_shown_items_with_questionnaire_names() -> None:
    w = wave()
    q = w.dataset.questionnaire
    answerable = {i.name: i for i in q.answerable()}
    for rec in w.records:
        assert q.clear_hidden(rec.answers) == dict(rec.answers), rec.org_id
        for name, value in rec.answers.items():
            item = answerable[name]
            if item.type == "select_one":
                assert item.choice_list is not None
                assert item.choice_list.by_name(value) is not None, (name, value)
            elif item.type == "select_multiple":
                assert item.choice_list is not None
                assert value and set(value) <= set(item.choice_list.names()), (name, value)
                assert list(value) == [c for c in item.choice_list.names() if c in value]
            else:
                assert isinstance(value, str) and value.strip(), name
        for item in q.answerable():
            if item.required and q.is_relevant(item, rec.answers):
                assert item.name in rec.answers, (rec.org_id, item.name)


def test_derived_variables_are_not_stored() -> None:
    cols = set(wave().dataset.data.columns)
    for derived in ("innovated", "spectrum", "climate", "climate_score", "group", "weight"):
        assert derived not in cols


def test_constraints_hold() -> None:
    data = wave().dataset.data
    inn = data["c1_innovated"] == 1
    initiative = data.filter(like="d6_initiative__")[inn]
    assert initiative.sum(axis=1).between(1, 3).all()
    collab = data.filter(like="d8_collab__")[inn]
    assert ((collab["d8_collab__none"] == 0) | (collab.sum(axis=1) == 1)).all()
    fin = data.filter(like="d11_financing__")[inn]
    assert ((fin["d11_financing__none_needed"] == 0) | (fin.sum(axis=1) == 1)).all()
    assert (data.loc[inn, "d1_description"].str.len().between(1, 2000)).all()


# --------------------------------------------------------------------------- latent structure
def test_latent_climate_drives_the_statements() -> None:
    w = wave()
    data = w.dataset.data.set_index("org_id")
    items = data.filter(regex=r"^e(0[3-9]|1\d)_").where(lambda d: d >= 1)
    score = items.mean(axis=1)
    theta = w.theta.loc[score.index]
    assert np.corrcoef(theta, score)[0, 1] > 0.8
    # sector effects are small next to the spread within sectors
    by_sector = theta.groupby(data["sector"]).mean()
    assert by_sector.std() < 0.5 * theta.std()


def test_themes_of_descriptions() -> None:
    w = wave()
    inn = w.dataset.data["c1_innovated"].to_numpy() == 1
    themes = w.theme.to_numpy()
    assert set(themes[inn]) == set(texts.THEMES)
    assert set(themes[~inn]) == {""}
    assert dict(Counter(themes[inn])) == demo_config()["counts"]["d1_theme"]


def test_wave_label_and_ids() -> None:
    data = wave().dataset.data
    assert set(data["wave"]) == {"2021"}
    assert (data["org_id"] == sorted(data["org_id"])).all()
    assert pd.Index(wave().theta.index).equals(pd.Index(data["org_id"]))
    assert not re.search(r"\d{3}-\d{7}", " ".join(data["d1_description"]))
