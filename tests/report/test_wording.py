"""Issue 12, build point 7: one catalogue of wording per language, one lookup."""

from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest

import barometer.report
from barometer.report.wording import LANGS, Wording, catalogue

REPORT = Path(barometer.report.__file__).parent


def _fields(text: object) -> set[str]:
    if not isinstance(text, str):
        return set()
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _leaves(x: object, path: tuple[object, ...] = ()) -> dict[tuple[object, ...], object]:
    if isinstance(x, dict):
        out: dict[tuple[object, ...], object] = {}
        for k, v in x.items():
            out |= _leaves(v, (*path, k))
        return out
    if isinstance(x, tuple):
        return {(*path, i): v for i, v in enumerate(x)} if path else {}
    return {path: x}


def test_every_language_has_the_same_sections_keys_and_placeholders() -> None:
    nl = _leaves(dict(catalogue("nl")))
    for lang in LANGS[1:]:
        other = _leaves(dict(catalogue(lang)))
        assert set(other) == set(nl), set(other) ^ set(nl)
        wrong = [k for k in nl if _fields(nl[k]) != _fields(other[k])]
        assert not wrong, wrong
        assert all(isinstance(v, str | bool) or v is None for v in other.values())


def test_lookup_fills_fields_falls_back_and_names_a_missing_key() -> None:
    t = Wording("report")
    assert t("nl", "toc") == "Inhoud" and t("en", "toc") == "Contents"
    assert t("fr", "toc") == "Inhoud"  # a language not shipped: Dutch
    assert "7" in t("en", "cover_subtitle", n=7)
    with pytest.raises(KeyError):
        t("nl", "no such key")
    compare = Wording("compare", fallback=t)
    assert compare("en", "toc") == "Contents"  # not in the section: the fallback's
    with pytest.raises(KeyError):
        compare("nl", "no such key")


def _wording_dicts(path: Path) -> list[int]:
    """Lines of dict literals keyed by language codes ("nl" and "en") in ``path``."""
    lines = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Dict):
            keys = {k.value for k in node.keys if isinstance(k, ast.Constant)}
            if {"nl", "en"} <= keys:
                lines.append(node.lineno)
    return lines


def test_no_module_of_the_report_layer_keeps_its_own_wording() -> None:
    found = {
        str(p.relative_to(REPORT)): lines
        for p in sorted(REPORT.rglob("*.py"))
        if (lines := _wording_dicts(p))
    }
    assert not found, found
