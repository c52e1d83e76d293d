"""Post-stratification weights of a report: the respondents weighted to the frame.

:func:`make_weights` chooses the cells (DESIGN.md section 7) and calls
:func:`~barometer.stats.weights.poststratify`; :func:`barometer.report.figures.core.make_context`
takes its result. Vectorised: a frame of over a million organisations is joined to the
respondents without a Python object per row.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from barometer.errors import ErrorCode, StatsError
from barometer.stats.publication import PublicationClassification, build_publication
from barometer.stats.weights import WeightResult, poststratify

__all__ = ["SIZE_BY", "make_weights"]

SIZE_BY = "size_class"


def make_weights(
    data: pd.DataFrame,
    frame: pd.DataFrame,
    *,
    min_cell: int = 5,
    publication: PublicationClassification | None = None,
) -> tuple[WeightResult, tuple[str, ...]]:
    """Post-stratification weights of the respondents to the frame (DESIGN.md section 7).

    Cells are sector × size class when the frame has a ``size_class`` column and every
    respondent's size class is known, else sector alone; cells with fewer than ``min_cell``
    responses are collapsed by :func:`~barometer.stats.weights.poststratify` (its notes
    give the rule).

    The outer stratum is the *published* sector group of ``publication`` (default:
    :func:`~barometer.stats.publication.build_publication` of ``data`` and ``frame`` with
    ``min_n=min_cell``): a sector too small to stand on its own is weighted inside the
    remainder group that Tabel 1 shows, never inside another sector, so the weighted count
    of every published group equals its frame count. Size classes are an ordered category
    in the questionnaire's choice order (never the order of the frame's rows), so a small
    size cell joins an adjacent size class of the same published group. A respondent's size class is taken from the frame (joined on
    ``org_id``), the source of the population counts; when the frame has no ``org_id``,
    from the answer (the study's ``size`` item). Returns the weights and notes on the choices made.

    Raises :class:`~barometer.errors.StatsError` when a respondent's sector is not in the
    frame, or the frame or the data have no ``sector`` column.
    """
    for name, df in (("frame", frame), ("data", data)):
        if "sector" not in df.columns:
            raise StatsError(ErrorCode.STATS_INPUT, detail=f"the {name} has no column 'sector'")
    if publication is None:
        publication = build_publication(data, frame, min_n=min_cell)
    groups = pd.CategoricalDtype(publication.sector.codes, ordered=True)
    mapping = publication.sector.mapping
    sample = pd.DataFrame(
        {"sector": _text(data["sector"]).map(mapping).astype(groups)}, index=data.index
    )
    pop = pd.DataFrame({"sector": _text(frame["sector"]).map(mapping).astype(groups)})
    notes: list[str] = []
    by: tuple[str, ...] = ("sector",)
    if SIZE_BY in frame.columns:
        sizes = _text(frame[SIZE_BY])
        own: pd.Series | None = None
        if "org_id" in frame.columns and "org_id" in data.columns:
            own = _lookup(frame["org_id"].astype(str), sizes, data["org_id"].astype(str))
        elif SIZE_BY in data.columns:
            own = _text(data[SIZE_BY])
        order = pd.CategoricalDtype(list(publication.size_classes), ordered=True)
        known = set(publication.size_classes)
        if own is not None and own.fillna("").isin(known).all() and sizes.isin(known).all():
            sample[SIZE_BY] = own.astype(str).astype(order)
            pop[SIZE_BY] = sizes.astype(order)
            by = ("sector", SIZE_BY)
        else:
            notes.append("size_unknown")
    return poststratify(sample, pop, by=by, min_cell=min_cell), tuple(notes)


def _lookup(keys: pd.Series, values: pd.Series, wanted: pd.Series) -> pd.Series:
    """``wanted.map(dict(zip(keys, values)))`` without a Python object per frame row: the
    value of the last row of ``keys`` equal to each wanted key (NaN: none). The frame rows
    of other organisations are set aside first (pyarrow's hash set of the wanted keys)."""
    relevant = np.asarray(pc.is_in(pa.array(keys), value_set=pa.array(wanted)), dtype=bool)
    keys, values = keys[relevant], values[relevant]
    last = ~keys.duplicated(keep="last").to_numpy()  # as in a dict: the last row wins
    return wanted.map(pd.Series(values[last].to_numpy(), index=pd.Index(keys[last])))


def _text(values: pd.Series) -> pd.Series:
    if isinstance(values.dtype, pd.StringDtype):  # the same, without a Python object per row
        return values.fillna("").str.strip()
    return values.astype(object).where(values.notna(), "").astype(str).str.strip()
