"""The latent innovation climate and the 15 climate statements of the demo wave.

Each organisation has a latent climate ``theta``; the statements are ordinal-probit
indicators of it (``demo.yaml`` ``climate.items``). After drawing, a few deterministic
repairs pin what the report prints exactly, always by the smallest change:

1. the best and the worst Gemeenschappelijke regeling get the printed extremes
   (almost 5 and exactly 2.25), and no other GR passes them;
2. "(strongly) agree" counts of the statements Figuur 15 quotes are set by moving one
   answer across 3|4 and compensating with a *neutral* move (4<->5, 1<->2, 2<->3) in the
   same organisation, so the climate score does not change;
3. the three climate groups get their exact sizes by neutral moves of the organisations
   nearest a cut-off, so no statement's agree count changes.

The climate score here is the mean of the 13 kept statements (``don't know`` left out),
which is also what :mod:`barometer.dataset.synthetic.calibrate` computes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from scipy.stats import norm

from barometer.questionnaire.model import DONT_KNOW

UP = {4: 5, 1: 2, 2: 3}  # moves that change no answer's agree/not-agree status
DOWN = {5: 4, 3: 2, 2: 1}
EPS = 1e-9


def draw_theta(
    rng: np.random.Generator,
    sectors: Sequence[str],
    clusters: Sequence[str],
    cfg: Mapping[str, Any],
) -> np.ndarray:
    """Latent climate: N(0, 1) centred within each cluster, plus sector and cluster effects."""
    sectors_a = np.asarray(sectors, dtype=object)
    clusters_a = np.asarray(clusters, dtype=object)
    z = rng.standard_normal(len(sectors_a))
    for c in dict.fromkeys(clusters_a):
        idx = clusters_a == c
        if idx.sum() > 1:
            z[idx] -= z[idx].mean()
    z /= z.std()
    s_eff = cfg["sector_effects"]
    c_eff = cfg["cluster_effects"]
    shift = np.array(
        [s_eff.get(s, 0.0) + c_eff.get(c, 0.0) for s, c in zip(sectors_a, clusters_a, strict=True)]
    )
    return np.asarray(z + shift, dtype=float)


def draw_items(rng: np.random.Generator, theta: np.ndarray, cfg: Mapping[str, Any]) -> np.ndarray:
    """Answers (1-5, -8 for don't know) to the statements, one column per item in order."""
    items = cfg["items"]
    out = np.zeros((len(theta), len(items)), dtype=int)
    for j, spec in enumerate(items.values()):
        lam = float(spec["loading"])
        p = np.asarray(spec["p"], dtype=float)
        cuts = norm.ppf(np.cumsum(p / p.sum())[:-1])
        y = lam * theta + np.sqrt(1 - lam**2) * rng.standard_normal(len(theta))
        col = 1 + np.searchsorted(cuts, y)
        col[rng.random(len(theta)) < float(spec["dk"])] = DONT_KNOW
        out[:, j] = col
    return out


def scores(values: np.ndarray, kept: Sequence[int]) -> np.ndarray:
    """Mean of the kept items per row, don't know left out (NaN if none answered)."""
    sub = values[:, list(kept)].astype(float)
    sub[sub < 1] = np.nan
    with np.errstate(invalid="ignore"):
        return np.asarray(np.nanmean(sub, axis=1) if sub.size else sub, dtype=float)


def groups_of(score: np.ndarray, cuts: Sequence[float]) -> np.ndarray:
    """``strong`` above cuts[1], ``limited`` below cuts[0], ``medium`` between (inclusive)."""
    lo, hi = float(cuts[0]), float(cuts[1])
    out = np.full(len(score), "medium", dtype=object)
    out[score > hi + EPS] = "strong"
    out[score < lo - EPS] = "limited"
    return out


def _neutral_move(
    rng: np.random.Generator, row: np.ndarray, kept: Sequence[int], up: bool, skip: int = -1
) -> bool:
    moves = UP if up else DOWN
    options = [k for k in kept if k != skip and int(row[k]) in moves]
    if not options:
        return False
    k = int(options[int(rng.integers(len(options)))])
    row[k] = moves[int(row[k])]
    return True


def set_gr_extremes(
    rng: np.random.Generator,
    values: np.ndarray,
    theta: np.ndarray,
    is_gr: np.ndarray,
    kept: Sequence[int],
    names: Sequence[str],
    cfg: Mapping[str, Any],
) -> tuple[int, int]:
    """Give the worst and best GR the printed extremes; keep every other GR between them."""
    gr = np.flatnonzero(is_gr)
    i_min = int(gr[np.argmin(theta[gr])])
    i_max = int(gr[np.argmax(theta[gr])])
    low = cfg["gr_min"]
    dk_col = list(names).index(low["dont_know"])
    answered = [k for k in kept if k != dk_col]
    values[i_min, dk_col] = DONT_KNOW
    values[i_min, answered] = rng.permutation(np.asarray(low["answers"], dtype=int))
    high = np.asarray(cfg["gr_max"]["answers"], dtype=int)
    values[i_max, list(kept)] = rng.permutation(high)
    s = scores(values, kept)
    s_min, s_max = s[i_min], s[i_max]
    for i in gr:
        if i in (i_min, i_max):
            continue
        while scores(values[i : i + 1], kept)[0] <= s_min + EPS:
            if not _neutral_move(rng, values[i], kept, up=True):
                break
        while scores(values[i : i + 1], kept)[0] >= s_max - EPS:
            if not _neutral_move(rng, values[i], kept, up=False):
                break
    return i_min, i_max


def repair_agree(
    rng: np.random.Generator,
    values: np.ndarray,
    targets: Mapping[int, int],
    kept: Sequence[int],
    protected: Sequence[int] = (),
) -> None:
    """Set the number of 4/5 answers of item ``j`` to ``targets[j]``, scores unchanged."""
    free = np.ones(len(values), dtype=bool)
    free[list(protected)] = False
    for j, target in targets.items():
        for _ in range(len(values)):
            agree = int(np.isin(values[:, j], (4, 5)).sum())
            if agree == target:
                break
            down = agree > target  # this item moves 4 -> 3, another item moves up
            src = 4 if down else 3
            moves = UP if down else DOWN
            rows = [
                i
                for i in np.flatnonzero(free & (values[:, j] == src))
                if any(k != j and int(values[i, k]) in moves for k in kept)
            ]
            if not rows:
                raise ValueError(f"cannot reach {target} agree answers for item {j}")
            i = int(rows[int(rng.integers(len(rows)))])
            values[i, j] = 3 if down else 4
            _neutral_move(rng, values[i], kept, up=down, skip=j)


def repair_groups(
    rng: np.random.Generator,
    values: np.ndarray,
    kept: Sequence[int],
    targets: Mapping[str, int],
    cuts: Sequence[float],
    protected: Sequence[int] = (),
) -> None:
    """Move the organisations nearest a cut-off across it until the groups have their sizes."""
    lo, hi = float(cuts[0]), float(cuts[1])
    free = np.ones(len(values), dtype=bool)
    free[list(protected)] = False

    def shift(pool: str, n_move: int, up: bool, done: Any) -> None:
        s = scores(values, kept)
        g = groups_of(s, cuts)
        rows = np.flatnonzero(free & (g == pool))
        rows = rows[np.argsort(-s[rows] if up else s[rows], kind="stable")]
        moved = 0
        for i in rows:
            if moved == n_move:
                break
            trial = values[i].copy()
            while not done(scores(trial[None, :], kept)[0]):
                if not _neutral_move(rng, trial, kept, up=up):
                    break
            if done(scores(trial[None, :], kept)[0]):
                values[i] = trial
                moved += 1
        if moved < n_move:
            raise ValueError(f"could not move {n_move} organisations out of '{pool}'")

    g = groups_of(scores(values, kept), cuts)
    f1 = int((g == "limited").sum()) - int(targets["limited"])
    if f1 > 0:
        shift("limited", f1, True, lambda x: x >= lo - EPS)
    elif f1 < 0:
        shift("medium", -f1, False, lambda x: x < lo - EPS)
    g = groups_of(scores(values, kept), cuts)
    f2 = int((g == "strong").sum()) - int(targets["strong"])
    if f2 > 0:
        shift("strong", f2, False, lambda x: x <= hi + EPS)
    elif f2 < 0:
        shift("medium", -f2, True, lambda x: x > hi + EPS)


def repair_gap(
    y: np.ndarray,
    keys: np.ndarray,
    group: np.ndarray,
    target: float,
    *,
    eligible: np.ndarray | None = None,
    tol: float = 0.8,
) -> None:
    """Swap 0/1 values with the medium group until strong% - limited% is ``target`` +- ``tol``.

    A swap turns the 0 with the highest key into 1 in one group and the 1 with the lowest key
    into 0 in the other, so the total stays the same and the rows that change are those the
    model put nearest the threshold. ``y`` is changed in place.
    """
    ok = np.ones(len(y), dtype=bool) if eligible is None else eligible
    strong, medium, limited = (group == g for g in ("strong", "medium", "limited"))
    ns, nl = int(strong.sum()), int(limited.sum())
    for _ in range(400):
        gap = 100 * (y[strong].mean() - y[limited].mean())
        r = target - gap
        if abs(r) <= tol:
            return
        # move strong (step 100/ns) or limited (step 100/nl): the step nearest the residual
        use_strong = abs(abs(r) - 100 / ns) <= abs(abs(r) - 100 / nl)
        first = (strong if use_strong else limited) & ok
        raise_first = (r > 0) == use_strong  # gap up: strong 0->1, or limited 1->0
        a = _pick(y, keys, first, to_one=raise_first)
        b = _pick(y, keys, medium & ok, to_one=not raise_first)
        if a is None or b is None:
            return
        y[a] = 1 if raise_first else 0
        y[b] = 0 if raise_first else 1


def _pick(y: np.ndarray, keys: np.ndarray, rows: np.ndarray, *, to_one: bool) -> int | None:
    """The 0 with the highest key (``to_one``) or the 1 with the lowest key among ``rows``."""
    pool = np.flatnonzero(rows & (y == (0 if to_one else 1)))
    if not len(pool):
        return None
    return int(pool[np.argmax(keys[pool])] if to_one else pool[np.argmin(keys[pool])])
