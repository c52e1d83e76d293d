"""Write a public-use file: data as CSV and .sav, metadata as DDI-Codebook 2.5 and a
Frictionless Data Package, and check the metadata against their schemas before anything is
moved into place."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from barometer.dataset.io_sav import write_sav_frame

if TYPE_CHECKING:
    from barometer.disclosure.release import Release

__all__ = ["DDI_NS", "ddi_codebook", "validate_ddi", "write_release_files"]

DDI_NS = "ddi:codebook:2_5"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
DATA = "public.csv"
SAV = "public.sav"
DDI = "codebook-ddi.xml"
PACKAGE = "datapackage.json"
LOSS = "information-loss.json"


def _q(tag: str) -> str:
    return f"{{{DDI_NS}}}{tag}"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, _q(tag), {(XML_LANG if k == "lang" else k): v
                                         for k, v in attrs.items()})  # fmt: skip
    if text is not None:
        el.text = text
    return el


def ddi_codebook(release: Release, title: str) -> bytes:
    """The release described as a DDI-Codebook 2.5 document (UTF-8 XML)."""
    ET.register_namespace("", DDI_NS)
    root = ET.Element(_q("codeBook"), {"version": "2.5", "ID": "barometer-public-use"})
    doc = _sub(root, "docDscr")
    _sub(
        _sub(_sub(doc, "citation"), "titlStmt"), "titl", f"{title}: codebook of the public-use file"
    )
    study = _sub(root, "stdyDscr")
    _sub(_sub(_sub(study, "citation"), "titlStmt"), "titl", title or "Public-use file")
    info = _sub(study, "stdyInfo")
    _sub(info, "abstract", _loss_text(release), lang="en")
    files = _sub(root, "fileDscr", ID="F1")
    text = _sub(files, "fileTxt")
    _sub(text, "fileName", DATA)
    dims = _sub(text, "dimensns")
    _sub(dims, "caseQnty", str(len(release.data)))
    _sub(dims, "varQnty", str(len(release.codebook)))
    _sub(text, "fileType", "text/csv")
    data = _sub(root, "dataDscr")
    for var in release.codebook:
        attrs = {"ID": f"V_{var.name}", "name": var.name, "files": "F1",
                 "intrvl": "contin" if var.measure == "scale" else "discrete"}  # fmt: skip
        el = _sub(data, "var", **attrs)
        for lang in ("nl", "en"):
            _sub(el, "labl", var.label(lang), lang=lang)
        for code, labs in sorted(var.values.items()):
            cat = _sub(el, "catgry", **({"missing": "Y"} if code in var.missing else {}))
            _sub(cat, "catValu", str(code))
            for lang in ("nl", "en"):
                if lang in labs:
                    _sub(cat, "labl", labs[lang], lang=lang)
        _sub(el, "varFormat", type="character" if var.kind == "string" else "numeric",
             schema="other")  # fmt: skip
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def validate_ddi(path: Path) -> None:
    """Validate a DDI file against the shipped DDI-Codebook 2.5 subset schema (xmlschema);
    raises ``xmlschema.XMLSchemaValidationError`` naming the element that is wrong."""
    import xmlschema

    xsd = resources.files("barometer") / "data" / "ddi" / "codebook-2.5-subset.xsd"
    with resources.as_file(xsd) as schema_path:
        xmlschema.XMLSchema(str(schema_path)).validate(str(path))


def _loss_text(release: Release) -> str:
    merged = ", ".join(
        f"{g.name}: {g.merged()} categories merged" for g in release.groupings.values()
    )
    return (f"Public-use file with k-anonymity k >= {release.min_n} on sector group, cluster "
            f"group and size class. {release.suppressed} of {release.records_in} records "
            f"suppressed; {merged}. Open answers and identifying columns removed: "
            f"{', '.join(release.dropped_columns)}.")  # fmt: skip


def _field(var: Any, dtype: str) -> dict[str, Any]:
    kind = (
        "string" if var.kind == "string" else ("number" if dtype.startswith("float") else "integer")
    )
    out: dict[str, Any] = {"name": var.name, "type": kind, "title": var.label("en"),
                           "description": var.label("nl")}  # fmt: skip
    if var.values:
        out["categories"] = [{"value": code, "label": var.value_labels("en")[code]}
                             for code in sorted(var.values)]  # fmt: skip
    if var.missing:
        out["missingValues"] = ["", *(str(m) for m in var.missing)]
    return out


def datapackage(release: Release, title: str) -> dict[str, Any]:
    fields = [_field(v, str(release.data[v.name].dtype)) for v in release.codebook]
    return {
        "name": "barometer-public-use",
        "title": f"{title} (public-use file)" if title else "Public-use file",
        "description": _loss_text(release),
        "resources": [{
            "name": "public", "path": DATA, "format": "csv", "mediatype": "text/csv",
            "encoding": "utf-8", "schema": {"fields": fields, "missingValues": [""]},
        }],
    }  # fmt: skip


def write_release_files(release: Release, folder: Path, *, title: str) -> list[str]:
    """Write every file of the release into ``folder`` and validate the metadata."""
    from frictionless import Package

    release.data.to_csv(folder / DATA, index=False)
    write_sav_frame(release.data, release.codebook, str(folder / SAV), "nl", title)
    (folder / DDI).write_bytes(ddi_codebook(release, title))
    validate_ddi(folder / DDI)
    package = datapackage(release, title)
    (folder / PACKAGE).write_text(json.dumps(package, ensure_ascii=False, indent=1), "utf-8")
    report = Package(str(folder / PACKAGE)).validate()
    if not report.valid:
        errors = report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]
        raise ValueError(f"datapackage.json does not validate: {errors}")
    loss = {"records_in": release.records_in, "records_out": len(release.data),
            "records_suppressed": release.suppressed, "k": release.min_n,
            "categories": {g.name: {str(k): v for k, v in g.groups.items()}
                           for g in release.groupings.values()},
            "categories_merged": {g.name: g.merged() for g in release.groupings.values()},
            "columns_removed": release.dropped_columns}  # fmt: skip
    (folder / LOSS).write_text(json.dumps(loss, ensure_ascii=False, indent=1), "utf-8")
    return [DATA, SAV, DDI, PACKAGE, LOSS]
