"""Organisations that merged or split between two frames: the links file (docs/panel.md).

Frames of different years are linked by ``org_id``: an organisation that keeps its id is
the same organisation. Where organisations merged or split, the links file says which ids
became which. It is a CSV with one row per (predecessor, successor) pair::

    from_wave,from_org_id,to_wave,to_org_id,kind,note
    2021,ORG0101,2025,ORG1375,merger,two environmental services merged
    2021,ORG0102,2025,ORG1375,merger,two environmental services merged
    2021,ORG0200,2025,ORG1376,split,a directorate split in two
    2021,ORG0200,2025,ORG1377,split,a directorate split in two

``kind`` is ``merger`` (two or more predecessors, one successor, each predecessor has only
that successor) or ``split`` (one predecessor, two or more successors, each successor has
only that predecessor). :func:`read_links` checks this, and with the frames given, that
every predecessor is in the earlier frame and every successor in the later one; a bad row is
a :class:`~barometer.errors.DataError` naming the file, row, column and value.
"""

from __future__ import annotations

import os
import tempfile
from collections import defaultdict
from pathlib import Path

import pandas as pd

from barometer import csvsafe, fileperm
from barometer.errors import DataError, ErrorCode, Problem

__all__ = ["LINK_COLUMNS", "LINK_KINDS", "read_links", "successor_map", "write_links"]

LINK_COLUMNS = ("from_wave", "from_org_id", "to_wave", "to_org_id", "kind", "note")
LINK_KINDS = ("merger", "split")


def _problem(path: str, row: int | None, column: str | None, value: object, detail: str) -> Problem:
    code = ErrorCode.FRAME_BAD_VALUE if column else ErrorCode.DATA_UNREADABLE
    return Problem.make(code, file=path, row=row, column=column, value=value, detail=detail)


def read_links(
    path: str | Path,
    *,
    frames: dict[str, pd.DataFrame] | None = None,
) -> pd.DataFrame:
    """Read and check a links file; ``frames`` (wave label -> frame) checks the ids too.

    Rows are numbered as in a spreadsheet (the header is row 1).
    """
    name = str(path)
    try:
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (OSError, ValueError) as exc:
        raise DataError([_problem(name, None, None, None, str(exc))], what=name) from exc
    missing = [c for c in LINK_COLUMNS if c != "note" and c not in table.columns]
    if missing:
        raise DataError(
            [Problem.make(ErrorCode.DATA_MISSING_COLUMN, file=name, column=c) for c in missing],
            what=name,
        )
    if "note" not in table.columns:
        table["note"] = ""
    table = table.loc[:, list(LINK_COLUMNS)]
    problems: list[Problem] = []
    for i, r in enumerate(table.itertuples(index=False), start=2):
        for column in LINK_COLUMNS[:5]:
            if not str(getattr(r, column)).strip():
                problems.append(_problem(name, i, column, "", "the value is empty"))
        if r.kind and r.kind not in LINK_KINDS:
            problems.append(_problem(name, i, "kind", r.kind, "use merger or split"))
        for wave_col, id_col in (("from_wave", "from_org_id"), ("to_wave", "to_org_id")):
            frame = (frames or {}).get(getattr(r, wave_col))
            org = getattr(r, id_col)
            if frame is not None and org and org not in set(frame["org_id"].astype(str)):
                wave = getattr(r, wave_col)
                problems.append(_problem(name, i, id_col, org, f"not in the frame of {wave}"))
    problems.extend(_structure(name, table))
    if problems:
        raise DataError(problems, what=name)
    return table


def _structure(name: str, table: pd.DataFrame) -> list[Problem]:
    """A merger has one successor per predecessor; a split one predecessor per successor."""
    problems: list[Problem] = []
    succ: dict[tuple[str, str], set[str]] = defaultdict(set)
    pred: dict[tuple[str, str], set[str]] = defaultdict(set)
    rows = [
        tuple(str(v) for v in r)
        for r in table.loc[
            :, ["from_wave", "from_org_id", "to_wave", "to_org_id", "kind"]
        ].itertuples(index=False)
    ]
    for fw, fo, tw, to, _ in rows:
        succ[(fw, fo)].add(to)
        pred[(tw, to)].add(fo)
    for i, (fw, fo, tw, to, kind) in enumerate(rows, start=2):
        if kind == "merger":
            if len(pred[(tw, to)]) < 2:
                detail = "a merger needs two or more predecessors of the same successor"
                problems.append(_problem(name, i, "to_org_id", to, detail))
            if len(succ[(fw, fo)]) > 1:
                detail = "a predecessor in a merger has one successor"
                problems.append(_problem(name, i, "from_org_id", fo, detail))
        elif kind == "split":
            if len(succ[(fw, fo)]) < 2:
                detail = "a split needs two or more successors of the same predecessor"
                problems.append(_problem(name, i, "from_org_id", fo, detail))
            if len(pred[(tw, to)]) > 1:
                detail = "a successor in a split has one predecessor"
                problems.append(_problem(name, i, "to_org_id", to, detail))
    return problems


def successor_map(links: pd.DataFrame, from_wave: str, to_wave: str) -> dict[str, list[str]]:
    """Predecessor id -> its successor ids between two waves (merged or split only)."""
    rows = links[(links["from_wave"] == from_wave) & (links["to_wave"] == to_wave)]
    out: dict[str, list[str]] = defaultdict(list)
    for r in rows.itertuples(index=False):
        out[str(r.from_org_id)].append(str(r.to_org_id))
    return dict(out)


def write_links(links: pd.DataFrame, path: str | Path) -> Path:
    """Write a links table (columns :data:`LINK_COLUMNS`) as CSV, atomically."""
    target = Path(path)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(fd)
    try:
        csvsafe.to_csv(links.loc[:, list(LINK_COLUMNS)], tmp)
        fileperm.publish(tmp, target)
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return target
