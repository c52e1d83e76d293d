"""Output of the report layer, in one place: SVG made safe and accessible, and files written
so that a failure never leaves half a result.

Used by the report (:mod:`.render.build`, :mod:`.render.pdf`, :mod:`.charts.draw`, the word
clouds), the feedback report and the wave comparison.

- :func:`accessible_svg` refuses an SVG with active content (``<script>``,
  ``<foreignObject>``), adds ``<title>``, ``<desc>``, ``role="img"`` and
  ``aria-labelledby`` to its root element (and a ``viewBox`` when asked and missing), and
  checks that the result is well-formed XML. Title and description are escaped.
- :func:`atomic_write` writes one file through a temporary file in the same folder,
  renamed into place, as readable as the folder's other outputs (:func:`.fileperm.publish`).
- :func:`write_tree` writes a set of files into a temporary folder inside ``out_dir`` and
  then moves the named outputs into place, putting the old ones back if a move fails.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from barometer import fileperm

__all__ = ["accessible_svg", "atomic_write", "atomic_writer", "write_tree"]

_SVG_OPEN = re.compile(r"<svg\b[^>]*>")
_ACTIVE = re.compile(r"<\s*(script|foreignObject)\b", re.IGNORECASE)
_SIZE = re.compile(r'width="(\d+(?:\.\d+)?)" height="(\d+(?:\.\d+)?)"')


def accessible_svg(svg: str, ident: str, title: str, desc: str, *, view_box: bool = False) -> str:
    """``svg`` with ``<title>``, ``<desc>``, ``role`` and ``aria-labelledby`` on its root.

    ``view_box=True`` adds ``viewBox="0 0 width height"`` when the root has none (so that
    the picture scales). Raises ``ValueError`` for active content, for text that is not an
    SVG document, and when the result is not well-formed XML."""
    if _ACTIVE.search(svg):
        raise ValueError("the SVG contains active content")
    match = _SVG_OPEN.search(svg)
    if match is None:
        raise ValueError("not an SVG document")
    tag = match.group(0)
    view = ""
    size = _SIZE.search(tag)
    if view_box and size and re.search(r"\sviewBox=", tag) is None:
        view = f' viewBox="0 0 {size.group(1)} {size.group(2)}"'
    labelled = quoteattr(f"{ident}-title {ident}-desc")
    attrs = f'{view} role="img" aria-labelledby={labelled} focusable="false"'
    head = (f"{tag[:-1]}{attrs}><title id={quoteattr(ident + '-title')}>{escape(title)}</title>"
            f"<desc id={quoteattr(ident + '-desc')}>{escape(desc)}</desc>")  # fmt: skip
    out = svg[: match.start()] + head + svg[match.end() :]
    ET.fromstring(out)  # must stay well-formed XML
    return out


def atomic_writer(target: Path, write: Callable[[str], object]) -> Path:
    """Let ``write(tmp_path)`` write a temporary file beside ``target``, then rename it to
    ``target``; the temporary file is removed if anything fails."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(fd)
    try:
        write(tmp)
        fileperm.publish(tmp, target)  # as readable as the other outputs, not mkstemp's 0600
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return target


def atomic_write(target: Path, data: str | bytes) -> Path:
    """Write ``data`` (text as UTF-8) to ``target`` atomically."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return atomic_writer(target, lambda tmp: Path(tmp).write_bytes(raw))


def _swap(new: Path, out: Path, outputs: Iterable[str]) -> None:
    """Move ``outputs`` from ``new`` into ``out``; on failure put the old ones back."""
    names = list(outputs)
    old = new / ".old"
    old.mkdir()
    placed: list[str] = []
    try:
        for name in names:
            if (out / name).exists():
                os.replace(out / name, old / name)
            os.replace(new / name, out / name)
            placed.append(name)
    except BaseException:
        for name in placed:  # remove what was put in place
            shutil.rmtree(out / name) if (out / name).is_dir() else (out / name).unlink()
        for name in names:  # and restore what was there
            if (old / name).exists():
                os.replace(old / name, out / name)
        raise


def write_tree(
    files: Mapping[str, str],
    out_dir: str | Path,
    outputs: Iterable[str],
    *,
    prefix: str = ".out-",
    empty: Mapping[str, str] | None = None,
) -> Path:
    """Write ``files`` (relative path -> text) into ``out_dir`` and return ``out_dir``.

    ``outputs`` names what the writer owns inside ``out_dir`` (files and top-level
    folders); only those are replaced, everything else there is left alone. The folders
    among them are created even when no file goes into them; ``empty`` gives the content
    of an owned file that ``files`` lacks. Everything is written into a temporary folder
    inside ``out_dir`` first and moved into place only when complete."""
    names = list(outputs)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=prefix, dir=out))
    try:
        for name in names:
            if name not in files and name not in (empty or {}):
                (tmp / name).mkdir()
        for rel, content in {**(empty or {}), **files}.items():
            (tmp / rel).parent.mkdir(parents=True, exist_ok=True)
            (tmp / rel).write_text(content, encoding="utf-8")
        _swap(tmp, out, names)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return out
