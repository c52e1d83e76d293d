"""The public surface is guarded: each package's ``__all__`` is sorted and importable."""

from __future__ import annotations

import importlib

import pytest

PACKAGES = [
    "barometer.questionnaire",
    "barometer.dataset",
    "barometer.stats",
    "barometer.report",
    "barometer.disclosure",
]


def isort_key(name: str) -> tuple[int, str]:
    """The order ruff (RUF022) keeps: CONSTANTS, then Classes, then functions, each sorted."""
    if name.isupper() or (name.upper() == name and "_" in name):
        return (0, name)
    return (1, name) if name[:1].isupper() else (2, name)


@pytest.mark.parametrize("name", PACKAGES)
def test_all_is_sorted_and_exported(name: str) -> None:
    module = importlib.import_module(name)
    exported = getattr(module, "__all__", None)
    assert exported is not None, f"{name} has no __all__"
    assert exported == sorted(exported, key=isort_key), f"{name}.__all__ is not sorted"
    for member in exported:
        assert hasattr(module, member), f"{name}.__all__ names missing {member}"
