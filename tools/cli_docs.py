"""Write docs/cli.md from the click commands' own help text (``python tools/cli_docs.py``).

A test checks that the committed file equals what this script writes, so the docs stay true.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from barometer.cli import main as cli_main

HEADER = """# Command reference

Generated from the commands' own help by `tools/cli_docs.py`; do not edit by hand.
Every command exits 0 on success; 1 with one clear message listing every problem when the
input cannot be used (a file that does not validate, an unknown wave); and 2 for a usage
error, before anything is read: a missing argument, an unknown option, a file that does not
exist (click's convention, as most command-line tools have it).

## Comparing waves: `compare` and `trends`

Two commands compare waves, and each has its own job; neither does the other's:

- `barometer compare` puts the **report's own figures** side by side for waves on the **same
  questionnaire**: every percentage exactly as each wave's report prints it, figure by figure
  (with the Nordic comparisons), with a two-proportion test on each change. A question whose
  definition changed reads "not comparable"; it knows nothing of item mappings or panels.
- `barometer trends` follows **indicators across questionnaire versions** (through the item
  mapping, docs/questionnaire-versions.md): both waves with intervals, the change tested as
  independent samples (design-based, each wave weighted to its own frame, when frames are
  given), and McNemar's paired test for the panel organisations; a note where the wording
  changed, nothing for new or retired items (docs/trends.md). `barometer report --previous`
  puts the same trend section in a wave's report; `barometer panel` writes the long table
  of several waves (docs/panel.md).
"""


def walk(cmd: click.Command, path: list[str]) -> list[tuple[list[str], click.Command]]:
    out = [(path, cmd)]
    if isinstance(cmd, click.Group):
        for name in sorted(cmd.commands):
            out.extend(walk(cmd.commands[name], [*path, name]))
    return out


def render() -> str:
    parts = [HEADER]
    for path, cmd in walk(cli_main, ["barometer"]):
        ctx = click.Context(
            cmd,
            info_name=" ".join(path),
            terminal_width=88,
            max_content_width=88,
            help_option_names=["-h", "--help"],
        )
        parts.append(f"\n## {' '.join(path)}\n\n```text\n{cmd.get_help(ctx)}\n```\n")
    return "".join(parts)


def target() -> Path:
    return Path(__file__).resolve().parents[1] / "docs" / "cli.md"


if __name__ == "__main__":
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else target()
    path.write_text(render(), encoding="utf-8")
    print(f"wrote {path}")
