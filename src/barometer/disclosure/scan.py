"""``barometer disclosure check DIR``: audit a finished output folder against the policy.

It reads only what was published (the report's ``index.html``, every CSV, the PDF's text,
feedback reports, comparisons, a release folder) and never the objects that made them, so a
mistake in the report code cannot hide itself. The report's ``disclosure.json`` only says
which published groups nest inside which; their numbers are read from the tables.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from barometer.disclosure.policy import DisclosurePolicy
from barometer.disclosure.quotes import Approvals
from barometer.disclosure.scan_linked import linked_violations, rate_violations
from barometer.disclosure.scan_read import (
    HtmlPage,
    Table,
    parse_number,
    read_csv_table,
    read_html,
    read_pdf,
)
from barometer.disclosure.scan_rules import Violation, check_table, check_text
from barometer.errors import DisclosureError, ErrorCode

__all__ = ["QUASI_IDENTIFIERS", "ScanResult", "check_output"]

QUASI_IDENTIFIERS = ("sector_group", "cluster_group", "size_class")
"""The columns of a public-use file on which k-anonymity is required."""


@dataclass
class ScanResult:
    """What the scanner read and every violation it found."""

    folder: Path
    files: list[str] = field(default_factory=list)
    violations: list[Violation] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.violations


def check_output(
    folder: Path, policy: DisclosurePolicy | None = None, approvals: Approvals | None = None
) -> ScanResult:
    """Audit ``folder`` and return every violation (an empty list: it may be published).

    Raises
    ------
    DisclosureError
        ``folder`` is not an output folder: it holds no report (``index.html``), no feedback
        report or comparison (``*.html``) and no release (``datapackage.json``).
    """
    policy = policy or DisclosurePolicy()
    approvals = approvals or Approvals()
    folder = Path(folder)
    if not folder.is_dir():
        raise DisclosureError(ErrorCode.DISCLOSURE_NOT_OUTPUT, detail=f"{folder} is no folder")
    html = sorted(folder.rglob("*.html"))
    releases = sorted(p.parent for p in folder.rglob("datapackage.json"))
    if not html and not releases:
        raise DisclosureError(
            ErrorCode.DISCLOSURE_NOT_OUTPUT,
            detail=f"{folder} holds no report or feedback report (*.html) and no release "
            "(datapackage.json)",
        )
    result = ScanResult(folder)
    out = result.violations
    csvs: dict[str, Table] = {}
    for path in sorted(folder.rglob("*.csv")):
        if any(r in path.parents for r in releases):
            continue
        table = read_csv_table(path, folder)
        csvs[str(path.relative_to(folder))] = table
        result.files.append(table.file)
        out.extend(check_table(table, policy))
        out.extend(rate_violations(table, policy))
    pages = [read_html(p, folder) for p in html]
    for page in pages:
        result.files.append(page.file)
        out.extend(_check_page(page, csvs, policy, approvals))
    approved_texts = {" ".join(q.text.split()) for p in pages for q in p.quotes
                      if q.quote_id in approvals}  # fmt: skip
    for pdf in sorted(folder.rglob("*.pdf")):
        rel = str(pdf.relative_to(folder))
        result.files.append(rel)
        text = read_pdf(pdf)
        if text is None:
            out.append(Violation(rel, "", "", "", "unreadable",
                                 "the PDF's text cannot be read (is pdftotext installed?)"))  # fmt: skip
            continue
        out.extend(check_text(rel, text, policy))
        for quote in _unmarked_quotes(text):
            if quote not in approved_texts:
                out.append(Violation(rel, "text", "", "", "quote",
                                     f"quote not among the approved quotes: “{quote[:60]}”"))  # fmt: skip
    for manifest in sorted(folder.rglob("disclosure.json")):
        result.files.append(str(manifest.relative_to(folder)))
        out.extend(_differencing(manifest, folder, csvs, policy))
        try:
            doc = json.loads(manifest.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue  # reported by _differencing
        if doc:
            out.extend(linked_violations(doc, manifest.parent, folder, csvs, policy))
    for release in releases:
        result.files.append(str((release / "datapackage.json").relative_to(folder)))
        out.extend(_k_anonymity(release, folder, policy))
    return result


_MARKER = re.compile(r"(?:\(geanonimiseerd\)|\(anonymised\)):\s*“([^”]*)”")


def _unmarked_quotes(text: str) -> list[str]:
    return [" ".join(m.group(1).split()) for m in _MARKER.finditer(" ".join(text.split()))]


def _check_page(
    page: HtmlPage, csvs: dict[str, Table], policy: DisclosurePolicy, approvals: Approvals
) -> list[Violation]:
    out = list(check_text(page.file, page.text, policy))
    base = str(Path(page.file).parent / "tables")
    for table in page.tables:
        name = table.name.removesuffix("-table")
        twin = csvs.get(f"{base}/{name.replace('-benchmarks', '__benchmarks')}.csv".lstrip("./"))
        twin_columns = [c for c in twin.columns if c != "note"] if twin is not None else []
        if twin is not None and len(twin_columns) == len(table.columns):
            table = Table(table.file, table.name, twin_columns, table.rows, table.caption)
        else:
            table = Table(table.file, table.name, [_header(h) for h in table.columns],
                          table.rows, table.caption)  # fmt: skip
        out.extend(check_table(table, policy))
        out.extend(rate_violations(table, policy))
    marked = set()
    for q in page.quotes:
        marked.add(" ".join(q.text.split()))
        if q.quote_id not in approvals:
            out.append(Violation(page.file, "text", "", "", "quote",
                                 f"quote {q.quote_id} is not in the approvals: “{q.text[:60]}”"))  # fmt: skip
    for quote in _unmarked_quotes(page.text):
        if quote not in marked:
            out.append(Violation(page.file, "text", "", "", "quote",
                                 f"quote without an approval id: “{quote[:60]}”"))  # fmt: skip
    return out


_HEADERS = {"aantal organisaties": "organisations", "organisations": "organisations",
            "begrip": "term", "term": "term", "n": "n", "basis": "base", "base": "base"}  # fmt: skip


def _header(h: str) -> str:
    return _HEADERS.get(h.strip().lower(), h)


def _differencing(
    manifest: Path, root: Path, csvs: dict[str, Table], policy: DisclosurePolicy
) -> list[Violation]:
    """Groups nested in one another whose published n differ by 1 to min_n - 1."""
    rel = str(manifest.relative_to(root))
    try:
        doc = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return [Violation(rel, "", "", "", "manifest", f"cannot be read: {exc}")]
    if not doc:
        return []
    out: list[Violation] = []
    here = manifest.parent
    published: dict[tuple[str, str], float | None] = {}
    for g in doc.get("groupings", []):
        key = str((here / g["file"]).relative_to(root))
        table = csvs.get(key)
        if table is None:
            out.append(Violation(rel, g["file"], "", "", "manifest", "the table is not published"))
            continue
        cols = table.columns
        if g["key"] not in cols or g["n_column"] not in cols:
            out.append(Violation(key, table.name, "", g["n_column"], "manifest",
                                 "the manifest's columns are not in the table"))  # fmt: skip
            continue
        k, j = cols.index(g["key"]), cols.index(g["n_column"])
        rows = {r[k]: r[j] for r in table.rows if len(r) > max(k, j)}
        for group in g["groups"]:
            if group["label"] not in rows:
                out.append(Violation(key, table.name, group["label"], "", "manifest",
                                     "the manifest's group is not in the table"))  # fmt: skip
                continue
            n = parse_number(rows[group["label"]])
            if n != (float(group["n"]) if group["n"] is not None else None):
                out.append(Violation(key, table.name, group["label"], g["n_column"], "manifest",
                                     f"published n {rows[group['label']]!r} is not the "
                                     f"manifest's {group['n']}"))  # fmt: skip
            published[(g["file"], group["label"])] = n
    for pair in doc.get("nested", []):
        small, large = tuple(pair["smaller"]), tuple(pair["larger"])
        ns, nl = published.get(small), published.get(large)
        if ns is None or nl is None:
            continue
        gap = nl - ns
        if 1 <= gap <= policy.min_n - 1:
            out.append(Violation(
                str((here / large[0]).relative_to(root)), Path(large[0]).stem, large[1], "",
                "differencing",
                f"n = {nl:g} here and n = {ns:g} for {small[1]!r} in {small[0]}, a subset: "
                f"the difference rests on {gap:g} organisation(s) (fewer than min_n = "
                f"{policy.min_n})",
            ))  # fmt: skip
    return out


def _k_anonymity(release: Path, root: Path, policy: DisclosurePolicy) -> list[Violation]:
    """Every combination of the quasi-identifiers occurs at least min_n times in the data."""
    rel = str((release / "datapackage.json").relative_to(root))
    try:
        package = json.loads((release / "datapackage.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return [Violation(rel, "", "", "", "k_anonymity", f"cannot be read: {exc}")]
    out: list[Violation] = []
    for resource in package.get("resources", []):
        path = release / str(resource.get("path", ""))
        if path.suffix != ".csv" or not path.is_file():
            continue
        name = str(path.relative_to(root))
        with path.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
        header = list(rows[0]) if rows else []
        missing = [q for q in QUASI_IDENTIFIERS if q not in header]
        for q in missing:
            out.append(Violation(name, "", "", q, "k_anonymity",
                                 "quasi-identifier column missing: k-anonymity cannot be checked"))  # fmt: skip
        for col in header:
            if col in ("org_id", "name", "contact_name", "contact_email") or col.startswith("d1_"):
                out.append(Violation(name, "", "", col, "k_anonymity",
                                     "identifying or open-answer column in a public-use file"))  # fmt: skip
        if missing:
            continue
        combos: dict[tuple[str, ...], int] = {}
        for row in rows:
            key = tuple(row[q] for q in QUASI_IDENTIFIERS)
            combos[key] = combos.get(key, 0) + 1
        for key, count in sorted(combos.items()):
            if count < policy.min_n:
                out.append(Violation(name, "", " × ".join(key), ", ".join(QUASI_IDENTIFIERS),
                                     "k_anonymity",
                                     f"{count} record(s) share this combination, fewer than "
                                     f"min_n = {policy.min_n}"))  # fmt: skip
    return out
