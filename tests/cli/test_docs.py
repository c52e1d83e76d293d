"""The docs stay true: every command has help text and docs/cli.md is current."""

from __future__ import annotations

import difflib
import importlib.util
from pathlib import Path

import click
import pytest

from barometer.cli import main

ROOT = Path(__file__).resolve().parents[2]


def _tool():
    spec = importlib.util.spec_from_file_location("cli_docs", ROOT / "tools" / "cli_docs.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


COMMANDS = _tool().walk(main, ["barometer"])


@pytest.mark.parametrize("path,cmd", COMMANDS, ids=[" ".join(p) for p, _ in COMMANDS])
def test_every_command_has_help(path: list[str], cmd: click.Command) -> None:
    assert cmd.help and len(cmd.help.strip()) > 10, f"{' '.join(path)} has no help text"
    for param in cmd.params:
        if isinstance(param, click.Option):
            assert param.help, f"{' '.join(path)} {param.opts[0]} has no help text"


def test_cli_reference_is_current() -> None:
    committed = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    current = _tool().render()
    diff = "".join(
        difflib.unified_diff(
            committed.splitlines(True), current.splitlines(True), "committed", "now"
        )
    )
    assert not diff, f"docs/cli.md is stale: run python tools/cli_docs.py\n{diff}"


@pytest.mark.parametrize("path,cmd", COMMANDS, ids=[" ".join(p) for p, _ in COMMANDS])
def test_every_command_is_in_the_readme_or_reference(path: list[str], cmd: click.Command) -> None:
    reference = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert f"## {' '.join(path)}\n" in reference
