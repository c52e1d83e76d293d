"""The disclosure manifest (``disclosure.json``) a report writes beside its tables.

It lists every published table whose rows are groups of an identifying variable (sector,
cluster, size class, or a crossing of them), with each group's label, published n and
member codes, whether its groups together hold every responding organisation exactly once
(``partition``: the weighting cells, Tabel 1), and every pair of published groups of which one's organisations are a proper
subset of the other's. The scanner (:mod:`barometer.disclosure.scan`) checks the numbers of
the tables themselves against it; the manifest only tells it which groups nest.
"""

from __future__ import annotations

import io
import json
from collections.abc import Mapping
from functools import cache
from itertools import combinations

import pandas as pd

from barometer.classification import classification

__all__ = ["N_COLUMNS", "build_manifest", "group_labels"]

N_COLUMNS = ("n", "completed", "organisations", "responses")
"""Columns that hold the number of organisations a row rests on, in order of preference."""

VARIABLES = ("sector", "cluster", "size")


def group_labels(size_labels: Mapping[str, str] | None = None) -> dict[str, dict[str, set[str]]]:
    """variable -> label (Dutch and English) -> member codes, from the classification.

    Size classes are named by ``size_labels`` (code -> label); without it, by the shipped
    questionnaire's labels of the size question in every language, so that a published size
    table is recognised as crossing an identifying variable wherever it turns up."""
    cls = classification()
    if size_labels is None:
        size_labels = {}
        for code, labels in _shipped_size_labels().items():
            for label in labels:
                size_labels[label] = code
        size_pairs = [(code, label) for label, code in size_labels.items()]
    else:
        size_pairs = list(size_labels.items())
    out: dict[str, dict[str, set[str]]] = {v: {} for v in VARIABLES}
    for cat in cls.sectors:
        for label in (cat.nl, cat.en):
            out["sector"][label] = {cat.code}
    for cat in cls.clusters:
        for label in (cat.nl, cat.en):
            out["cluster"][label] = {cat.code}
    for code, label in size_pairs:
        out["size"][label] = {code}
    return out


@cache
def _shipped_size_labels() -> dict[str, tuple[str, ...]]:
    """Size class code -> its labels (every language) in the shipped questionnaire."""
    from barometer.questionnaire import default
    from barometer.stats.derive import SIZE_ITEM

    choices = default().item(SIZE_ITEM).choice_list
    if choices is None:
        return {}
    return {c.name: tuple(dict.fromkeys(c.labels.values())) for c in choices.choices}


REMAINDERS = {
    "sector": ("Overige sectoren (", "Other sectors ("),
    "cluster": ("Overige clusters (", "Other clusters ("),
}
"""How a remainder group's label starts; its members follow, separated by ", "."""

TOTALS = ("Totaal", "Total")


def _remainder(text: str, variable: str, known: dict[str, set[str]]) -> tuple[set[str], str] | None:
    """Members of a remainder label at the start of ``text`` and what follows it."""
    prefix = next((p for p in REMAINDERS.get(variable, ()) if text.startswith(p)), None)
    if prefix is None:
        return None
    rest, codes = text[len(prefix) :], set()
    while True:
        lab = next((x for x in sorted(known, key=len, reverse=True) if rest.startswith(x)), None)
        if lab is None:
            return None
        codes |= known[lab]
        rest = rest[len(lab) :]
        if rest.startswith(", "):
            rest = rest[2:]
        elif rest.startswith(")"):
            return codes, rest[1:]
        else:
            return None


def _parse(
    label: str, labels: dict[str, dict[str, set[str]]], allowed: tuple[str, ...] = VARIABLES
) -> list[dict[str, set[str]]] | None:
    """A row label as a union of crossings ``{variable: codes}``; None if it is no group."""
    alternatives = []
    for part in label.split(" + "):
        crossing: dict[str, set[str]] = {}
        rest = part.strip()
        for variable in allowed:
            merged = _remainder(rest, variable, labels[variable])
            if merged is not None and (not merged[1] or merged[1].startswith(", ")):
                crossing[variable] = merged[0]
                rest = merged[1].removeprefix(", ")
                continue
            for lab in sorted(labels[variable], key=len, reverse=True):
                if rest == lab or rest.startswith(lab + ", "):
                    crossing[variable] = labels[variable][lab]
                    rest = rest[len(lab) :].removeprefix(", ")
                    break
        if rest or not crossing:
            return None
        alternatives.append(crossing)
    return alternatives


def _orgs(alternatives: list[dict[str, set[str]]], members: pd.DataFrame) -> frozenset[str]:
    mask = pd.Series(False, index=members.index)
    for crossing in alternatives:
        one = pd.Series(True, index=members.index)
        for variable, codes in crossing.items():
            one &= members[variable].astype(str).isin(codes)
        mask |= one
    return frozenset(members.loc[mask, "org_id"].astype(str))


def build_manifest(
    tables: Mapping[str, str],
    members: pd.DataFrame,
    size_labels: Mapping[str, str] | None = None,
) -> str:
    """The manifest as JSON text.

    Parameters
    ----------
    tables : mapping
        Relative path of each published CSV -> its text.
    members : pandas.DataFrame
        One row per responding organisation: ``org_id``, ``sector``, ``cluster``, ``size``
        (codes).
    size_labels : mapping, optional
        Size class code -> label, as the tables print them.
    """
    labels = group_labels(size_labels)
    groupings = []
    sets: dict[tuple[str, str], tuple[frozenset[str], float]] = {}
    for path, text in sorted(tables.items()):
        frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
        if frame.empty or len(frame.columns) < 2:
            continue
        n_col = next((c for c in N_COLUMNS if c in frame.columns), None)
        key = frame.columns[0]
        frame = frame[~frame[key].isin(TOTALS)]
        if n_col is None:
            continue
        for allowed in (*((v,) for v in VARIABLES), VARIABLES):  # one variable if it fits
            parsed = [_parse(str(v), labels, allowed) for v in frame[key]]
            if all(p is not None for p in parsed):
                break
        else:
            continue
        groups = []
        variables: set[str] = set()
        union: set[str] = set()
        size = 0
        for label, alternatives, n in zip(frame[key], parsed, frame[n_col], strict=True):
            assert alternatives is not None
            variables |= {v for crossing in alternatives for v in crossing}
            codes = {v: sorted(set().union(*(c.get(v, set()) for c in alternatives)))
                     for v in VARIABLES if any(v in c for c in alternatives)}  # fmt: skip
            orgs = _orgs(alternatives, members)
            union |= orgs
            size += len(orgs)
            value = float(n) if n.strip() else float("nan")
            sets[(path, str(label))] = (orgs, value)
            groups.append({"label": str(label), "n": int(value) if value == value else None,
                           "members": codes})  # fmt: skip
        partition = size == len(union) == members["org_id"].astype(str).nunique()
        groupings.append({"file": path, "key": key, "n_column": n_col,
                          "variables": sorted(variables), "partition": partition,
                          "groups": groups})  # fmt: skip
    nested = []
    for (a, (sa, _)), (b, (sb, _)) in combinations(sorted(sets.items()), 2):
        if sa < sb:
            nested.append({"smaller": list(a), "larger": list(b)})
        elif sb < sa:
            nested.append({"smaller": list(b), "larger": list(a)})
    doc = {"format": "barometer-disclosure-manifest/1", "groupings": groupings, "nested": nested}
    return json.dumps(doc, ensure_ascii=False, indent=1)
