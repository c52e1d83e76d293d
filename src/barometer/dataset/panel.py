"""Panel data: every wave in one long table (organisation x wave), exportable to .sav and
Parquet (docs/panel.md).

:func:`panel_table` stacks the waves' datasets: one row per organisation and wave, with the
wave's ``questionnaire_version`` on every row. Columns are the union of the waves'
codebook variables (the latest version's first); a variable a wave's questionnaire does not
hold is coded -1 (not applicable) there, text empty. Frames of different years are linked
by ``org_id``; the links file (:mod:`barometer.dataset.links`) adds, per row, the
organisation's ``lineage`` (the id its history is kept under: its own, or for a successor
of a merger or split the predecessor ids joined by "+"), ``link_kind`` (merger, split or
empty) and ``in_panel`` (1 when the same ``org_id`` answered in another wave too).

:func:`write_panel` writes ``.parquet``, ``.sav`` (labelled: the codebook's labels and
value labels, -1/-8/-9 user-missing, as :mod:`barometer.dataset.io_sav`) or ``.csv``,
atomically.
"""

from __future__ import annotations

import os
import tempfile
import textwrap
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import pandas as pd

from barometer import csvsafe, fileperm
from barometer.dataset import Dataset
from barometer.dataset.codebook import Codebook, Variable, build_codebook
from barometer.dataset.io_sav import MAX_VARIABLE_LABEL, clip, write_sav_frame
from barometer.errors import DataError, ErrorCode, Problem
from barometer.questionnaire import NOT_APPLICABLE
from barometer.questionnaire.mapping import version_key

__all__ = ["PANEL_COLUMNS", "panel_codebook", "panel_table", "wording_by_version", "write_panel"]

PANEL_COLUMNS = ("org_id", "wave", "questionnaire_version", "lineage", "link_kind", "in_panel")
_LABELS = {
    "questionnaire_version": {"nl": "Versie van de vragenlijst", "en": "Questionnaire version"},
    "lineage": {"nl": "Organisatie over de metingen (fusie/splitsing)", "en": "Organisation lineage (merger/split)"},
    "link_kind": {"nl": "Fusie of splitsing", "en": "Merger or split"},
    "in_panel": {"nl": "Ook in een andere meting (zelfde org_id)", "en": "Also in another wave (same org_id)"},
}  # fmt: skip


def _ordered(waves: Sequence[Dataset]) -> list[Dataset]:
    return sorted(waves, key=lambda ds: version_key(ds.questionnaire.version))


def panel_codebook(waves: Sequence[Dataset]) -> Codebook:
    """The long table's codebook: panel columns, then every wave's variables (newest first)."""
    seen: dict[str, Variable] = {}
    for ds in reversed(_ordered(waves)):
        for var in build_codebook(ds.questionnaire):
            if var.name not in seen and var.name not in ("org_id", "wave"):
                seen[var.name] = var
    head = [
        Variable("org_id", "string", None, "id", {"nl": "Organisatie", "en": "Organisation"}),
        Variable("wave", "string", None, "id", {"nl": "Meting", "en": "Wave"}),
        Variable("questionnaire_version", "string", None, "id", _LABELS["questionnaire_version"]),
        Variable("lineage", "string", None, "id", _LABELS["lineage"]),
        Variable("link_kind", "string", None, "id", _LABELS["link_kind"]),
        Variable("in_panel", "numeric", None, "single", _LABELS["in_panel"],
                 values={0: {"nl": "Nee", "en": "No"}, 1: {"nl": "Ja", "en": "Yes"}}),
    ]  # fmt: skip
    newest = _ordered(waves)[-1].questionnaire.version
    return Codebook(newest, tuple(head + [v for v in seen.values() if v.name not in PANEL_COLUMNS]))


def panel_table(waves: Sequence[Dataset], links: pd.DataFrame | None = None) -> pd.DataFrame:
    """The long table (see the module); rows sorted by lineage, org_id and wave."""
    if not waves:
        raise DataError([Problem.make(ErrorCode.DATA_NO_ROWS, file="panel")], what="panel")
    book = panel_codebook(waves)
    parts = []
    for ds in waves:
        d = ds.data.copy()
        d["org_id"] = d["org_id"].astype(str)
        d["wave"] = d["wave"].astype(str)
        d["questionnaire_version"] = ds.questionnaire.version
        parts.append(d)
    long = pd.concat(parts, ignore_index=True, sort=False)
    dup = long.duplicated(["org_id", "wave"], keep="first")
    if dup.any():
        i = int(dup.to_numpy().nonzero()[0][0])
        problem = Problem.make(ErrorCode.DATA_DUPLICATE_ID, file="panel", row=i + 2,
                               column="org_id", value=long.loc[i, "org_id"],
                               detail=f"wave {long['wave'].iloc[i]!s}")  # fmt: skip
        raise DataError([problem], what="panel")
    lineage = long["org_id"].copy()
    kind = pd.Series("", index=long.index, dtype=object)
    if links is not None and len(links):
        preds = links.groupby("to_org_id")["from_org_id"].apply(lambda s: "+".join(sorted(s)))
        kinds = links.groupby("to_org_id")["kind"].first()
        succ = long["org_id"].isin(preds.index)
        lineage[succ] = long.loc[succ, "org_id"].map(preds)
        kind[succ] = long.loc[succ, "org_id"].map(kinds)
        was = long["org_id"].isin(links["from_org_id"])
        kind[was] = long.loc[was, "org_id"].map(links.groupby("from_org_id")["kind"].first())
    long["lineage"] = lineage
    long["link_kind"] = kind
    waves_per_org = long.groupby("org_id")["wave"].transform("nunique")
    long["in_panel"] = (waves_per_org > 1).astype(int)
    for var in book:
        if var.name not in long.columns:
            long[var.name] = "" if var.kind == "string" else NOT_APPLICABLE
        elif var.kind == "string":
            long[var.name] = long[var.name].fillna("").astype(str)
        else:
            long[var.name] = pd.to_numeric(long[var.name]).fillna(NOT_APPLICABLE)
            if (long[var.name] % 1 == 0).all():
                long[var.name] = long[var.name].astype("int64")
    out = long.loc[:, book.names()]
    return out.sort_values(["lineage", "org_id", "wave"], kind="stable").reset_index(drop=True)


_DIFFERS = {
    "nl": " [tekst verschilt per versie: zie documenten]",
    "en": " [wording differs by version: see documents]",
}
_DOCUMENT_HEAD = {
    "nl": "Variabelen waarvan de vraagtekst per versie van de vragenlijst verschilt:",
    "en": "Variables whose question wording differs between questionnaire versions:",
}


def wording_by_version(
    waves: Sequence[Dataset], lang: str = "nl"
) -> dict[str, list[tuple[str, str]]]:
    """Variable -> [(questionnaire version, label)], oldest first, for every variable whose
    label differs between the waves' questionnaires (a reference period, a changed wording)."""
    labels: dict[str, dict[str, str]] = {}
    for ds in _ordered(waves):
        for var in build_codebook(ds.questionnaire):
            labels.setdefault(var.name, {})[ds.questionnaire.version] = var.label(lang)
    return {name: list(by.items()) for name, by in labels.items() if len(set(by.values())) > 1}


def _sav_book(
    waves: Sequence[Dataset], columns: Sequence[str], lang: str
) -> tuple[Codebook, list[str]]:
    """The .sav codebook and documents: a variable whose wording differs by version says so
    in its label, and the documents give each version's wording (one label cannot)."""
    book = panel_codebook(waves)
    differs = wording_by_version(waves, lang)
    suffix = _DIFFERS.get(lang, _DIFFERS["nl"])
    variables = []
    for var in book:
        if var.name not in columns:
            continue
        if var.name in differs:
            label = clip(var.label(lang), MAX_VARIABLE_LABEL - len(suffix)) + suffix
            var = replace(var, labels={**var.labels, lang: label})
        variables.append(var)
    documents = _lines80(_DOCUMENT_HEAD.get(lang, _DOCUMENT_HEAD["nl"])) if differs else []
    for name, versions in differs.items():
        if name in columns:
            for version, label in versions:
                documents += _lines80(f"{name} ({version}): {label}")
    return replace(book, variables=tuple(variables)), documents


def _lines80(text: str) -> list[str]:
    """``text`` as document lines of at most 80 bytes (the .sav limit), continuation indented."""
    for width in range(78, 20, -4):
        lines = textwrap.wrap(text, width=width, subsequent_indent="  ")
        if all(len(line.encode("utf-8")) <= 80 for line in lines):
            return lines
    return [clip(text, 80)]


def write_panel(
    table: pd.DataFrame, waves: Sequence[Dataset], path: str | Path, *, lang: str = "nl"
) -> Path:
    """Write the long table as .parquet, .sav or .csv (by the suffix), atomically."""
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in (".parquet", ".sav", ".csv"):
        problem = Problem.make(ErrorCode.DATA_UNKNOWN_FORMAT, file=str(target), value=suffix,
                               detail=".parquet, .sav or .csv")  # fmt: skip
        raise DataError([problem], what=str(target))
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=suffix)
    os.close(fd)
    try:
        if suffix == ".parquet":
            table.to_parquet(tmp, index=False)
        elif suffix == ".csv":
            csvsafe.to_csv(table, tmp)
        else:
            book, documents = _sav_book(waves, list(table.columns), lang)
            write_sav_frame(table, book, tmp, lang, title="barometer panel (long)",
                            documents=documents)  # fmt: skip
        fileperm.publish(tmp, target)
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return target
