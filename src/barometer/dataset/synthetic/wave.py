"""The demo wave: 366 fictitious responses that reproduce the 2021 report's numbers.

:func:`make_wave` draws the frame, chooses the respondents (exact counts per sector x
cluster cell, so Tabel 1 and Tabel 2 both hold), gives every respondent a latent innovation
climate and answers the shipped questionnaire from it. Answers use only the questionnaire's
item and choice names and go through :func:`barometer.dataset.records_to_frame`, so skip
logic and missing codes follow the codebook (hidden items are -1 because they are never
answered). Derived variables (innovated, spectrum, climate score, groups) are *not* stored:
they are computed from the answers, as the statistics do.

Inconsistencies of the report and how the wave meets them are documented in
``barometer/data/demo.yaml``: Tabel 1's 36 Zbo's vs Tabel 2's 34 (two zbo's sit in the
Cultuur cluster) and Figuur 23's 108 % (the "less" share of 45 % is kept, the other two are
rescaled to the remaining 55 %).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from barometer.dataset import Dataset, Record, records_to_frame
from barometer.dataset.synthetic import texts
from barometer.dataset.synthetic.allocate import shuffled_categories, top_k
from barometer.dataset.synthetic.frame import demo_config, make_frame, respondent_cells
from barometer.dataset.synthetic.innovation import (
    DISSEMINATION_HOW,
    RESULTS_OTHER,
    TYPES,
    Innovators,
    draw_innovation,
    promoting,
    set_promoting,
)
from barometer.dataset.synthetic.latent import (
    draw_items,
    draw_theta,
    groups_of,
    repair_agree,
    repair_gap,
    repair_groups,
    scores,
    set_gr_extremes,
)
from barometer.questionnaire import Questionnaire, default

__all__ = ["WAVE_LABEL", "DemoWave", "make_wave"]

WAVE_LABEL = "2021"
RESULTS = ("efficiency", "quality", "employee_satisfaction", "political_goals", "citizen_influence")


@dataclass(frozen=True)
class DemoWave:
    """A synthetic wave: the frame, the responses, and the latent values behind them.

    ``theta`` (latent climate) and ``theme`` (theme of the open description, ``""`` for
    non-innovators) are indexed by ``org_id`` of the respondents; they exist for tests and are
    not part of the dataset.
    """

    seed: int
    frame: pd.DataFrame
    records: list[Record]
    dataset: Dataset
    theta: pd.Series
    theme: pd.Series


def _stream(seed: int, k: int) -> np.random.Generator:
    """An independent random stream per step, so one step's draws never shift another's."""
    return np.random.default_rng([seed, k])


def _respondents(
    rng: np.random.Generator, frame: pd.DataFrame, cfg: Mapping[str, Any]
) -> pd.DataFrame:
    chosen: list[int] = []
    for (sector, cluster), k in respondent_cells(cfg).items():
        idx = np.flatnonzero(
            ((frame["sector"] == sector) & (frame["cluster"] == cluster)).to_numpy()
        )
        chosen.extend(int(i) for i in rng.choice(idx, size=k, replace=False))
    return frame.iloc[sorted(chosen)].reset_index(drop=True)


def make_wave(
    seed: int = 2021,
    questionnaire: Questionnaire | None = None,
    *,
    config: Mapping[str, Any] | None = None,
    frame: pd.DataFrame | None = None,
    respondents: pd.DataFrame | None = None,
    theta: np.ndarray | None = None,
    carry: np.ndarray | None = None,
    label: str = WAVE_LABEL,
) -> DemoWave:
    """Generate the demo wave for ``seed`` (deterministic: same seed, same wave).

    The keyword arguments let a later wave reuse the generator (see ``wave2025``): its own
    ``config`` (counts), ``frame`` and ``respondents``, a given latent climate ``theta`` per
    respondent, ``carry`` (added to the key that decides who innovated: the panel's memory
    of the previous wave) and the wave ``label``. Answers to items the questionnaire does not
    hold are left out.
    """
    cfg = dict(config) if config is not None else demo_config()
    q = questionnaire or default()
    if frame is None:
        frame = make_frame(seed)
    resp = respondents if respondents is not None else _respondents(_stream(seed, 2), frame, cfg)
    n = len(resp)
    ccfg = cfg["climate"]
    counts = cfg["counts"]
    if theta is None:
        theta = draw_theta(_stream(seed, 3), list(resp["sector"]), list(resp["cluster"]), ccfg)

    single: dict[str, np.ndarray] = {"a1_size": resp["size_class"].to_numpy(dtype=object)}
    rng = _stream(seed, 4)
    for item in ("b1_production", "b2_homework_share", "b3_homework_facilities"):
        single[item] = shuffled_categories(rng, {k: v for k, v in counts[item].items() if v})
    c1 = counts["c1_innovated"]
    key = cfg["latent"]["innovated"] * theta + rng.logistic(size=n)
    innov = top_k(key if carry is None else key + carry, int(c1["yes"]))
    c1_answer = np.full(n, "yes", dtype=object)
    c1_answer[~innov] = shuffled_categories(rng, {"no": c1["no"], "dont_know": c1["dont_know"]})
    single["c1_innovated"] = c1_answer
    single["f2_feedback_report"] = np.where(rng.random(n) < 0.6, "yes", "no").astype(object)

    # climate statements (all respondents)
    names = list(ccfg["items"])
    kept = [j for j, nm in enumerate(names) if nm not in ccfg["weak_items"]]
    rng = _stream(seed, 5)
    items = draw_items(rng, theta, ccfg)
    is_gr = (resp["sector"] == "gemeenschappelijke_regelingen").to_numpy()
    extremes = set_gr_extremes(rng, items, theta, is_gr, kept, names, ccfg)
    agree = {names.index(k): int(v) for k, v in ccfg["agree_counts"].items()}
    repair_agree(rng, items, agree, kept, protected=extremes)
    repair_groups(rng, items, kept, ccfg["groups"], ccfg["cuts"], protected=extremes)
    score = scores(items, kept)
    group = groups_of(score, ccfg["cuts"])

    # the innovation block (innovators only)
    inn = np.flatnonzero(innov)
    block = draw_innovation(
        _stream(seed, 6), theta[inn], resp["size_class"].to_numpy()[inn], counts, cfg["latent"]
    )
    g_inn = group[inn]
    mistakes = block.single["d13_factor_mistakes"]
    y = promoting(mistakes)
    repair_gap(
        y, block.factor_keys["mistakes"], g_inn, cfg["latent"]["gap_mistakes"],
        eligible=mistakes != "dont_know",
    )  # fmt: skip
    set_promoting(mistakes, y)
    time_agree = np.isin(items[inn, names.index("e06_time")], (4, 5)).astype(int)
    _results(_stream(seed, 7), block, score[inn], time_agree, g_inn, cfg)
    theme = _texts(_stream(seed, 8), block, counts, cfg["texts"])
    rng = _stream(seed, 9)
    block.single["f1_interview"] = np.where(rng.random(block.n) < 0.35, "yes", "no").astype(object)

    records = _records(q, resp, single, items, names, inn, block, label)
    data = records_to_frame(q, records)
    theme_all = np.full(n, "", dtype=object)
    theme_all[inn] = theme
    ids = pd.Index(resp["org_id"], name="org_id")
    return DemoWave(
        seed=seed,
        frame=frame,
        records=records,
        dataset=Dataset.from_frame(data, q),
        theta=pd.Series(theta, index=ids, name="theta"),
        theme=pd.Series(theme_all, index=ids, name="theme"),
    )


def _predictors(
    block: Innovators, score: np.ndarray, time_agree: np.ndarray
) -> dict[str, np.ndarray]:
    """The observed 0/1 (or numeric) predictors the outcome models use (see demo.yaml)."""
    s, mu = block.single, block.multi
    init = mu["d6_initiative"]
    return {
        **{t: (s[f"d2_type_{t}"] == "yes").astype(float) for t in TYPES},
        "spectrum": block.spectrum.astype(float),
        "origin_adapted": (s["d3_origin"] == "adapted").astype(float),
        "origin_elsewhere": np.isin(s["d3_origin"], ("adapted", "copy")).astype(float),
        "tech_entirely": (s["d4_tech_share"] == "entirely").astype(float),
        "factor_employees": promoting(s["d13_factor_employees"]).astype(float),
        "factor_continuity": promoting(s["d13_factor_continuity"]).astype(float),
        "factor_collab_internal": promoting(s["d13_factor_collab_internal"]).astype(float),
        "initiative_managers": init["managers"].astype(float),
        "initiative_political": init["political"].astype(float),
        "initiative_reorganisation": init["reorganisation"].astype(float),
        "initiative_citizens": init["citizens"].astype(float),
        "financing_own_budget": block.multi["d11_financing"]["own_budget"].astype(float),
        "strategy_spotlight": (s["d12_strategy"] == "spotlight").astype(float),
        "climate": score - 3.7,
        "time_agree": time_agree.astype(float),
    }


def _results(
    rng: np.random.Generator,
    block: Innovators,
    score: np.ndarray,
    time_agree: np.ndarray,
    group: np.ndarray,
    cfg: Mapping[str, Any],
) -> None:
    """d14: each result from its logistic model, exactly as many as ``counts.d14_results``."""
    x = _predictors(block, score, time_agree)
    m = block.n
    sel: dict[str, np.ndarray] = {}
    for res in RESULTS:
        coefs = cfg["outcomes"][res]
        eta = sum((float(b) * x[name] for name, b in coefs.items()), np.zeros(m))
        keys = eta + rng.logistic(size=m)
        y = top_k(keys, int(cfg["counts"]["d14_results"][res])).astype(int)
        target = cfg["latent"].get(f"gap_{res}")
        if target is not None:
            repair_gap(y, keys, group, float(target))
        elif 100 * (y[group == "strong"].mean() - y[group == "limited"].mean()) < 3:
            repair_gap(y, keys, group, 6.0)
        sel[res] = y.astype(bool)
    none = ~np.any(np.column_stack(list(sel.values())), axis=1)
    extra = rng.random(m) < float(cfg["texts"]["results_other_share"])
    sel["other"] = none | extra
    block.multi["d14_results"] = sel


def _texts(
    rng: np.random.Generator, block: Innovators, counts: Mapping[str, Any], tcfg: Mapping[str, Any]
) -> np.ndarray:
    """Open answers: the description (by theme), how it was shared, which other result."""
    m = block.n
    theme = shuffled_categories(rng, counts["d1_theme"])
    block.text["d1_description"] = np.array(
        [texts.description(rng, str(t)) for t in theme], dtype=object
    )
    how = np.full(m, None, dtype=object)
    shared = block.single["d10_dissemination"] == "yes"
    says = shared & (rng.random(m) < float(tcfg["dissemination_how_share"]))
    for i in np.flatnonzero(says):
        how[i] = DISSEMINATION_HOW[int(rng.integers(len(DISSEMINATION_HOW)))]
    block.text["d10_dissemination_how"] = how
    other = np.full(m, None, dtype=object)
    for i in np.flatnonzero(block.multi["d14_results"]["other"]):
        other[i] = RESULTS_OTHER[int(rng.integers(len(RESULTS_OTHER)))]
    block.text["d14_results_other"] = other
    return theme


def _records(
    q: Questionnaire,
    resp: pd.DataFrame,
    single: Mapping[str, np.ndarray],
    items: np.ndarray,
    names: list[str],
    inn: np.ndarray,
    block: Innovators,
    label: str = WAVE_LABEL,
) -> list[Record]:
    """One Record per respondent, answering only what the respondent is shown (and asked:
    items the questionnaire does not hold are left out)."""
    held = {item.name for item in q.items()}
    row_of = {int(i): r for r, i in enumerate(inn)}
    order = {
        item: q.item(item).choice_list.names()  # type: ignore[union-attr]
        for item in block.multi
    }
    records = []
    for i, org in enumerate(resp.itertuples(index=False)):
        answers: dict[str, Any] = {item: values[i] for item, values in single.items()}
        for j, name in enumerate(names):
            v = int(items[i, j])
            answers[name] = "dont_know" if v < 0 else _AGREE[v]
        r = row_of.get(i)
        if r is not None:
            for item, values in block.single.items():
                if values[r] is not None:
                    answers[item] = values[r]
            for item, opts in block.multi.items():
                chosen = [o for o in order[item] if o in opts and opts[o][r]]
                if chosen:
                    answers[item] = chosen
            for item, values in block.text.items():
                if values[r]:
                    answers[item] = values[r]
        records.append(
            Record(
                org_id=str(org.org_id),
                answers={k: v for k, v in answers.items() if k in held},
                sector=str(org.sector),
                cluster=str(org.cluster),
                wave=label,
            )
        )
    return records


_AGREE = {1: "strongly_disagree", 2: "disagree", 3: "neutral", 4: "agree", 5: "strongly_agree"}
