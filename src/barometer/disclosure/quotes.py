"""Candidate quotes with stable ids, and the approvals file that lets a quote be printed.

A quote is an open answer after scrubbing (organisation, person and contact names, e-mail
addresses, numbers that identify). Its id is a hash of the organisation id, the question and
the scrubbed text, so an approval covers exactly the text a person read: if the answer or
the scrubbing changes, the id changes and the quote needs a new approval.
"""

from __future__ import annotations

import csv
import hashlib
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import yaml

from barometer.errors import DisclosureError, ErrorCode

__all__ = [
    "QUOTE_ITEMS",
    "Approvals",
    "QuoteCandidate",
    "candidate_quotes",
    "quote_id",
    "read_approvals",
    "write_candidates",
]

QUOTE_ITEMS = ("d1_description",)
"""The open questions the report may quote from."""


def quote_id(org_id: str, item: str, text: str) -> str:
    """The stable id of one scrubbed answer (``q-`` and 12 hex digits).

    >>> len(quote_id("ORG0001", "d1_description", "Een dashboard"))
    14
    """
    digest = hashlib.sha256(f"{org_id}\x00{item}\x00{' '.join(text.split())}".encode())
    return "q-" + digest.hexdigest()[:12]


@dataclass(frozen=True)
class QuoteCandidate:
    id: str
    org_id: str
    item: str
    text: str


@dataclass(frozen=True)
class Approvals:
    """The quote ids a person approved (everything else is not printed)."""

    approved: frozenset[str] = frozenset()

    def __contains__(self, quote: object) -> bool:
        return quote in self.approved


def candidate_quotes(
    data: pd.DataFrame, frame: pd.DataFrame | None = None, items: Iterable[str] = QUOTE_ITEMS
) -> list[QuoteCandidate]:
    """Every non-empty open answer of ``items``, scrubbed as the report scrubs it, with its id.

    ``frame`` (with ``name`` and ``contact_name``) lets names be scrubbed; without it only
    e-mail addresses, phone numbers and the like are.
    """
    from barometer.stats.text_prep import scrub_texts

    def names(column: str) -> pd.Series:
        if frame is None or column not in frame.columns:
            return pd.Series([], dtype=str)
        return frame[column].dropna().astype(str)

    out: list[QuoteCandidate] = []
    for item in items:
        if item not in data.columns:
            continue
        raw = data[item]
        has = raw.map(lambda x: isinstance(x, str) and bool(x.strip())).astype(bool)
        texts = scrub_texts(  # as the report scrubs them (figures_text_clusters)
            [str(x).replace("\x00", "") for x in raw[has]],
            org_names=names("name"),
            person_names=names("contact_name"),
        )
        for org, text in zip(data.loc[has, "org_id"].astype(str), texts, strict=True):
            clean = " ".join(text.split())
            out.append(QuoteCandidate(quote_id(org, item, clean), org, item, clean))
    return out


def write_candidates(candidates: list[QuoteCandidate], path: Path) -> Path:
    """Write the candidates as CSV (id, org_id, item, text), atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(["id", "org_id", "item", "text"])
            for c in candidates:
                writer.writerow([c.id, c.org_id, c.item, c.text])
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def read_approvals(path: Path | None) -> Approvals:
    """The approvals file (YAML): ``approved:`` a list of quote ids; ``rejected:`` optional.

    No file means no approvals: nothing is quoted. An id must look like ``q-`` and 12 hex
    digits, and may not be both approved and rejected.
    """
    if path is None:
        return Approvals()
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise DisclosureError(ErrorCode.DISCLOSURE_APPROVALS, detail=f"{path}: {exc}") from None
    if doc is None:
        return Approvals()
    if not isinstance(doc, dict) or set(doc) - {"approved", "rejected"}:
        raise DisclosureError(
            ErrorCode.DISCLOSURE_APPROVALS,
            detail=f"{path}: must be a mapping with the keys 'approved' and 'rejected' only",
        )
    lists: dict[str, set[str]] = {}
    for key in ("approved", "rejected"):
        values = doc.get(key) or []
        if not isinstance(values, list):
            raise DisclosureError(
                ErrorCode.DISCLOSURE_APPROVALS, detail=f"{path}: '{key}' must be a list of ids"
            )
        for i, value in enumerate(values, start=1):
            if not (isinstance(value, str) and len(value) == 14 and value.startswith("q-")):
                raise DisclosureError(
                    ErrorCode.DISCLOSURE_APPROVALS,
                    detail=f"{path}: {key} entry {i} ({value!r}) is not a quote id (q-xxxxxxxxxxxx)",
                )
        lists[key] = set(values)
    both = sorted(lists["approved"] & lists["rejected"])
    if both:
        raise DisclosureError(
            ErrorCode.DISCLOSURE_APPROVALS,
            detail=f"{path}: {both[0]} is both approved and rejected",
        )
    return Approvals(frozenset(lists["approved"]))
