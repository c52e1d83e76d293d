"""Fixtures for the report tests: small datasets on the shipped questionnaire, built in code
from hand-written answers with :func:`barometer.dataset.records_to_frame`."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pandas as pd
import pytest

from barometer.dataset import Dataset, Record, records_to_frame
from barometer.questionnaire import Questionnaire, default
from barometer.report import Report, build_report

FACTORS = (
    "employees", "skills", "management", "political", "collab_internal", "collab_private",
    "collab_public", "citizens", "volunteers", "research", "umbrella", "stimulators",
    "technology", "finance", "legislation", "continuity", "mistakes",
)  # fmt: skip


def make_answers(innovated: str = "yes", **changes: Any) -> dict[str, Any]:
    """A complete, valid set of answers; an innovator unless ``innovated`` says otherwise.

    ``changes`` override single answers; a value of None removes the answer (it becomes -9
    if the question is shown, -1 if skip logic hides it).
    """
    a: dict[str, Any] = {
        "a1_size": "lt100",
        "b1_production": "unchanged",
        "b2_homework_share": "p75_100",
        "b3_homework_facilities": "improved",
        "c1_innovated": innovated,
        "f2_feedback_report": "no",
    }
    if innovated == "yes":
        a.update(
            c2_count="n2_4",
            d1_description="Een nieuw digitaal loket",
            d2_type_product="no",
            d2_type_service="yes",
            d2_type_process="yes",
            d2_type_interaction="no",
            d3_origin="own",
            d4_tech_share="important",
            d5_tech_new="not_new",
            d6_initiative=["employees"],
            d7_channels=["employee_networks"],
            d8_collab=["private"],
            d9_collab_phases=["development"],
            d10_dissemination="yes",
            d11_financing=["own_budget"],
            d12_strategy="together",
            d14_results=["quality"],
            f1_interview="no",
        )
        a.update({f"d13_factor_{k}": "promoting" for k in FACTORS})
    a.update(changes)
    return {k: v for k, v in a.items() if v is not None}


@pytest.fixture(scope="session")
def answers() -> Callable[..., dict[str, Any]]:
    """``answers(innovated="yes", **changes)``: see :func:`make_answers`."""
    return make_answers


@pytest.fixture(scope="session")
def q() -> Questionnaire:
    return default()


Build = Callable[..., Dataset]


@pytest.fixture(scope="session")
def build(q: Questionnaire) -> Build:
    """``build(list_of_answer_dicts, sectors=None, clusters=None, wave="2021") -> Dataset``."""

    def make(
        rows: list[dict[str, Any]],
        sectors: list[str] | None = None,
        clusters: list[str] | None = None,
        wave: str = "2021",
    ) -> Dataset:
        records = [
            Record(
                f"org{i:03d}",
                a,
                sector=sectors[i] if sectors else "gemeenten",
                cluster=clusters[i] if clusters else "gemeenten_onderdelen",
                wave=wave,
            )
            for i, a in enumerate(rows)
        ]
        return Dataset.from_frame(records_to_frame(q, records), q)

    return make


@pytest.fixture(scope="session")
def hand(build: Build) -> Dataset:
    """Ten organisations, answers chosen so that every percentage is easy to compute by hand.

    c1_innovated: 7 yes, 2 no, 1 don't know.
    Innovators (org000-org006):
      d3_origin: own, own, own, adapted, adapted, copy, (no answer)
      d4_tech_share: important x4, none x2, entirely x1  -> 5 use technology
      d5_tech_new (only asked when technology plays a part): new_way x2, not_new x2,
                   dont_know x1
      d6_initiative: employees in 4 of 6 answers, managers in 3, one no answer
      types: org000 all four yes; org001 product+service; org002 service only (others no);
             org003 dont_know for product; rest default (service + process)
      d13_factor_finance: hindering x2, strongly_hindering x1, neutral x1, promoting x2,
                          dont_know x1
    """
    inn = [
        make_answers(d3_origin="own", d6_initiative=["employees", "managers"],
                d2_type_product="yes", d2_type_interaction="yes",
                d5_tech_new="new_way", d13_factor_finance="hindering"),
        make_answers(d3_origin="own", d6_initiative=["employees"], d2_type_product="yes",
                d2_type_process="no", d5_tech_new="new_way", d13_factor_finance="hindering"),
        make_answers(d3_origin="own", d6_initiative=["employees", "managers"], d2_type_process="no",
                d5_tech_new="not_new", d13_factor_finance="strongly_hindering"),
        make_answers(d3_origin="adapted", d6_initiative=["managers"], d2_type_product="dont_know",
                d4_tech_share="entirely", d5_tech_new="dont_know",
                d13_factor_finance="neutral"),
        make_answers(d3_origin="adapted", d6_initiative=["employees"], d4_tech_share="none",
                d13_factor_finance="promoting"),
        make_answers(d3_origin="copy", d6_initiative=["citizens"], d4_tech_share="none",
                d13_factor_finance="strongly_promoting"),
        make_answers(d3_origin=None, d6_initiative=None, d5_tech_new="not_new",
                d13_factor_finance="dont_know"),
    ]  # fmt: skip
    rest = [make_answers("no"), make_answers("no"), make_answers("dont_know")]
    return build(inn + rest)


@pytest.fixture(scope="session")
def hand_report(hand: Dataset) -> Report:
    """The Dutch report of ``hand``, without a frame (built once: charts take a second)."""
    return build_report(hand)


@pytest.fixture(scope="session")
def frame() -> pd.DataFrame:
    """A frame: 20 gemeenten, 6 provincies, 4 hoge colleges, 10 waterschappen."""
    sectors = (
        ["gemeenten"] * 20 + ["provincies"] * 6 + ["hoge_colleges"] * 4 + ["waterschappen"] * 10
    )
    return pd.DataFrame({"org_id": [f"f{i}" for i in range(len(sectors))], "sector": sectors})


@pytest.fixture(scope="module")
def chromium() -> Iterator[object]:
    """Chromium (/usr/bin/chromium) through Playwright, for the axe and layout checks."""
    from playwright.sync_api import sync_playwright

    args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=args)
        yield browser
        browser.close()
