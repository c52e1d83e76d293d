"""Claims of ``ibo2021-published.yaml``: study, Tabel 1-2, Figures 1-13 and 23-25 (see
``calibrate``)."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import pandas as pd

from barometer.dataset.synthetic.calibrate_base import (
    Checks,
    Data,
    base_of,
    cluster_code,
    fmt,
    sector_code,
)


# --------------------------------------------------------------------------- study, tables
def study(c: Checks, x: Data, ref: Mapping[str, Any], frame: pd.DataFrame | None) -> None:
    s = ref["study"]
    if frame is not None:
        c.num("study.invited", float(len(frame)), s["invited"], "exact", base="frame")
    c.num("study.completed", float(x.n_all), s["completed"], "exact", base="responses")
    c.num("study.innovated", float(x.n_inn), s["innovated"], "exact", base=base_of(x, False)[1])
    if frame is not None:
        c.num(
            "study.response_rate", 100 * x.n_all / len(frame), s["response_rate"], "exact",
            decimals=1, base="frame",
            note="Tabel 1 prints 26.6 %; the text's 'bijna 27' / '27' is the same number rounded",
            inconsistent=True,
        )  # fmt: skip
    for sec in ref["sectors"]:
        code = sector_code(sec["name"])
        if frame is not None:
            n_inv = int((frame["sector"] == code).sum())
            c.num(f"sectors.{code}.invited", float(n_inv), sec["invited"], "exact", base="frame")
        n_resp = int((x.d["sector"] == code).sum())
        c.num(
            f"sectors.{code}.completed", float(n_resp), sec["completed"], "exact", base="responses"
        )
    zbo_note = (
        "Tabel 1 counts 36 Zbo's, Tabel 2 34: two organisations of sector zbo are clustered "
        "thematically elsewhere (Cultuur)"
    )
    for name, k in ref["clusters"].items():
        code = cluster_code(name)
        n_resp = int((x.d["cluster"] == code).sum())
        zbo = code in ("zbo", "cultuur")
        c.num(
            f"clusters.{code}.completed", float(n_resp), k, "exact", base="responses",
            note=zbo_note if zbo else "", inconsistent=zbo,
        )  # fmt: skip


# --------------------------------------------------------------------------- figures 1-6
def innovation(c: Checks, x: Data, ref: Mapping[str, Any]) -> None:
    f = ref["figures"]
    all_, all_label = base_of(x, False)
    inn, inn_label = base_of(x, True)
    v = f["fig01_innovated_share"]["values"]["NL"]
    c.num(
        "fig01_innovated_share.NL", x.pct(x.innov, all_), v["value"], v["wording"], base=all_label
    )
    for t, spec in f["fig02_innovation_types"]["values"]["NL"].items():
        share = x.pct(x.yes(f"d2_type_{t}"), inn)
        c.num(
            f"fig02_innovation_types.NL.{t}", share, spec["value"], spec["wording"], base=inn_label
        )
    spec3 = f["fig03_innovation_spectrum"]["values"]["NL"]
    note3 = "the report labels Figuur 3 n=366; the spectrum exists only for innovators (n=313)"
    c.num(
        "fig03_innovation_spectrum.NL.one_type", x.pct(x.spectrum == 1, inn),
        spec3["one_type"]["value"], spec3["one_type"]["wording"], base=inn_label, note=note3,
        inconsistent=True,
    )  # fmt: skip
    c.num(
        "fig03_innovation_spectrum.NL.two_to_four_types", x.pct(x.spectrum >= 2, inn),
        spec3["two_to_four_types"]["value"], spec3["two_to_four_types"]["wording"],
        base=inn_label, note=note3, inconsistent=True,
    )  # fmt: skip
    origin = {"inspired_adapted": "adapted", "mainly_copy": "copy", "own_development": "own"}
    for key, spec in f["fig04_origin"]["values"]["NL"].items():
        share = x.pct(x.is_("d3_origin", origin[key]), inn)
        c.num(f"fig04_origin.NL.{key}", share, spec["value"], spec["wording"], base=inn_label)
    tech = {
        "important_part": ("important",),
        "entirely_technology": ("entirely",),
        "small_part_or_none": ("small", "none"),
    }
    for key, spec in f["fig05_technology_share"]["values"]["NL"].items():
        share = x.pct(x.is_("d4_tech_share", *tech[key]), inn)
        c.num(
            f"fig05_technology_share.NL.{key}",
            share,
            spec["value"],
            spec["wording"],
            base=inn_label,
        )
    users = inn & ~x.is_("d4_tech_share", "none")
    thirds = {
        k: x.pct(x.is_("d5_tech_new", k), users) for k in ("entirely_new", "new_way", "not_new")
    }
    c.order(
        "fig06_technology_new.NL", "each of the three about a third (33.3 +- 3)",
        all(abs(v - 100 / 3) <= 3 for v in thirds.values()), fmt(thirds),
        base=f"innovators who used technology (n={int(users.sum())})",
    )  # fmt: skip


# --------------------------------------------------------------------------- figures 7-13
INITIATIVE = {
    "employees": "employees", "managers": "managers", "new_technology": "technology",
    "innovations_other_public_orgs": "other_public", "political_environment": "political",
    "citizens_clients": "citizens", "reorganisation": "reorganisation",
    "legislation": "legislation", "economic_pressure": "economic",
    "foreign_innovations": "abroad", "private_companies": "private",
}  # fmt: skip
ORDER_WORDS = {"small": 10.0, "rare": 5.0, "limited": 10.0}  # "small" = under 10 %, ...
COLLAB = {
    "private_companies": "private", "public_same_sector": "public_same",
    "public_other_sector": "public_other", "foreign_partners": "foreign",
    "volunteer_organisations": "volunteers", "none": "none",
}  # fmt: skip
FACTORS = {
    "employees' contribution": ("employees",),
    "variation in knowledge and skills in teams": ("skills",),
    "collaboration within the organisation": ("collab_internal",),
    "collaboration with other organisations (private and public)": ("collab_private", "collab_public"),
    "availability of new technology": ("technology",),
    "political and/or administrative leadership": ("political",),
    "limited financial resources": ("finance",),
    "legislation and regulation": ("legislation",),
    "strong focus on continuity of operations": ("continuity",),
    "volunteers and their organisations": ("volunteers",),
    "umbrella organisations and funds": ("umbrella",),
    "innovation stimulators in the system": ("stimulators",),
    "research institutions": ("research",),
}  # fmt: skip


def _multi_claims(
    c: Checks, x: Data, fig: str, values: Mapping[str, Any], item: str, names: Mapping[str, str]
) -> None:
    inn, inn_label = base_of(x, True)
    for key, spec in values.items():
        if key not in names:
            continue
        share = x.pct(x.picked(item, names[key]), inn)
        if "value" in spec:
            c.num(f"{fig}.NL.{key}", share, spec["value"], spec["wording"], base=inn_label)
        else:
            word = spec["order"]
            c.order(
                f"{fig}.NL.{key}", f"'{word}': under {ORDER_WORDS[word]:g} %",
                share < ORDER_WORDS[word], f"{share:.1f}", base=inn_label,
            )  # fmt: skip


def process(c: Checks, x: Data, ref: Mapping[str, Any]) -> None:
    f = ref["figures"]
    inn, inn_label = base_of(x, True)
    _multi_claims(
        c, x, "fig07_initiative", f["fig07_initiative"]["values"]["NL"], "d6_initiative", INITIATIVE
    )
    channels = {ch: x.pct(x.picked("d7_channels", ch), inn) for ch in _choices(x, "d7_channels")}
    top4 = sorted(channels, key=lambda k: -channels[k])[:4]
    own = {"employee_networks", "manager_networks"}
    c.order(
        "fig08_knowledge_channels.NL",
        "own staff's networks the two most named, then conferences/courses and visits",
        set(top4[:2]) == own and set(top4[2:]) == {"conferences", "visits"},
        fmt({k: channels[k] for k in top4}), base=inn_label,
    )  # fmt: skip
    _multi_claims(
        c, x, "fig09_collaboration", f["fig09_collaboration"]["values"]["NL"], "d8_collab", COLLAB
    )
    collab = x.col("d9_collab_phases__analysis") >= 0
    ph = {
        p: x.pct(x.picked("d9_collab_phases", p), collab) for p in _choices(x, "d9_collab_phases")
    }
    c.order(
        "fig09_collaboration.phases.most_in_development_and_implementation",
        "development and implementation above analysis and delivery",
        min(ph["development"], ph["implementation"]) > max(ph["analysis"], ph["delivery"]),
        fmt(ph), base=f"innovators who collaborated (n={int(collab.sum())})",
    )  # fmt: skip
    broad, narrow = collab & (x.spectrum >= 3), collab & (x.spectrum <= 2)
    edge = {
        f"{p} {lab}": x.pct(x.picked("d9_collab_phases", p), b)
        for p in ("analysis", "delivery")
        for lab, b in (("broad", broad), ("narrow", narrow))
    }
    c.order(
        "fig09_collaboration.phases.broader_spectrum_more_analysis_and_delivery",
        "analysis and delivery phases more often with spectrum 3-4 than 1-2",
        edge["analysis broad"] > edge["analysis narrow"] and edge["delivery broad"] > edge["delivery narrow"],
        fmt(edge), base="innovators who collaborated",
    )  # fmt: skip
    v10 = f["fig10_dissemination"]["values"]["NL"]
    c.num(
        "fig10_dissemination.NL",
        x.pct(x.yes("d10_dissemination"), inn),
        v10["value"],
        v10["wording"],
        base=inn_label,
    )
    own_b = f["fig11_financing"]["values"]["NL"]["own_budget"]
    c.num(
        "fig11_financing.NL.own_budget", x.pct(x.picked("d11_financing", "own_budget"), inn),
        own_b["value"], own_b["wording"], base=inn_label,
    )  # fmt: skip
    fin = {ch: x.pct(x.picked("d11_financing", ch), inn) for ch in _choices(x, "d11_financing")}
    rest = sorted((k for k in fin if k != "own_budget"), key=lambda k: -fin[k])
    c.order(
        "fig11_financing.NL.other_sources",
        "partners, sector funds and national schemes the other sources named most",
        set(rest[:3]) == {"partners", "sector_funds", "national"}, fmt(fin), base=inn_label,
    )  # fmt: skip
    funds = x.picked("d11_financing", "national") | x.picked("d11_financing", "sector_funds")
    by_size = {s: x.pct(funds, inn & x.is_("a1_size", s)) for s in ("lt100", "100_249", "500plus")}
    c.order(
        "fig11_financing.by_size", "national or sector funds: 500+ above 100-249 and <100",
        by_size["500plus"] > max(by_size["100_249"], by_size["lt100"]), fmt(by_size),
        base=inn_label,
    )  # fmt: skip
    strategy = {"together_process": "together", "spotlight": "spotlight",
                "under_the_radar": "under_radar", "expert_group": "expert_group"}  # fmt: skip
    for key, spec in f["fig12_strategy"]["values"]["NL"].items():
        share = x.pct(x.is_("d12_strategy", strategy[key]), inn)
        c.num(f"fig12_strategy.NL.{key}", share, spec["value"], spec["wording"], base=inn_label)
    kinds = {
        "mostly_promoting": ("promoting", "strongly_promoting"),
        "mostly_hindering": ("hindering", "strongly_hindering"),
        "mostly_neutral": ("neutral",),
    }
    for kind, names in f["fig13_factors"]["values"]["NL"].items():
        for name in names:
            for factor in FACTORS[name]:
                item = f"d13_factor_{factor}"
                shares = {k: x.pct(x.is_(item, *v), inn) for k, v in kinds.items()}
                c.order(
                    f"fig13_factors.NL.{kind}.{factor}", f"'{kind.split('_')[1]}' is the largest",
                    max(shares, key=lambda k: shares[k]) == kind, fmt(shares), base=inn_label,
                )  # fmt: skip


def _choices(x: Data, item: str) -> list[str]:
    cl = x.q.item(item).choice_list
    assert cl is not None
    return [ch.name for ch in cl.choices if ch.code > 0]


# --------------------------------------------------------------------------- 23-25, texts
def background(c: Checks, x: Data, ref: Mapping[str, Any]) -> None:
    f = ref["figures"]
    all_, label = base_of(x, False)
    v23 = f["fig23_pandemic_production"]["values"]["NL"]
    less = float(v23["less_or_much_less"]["value"])
    rest = 100 - less
    same, more = float(v23["unchanged"]["value"]), float(v23["more_or_much_more"]["value"])
    reading = {
        "less_or_much_less": (("much_less", "less"), less, "exact"),
        "unchanged": (("unchanged",), round(same * rest / (same + more), 1), "circa"),
        "more_or_much_more": (
            ("more", "much_more"),
            round(more * rest / (same + more), 1),
            "circa",
        ),
    }
    note23 = (
        "printed 45 + 35 + 28 = 108 %; we keep 'less' at 45 and rescale the other two to the "
        f"remaining {rest:g} % in the printed ratio 35:28 (30.6 and 24.4)"
    )
    for key, (codes, value, wording) in reading.items():
        c.num(
            f"fig23_pandemic_production.NL.{key}", x.pct(x.is_("b1_production", *codes), all_),
            value, wording, base=label, note=note23, inconsistent=True,
        )  # fmt: skip
    for key, spec in f["fig24_telework_share"]["values"]["NL"].items():
        assert key.startswith("75-100%"), key
        share = x.pct(x.is_("b2_homework_share", "p75_100"), all_)
        c.num(f"fig24_telework_share.NL.{key}", share, spec["value"], spec["wording"], base=label)
    fac = {"available_before": "already", "newly_introduced": "new", "improved": "improved"}
    for key, spec in f["fig25_telework_facilities"]["values"]["NL"].items():
        share = x.pct(x.is_("b3_homework_facilities", fac[key]), all_)
        c.num(
            f"fig25_telework_facilities.NL.{key}", share, spec["value"], spec["wording"], base=label
        )
    text = x.d.loc[x.innov, "d1_description"].str.lower()
    vocab = {
        "Digitaal & Data": r"digita|data|dashboard|app\b|portaal|systeem|algoritm",
        "Thuiswerken & Overleg": r"thuiswerk|overleg|zoom|skype|webex|teams|videobel|vergader",
    }
    hits = {k: 100 * float(text.str.contains(v, regex=True).mean()) for k, v in vocab.items()}
    c.order(
        "text_mining.clusters", "both concept clusters in at least 20 % of the descriptions",
        all(v >= 20 for v in hits.values()) and not math.isnan(sum(hits.values())), fmt(hits),
        base=f"descriptions of innovators (n={len(text)})",
        note="keyword stand-in for the report's concept clustering",
    )  # fmt: skip
