"""SPSS .sav files (through pyreadstat), as SPSS and GNU PSPP users expect them.

Writing gives every variable its label (Dutch by default), value labels for the choices and
for the missing codes, the missing codes -1, -8 and -9 declared as user-missing where the
codebook allows them, the codebook's measure level, and string widths that hold the longest
value (in UTF-8 bytes). Whole-number columns get the format ``F<w>.0``; decimal columns get
decimals in their format, which is how reading tells them apart.

Reading asks pyreadstat for user-missing values as values (``user_missing=True``), so -1, -8
and -9 come back as codes rather than as empty cells.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd
import pyreadstat

from barometer.dataset.codebook import Codebook

#: SPSS limits, in bytes.
MAX_VARIABLE_LABEL = 256
MAX_VALUE_LABEL = 120
MAX_FILE_LABEL = 64

_DECIMALS = re.compile(r"^[A-Z]+\d*(?:\.(\d+))?$")


def clip(text: str, nbytes: int) -> str:
    """``text`` cut to at most ``nbytes`` UTF-8 bytes, never inside a character."""
    return text.encode("utf-8")[:nbytes].decode("utf-8", errors="ignore")


def read_sav_frame(path: str | Path) -> pd.DataFrame:
    """The cases of a .sav file, missing codes included, whole numbers as ``int``.

    String variables hold ``str``; numeric variables whose format has no decimals hold
    ``int`` where the value is whole (anything else is left for validation to report).
    """
    frame, meta = pyreadstat.read_sav(str(path), user_missing=True)
    formats = {k: v or "" for k, v in (meta.original_variable_types or {}).items()}
    out: dict[str, list[Any]] = {}
    for name in frame.columns:
        values = frame[name].tolist()
        fmt = formats.get(name, "")
        if fmt.startswith("A"):
            out[name] = values
            continue
        m = _DECIMALS.match(fmt)
        if m is None or int(m.group(1) or 0) == 0:
            values = [_whole(v) for v in values]
        out[name] = values
    return pd.DataFrame({k: pd.Series(v, dtype=object) for k, v in out.items()})


def _whole(value: Any) -> Any:
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value)
    return value


def _decimals(values: list[float]) -> int:
    most = 1
    for v in values:
        if math.isfinite(v) and not v.is_integer():
            text = repr(v)
            if "e" in text or "E" in text:
                return 16
            most = max(most, len(text.split(".")[1]))
    return min(most, 16)


def write_sav_frame(
    data: pd.DataFrame,
    codebook: Codebook,
    path: str,
    lang: str,
    title: str = "",
    documents: Sequence[str] = (),
) -> None:
    """Write ``data`` (codebook columns, canonical dtypes) as a labelled .sav file;
    ``documents`` become the file's documents (SPSS ``DISPLAY DOCUMENTS``)."""
    labels: dict[str, str | None] = {}
    value_labels: dict[str, dict[int | float, str]] = {}
    missing: dict[str, list[Any]] = {}
    measure: dict[str, str] = {}
    formats: dict[str, str] = {}
    for var in codebook:
        col = data[var.name]
        labels[var.name] = clip(var.label(lang), MAX_VARIABLE_LABEL)
        if var.kind == "string":
            longest = max((len(str(v).encode("utf-8")) for v in col.tolist()), default=0)
            formats[var.name] = f"A{max(longest, 1)}"
            measure[var.name] = "nominal"
            continue
        measure[var.name] = var.measure
        numbers = [float(v) for v in col.tolist()]
        digits = max((len(str(int(abs(v)))) for v in numbers if math.isfinite(v)), default=1)
        if col.dtype.kind == "f":
            decimals = _decimals(numbers)
            formats[var.name] = f"F{min(max(8, digits + decimals + 2), 40)}.{decimals}"
        else:
            formats[var.name] = f"F{min(max(8, digits + 1), 40)}.0"
        if var.values:
            value_labels[var.name] = {
                code: clip(text, MAX_VALUE_LABEL) for code, text in var.value_labels(lang).items()
            }
        if var.missing:
            missing[var.name] = list(var.missing)
    frame = pd.DataFrame(
        {
            name: data[name].astype("float64")
            if codebook.get(name).kind == "numeric"
            else data[name].astype(object)
            for name in codebook.names()
        }
    )
    pyreadstat.write_sav(
        frame,
        path,
        file_label=clip(title, MAX_FILE_LABEL),
        column_labels=labels,
        variable_value_labels=value_labels,
        missing_ranges=missing,
        variable_measure=measure,
        variable_format=formats,
        note=list(documents) or None,
    )
