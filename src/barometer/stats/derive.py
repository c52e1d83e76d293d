"""Derived variables: computed from the answers, never typed in (DESIGN.md section 5).

Pure functions: no I/O. Each takes the responses table (one row per organisation, columns
as in the codebook) and returns a Series aligned to its index.

- :func:`innovated`: implemented at least one innovation (the study's ``innovated`` item is "yes");
- :func:`spectrum`: how many of the four innovation types (product, service, process,
  interaction) the most recent innovation combines, 0-4, for innovators only;
- :func:`uses_technology`: technology played a part in the most recent innovation (the base
  of the question whether that technology was new, report Figure 6);
- :func:`size_class`: the organisation's size class, as an ordered categorical.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from barometer import study
from barometer.errors import ErrorCode, StatsError

__all__ = [
    "SIZE_CLASSES",
    "TYPE_ITEMS",
    "add_derived",
    "innovated",
    "size_class",
    "spectrum",
    "uses_technology",
]

_STUDY = study.default()
_INNOVATED = _STUDY.concept("innovated")
_TYPES = _STUDY.concept("innovation_types")
_TECH = _STUDY.concept("technology_share")
_SIZE = _STUDY.concept("size")
INNOVATED_ITEM = _INNOVATED.item
TYPE_ITEMS = tuple(_TYPES.items.values())
"""The four yes/no/don't-know items on the type of the most recent innovation (the study's
``innovation_types``)."""
TECH_SHARE_ITEM = _TECH.item
TECH_USED = _TECH.code_set("yes")
"""Codes of the technology-share item that mean technology played a part."""
SIZE_ITEM = _SIZE.item
SIZE_CLASSES: Mapping[int, str] = {code: key for key, code in _SIZE.levels.items()}
"""Code of the size item -> stable key of the size class (fewer than 100 ... 500 or more)."""


def _column(data: pd.DataFrame, name: str) -> pd.Series:
    if name not in data.columns:
        raise StatsError(ErrorCode.STATS_INPUT, column=name, detail=f"no column '{name}'")
    return pd.to_numeric(data[name], errors="coerce")


def innovated(data: pd.DataFrame) -> pd.Series:
    """Whether each organisation implemented at least one innovation.

    Parameters
    ----------
    data : pandas.DataFrame
        The responses table, with the study's ``innovated`` item (1 yes, 2 no, -8 don't
        know, -9 no answer).

    Returns
    -------
    pandas.Series
        Nullable boolean named ``innovated``: True for "yes", False for "no" and "don't
        know", <NA> where the question was not answered (-9, -1 or an unknown code).

    Notes
    -----
    "Don't know" counts as not innovated: such an organisation was not asked about its
    most recent innovation (skip logic), so it is outside every innovator base.

    Examples
    --------
    >>> innovated(pd.DataFrame({INNOVATED_ITEM: [1, 2, -8, -9]})).tolist()
    [True, False, False, <NA>]
    """
    code = _column(data, INNOVATED_ITEM)
    out = pd.Series(pd.NA, index=data.index, dtype="boolean", name="innovated")
    out[code.isin(_INNOVATED.code_set("yes"))] = True
    out[code.isin(_INNOVATED.code_set("no"))] = False
    return out


def spectrum(data: pd.DataFrame) -> pd.Series:
    """Number of innovation types (0-4) the most recent innovation combines.

    Parameters
    ----------
    data : pandas.DataFrame
        The responses table with the ``innovated`` item and the four type items
        (1 yes, 2 no, -8 don't know, -9 no answer, -1 not applicable).

    Returns
    -------
    pandas.Series
        Nullable integer (``Int64``) named ``spectrum``: the number of types answered
        "yes", for innovators; <NA> for organisations that did not innovate and for
        innovators who answered none of the four type questions.

    Notes
    -----
    A type answered "no", "don't know" or left unanswered is not counted, as long as at
    least one of the four was answered. The 2021 report built the same variable from a
    multiple-answer question (Figuur 3, "Innovatiespectrum").

    Examples
    --------
    >>> product, service, process, interaction = TYPE_ITEMS
    >>> d = pd.DataFrame({INNOVATED_ITEM: [1, 1, 2],
    ...     product: [1, 2, -1], service: [1, -8, -1],
    ...     process: [1, 2, -1], interaction: [2, 1, -1]})
    >>> spectrum(d).tolist()
    [3, 1, <NA>]
    """
    inno = innovated(data).fillna(False).astype(bool)
    types = pd.DataFrame({name: _column(data, name) for name in TYPE_ITEMS})
    answered = types.isin(_TYPES.code_set("answered")).any(axis=1)
    count = types.isin(_TYPES.code_set("yes")).sum(axis=1).astype("Int64")
    return count.mask(~(inno & answered)).rename("spectrum")


def uses_technology(data: pd.DataFrame) -> pd.Series:
    """Whether technology played a part in the most recent innovation.

    Returns
    -------
    pandas.Series
        Nullable boolean named ``uses_technology``: True when the technology-share item is
        "entirely", "important part" or "small part", False when "plays no part", <NA>
        for non-innovators and unanswered questions.

    Examples
    --------
    >>> uses_technology(pd.DataFrame({INNOVATED_ITEM: [1, 1, 2],
    ...     TECH_SHARE_ITEM: [2, 4, -1]})).tolist()
    [True, False, <NA>]
    """
    inno = innovated(data).fillna(False).astype(bool)
    code = _column(data, TECH_SHARE_ITEM)
    out = pd.Series(pd.NA, index=data.index, dtype="boolean", name="uses_technology")
    out[inno & code.isin(TECH_USED)] = True
    out[inno & code.isin(_TECH.code_set("no"))] = False
    return out


def size_class(data: pd.DataFrame) -> pd.Series:
    """The size class as an ordered categorical of stable keys.

    Returns
    -------
    pandas.Series
        Categorical named ``size_class`` with the ordered categories ``lt100``,
        ``100_249``, ``250_499``, ``500plus``; NaN where the size item is missing.

    Examples
    --------
    >>> size_class(pd.DataFrame({SIZE_ITEM: [1, 4, -9]})).tolist()
    ['lt100', '500plus', nan]
    """
    code = _column(data, SIZE_ITEM)
    keys = code.map(dict(SIZE_CLASSES))
    cat = pd.CategoricalDtype(list(SIZE_CLASSES.values()), ordered=True)
    return keys.astype(cat).rename("size_class")


def add_derived(data: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``data`` with the columns ``innovated``, ``spectrum``,
    ``uses_technology`` and ``size_class`` added (or replaced).

    The copy shares the answers' memory with ``data`` until either is changed (pandas'
    copy-on-write), so adding the columns does not duplicate the table; ``data`` itself is
    never modified."""
    out = data.copy(deep=False)
    out["innovated"] = innovated(data)
    out["spectrum"] = spectrum(data)
    out["uses_technology"] = uses_technology(data)
    out["size_class"] = size_class(data)
    return out
