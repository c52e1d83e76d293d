"""Exact-count allocation for the synthetic wave: random, but with the counts fixed.

The demo wave must print the 2021 report's numbers for its default seed, so many answers
are allocated with an exact count instead of drawn independently. Every helper here is a
"rank with noise": each row gets a key (its propensity plus random noise) and the top ``k``
keys get the answer. With Gumbel noise on log-weights this is sampling without replacement
in proportion to the weights; with logistic noise on a linear predictor it is a logistic
model whose intercept is set so that exactly ``k`` rows score 1.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np


def gumbel_keys(rng: np.random.Generator, logw: np.ndarray) -> np.ndarray:
    """Log-weights plus standard Gumbel noise (top-k of these = weighted sampling)."""
    return np.asarray(logw, dtype=float) + rng.gumbel(size=np.shape(logw))


def top_k(keys: np.ndarray, k: int, eligible: np.ndarray | None = None) -> np.ndarray:
    """Boolean mask of the ``k`` largest keys among the eligible rows (ties by position)."""
    keys = np.asarray(keys, dtype=float)
    pool = np.arange(len(keys)) if eligible is None else np.flatnonzero(eligible)
    if k > len(pool):
        raise ValueError(f"cannot choose {k} of {len(pool)} rows")
    order = pool[np.lexsort((pool, -keys[pool]))]
    mask = np.zeros(len(keys), dtype=bool)
    mask[order[:k]] = True
    return mask


def logistic_top_k(rng: np.random.Generator, eta: np.ndarray, k: int) -> np.ndarray:
    """Exactly ``k`` ones from the logistic model ``eta`` (intercept absorbed by ``k``).

    Returns the 0/1 mask and keeps the keys' order meaningful: the rows chosen are those with
    the largest ``eta + e``, ``e`` standard logistic.
    """
    return top_k(np.asarray(eta, dtype=float) + rng.logistic(size=len(eta)), k)


def ranked_categories(
    keys: np.ndarray, counts: Mapping[str, int], order: Sequence[str]
) -> np.ndarray:
    """Give the rows with the lowest keys ``order[0]``, the next ``order[1]``, and so on.

    ``counts`` must add up to the number of rows.
    """
    n = len(keys)
    if sum(counts[c] for c in order) != n:
        raise ValueError(f"counts add up to {sum(counts.values())}, not {n}")
    idx = np.lexsort((np.arange(n), np.asarray(keys, dtype=float)))
    out = np.empty(n, dtype=object)
    start = 0
    for cat in order:
        out[idx[start : start + counts[cat]]] = cat
        start += counts[cat]
    return out


def shuffled_categories(rng: np.random.Generator, counts: Mapping[str, int]) -> np.ndarray:
    """Exactly ``counts[c]`` rows of each category, in random order."""
    values = np.array([c for c, k in counts.items() for _ in range(k)], dtype=object)
    return rng.permutation(values)


def weighted_categories(
    rng: np.random.Generator, counts: Mapping[str, int], logw: Mapping[str, np.ndarray]
) -> np.ndarray:
    """Exact counts per category; category ``c`` goes preferably to rows with high ``logw[c]``.

    Categories are filled one after another (in the order of ``counts``) among the rows still
    free; the last category takes the rest. Categories without a weight are uniform.
    """
    n = sum(counts.values())
    out = np.empty(n, dtype=object)
    free = np.ones(n, dtype=bool)
    cats = list(counts)
    for cat in cats[:-1]:
        w = logw.get(cat, np.zeros(n))
        chosen = top_k(gumbel_keys(rng, w), counts[cat], free)
        out[chosen] = cat
        free &= ~chosen
    out[free] = cats[-1]
    return out


def multi_select(
    rng: np.random.Generator,
    n: int,
    counts: Mapping[str, int],
    logw: Mapping[str, np.ndarray] | None = None,
    *,
    max_per_row: int | None = None,
    exclusive: Sequence[str] = (),
    min_per_row: int = 1,
) -> dict[str, np.ndarray]:
    """Exact counts per option of a multi-select question, with per-row limits.

    Each option ``o`` is chosen in exactly ``counts[o]`` rows, preferably where
    ``logw[o]`` is high. Exclusive options (such as "none") are placed first and their rows
    get nothing else. Every other row ends with at least ``min_per_row`` and at most
    ``max_per_row`` options: rows left empty take an option from a row that has two or more.
    """
    logw = logw or {}
    sel = {o: np.zeros(n, dtype=bool) for o in counts}
    locked = np.zeros(n, dtype=bool)
    for o in exclusive:
        chosen = top_k(gumbel_keys(rng, logw.get(o, np.zeros(n))), counts[o], ~locked)
        sel[o] = chosen
        locked |= chosen
    others = sorted((o for o in counts if o not in exclusive), key=lambda o: -counts[o])
    per_row = np.zeros(n, dtype=int)
    for o in others:
        eligible = ~locked
        if max_per_row is not None:
            eligible &= per_row < max_per_row
        chosen = top_k(gumbel_keys(rng, logw.get(o, np.zeros(n))), counts[o], eligible)
        sel[o] = chosen
        per_row += chosen
    if min_per_row:
        _fill_empty_rows(rng, sel, others, per_row, locked, logw, min_per_row)
    return sel


def _fill_empty_rows(
    rng: np.random.Generator,
    sel: dict[str, np.ndarray],
    options: Sequence[str],
    per_row: np.ndarray,
    locked: np.ndarray,
    logw: Mapping[str, np.ndarray],
    min_per_row: int,
) -> None:
    n = len(per_row)
    for row in np.flatnonzero(~locked & (per_row < min_per_row)):
        while per_row[row] < min_per_row:
            # options this row lacks that some other row can spare
            candidates = []
            for o in options:
                if sel[o][row]:
                    continue
                donors = np.flatnonzero(sel[o] & (per_row > min_per_row))
                if len(donors):
                    score = float(logw.get(o, np.zeros(n))[row]) + float(rng.gumbel())
                    candidates.append((score, o, donors))
            if not candidates:
                raise ValueError("cannot give every row an answer with these counts")
            _, o, donors = max(candidates, key=lambda c: c[0])
            donor = int(rng.choice(donors))
            sel[o][donor] = False
            sel[o][row] = True
            per_row[donor] -= 1
            per_row[row] += 1


def balance_marginals(
    rng: np.random.Generator, sel: dict[str, np.ndarray], targets: Mapping[str, int]
) -> None:
    """Swap options within rows until every option is chosen ``targets[o]`` times.

    Row totals stay the same: a row that has an over-represented option and lacks an
    under-represented one trades the first for the second. Targets must add up to the
    current total number of selections.
    """
    for _ in range(10_000):
        over = [o for o in targets if sel[o].sum() > targets[o]]
        under = [o for o in targets if sel[o].sum() < targets[o]]
        if not over:
            return
        a, b = over[0], under[0]
        rows = np.flatnonzero(sel[a] & ~sel[b])
        if not len(rows):
            # try any other under-represented option
            for b in under[1:]:
                rows = np.flatnonzero(sel[a] & ~sel[b])
                if len(rows):
                    break
            else:
                raise ValueError(f"cannot move '{a}' to an under-represented option")
        row = int(rng.choice(rows))
        sel[a][row] = False
        sel[b][row] = True
    raise ValueError("marginals did not balance")
