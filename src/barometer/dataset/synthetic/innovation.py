"""The "most recent innovation" block of the demo wave: what innovators answer in section d.

Everything here concerns the organisations that innovated (313 for the default
configuration). Counts come from ``demo.yaml`` ``counts`` and are allocated exactly; the
latent climate ``theta`` decides who gets which answer where the report says the climate
matters (spectrum, initiative by managers, dissemination, the factors).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from barometer.dataset.synthetic.allocate import (
    balance_marginals,
    gumbel_keys,
    multi_select,
    ranked_categories,
    shuffled_categories,
    top_k,
    weighted_categories,
)

TYPES = ("product", "service", "process", "interaction")
SIZE_RANK = {"lt100": 0, "100_249": 1, "250_499": 2, "500plus": 3}
FACTOR_LEVELS = ("strongly_hindering", "hindering", "neutral", "promoting", "strongly_promoting")

DISSEMINATION_HOW = (
    "Via een webinar voor collega-organisaties.",
    "Presentatie op een landelijk congres.",
    "Artikel in een vakblad en op LinkedIn.",
    "Nieuwsbrief en een kennissessie in de regio.",
    "Werkbezoeken van andere gemeenten ontvangen.",
    "Via het netwerk van de koepelorganisatie.",
    "Handleiding en broncode gedeeld op onze website.",
    "Demonstraties en workshops voor geïnteresseerden.",
    "In het regionale overleg toegelicht.",
    "blog en podcast",
    "Via intervisie met andere uitvoeringsorganisaties.",
    "Open dag voor andere organisaties in de sector.",
)
RESULTS_OTHER = (
    "Meer transparantie naar inwoners.",
    "De dienstverlening kon tijdens de lockdown doorgaan.",
    "Continuïteit van de dienstverlening tijdens corona.",
    "Nog te vroeg om resultaten te meten.",
    "Betere samenwerking met ketenpartners.",
    "Minder papier en minder reistijd.",
    "Meer zicht op de kwaliteit van onze gegevens.",
    "Grotere transparantie van besluitvorming.",
)


@dataclass
class Innovators:
    """Answers of the innovators, one array (or dict of arrays) per item, in row order."""

    n: int
    single: dict[str, np.ndarray] = field(default_factory=dict)  # item -> choice name or None
    multi: dict[str, dict[str, np.ndarray]] = field(default_factory=dict)  # item -> choice -> 0/1
    text: dict[str, np.ndarray] = field(default_factory=dict)
    spectrum: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=int))
    factor_keys: dict[str, np.ndarray] = field(default_factory=dict)


def draw_innovation(
    rng: np.random.Generator,
    theta: np.ndarray,
    size: np.ndarray,
    counts: Mapping[str, Any],
    latent: Mapping[str, Any],
) -> Innovators:
    """Sections c2 and d1-d13 for innovators with latent climate ``theta``."""
    m = len(theta)
    out = Innovators(m)
    out.single["c2_count"] = ranked_categories(
        latent["count"] * theta + rng.logistic(size=m),
        counts["c2_count"],
        ["n1", "n2_4", "n5_9", "n10plus"],
    )
    _types(rng, theta, counts, latent, out)
    # strong climates develop their own innovations and pure technology a little more often
    lean = latent["lean"]
    out.single["d3_origin"] = weighted_categories(
        rng, counts["d3_origin"], {"own": lean["origin_own"] * theta}
    )
    out.single["d4_tech_share"] = weighted_categories(
        rng, counts["d4_tech_share"], {"entirely": lean["tech_entirely"] * theta}
    )
    out.single["d12_strategy"] = shuffled_categories(rng, counts["d12_strategy"])
    tech = out.single["d4_tech_share"] != "none"
    technew = np.full(m, None, dtype=object)
    technew[tech] = shuffled_categories(rng, counts["d5_tech_new"])
    out.single["d5_tech_new"] = technew
    slopes = latent["initiative"]
    out.multi["d6_initiative"] = multi_select(
        rng,
        m,
        counts["d6_initiative"],
        {o: float(s) * theta for o, s in slopes.items()},
        max_per_row=3,
    )
    out.multi["d7_channels"] = multi_select(rng, m, counts["d7_channels"])
    out.multi["d8_collab"] = multi_select(rng, m, counts["d8_collab"], exclusive=("none",))
    _phases(rng, out)
    yes = top_k(
        latent["dissemination"] * theta + rng.logistic(size=m), counts["d10_dissemination"]["yes"]
    )
    out.single["d10_dissemination"] = np.where(yes, "yes", "no").astype(object)
    rank = np.array([SIZE_RANK[s] for s in size], dtype=float) - 1.5
    fin = latent["financing_500plus"]
    out.multi["d11_financing"] = multi_select(
        rng,
        m,
        counts["d11_financing"],
        {o: float(s) * rank / 1.5 for o, s in fin.items()},
        exclusive=("none_needed",),
    )
    _factors(rng, theta, latent["factors"], out)
    return out


def _types(
    rng: np.random.Generator,
    theta: np.ndarray,
    counts: Mapping[str, Any],
    latent: Mapping[str, Any],
    out: Innovators,
) -> None:
    m = len(theta)
    spec = {str(k): int(v) for k, v in counts["spectrum"].items()}
    k = ranked_categories(
        latent["spectrum"] * theta + rng.logistic(size=m), spec, ["1", "2", "3", "4"]
    ).astype(int)
    targets = {t: int(counts["types"][t]) for t in TYPES}
    logw = np.log(np.array([targets[t] / m for t in TYPES]))
    sel = {t: np.zeros(m, dtype=bool) for t in TYPES}
    for i in range(m):
        chosen = np.argsort(-gumbel_keys(rng, logw))[: k[i]]
        for j in chosen:
            sel[TYPES[j]][i] = True
    balance_marginals(rng, sel, targets)
    out.spectrum = k
    for t in TYPES:
        answer = np.where(sel[t], "yes", "no").astype(object)
        dk = (~sel[t]) & (rng.random(m) < 0.03)
        answer[dk] = "dont_know"
        out.single[f"d2_type_{t}"] = answer


def _phases(rng: np.random.Generator, out: Innovators) -> None:
    """Phases of collaboration; broader spectrum -> more in the analysis and delivery phase."""
    m = out.n
    collab = ~out.multi["d8_collab"]["none"]
    breadth = out.spectrum - 1
    p = {
        "analysis": 0.28 + 0.09 * breadth,
        "development": np.full(m, 0.72),
        "implementation": np.full(m, 0.76),
        "delivery": 0.16 + 0.08 * breadth,
    }
    phases = {ph: (rng.random(m) < pr) & collab for ph, pr in p.items()}
    empty = collab & ~np.any(np.column_stack(list(phases.values())), axis=1)
    phases["implementation"] |= empty
    out.multi["d9_collab_phases"] = phases


def _factors(
    rng: np.random.Generator, theta: np.ndarray, spec: Mapping[str, Any], out: Innovators
) -> None:
    """Ordered logit per factor: hindering / neutral / promoting shifted by ``slope * theta``."""
    m = len(theta)
    for name, f in spec.items():
        p = np.asarray(f["p"], dtype=float)
        hind, neut = p[0] / p[:3].sum(), p[1] / p[:3].sum()
        c1 = np.log(hind / (1 - hind))
        c2 = np.log((hind + neut) / (1 - hind - neut))
        key = float(f["slope"]) * theta + rng.logistic(size=m)
        cat = np.where(key < c1, 0, np.where(key < c2, 1, 2))
        strong = rng.random(m)
        level = np.where(
            cat == 0,
            np.where(strong < 0.25, 0, 1),
            np.where(cat == 1, 2, np.where(strong < 0.30, 4, 3)),
        )
        answer = np.array([FACTOR_LEVELS[v] for v in level], dtype=object)
        answer[rng.random(m) < p[3]] = "dont_know"
        out.single[f"d13_factor_{name}"] = answer
        out.factor_keys[name] = key


def promoting(answer: np.ndarray) -> np.ndarray:
    """1 where a factor answer is (strongly) promoting."""
    return np.isin(answer, ("promoting", "strongly_promoting")).astype(int)


def set_promoting(answer: np.ndarray, y: np.ndarray) -> None:
    """Write a repaired 0/1 'promoting' vector back into factor answers (in place)."""
    now = promoting(answer).astype(bool)
    answer[(y == 1) & ~now] = "promoting"
    answer[(y == 0) & now] = "neutral"
