"""The synthetic 2025 demo wave: 347 responses on questionnaire 2025.1.0, a panel with 2021.

Only two numbers of the real 2025 wave are public (``ibo-published-waves.yaml``): 347
organisations took part and 76 % of them innovated. The demo wave meets both exactly
(264 of 347 innovated, 76.1 %); everything else in it is ours, and synthetic. The model
(docs/panel.md):

* **Frame 2025** is the 2021 frame with one merger (two organisations become a new one)
  and one split (one organisation becomes two new ones), recorded in the links table
  (:mod:`barometer.dataset.links`); every other organisation keeps its ``org_id``.
* **Respondents**: the 2021 sector x cluster cells rescaled to 347; in every cell about
  60 % are 2021 respondents (the *panel*, same ``org_id``), the rest other organisations of
  the 2025 frame (the merger's and the split's successors among them).
* **Correlation over time**: a panel organisation's latent innovation climate carries over,
  ``theta_2025 = rho * theta_2021 + sqrt(1 - rho^2) * e`` with ``rho`` = :data:`RHO`, and
  whether it innovated carries over too: the key that decides who innovated gets
  :data:`CARRY` x (innovated in 2021 - panel share that did). Organisations new to the panel
  get a fresh climate. Every other answer follows from the climate as in 2021
  (:func:`barometer.dataset.synthetic.wave.make_wave`, counts rescaled to 347 and 264).
* **New items** (section g) follow the climate (ordinal probit for the statements, ordered
  cut-offs for AI use); the COVID items are not asked.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

import numpy as np
import pandas as pd

from barometer.dataset import Dataset, Record, records_to_frame
from barometer.dataset.links import LINK_COLUMNS
from barometer.dataset.synthetic.frame import demo_config, respondent_cells
from barometer.dataset.synthetic.latent import draw_items, draw_theta
from barometer.dataset.synthetic.scale_counts import largest_remainder, scaled_config
from barometer.dataset.synthetic.wave import DemoWave, make_wave
from barometer.questionnaire import Questionnaire, load

__all__ = [
    "CARRY",
    "INNOVATORS",
    "PANEL_SHARE",
    "RESPONSES",
    "RHO",
    "SYNTHETIC_NOTE",
    "SYNTHETIC_NOTES",
    "WAVE_LABEL",
    "DemoPanel",
    "make_panel",
    "make_wave_2025",
    "panel_from",
    "questionnaire_2025",
]

WAVE_LABEL = "2025"
RESPONSES = 347  # published
INNOVATORS = 264  # 264 / 347 = 76.1 %, published as 76 %
PANEL_SHARE = 0.60
RHO = 0.7
CARRY = 1.5
SYNTHETIC_NOTES = {
    "nl": "SYNTHETISCHE demogegevens: alleen het aantal organisaties (347) en het aandeel dat "
          "innoveerde (76%) zijn gepubliceerde feiten over de meting van 2025; elk antwoord "
          "hier is verzonnen.",
    "en": "SYNTHETIC demo data: only the number of organisations (347) and the share that "
          "innovated (76%) are published facts of the 2025 wave; every answer here is invented.",
}  # fmt: skip
"""The label every output of the synthetic 2025 wave carries, in the report's language."""
SYNTHETIC_NOTE = "\n".join(SYNTHETIC_NOTES.values())
"""Both languages (the SYNTHETIC.txt beside the data)."""

_AGREE_SPEC = {"loading": 0.6, "p": [0.03, 0.14, 0.30, 0.40, 0.13], "dk": 0.02}
_AGREE_ITEMS = ("g1_leaders_vision", "g2_innovation_management", "g5_diverse_teams",
                "g6_cross_org_teams", "g8_data_driven")  # fmt: skip
_AGREE = {1: "strongly_disagree", 2: "disagree", 3: "neutral", 4: "agree", 5: "strongly_agree"}
_AI_LEVELS = ("none", "exploring", "pilot", "in_use")
_AI_CUTS = (-1.2, -0.1, 0.9)


@dataclass(frozen=True)
class DemoPanel:
    """Both synthetic waves, their frames linked by ``org_id`` and the links table."""

    wave_2021: DemoWave
    wave_2025: DemoWave
    links: pd.DataFrame
    panel_ids: tuple[str, ...]
    """The org_ids that answered in both waves (same id)."""


@lru_cache(maxsize=1)
def questionnaire_2025() -> Questionnaire:
    """The shipped questionnaire 2025.1.0."""
    return load(str(resources.files("barometer") / "data" / "questionnaire-2025.xlsx"))


def _stream(seed: int, k: int) -> np.random.Generator:
    return np.random.default_rng([seed, 2025, k])


def frame_2025(
    frame: pd.DataFrame, respondents_2021: pd.DataFrame, seed: int
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The 2025 frame and its links to 2021: one merger and one split (documented above)."""
    rng = _stream(seed, 1)
    resp = set(respondents_2021["org_id"])
    by_cluster = frame.groupby("cluster")["org_id"].apply(list)
    # merger: two 2021 respondents of one cluster (environmental services)
    pool = [o for o in by_cluster["omgevingsdienst"] if o in resp]
    merged = [str(o) for o in rng.choice(pool, size=2, replace=False)]
    # split: one 2021 respondent among the implementing agencies of the state
    pool = [o for o in by_cluster["rijk_uitvoering"] if o in resp]
    split = str(rng.choice(pool))
    next_id = len(frame) + 1
    rows = frame.set_index("org_id")
    new_rows = []
    a, b = rows.loc[merged[0]], rows.loc[merged[1]]
    m_id = f"ORG{next_id:04d}"
    new_rows.append({**a.to_dict(), "org_id": m_id, "name": f"{a['name']}-{b['name'].split()[-1]}",
                     "size_class": "250_499"})  # fmt: skip
    s = rows.loc[split]
    s_ids = [f"ORG{next_id + 1:04d}", f"ORG{next_id + 2:04d}"]
    for sid, part in zip(s_ids, ("Noord", "Zuid"), strict=True):
        email = s["contact_email"].replace("@", f".{part.lower()}@")
        new_rows.append({**s.to_dict(), "org_id": sid, "name": f"{s['name']} {part}",
                         "contact_email": email})  # fmt: skip
    kept = frame[~frame["org_id"].isin([*merged, split])]
    out = pd.concat([kept, pd.DataFrame(new_rows)], ignore_index=True).loc[:, list(frame.columns)]
    links = pd.DataFrame(
        [("2021", o, "2025", m_id, "merger", "synthetic: two environmental services merged")
         for o in merged]
        + [("2021", split, "2025", sid, "split", "synthetic: an agency split in two")
           for sid in s_ids],
        columns=list(LINK_COLUMNS),
    )  # fmt: skip
    return out.astype(object), links


def _respondents(
    rng: np.random.Generator, frame: pd.DataFrame, resp21: pd.DataFrame, links: pd.DataFrame
) -> tuple[pd.DataFrame, np.ndarray]:
    """The 347 respondents per cell, about 60 % of them 2021 respondents; and who is panel."""
    cells = largest_remainder(respondent_cells(demo_config()), RESPONSES)
    panel_target = largest_remainder(cells, round(PANEL_SHARE * RESPONSES))
    was = set(resp21["org_id"])
    successors = set(links["to_org_id"])
    chosen: list[int] = []
    for (sector, cluster), k in cells.items():
        in_cell = (frame["sector"] == sector) & (frame["cluster"] == cluster)
        idx = np.flatnonzero(in_cell.to_numpy())
        ids = frame["org_id"].to_numpy()[idx]
        old = idx[np.isin(ids, list(was))]
        first = idx[np.isin(ids, list(successors))]  # successors take part (the demo shows them)
        other = idx[~np.isin(ids, list(was | successors))]
        n_panel = min(panel_target[(sector, cluster)], len(old), k)
        take = list(rng.choice(old, size=n_panel, replace=False))
        take += list(first[: k - len(take)])
        rest = k - len(take)
        take += list(rng.choice(other, size=min(rest, len(other)), replace=False))
        if len(take) < k:  # a small cell: more of the 2021 respondents
            left = np.setdiff1d(old, take)
            take += list(rng.choice(left, size=k - len(take), replace=False))
        chosen.extend(int(i) for i in take)
    out = frame.iloc[sorted(chosen)].reset_index(drop=True)
    return out, out["org_id"].isin(was).to_numpy()


def make_panel(seed: int = 2021) -> DemoPanel:
    """Both demo waves for ``seed``: 2021 (as :func:`make_wave`) and 2025 linked to it."""
    w21 = make_wave(seed)
    return panel_from(seed, w21)


def make_wave_2025(seed: int = 2021) -> DemoWave:
    """The 2025 wave of :func:`make_panel`."""
    return make_panel(seed).wave_2025


def panel_from(seed: int, w21: DemoWave) -> DemoPanel:
    """The panel of a given 2021 wave (as :func:`make_panel`, without generating 2021 again)."""
    cfg = scaled_config(demo_config(), RESPONSES, INNOVATORS)
    resp21 = w21.dataset.data[["org_id"]].assign(org_id=lambda d: d["org_id"].astype(str))
    frame25, links = frame_2025(w21.frame, resp21, seed)
    resp, panel = _respondents(_stream(seed, 2), frame25, resp21, links)
    n = len(resp)
    fresh = draw_theta(
        _stream(seed, 3), list(resp["sector"]), list(resp["cluster"]), cfg["climate"]
    )
    ids = resp["org_id"].astype(str).to_numpy()
    theta21 = w21.theta.reindex(ids).to_numpy()
    theta = np.where(panel, RHO * np.nan_to_num(theta21) + np.sqrt(1 - RHO**2) * fresh, fresh)
    innovated21 = w21.dataset.data.set_index(w21.dataset.data["org_id"].astype(str))["c1_innovated"]
    was_yes = (innovated21.reindex(ids) == _yes_code(w21)).to_numpy() & panel
    share = was_yes[panel].mean() if panel.any() else 0.0
    carry = np.where(panel, CARRY * (was_yes.astype(float) - share), 0.0)
    q = questionnaire_2025()
    w25 = make_wave(seed + 4, q, config=cfg, frame=frame25, respondents=resp, theta=theta,
                    carry=carry, label=WAVE_LABEL)  # fmt: skip
    records = _with_capacity(_stream(seed, 4), w25.records, theta)
    data = records_to_frame(q, records)
    w25 = replace(w25, seed=seed, records=records, dataset=Dataset.from_frame(data, q))
    assert n == RESPONSES
    return DemoPanel(w21, w25, links, tuple(sorted(ids[panel])))


def _yes_code(wave: DemoWave) -> object:
    """How the dataset stores "yes" for c1_innovated (its code)."""
    choice = wave.dataset.questionnaire.item("c1_innovated").choice_list.by_name("yes")  # type: ignore[union-attr]
    assert choice is not None
    return choice.code


def _with_capacity(
    rng: np.random.Generator, records: list[Record], theta: np.ndarray
) -> list[Record]:
    """Section g (new in 2025): statements on the climate, dedicated roles and AI use."""
    spec = {"items": {name: _AGREE_SPEC for name in _AGREE_ITEMS}}
    agree = draw_items(rng, theta, spec)
    roles = theta * 0.8 + rng.logistic(size=len(theta)) > -0.2
    unit = theta * 0.8 + rng.logistic(size=len(theta)) > 1.2
    ai = np.searchsorted(_AI_CUTS, 0.6 * theta + 0.8 * rng.standard_normal(len(theta)))
    out = []
    for i, r in enumerate(records):
        answers = dict(r.answers)
        for j, name in enumerate(_AGREE_ITEMS):
            v = int(agree[i, j])
            answers[name] = "dont_know" if v < 0 else _AGREE[v]
        answers["g3_innovation_roles"] = "yes" if roles[i] else "no"
        answers["g4_innovation_unit"] = "yes" if unit[i] else "no"
        answers["g7_ai_use"] = _AI_LEVELS[int(ai[i])]
        out.append(replace(r, answers=answers))
    return out
