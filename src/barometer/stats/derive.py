"""Derived variables: computed from the answers, never typed in (DESIGN.md section 5).

Pure functions: no I/O. Each takes the responses table (one row per organisation, columns
as in the codebook) and returns a Series aligned to its index.

- :func:`innovated`: implemented at least one innovation (``c1_innovated`` is "yes");
- :func:`spectrum`: how many of the four innovation types (product, service, process,
  interaction) the most recent innovation combines, 0-4, for innovators only;
- :func:`uses_technology`: technology played a part in the most recent innovation (the base
  of the question whether that technology was new, report Figure 6);
- :func:`size_class`: the organisation's size class, as an ordered categorical.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

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

YES = 1
NO = 2
DONT_KNOW = -8
INNOVATED_ITEM = "c1_innovated"
TYPE_ITEMS = ("d2_type_product", "d2_type_service", "d2_type_process", "d2_type_interaction")
"""The four yes/no/don't-know items on the type of the most recent innovation."""
TECH_SHARE_ITEM = "d4_tech_share"
TECH_USED = (1, 2, 3)
"""Codes of ``d4_tech_share`` that mean technology played a part (entirely/important/small)."""
SIZE_ITEM = "a1_size"
SIZE_CLASSES: Mapping[int, str] = {1: "lt100", 2: "100_249", 3: "250_499", 4: "500plus"}
"""Code of ``a1_size`` -> stable key of the size class (fewer than 100 ... 500 or more)."""


def _column(data: pd.DataFrame, name: str) -> pd.Series:
    if name not in data.columns:
        raise StatsError(ErrorCode.STATS_INPUT, column=name, detail=f"no column '{name}'")
    return pd.to_numeric(data[name], errors="coerce")


def innovated(data: pd.DataFrame) -> pd.Series:
    """Whether each organisation implemented at least one innovation.

    Parameters
    ----------
    data : pandas.DataFrame
        The responses table, with column ``c1_innovated`` (1 yes, 2 no, -8 don't know,
        -9 no answer).

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
    >>> innovated(pd.DataFrame({"c1_innovated": [1, 2, -8, -9]})).tolist()
    [True, False, False, <NA>]
    """
    code = _column(data, INNOVATED_ITEM)
    out = pd.Series(pd.NA, index=data.index, dtype="boolean", name="innovated")
    out[code == YES] = True
    out[code.isin([NO, DONT_KNOW])] = False
    return out


def spectrum(data: pd.DataFrame) -> pd.Series:
    """Number of innovation types (0-4) the most recent innovation combines.

    Parameters
    ----------
    data : pandas.DataFrame
        The responses table with ``c1_innovated`` and the four ``d2_type_*`` items
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
    >>> d = pd.DataFrame({"c1_innovated": [1, 1, 2],
    ...     "d2_type_product": [1, 2, -1], "d2_type_service": [1, -8, -1],
    ...     "d2_type_process": [1, 2, -1], "d2_type_interaction": [2, 1, -1]})
    >>> spectrum(d).tolist()
    [3, 1, <NA>]
    """
    inno = innovated(data).fillna(False).astype(bool)
    types = pd.DataFrame({name: _column(data, name) for name in TYPE_ITEMS})
    answered = types.isin([YES, NO, DONT_KNOW]).any(axis=1)
    count = (types == YES).sum(axis=1).astype("Int64")
    return count.mask(~(inno & answered)).rename("spectrum")


def uses_technology(data: pd.DataFrame) -> pd.Series:
    """Whether technology played a part in the most recent innovation.

    Returns
    -------
    pandas.Series
        Nullable boolean named ``uses_technology``: True when ``d4_tech_share`` is
        "entirely", "important part" or "small part", False when "plays no part", <NA>
        for non-innovators and unanswered questions.

    Examples
    --------
    >>> uses_technology(pd.DataFrame({"c1_innovated": [1, 1, 2],
    ...     "d4_tech_share": [2, 4, -1]})).tolist()
    [True, False, <NA>]
    """
    inno = innovated(data).fillna(False).astype(bool)
    code = _column(data, TECH_SHARE_ITEM)
    out = pd.Series(pd.NA, index=data.index, dtype="boolean", name="uses_technology")
    out[inno & code.isin(TECH_USED)] = True
    out[inno & (code == 4)] = False
    return out


def size_class(data: pd.DataFrame) -> pd.Series:
    """The size class as an ordered categorical of stable keys.

    Returns
    -------
    pandas.Series
        Categorical named ``size_class`` with the ordered categories ``lt100``,
        ``100_249``, ``250_499``, ``500plus``; NaN where ``a1_size`` is missing.

    Examples
    --------
    >>> size_class(pd.DataFrame({"a1_size": [1, 4, -9]})).tolist()
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
