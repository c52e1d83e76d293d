"""The public-use file: microdata a research archive can take without exposing anyone.

k-anonymity of at least ``min_n`` on the quasi-identifiers (sector group, cluster group,
size class) is reached first by grouping categories (the smallest category of one
quasi-identifier at a time, the one that leaves the fewest records at risk), and only then,
if records are still in combinations shared by fewer than ``min_n`` records, by leaving those
records out. Open answers, organisation ids and contact columns are removed. The file is
written as CSV and .sav, with a DDI-Codebook 2.5 XML and a Frictionless Data Package.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

import numpy as np
import pandas as pd

from barometer.classification import classification
from barometer.dataset.codebook import Codebook, Variable
from barometer.disclosure.policy import DisclosurePolicy

__all__ = ["QUASI", "Grouping", "Release", "anonymise", "run_release"]

QUASI = ("sector_group", "cluster_group", "size_class")
ORDINAL = {"size_class"}
DROP_ROLES = ("text",)
DROP_COLUMNS = ("org_id", "sector", "cluster", "a1_size", "name", "contact_name", "contact_email")
SEED = 20210501


@dataclass
class Grouping:
    """The published categories of one quasi-identifier: code -> the original codes."""

    name: str
    groups: dict[int, list[str]]

    def merged(self) -> int:
        """Original categories that lost their own code (joined another)."""
        return sum(len(v) - 1 for v in self.groups.values())


@dataclass
class Release:
    """A public-use file in memory, and what it cost."""

    data: pd.DataFrame
    codebook: Codebook
    groupings: dict[str, Grouping]
    labels: dict[str, dict[int, str]]
    records_in: int
    suppressed: int
    dropped_columns: list[str]
    min_n: int
    files: dict[str, Path] = field(default_factory=dict)

    def summary(self) -> str:
        lines = [
            f"public-use file: {len(self.data)} of {self.records_in} records, k >= {self.min_n} "
            f"on {', '.join(QUASI)}",
            f"  records suppressed: {self.suppressed}",
        ]
        for g in self.groupings.values():
            lines.append(f"  {g.name}: {len(g.groups)} categories ({g.merged()} merged)")
        lines.append(f"  columns removed: {', '.join(self.dropped_columns)}")
        lines += [f"  {k:<15} {v}" for k, v in self.files.items()]
        return "\n".join(lines)


def _at_risk(codes: pd.DataFrame, k: int) -> int:
    sizes = codes.groupby(list(codes.columns), dropna=False)[codes.columns[0]].transform("size")
    return int((sizes < k).sum())


def anonymise(
    quasi: pd.DataFrame, k: int, order: dict[str, list[str]]
) -> tuple[dict[str, dict[str, str]], pd.Series]:
    """Group categories until (nearly) every record shares its combination with k - 1 others.

    Parameters
    ----------
    quasi : pandas.DataFrame
        One column per quasi-identifier, original category codes as text.
    k : int
    order : dict
        For ordinal quasi-identifiers, their categories in order (neighbours merge).

    Returns
    -------
    (mapping, keep)
        Per quasi-identifier: original code -> group key; and a boolean mask of the records
        kept (False: suppressed because no grouping could protect them).
    """
    current = {c: {v: v for v in quasi[c].unique()} for c in quasi.columns}

    def coded(mapping: dict[str, dict[str, str]]) -> pd.DataFrame:
        return pd.DataFrame({c: quasi[c].map(mapping[c]) for c in quasi.columns})

    risk = _at_risk(coded(current), k)
    while risk:
        codes = coded(current)
        sizes = codes.groupby(list(codes.columns))[codes.columns[0]].transform("size")
        best: tuple[int, int, str, dict[str, str]] | None = None
        for c in quasi.columns:
            counts = codes[c].value_counts()
            risky = set(codes.loc[sizes < k, c])
            if c in order:
                rank = {g: min(order[c].index(o) if o in order[c] else len(order[c])
                               for o, gg in current[c].items() if gg == g) for g in counts.index}  # fmt: skip
                ordered = sorted(counts.index, key=lambda g: (rank[g], g))
                pairs = [(a, b) for a, b in pairwise(ordered)
                         if a in risky or b in risky]  # fmt: skip
            else:
                pairs = [(a, b) for a in counts.index if a in risky
                         for b in counts.index if b != a]  # fmt: skip
            for a, b in pairs:
                target = "+".join(sorted({*a.split("+"), *b.split("+")}))
                trial = {o: (target if g in (a, b) else g) for o, g in current[c].items()}
                after = _at_risk(coded({**current, c: trial}), k)
                moved = int(min(counts[a], counts[b]))
                if best is None or (after, moved) < (best[0], best[1]):
                    best = (after, moved, c, trial)
        if best is None or best[0] > risk:
            break
        current[best[2]] = best[3]
        risk = best[0]
    final = coded(current)
    sizes = final.groupby(list(final.columns), dropna=False)[final.columns[0]].transform("size")
    return current, sizes >= k


def _quasi_frame(data: pd.DataFrame, frame: pd.DataFrame | None) -> pd.DataFrame:
    size = data["a1_size"].astype(str) if "a1_size" in data else pd.Series("", index=data.index)
    if frame is not None and {"org_id", "size_class"} <= set(frame.columns):
        by_org = frame.drop_duplicates("org_id").set_index("org_id")["size_class"].astype(str)
        size = data["org_id"].astype(str).map(by_org).fillna(size)
    return pd.DataFrame({
        "sector_group": data["sector"].astype(str),
        "cluster_group": data["cluster"].astype(str),
        "size_class": size,
    }, index=data.index)  # fmt: skip


def build_release(
    data: pd.DataFrame,
    codebook: Codebook,
    *,
    frame: pd.DataFrame | None = None,
    policy: DisclosurePolicy | None = None,
    size_labels: dict[str, dict[str, str]] | None = None,
) -> Release:
    """The public-use file of a wave (no I/O). ``size_labels``: size code -> {lang: label}."""
    policy = policy or DisclosurePolicy()
    quasi = _quasi_frame(data, frame)
    sizes = size_labels or {}
    order = {"size_class": list(sizes)}
    mapping, keep = anonymise(quasi, policy.min_n, order)
    cls = classification()

    def label(column: str, code: str, lang: str) -> str:
        if column == "sector_group":
            return cls.sector_label(code, lang)
        if column == "cluster_group":
            return cls.cluster_label(code, lang)
        return sizes.get(code, {}).get(lang, code)

    groupings: dict[str, Grouping] = {}
    labels: dict[str, dict[int, str]] = {}
    columns: dict[str, pd.Series] = {}
    variables: list[Variable] = []
    rng = np.random.default_rng(SEED)
    for column in QUASI:
        keys = sorted(set(mapping[column].values()),
                      key=lambda g: (order.get(column, []).index(g.split("+")[0])
                                     if g.split("+")[0] in order.get(column, []) else 99, g))  # fmt: skip
        numbers = {g: i + 1 for i, g in enumerate(keys)}
        groupings[column] = Grouping(column, {numbers[g]: g.split("+") for g in keys})
        values: dict[int, dict[str, str]] = {}
        for g, i in numbers.items():
            values[i] = {lang: " + ".join(label(column, c, lang) for c in g.split("+"))
                         for lang in ("nl", "en")}  # fmt: skip
        labels[column] = {i: v["nl"] for i, v in values.items()}
        columns[column] = quasi[column].map(mapping[column]).map(numbers).astype("int64")
        titles = {"sector_group": ("Sectorgroep", "Sector group"),
                  "cluster_group": ("Clustergroep", "Cluster group"),
                  "size_class": ("Omvangsklasse", "Size class")}[column]  # fmt: skip
        variables.append(Variable(column, "numeric", None, "single",
                                  {"nl": titles[0], "en": titles[1]}, values,
                                  measure="ordinal" if column in ORDINAL else "nominal"))  # fmt: skip
    dropped = []
    for var in codebook:
        if var.role in DROP_ROLES or var.name in DROP_COLUMNS:
            dropped.append(var.name)
            continue
        columns[var.name] = data[var.name]
        variables.append(var)
    out = pd.concat(columns, axis=1)[keep.to_numpy()]
    out = out.iloc[rng.permutation(len(out))].reset_index(drop=True)  # order reveals nothing
    record_no = pd.Series(np.arange(1, len(out) + 1, dtype="int64"), name="record")
    out = pd.concat([record_no, out], axis=1)
    record = Variable("record", "numeric", None, "id",
                      {"nl": "Recordnummer (willekeurig)", "en": "Record number (random)"},
                      measure="scale")  # fmt: skip
    book = Codebook(codebook.questionnaire_version, (record, *variables))
    return Release(out, book, groupings, labels, len(data), int((~keep).sum()), dropped,
                   policy.min_n)  # fmt: skip


def run_release(
    dataset: str | Path,
    out_dir: str | Path,
    *,
    frame: str | Path | None = None,
    policy: str | Path | None = None,
) -> Release:
    """Read ``dataset``, build its public-use file and write it into ``out_dir`` (whole or not
    at all): ``public.csv``, ``public.sav``, ``codebook-ddi.xml``, ``datapackage.json``."""
    from barometer.dataset.io import read_dataset
    from barometer.disclosure.policy import load_policy
    from barometer.disclosure.release_meta import write_release_files

    rules = load_policy(Path(policy) if policy else None)
    ds = read_dataset(dataset)
    frame_df = pd.read_csv(frame, dtype=str, keep_default_na=False) if frame else None
    sizes: dict[str, dict[str, str]] = {}
    names: dict[str, str] = {}
    try:
        choices = ds.questionnaire.item("a1_size").choice_list
    except KeyError:
        choices = None
    if choices is not None:  # the answers hold codes, the frame choice names: use names
        sizes = {c.name: {lang: c.label(lang) for lang in ("nl", "en")} for c in choices.choices}
        names = {str(c.code): c.name for c in choices.choices}
    sizes["unknown"] = {"nl": "Onbekend", "en": "Unknown"}
    data = ds.data
    if "a1_size" in data:
        size = data["a1_size"].astype(str).map(lambda v: names.get(v, "unknown"))
        data = data.assign(a1_size=size)
    release = build_release(data, ds.codebook, frame=frame_df, policy=rules, size_labels=sizes)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".release-", dir=out))
    try:
        written = write_release_files(release, tmp, title=ds.questionnaire.title or "")
        for name in written:
            os.replace(tmp / name, out / name)
        release.files = {name: out / name for name in written}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return release
