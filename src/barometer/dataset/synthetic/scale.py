"""Synthetic waves of any size, for the scale benchmark (``bench/bench_scale.py``).

:func:`scaled_wave` grows the demo wave (:func:`~barometer.dataset.synthetic.wave.make_wave`,
366 responses from a frame of 1,374 organisations) to ``n`` responses without drawing the
answers again, so it is fast and every response is one the demo generator wrote:

1. a few base waves are generated with consecutive seeds (``seed``, ``seed + 1``, ..., at
   most ``max_bases``; only as many as the size needs);
2. every sector x cluster cell gets ``n / 366`` times its demo number of respondents and of
   non-respondents (largest remainders, so the totals are exact), and its respondents are
   drawn from the responses of that cell in the base waves, each base response as often as
   every other (up to one) - a stratified resample that keeps Tabel 1 and 2's proportions;
3. every response brings its frame row (sector, cluster, size class, name, contact) and the
   non-respondents are drawn the same way from the base frames' non-respondents, so the
   frame is the demo frame scaled by ``n / 366`` cell by cell;
4. the frame is shuffled and numbered ``ORG0000001``..; names and e-mail addresses that
   occur more than once get a number, so both stay unique, as in a real frame.

The answers are whole rows of real base responses, so the latent structure (climate
scale, groups, the outcome models, the themes of the open answers) is the base waves';
estimates stay those of the base waves while their standard errors shrink with ``n``.
With ``vary=True`` the repeats are varied so that the wave is not a few thousand distinct
responses copied many times over (which would flatter any computation that groups equal
rows or equal texts): every repeat (each use of a base response after its first) has each
climate statement moved one point up or down with probability 0.3 (within 1-5; "don't
know" stays) and the words of its open answers shuffled, with one word doubled at random.
The themes and the scale's structure stay; the estimates move a little.

Columns keep the codebook's dtypes (:func:`~barometer.dataset.coerce_types`); text cells of
repeated responses share one string object, which keeps memory near the int64 columns'
(366,000 x 95 x 8 bytes, about 280 MB).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from barometer.dataset import Dataset, coerce_types
from barometer.dataset.synthetic.frame import FRAME_COLUMNS
from barometer.dataset.synthetic.wave import DemoWave, make_wave

__all__ = ["BASE_RESPONSES", "ScaledWave", "scaled_wave"]

BASE_RESPONSES = 366
"""Responses of one demo wave (the 2021 report's 366 completed questionnaires)."""

_CELL = ["sector", "cluster"]


@dataclass(frozen=True, eq=False)
class ScaledWave:
    """A synthetic wave of ``n`` responses: the sampling frame and the dataset.

    ``bases`` are the seeds of the demo waves the responses were drawn from.
    """

    seed: int
    n: int
    frame: pd.DataFrame
    dataset: Dataset
    bases: tuple[int, ...]


def _largest_remainder(counts: pd.Series, factor: float) -> pd.Series:
    """``counts * factor`` rounded so that the total is ``round(counts.sum() * factor)``."""
    raw = counts.to_numpy(dtype=float) * factor
    out = np.floor(raw).astype(np.int64)
    left = round(float(counts.sum()) * factor) - int(out.sum())
    if left > 0:  # ties go to the earlier cell: deterministic
        order = np.lexsort((np.arange(len(raw)), -(raw - out)))
        out[order[:left]] += 1
    return pd.Series(out, index=counts.index)


def _draw(rng: np.random.Generator, pool: np.ndarray, k: int) -> np.ndarray:
    """``k`` members of ``pool``, each used as often as every other (up to one)."""
    if k == 0:
        return pool[:0]
    reps = -(-k // len(pool))
    order = np.concatenate([rng.permutation(len(pool)) for _ in range(reps)])[:k]
    return np.sort(pool[order])


def _pools(waves: list[DemoWave]) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Pooled base responses, their frame rows (same order) and the non-respondents."""
    data = pd.concat([w.dataset.data for w in waves], ignore_index=True)
    resp_rows, rest_rows = [], []
    for j, w in enumerate(waves):
        frame = w.frame.assign(base=j)
        answered = frame["org_id"].isin(w.dataset.data["org_id"])
        rows = frame[answered].set_index("org_id").loc[w.dataset.data["org_id"]]
        resp_rows.append(rows.reset_index())
        rest_rows.append(frame[~answered])
    resp = pd.concat(resp_rows, ignore_index=True)
    rest = pd.concat(rest_rows, ignore_index=True)
    if not (resp[_CELL].to_numpy() == data[_CELL].to_numpy()).all():
        raise AssertionError("base responses and frame rows disagree on sector or cluster")
    return data, resp, rest


def _stratified(
    rng: np.random.Generator, pool: pd.DataFrame, per_cell: pd.Series, factor: float
) -> np.ndarray:
    """Row positions in ``pool``: ``per_cell`` (demo counts) scaled by ``factor``, per cell."""
    target = _largest_remainder(per_cell, factor)
    cells = pool.groupby(_CELL, sort=False).indices
    picked = [_draw(rng, np.asarray(cells[key]), int(k)) for key, k in target.items() if k]
    return np.concatenate(picked) if picked else np.zeros(0, dtype=np.int64)


def _numbered(values: pd.Series, sep: str) -> pd.Series:
    """Values made unique: the k-th repeat (k >= 1) of a value gets ``sep`` and k + 1."""
    k = values.groupby(values, sort=False).cumcount()
    repeat = k > 0
    out = values.copy()
    out[repeat] = values[repeat] + sep + (k[repeat] + 1).astype(str)
    return out


def _unique_emails(emails: pd.Series) -> pd.Series:
    k = emails.groupby(emails, sort=False).cumcount()
    repeat = k > 0
    parts = emails[repeat].str.split("@", n=1, expand=True)
    out = emails.copy()
    if repeat.any():
        out[repeat] = parts[0] + "." + (k[repeat] + 1).astype(str) + "@" + parts[1]
    return out


_STATEMENT_PREFIX = "e"
_MOVE = 0.3
_TEXTS = ("d1_description", "d10_dissemination_how", "d14_results_other")


def _shuffled_words(rng: np.random.Generator, text: str) -> str:
    words = text.split()
    if len(words) < 2:
        return text
    words.insert(int(rng.integers(len(words) + 1)), words[int(rng.integers(len(words)))])
    return " ".join(words[i] for i in rng.permutation(len(words)))


def _vary(rng: np.random.Generator, rows: pd.DataFrame, repeat: np.ndarray) -> pd.DataFrame:
    """``rows`` with the repeats varied (see the module docstring); first uses unchanged."""
    out = rows.copy()
    idx = np.flatnonzero(repeat)
    statements = [c for c in rows.columns if c[:1] == _STATEMENT_PREFIX and c[1:3].isdigit()]
    for col in statements:
        values = out[col].to_numpy(copy=True)
        step = rng.choice((-1, 1), size=len(idx)) * (rng.random(len(idx)) < _MOVE)
        current = values[idx]
        scale_point = (current >= 1) & (current <= 5)
        values[idx] = np.where(scale_point, np.clip(current + step, 1, 5), current)
        out[col] = values
    for col in (c for c in _TEXTS if c in rows.columns):
        values = out[col].to_numpy(dtype=object, copy=True)
        for i in idx:
            if isinstance(values[i], str) and values[i]:
                values[i] = _shuffled_words(rng, values[i])
        out[col] = values
    return out


def scaled_wave(
    n_responses: int, *, seed: int = 2021, max_bases: int = 8, vary: bool = False
) -> ScaledWave:
    """A synthetic wave of ``n_responses`` responses, its frame scaled in proportion.

    Parameters
    ----------
    n_responses : int
        Number of responses (organisations that completed the questionnaire), at least 1.
    seed : int, default 2021
        Seed of the first base wave and of the resampling; same seed and size, same wave.
    max_bases : int, default 8
        At most this many base waves (seeds ``seed`` .. ``seed + max_bases - 1``); fewer
        when ``n_responses`` needs fewer (``ceil(n / 366)``).
    vary : bool, default False
        Vary the repeated responses (climate statements and the words of open answers; see
        the module docstring) so that rows and texts are not copies of a few thousand.

    Returns
    -------
    ScaledWave
        ``frame`` has about ``1374 * n / 366`` organisations (exactly, for a multiple of
        366), ``dataset`` has ``n_responses`` rows sorted by ``org_id``.

    Examples
    --------
    >>> w = scaled_wave(732)
    >>> len(w.dataset), len(w.frame), w.bases
    (732, 2748, (2021, 2022))
    """
    if n_responses < 1:
        raise ValueError(f"n_responses must be at least 1, not {n_responses}")
    if max_bases < 1:
        raise ValueError(f"max_bases must be at least 1, not {max_bases}")
    n_bases = min(max_bases, -(-n_responses // BASE_RESPONSES))
    waves = [make_wave(seed + j) for j in range(n_bases)]
    data, resp, rest = _pools(waves)
    factor = n_responses / BASE_RESPONSES
    rng = np.random.default_rng([seed, n_responses, 366])
    first = waves[0]
    base_resp = resp[resp["base"] == 0].groupby(_CELL, sort=False).size()
    base_rest = rest[rest["base"] == 0].groupby(_CELL, sort=False).size()
    base_rest = base_rest.reindex(base_resp.index.union(base_rest.index), fill_value=0)
    answered = _stratified(rng, resp, base_resp, factor)
    others = _stratified(rng, rest, base_rest, factor)

    frame = pd.concat([resp.iloc[answered], rest.iloc[others]], ignore_index=True)
    order = rng.permutation(len(frame))
    frame = frame.iloc[order].reset_index(drop=True)
    width = max(4, len(str(len(frame))))
    ids = pd.Series([f"ORG{i + 1:0{width}d}" for i in range(len(frame))], dtype=object)
    position = np.empty(len(frame), dtype=np.int64)
    position[order] = np.arange(len(frame))
    frame["org_id"] = ids
    frame["name"] = _numbered(frame["name"].astype(object), " ")
    frame["contact_email"] = _unique_emails(frame["contact_email"].astype(object))
    frame = frame.loc[:, list(FRAME_COLUMNS)].astype(object)

    rows = data.iloc[answered].reset_index(drop=True)
    if vary:
        repeat = pd.Series(answered).duplicated().to_numpy()
        rows = _vary(np.random.default_rng([seed, n_responses, 367]), rows, repeat)
    rows["org_id"] = ids.to_numpy()[position[: len(answered)]]
    rows = rows.sort_values("org_id", kind="stable").reset_index(drop=True)
    ds = first.dataset
    dataset = Dataset(coerce_types(rows, ds.codebook), ds.codebook, ds.questionnaire)
    return ScaledWave(
        seed=seed,
        n=n_responses,
        frame=frame,
        dataset=dataset,
        bases=tuple(seed + j for j in range(n_bases)),
    )
