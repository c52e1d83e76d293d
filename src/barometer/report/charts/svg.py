"""A leaner copy of a chart SVG for the PDF: the same picture with fewer elements.

WeasyPrint draws an SVG node by node in Python, so the PDF is faster to make when the
chart has fewer nodes. :func:`print_svg` keeps every visible mark, label and colour and
removes only what paints nothing or is there for the web page alone:

* elements that cannot paint: ``display="none"``, empty paths, and shapes whose fill and
  stroke are both ``none`` (Vega's invisible background and foreground rectangles);
* runs of sibling ``<line>`` elements that differ only in their position (grid lines,
  ticks, error bars) become one ``<path>`` with one segment per line;
* attributes that do not change the drawing: ``class``, ``role``, ``aria-*``,
  ``pointer-events`` and ``focusable`` (the PDF describes the chart with the ``alt`` text of
  its image; the web page keeps the original SVG with its ARIA attributes);
* ``<g>`` wrappers left with nothing to carry are dissolved;
* with the font's letter widths, texts centred or right-aligned are written with their
  start position, so that WeasyPrint need not measure each in a group of its own.

The root keeps its ``<title>`` and ``<desc>``. Anything not understood is kept as it is.
"""

from __future__ import annotations

import base64
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from xml.sax.saxutils import escape, quoteattr

__all__ = ["Measure", "data_url", "print_svg"]

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
XML_NS = "http://www.w3.org/XML/1998/namespace"
_PREFIX = {SVG_NS: "", XLINK_NS: "xlink:", XML_NS: "xml:", "": ""}
_SHAPES = {"path", "rect", "circle", "ellipse", "line", "polyline", "polygon"}
_DROP = {"class", "role", "pointer-events", "focusable"}
_TRANSLATE = re.compile(r"\s*translate\(\s*(-?[\d.eE+-]+)(?:[\s,]+(-?[\d.eE+-]+))?\s*\)\s*")
_LINE_GEOMETRY = {"x1", "y1", "x2", "y2", "transform"}


def _local(tag: str) -> tuple[str, str]:
    if tag.startswith("{"):
        ns, _, name = tag[1:].partition("}")
        return ns, name
    return "", tag


def _keep_attr(name: str) -> bool:
    local = _local(name)[1]
    return local not in _DROP and not local.startswith("aria-")


def _paints(el: ET.Element, fill: str, stroke: str) -> bool:
    """Whether a shape can put ink on the page (given the inherited fill and stroke)."""
    name = _local(el.tag)[1]
    if name not in _SHAPES:
        return True
    if name == "path" and not (el.get("d") or "").strip():
        return False
    if el.get("marker-start") or el.get("marker-mid") or el.get("marker-end"):
        return True
    return fill != "none" or stroke not in ("none", "")


def _translation(el: ET.Element) -> tuple[float, float] | None:
    transform = el.get("transform")
    if transform is None:
        return 0.0, 0.0
    match = _TRANSLATE.fullmatch(transform)
    if match is None:
        return None
    return float(match.group(1)), float(match.group(2) or 0)


def _num(value: float) -> str:
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _segment(el: ET.Element) -> str | None:
    """``M x1,y1 L x2,y2`` of a ``<line>`` (with its translation applied), or None."""
    shift = _translation(el)
    if shift is None:
        return None
    try:
        x1, y1, x2, y2 = (float(el.get(k) or 0) for k in ("x1", "y1", "x2", "y2"))
    except ValueError:
        return None
    dx, dy = shift
    return f"M{_num(x1 + dx)},{_num(y1 + dy)}L{_num(x2 + dx)},{_num(y2 + dy)}"


def _style_key(el: ET.Element) -> tuple[tuple[str, str], ...] | None:
    """The attributes (other than geometry) of a ``<line>`` that may join a path, or None."""
    if _local(el.tag)[1] != "line" or len(el) or (el.text or "").strip():
        return None
    rest = tuple(sorted((k, v) for k, v in el.attrib.items() if k not in _LINE_GEOMETRY))
    opacity = dict(rest).get("opacity", "1")
    try:
        if float(opacity) != 1:  # group opacity differs from per-line opacity when lines cross
            return None
    except ValueError:
        return None
    return rest


def _text(text: str | None) -> str:
    return (text or "").strip()


def _merge_lines(parent: ET.Element) -> None:
    children = list(parent)
    out: list[ET.Element] = []
    i = 0
    while i < len(children):
        key = _style_key(children[i])
        j = i + 1
        if key is not None:
            while (
                j < len(children)
                and _style_key(children[j]) == key
                and not _text(children[j - 1].tail)
            ):
                j += 1
        run = children[i:j]
        segments = [_segment(c) for c in run] if len(run) > 1 else [None]
        if len(run) > 1 and all(s is not None for s in segments):
            path = ET.Element(f"{{{SVG_NS}}}path", {k: v for k, v in key or ()})
            path.set("d", "".join(s for s in segments if s is not None))
            path.set("fill", "none")
            path.tail = run[-1].tail
            out.append(path)
        else:
            out.extend(run)
        i = j
    parent[:] = out


def _slim(el: ET.Element, fill: str, stroke: str) -> list[ET.Element]:
    """``el`` made lean, as the list of elements that replace it (empty: dropped)."""
    if el.get("display") == "none":
        return []
    fill = el.get("fill", fill)
    stroke = el.get("stroke", stroke)
    if not _paints(el, fill, stroke):
        return []
    for name in [k for k in el.attrib if not _keep_attr(k)]:
        del el.attrib[name]
    ns, name = _local(el.tag)
    if ns != SVG_NS or name in ("title", "desc", "text", "defs", "clipPath", "style"):
        return [el]
    children: list[ET.Element] = []
    for child in list(el):
        children.extend(_slim(child, fill, stroke))
    el[:] = children
    _merge_lines(el)
    if name == "g" and _translation(el) == (0.0, 0.0) and set(el.attrib) <= {"transform"}:
        if el.text and el.text.strip():
            return [el]
        return list(el)  # an empty wrapper: its children take its place
    return [el]


def _serialize(el: ET.Element, parts: list[str], root: bool = False) -> None:
    ns, name = _local(el.tag)
    tag = _PREFIX[ns] + name
    attrs = []
    if root:
        attrs.append(f' xmlns="{SVG_NS}" xmlns:xlink="{XLINK_NS}"')
    for key, value in el.attrib.items():
        kns, kname = _local(key)
        attrs.append(f" {_PREFIX[kns] + kname}={quoteattr(value)}")
    parts.append(f"<{tag}{''.join(attrs)}")
    if len(el) or el.text:
        parts.append(">")
        if el.text:
            parts.append(escape(el.text))
        for child in el:
            _serialize(child, parts)
            if child.tail:
                parts.append(escape(child.tail))
        parts.append(f"</{tag}>")
    else:
        parts.append("/>")


Measure = Callable[[str, bool], float]
"""Width in px of a text at 1 px font size, regular (False) or bold (True)."""

_PX = re.compile(r"\s*([\d.]+)(?:px)?\s*")
_PLAIN_TEXT = {"text-anchor", "transform", "font-family", "font-size", "font-weight", "fill",
               "opacity", "fill-opacity"}  # fmt: skip


def _start_anchored(el: ET.Element, measure: Measure, family: str) -> None:
    """Write a middle- or end-anchored ``<text>`` as start-anchored at the shifted ``x``.

    WeasyPrint draws an anchored text into a group of its own (a PDF form XObject each) to
    measure it first. Its width there is the sum of its letters' advances (it lays out
    every letter by itself), which is what ``measure`` gives letter by letter. Texts with
    anything that changes that (positions, spacing, children, other fonts or letters the
    font may lack) keep their anchor.
    """
    anchor = el.get("text-anchor")
    text = el.text or ""
    size = _PX.fullmatch(el.get("font-size") or "")
    weight = el.get("font-weight", "normal")
    if (
        anchor not in ("middle", "end")
        or not text
        or size is None
        or len(el)
        or not set(el.attrib) <= _PLAIN_TEXT
        or weight not in ("normal", "400", "bold", "700")
        or el.get("font-family", "").split(",")[0].strip().strip("'\"") != family
        or any(ord(c) >= 0x2100 or not c.isprintable() for c in text)
    ):
        return
    bold = weight in ("bold", "700")
    width = sum(measure(c, bold) for c in text) * float(size.group(1))
    el.set("x", _num(-width if anchor == "end" else -width / 2))
    del el.attrib["text-anchor"]


def print_svg(svg: str, measure: Measure | None = None, family: str = "DejaVu Sans") -> str:
    """The same picture as ``svg`` with fewer elements (see the module docstring).

    With ``measure`` (the letters of ``family``, the charts' first font), texts anchored in
    the middle or at the end are written as anchored at the start where they begin.
    """
    root = ET.fromstring(svg)
    if _local(root.tag) != (SVG_NS, "svg"):
        raise ValueError("not an SVG document")
    names = (n for el in root.iter() for n in (el.tag, *el.attrib))
    if any(_local(n)[0] not in _PREFIX for n in names):
        return svg  # a namespace we would not write back as it was: leave the SVG alone
    for name in [k for k in root.attrib if not _keep_attr(k)]:
        del root.attrib[name]
    children: list[ET.Element] = []
    for child in list(root):
        children.extend(_slim(child, root.get("fill", "black"), root.get("stroke", "none")))
    root[:] = children
    _merge_lines(root)
    if measure is not None:
        for text in root.iter(f"{{{SVG_NS}}}text"):
            _start_anchored(text, measure, family)
    parts: list[str] = []
    _serialize(root, parts, root=True)
    return "".join(parts)


def data_url(svg: str) -> str:
    """``svg`` as a ``data:`` URL, for an ``<img>`` in the PDF."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")
